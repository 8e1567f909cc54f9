"""The table of forensic methods: adding a method is adding a module and one line here."""

from __future__ import annotations

from inspector.forensics.base import CaseMethod, DocumentMethod, PageMethod

# (name, method) run on every page of every readable document.
PAGE_METHODS: tuple[tuple[str, PageMethod], ...] = ()
# (name, method) run once per document (its file: PDF structure).
DOCUMENT_METHODS: tuple[tuple[str, DocumentMethod], ...] = ()
# (name, method) run once per case, over all its documents (seals shared across issuers).
CASE_METHODS: tuple[tuple[str, CaseMethod], ...] = ()
