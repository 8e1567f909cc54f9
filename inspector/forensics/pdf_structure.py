"""PDF structure: a PDF saved again after it was made, by editing software, or at odd dates.

What it measures (one document-wide signal, `page` None, when any cue fires; the score is the sum
of the cues' scores, each documented here):

- Incremental updates (`REVISION_SCORE` for the first extra revision, `+EXTRA_REVISION_SCORE` for
  each further one, capped): a PDF is written once by a scanner, a printer driver or an office
  program; an editor that changes it appends the changed objects and a new trailer after the first
  `%%EOF`. Revisions are counted by PDFium (`FPDF_GetTrailerEnds`) and, as a cross-check, from the
  raw bytes (`%%EOF` markers, `/Prev` pointers). A linearised ("fast web view") file carries two
  trailers by design, and a digital signature is written as an incremental update: both are
  discounted.
- Editing software in Producer or Creator, in the Info dictionary or the XMP packet
  (`EDITOR_SCORE`): see `EDITORS` for the list and where it comes from.
- Modified after it was created (`MODIFIED_SCORE`, more when `MODIFIED_LONG_DAYS` apart): ModDate
  later than CreationDate by more than `MODIFIED_SLACK` (scanners and PDF printers write both at
  once).
- Dates against the document's own date (field `date`): modified (ModDate past CreationDate) more
  than `LATE_DAYS` after the date printed on the paper (`LATE_SCORE`: a file opened and saved again
  months after its paper was issued; a scan made late and written once is normal: a licence is
  scanned when it is used, months after it was issued, so the creation date alone says nothing), or
  made more than `EARLY_DAYS` before it (`EARLY_SCORE`: a scan of a paper that did not exist yet).
  The early cue only corroborates: scanner clocks are often wrong, so alone it gives no signal (the
  synthetic corpus's tamper pairs are all dated 2026-01-01 too); a clock that was never set (a year
  before 2000) is ignored.

Limits: metadata is easy to rewrite, so a silent result says nothing; a careful forger who prints
and rescans, or who rewrites the file in one pass with a scanner's Producer string, leaves no
structural trace (the page methods look at the pixels). Online editors that re-render the whole
file write one revision: only their Producer string shows. Cheap: the bytes are read once and
PDFium opens the file without rendering (a few ms).

Measured (document dates from the truth files): no cue on any PDF of the synthetic corpora, genuine
or forged (46 of /tmp/tamper_t77, 33 of /tmp/corpus_s7, 259 of /tmp/corpus_h200, 25 of the
/tmp/corpus30b sequences): their forgeries are made before the scan, which a PDF's structure
cannot see. Its tests build edited PDFs (an incremental save by PDFium, editors' Producer strings).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.forensics.base import DocumentEvidence, Signal
from inspector.intake.sniff import FileKind

METHOD = "pdf_structure"

REVISION_SCORE = 1.0  # one incremental update after the file was made
EXTRA_REVISION_SCORE = 0.25  # each further one
REVISION_CAP = 2.0
EDITOR_SCORE = 1.0
MODIFIED_SCORE = 0.6
MODIFIED_LONG_SCORE = 0.8  # modified more than MODIFIED_LONG_DAYS after it was made
MODIFIED_SLACK = dt.timedelta(minutes=10)
MODIFIED_LONG_DAYS = 7
LATE_SCORE = 0.5
LATE_DAYS = 60
EARLY_SCORE = 0.4
EARLY_DAYS = 30
CLOCK_UNSET_YEAR = 2000
CORROBORATING = frozenset({"made_before_document_date"})  # counts only beside another cue  # a PDF date before this is a scanner whose clock was never set

# Software whose business is changing existing PDFs (or the page images inside them), as its name
# appears in the Producer / Creator strings it writes. Compiled from the vendors' own product names
# (Adobe Acrobat's and Foxit's editors, Tracker PDF-XChange Editor, Nitro, Wondershare PDFelement,
# Master PDF Editor, Sejda and the online editors iLovePDF, Smallpdf, PDFescape, pdfFiller, DocHub,
# Soda PDF, PDF Candy) and image editors that a page image passes through (Photoshop, GIMP).
# Acrobat itself is not on the list: it also makes PDFs from scans ("Paper Capture"); only its
# editing features' names are. Not exhaustive; a match is a cue, not proof.
EDITORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("PDF editor", r"pdf[\s-]*editor"),  # Foxit PDF Editor, Master PDF Editor, Icecream...
        ("Foxit PhantomPDF", r"phantom\s*pdf"),
        ("PDF-XChange Editor", r"pdf[\s-]*xchange\s*(editor|viewer)"),
        ("Acrobat edit", r"acrobat.*\b(touchup|edit\s*pdf)\b"),
        ("Nitro", r"\bnitro\s*(pro|pdf)"),
        ("PDFelement", r"pdf\s*element"),
        ("iLovePDF", r"ilove\s*pdf"),
        ("Sejda", r"\bsejda\b"),
        ("PDFescape", r"pdf\s*escape"),
        ("Smallpdf", r"small\s*pdf"),
        ("pdfFiller", r"pdf\s*filler"),
        ("DocHub", r"\bdochub\b"),
        ("Soda PDF", r"\bsoda\s*pdf"),
        ("PDF Candy", r"pdf\s*candy"),
        ("Photoshop", r"photoshop"),
        ("GIMP", r"\bgimp\b"),
        ("Inkscape", r"\binkscape\b"),
    )
)

_PDF_DATE = re.compile(rb"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?")
_PREV = re.compile(rb"/Prev\s+\d+")
_XMP_TOOL = re.compile(rb"<(?:xmp|xap):CreatorTool>([^<]{1,200})<|<pdf:Producer>([^<]{1,200})<")
_XMP_TOOL_ATTR = re.compile(rb"(?:xmp|xap):CreatorTool=\"([^\"]{1,200})\"|pdf:Producer=\"([^\"]{1,200})\"")


@dataclass(frozen=True)
class PdfFacts:
    """What the file says about itself: revisions, software and dates."""

    revisions: int  # trailers after discounting linearisation and signatures (1 for a file written once)
    raw_eof: int  # %%EOF markers in the bytes
    prev_pointers: int  # /Prev entries (a trailer that points at an earlier one)
    linearised: bool
    signatures: int
    producer: str
    creator: str
    xmp_tools: tuple[str, ...]
    created: dt.datetime | None
    modified: dt.datetime | None


def pdf_structure(evidence: DocumentEvidence) -> Iterator[Signal]:
    """One signal for a PDF whose structure, software or dates say it was changed after it was made."""
    if evidence.file_kind != FileKind.PDF:
        return
    facts = read_facts(Path(evidence.path))
    if facts is None:
        return
    cues = list(score_cues(facts, _document_date(evidence)))
    if not any(c["cue"] not in CORROBORATING for c in cues):
        return  # nothing, or only a date that a wrong scanner clock explains
    detail: dict[str, Any] = {
        "cues": cues, "revisions": facts.revisions, "producer": facts.producer, "creator": facts.creator,
        "created": facts.created.isoformat() if facts.created else None,
        "modified": facts.modified.isoformat() if facts.modified else None,
        "document_date": (d.isoformat() if (d := _document_date(evidence)) else None),
    }
    yield Signal(METHOD, round(sum(c["score"] for c in cues), 4), None, None, None, detail)


def read_facts(path: Path) -> PdfFacts | None:
    """The structure and metadata of a PDF; None when it cannot be opened."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    import pypdfium2 as pdfium  # imported here: image-only cases never load PDFium for this

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        trailers = _trailer_ends(pdf)
    finally:
        pdf.close()
    eof = data.count(b"%%EOF")
    linearised = b"/Linearized" in data[:2048]
    signatures = len(re.findall(rb"/ByteRange\s*\[", data))
    written = max(trailers, eof, 1)
    revisions = max(1, written - (1 if linearised and written > 1 else 0) - signatures)
    return PdfFacts(
        revisions=revisions, raw_eof=eof, prev_pointers=len(_PREV.findall(data)), linearised=linearised,
        signatures=signatures, producer=meta.get("Producer", ""), creator=meta.get("Creator", ""),
        xmp_tools=_xmp_tools(data), created=parse_pdf_date(meta.get("CreationDate", "")),
        modified=parse_pdf_date(meta.get("ModDate", "")),
    )


def _trailer_ends(pdf: Any) -> int:
    """Trailers PDFium found (one per revision); 0 when it cannot tell."""
    import pypdfium2.raw as pdfium_c

    try:
        return max(0, int(pdfium_c.FPDF_GetTrailerEnds(pdf.raw, None, 0)))
    except Exception:  # noqa: BLE001 - an older PDFium without the call: the raw count stands
        return 0


def _xmp_tools(data: bytes) -> tuple[str, ...]:
    """CreatorTool and Producer of the XMP packet (editors often update only this one)."""
    found = []
    for pattern in (_XMP_TOOL, _XMP_TOOL_ATTR):
        for match in pattern.finditer(data):
            text = (match.group(1) or match.group(2) or b"").decode("utf-8", "replace").strip()
            if text and text not in found:
                found.append(text)
    return tuple(found)


def parse_pdf_date(text: str) -> dt.datetime | None:
    """A PDF date ("D:20260524093000+08'00'", parts after the year optional) as an aware datetime
    (UTC when the zone is missing); None when it does not parse."""
    match = _PDF_DATE.search(text.encode("latin-1", "replace")) if text else None
    if match is None:
        return None
    parts = [int(g) if g else None for g in match.groups()[:6]]
    year, month, day, hour, minute, second = (p if p is not None else d for p, d in
                                              zip(parts, (0, 1, 1, 0, 0, 0), strict=True))
    sign = match.group(7)
    offset = dt.timedelta(hours=int(match.group(8) or 0), minutes=int(match.group(9) or 0))
    zone = dt.UTC if sign in (None, b"Z", b"z") else dt.timezone(offset if sign == b"+" else -offset)
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def score_cues(facts: PdfFacts, document_date: dt.date | None) -> Iterator[dict[str, Any]]:
    """Each cue that fires: {"cue", "score", and its evidence}."""
    if facts.revisions > 1:
        extra = facts.revisions - 1
        yield {"cue": "incremental_updates", "score": min(REVISION_CAP, REVISION_SCORE + EXTRA_REVISION_SCORE *
                                                          (extra - 1)),
               "revisions": facts.revisions, "eof_markers": facts.raw_eof, "prev_pointers": facts.prev_pointers}
    tools = {"producer": facts.producer, "creator": facts.creator, **{f"xmp{i}": t for i, t in
                                                                       enumerate(facts.xmp_tools)}}
    for where, text in tools.items():
        name = editor_name(text)
        if name:
            yield {"cue": "editing_software", "score": EDITOR_SCORE, "software": name, "where": where, "text": text}
            break
    created, modified = _set(facts.created), _set(facts.modified)
    if created and modified and modified - created > MODIFIED_SLACK:
        long = (modified - created).days >= MODIFIED_LONG_DAYS
        yield {"cue": "modified_after_created", "score": MODIFIED_LONG_SCORE if long else MODIFIED_SCORE,
               "hours": round((modified - created).total_seconds() / 3600, 1)}
    if document_date is None:
        return
    edited = modified if modified and (created is None or modified - created > MODIFIED_SLACK) else None
    if edited and (edited.date() - document_date).days > LATE_DAYS:
        yield {"cue": "modified_long_after_document_date", "score": LATE_SCORE,
               "days": (edited.date() - document_date).days}
    if created and (document_date - created.date()).days > EARLY_DAYS:
        yield {"cue": "made_before_document_date", "score": EARLY_SCORE,
               "days": (document_date - created.date()).days}


def editor_name(text: str) -> str | None:
    """The editing software a Producer/Creator string names, None for anything else."""
    return next((name for name, pattern in EDITORS if text and pattern.search(text)), None)


def _set(when: dt.datetime | None) -> dt.datetime | None:
    """A date from a clock that was set (None for a year before CLOCK_UNSET_YEAR)."""
    return when if when is not None and when.year >= CLOCK_UNSET_YEAR else None


def _document_date(evidence: DocumentEvidence) -> dt.date | None:
    value = evidence.document.value("date")
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
