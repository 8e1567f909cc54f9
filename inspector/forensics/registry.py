"""The table of forensic methods: adding a method is adding a module and one line here."""

from __future__ import annotations

from inspector.forensics.base import CaseMethod, DocumentMethod, PageMethod
from inspector.forensics.copy_move import copy_move
from inspector.forensics.glyphs import glyph
from inspector.forensics.jpeg import ela, jpeg_ghost
from inspector.forensics.noise import noise
from inspector.forensics.pdf_structure import pdf_structure
from inspector.forensics.seals import seal_reuse
from inspector.forensics.tape import tape

# (name, method) run on every page of every readable document.
PAGE_METHODS: tuple[tuple[str, PageMethod], ...] = (
    ("noise", noise),
    ("ela", ela),
    ("jpeg_ghost", jpeg_ghost),
    ("copy_move", copy_move),
    ("glyph", glyph),
    ("tape", tape),
)
# (name, method) run once per document (its file: PDF structure).
DOCUMENT_METHODS: tuple[tuple[str, DocumentMethod], ...] = (
    ("pdf_structure", pdf_structure),
)
# (name, method) run once per case, over all its documents (seals shared across issuers).
CASE_METHODS: tuple[tuple[str, CaseMethod], ...] = (
    ("seal", seal_reuse),
)
