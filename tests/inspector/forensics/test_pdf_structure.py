"""PDF structure: incremental updates, editing software and dates fire; PDFs written once, as the scanner
or the synthetic corpus writes them, stay quiet. The PDFs are built here (Pillow, PDFium) and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw

from inspector.forensics.base import DocumentEvidence
from inspector.forensics.pdf_structure import (
    EARLY_SCORE,
    EDITOR_SCORE,
    LATE_SCORE,
    MODIFIED_LONG_SCORE,
    MODIFIED_SCORE,
    REVISION_SCORE,
    editor_name,
    parse_pdf_date,
    pdf_structure,
    read_facts,
)
from inspector.intake.sniff import FileKind
from inspector.models import DocType, Document, FieldValue
from inspector.synth.case import save_pages

MADE = dt.datetime(2026, 5, 24, 9, 30, tzinfo=dt.UTC)


def _page() -> Image.Image:
    img = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(img).text((100, 100), "COMMERCIAL INVOICE  No. INV-2026-0411  TOTAL 2,465.00 KG", fill=0)
    return img


def _pdf(path: Path, **info) -> Path:
    """A one-page scan saved once, by Pillow, with the Info entries given."""
    info.setdefault("creationDate", MADE.utctimetuple())
    info.setdefault("modDate", MADE.utctimetuple())
    _page().save(path, format="PDF", resolution=150.0, **info)
    return path


def _signals(path: Path, date: str | None = "2026-05-24", kind: FileKind | None = FileKind.PDF):
    fields = {"date": FieldValue(date, raw=date)} if date else {}
    doc = Document(0, str(path), DocType.COMMERCIAL_INVOICE, 1, fields=fields)
    return list(pdf_structure(DocumentEvidence(doc, str(path), kind, ())))


def _cues(path: Path, **kw) -> dict[str, float]:
    return {c["cue"]: c["score"] for s in _signals(path, **kw) for c in s.detail["cues"]}


def test_a_pdf_written_once_by_the_synthetic_scanner_is_quiet(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    save_pages([_page(), _page()], path, 150, created=MADE)
    facts = read_facts(path)
    assert facts is not None and facts.revisions == 1 and facts.raw_eof == 1 and facts.prev_pointers == 0
    assert _signals(path) == []


def test_a_pdf_made_with_plain_software_on_the_document_date_is_quiet(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "office.pdf", producer="Canon iR-ADV C5535 PDF", creator="Microsoft Word")
    assert _signals(path) == []


def test_an_incremental_update_fires(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "a.pdf")
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    text = pdfium.PdfImage.new(pdf)  # an object added to the page, as an editor pastes a patch
    bitmap = pdfium.PdfBitmap.from_pil(Image.new("RGB", (40, 20), (255, 255, 255)))
    text.set_bitmap(bitmap)
    text.set_matrix(pdfium.PdfMatrix().scale(40, 20).translate(100, 600))
    page.insert_obj(text)
    page.gen_content()
    edited = tmp_path / "edited.pdf"
    pdf.save(str(edited), flags=pdfium_c.FPDF_INCREMENTAL)
    pdf.close()
    facts = read_facts(edited)
    assert facts is not None and facts.revisions == 2 and facts.raw_eof == 2 and facts.prev_pointers >= 1
    (signal,) = _signals(edited)
    assert signal.method == "pdf_structure" and signal.page is None and signal.bbox is None
    assert signal.detail["cues"][0]["cue"] == "incremental_updates" and signal.score == REVISION_SCORE


@pytest.mark.parametrize("producer", ["Foxit PhantomPDF Printer Version 9.7", "iLovePDF", "Sejda PDF Desktop",
                                      "Smallpdf.com", "PDFescape Online", "Foxit PDF Editor 12.1",
                                      "Adobe Photoshop 24.0 (Windows)"])
def test_editing_software_in_the_producer_fires(tmp_path: Path, producer: str) -> None:
    assert _cues(_pdf(tmp_path / "e.pdf", producer=producer)) == {"editing_software": EDITOR_SCORE}


@pytest.mark.parametrize("software", ["Adobe Acrobat Pro DC 21.1 Paper Capture Plug-in", "Canon MF Scan Utility",
                                      "Microsoft: Print To PDF", "Skia/PDF m120", "LibreOffice 7.6", "Pillow"])
def test_software_that_makes_pdfs_is_not_an_editor(software: str) -> None:
    assert editor_name(software) is None


def test_the_editor_in_the_xmp_packet_fires(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "x.pdf")
    xmp = b"<x:xmpmeta><rdf:Description><xmp:CreatorTool>Sejda PDF Desktop</xmp:CreatorTool></rdf:Description>"
    path.write_bytes(path.read_bytes().replace(b"%PDF-1.4\n", b"%PDF-1.4\n%" + xmp + b"\n", 1))
    assert _cues(path) == {"editing_software": EDITOR_SCORE}


def test_modified_after_it_was_made_fires(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "m.pdf", modDate=(MADE + dt.timedelta(hours=3)).utctimetuple())
    assert _cues(path) == {"modified_after_created": MODIFIED_SCORE}
    same = _pdf(tmp_path / "s.pdf", modDate=(MADE + dt.timedelta(minutes=2)).utctimetuple())
    assert _cues(same) == {}  # written and closed within minutes


def test_dates_against_the_document_date(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "d.pdf")
    assert _cues(path, date="2026-01-10") == {}  # a licence scanned when it is used, months after its date
    edited = _pdf(tmp_path / "e.pdf", modDate=(MADE + dt.timedelta(days=30)).utctimetuple())
    assert _cues(edited, date="2026-01-10") == {"modified_after_created": MODIFIED_LONG_SCORE,
                                                "modified_long_after_document_date": LATE_SCORE}
    assert _cues(path, date="2026-09-30") == {}  # made before its date: alone, a wrong scanner clock
    assert _cues(edited, date="2026-09-30") == {"modified_after_created": MODIFIED_LONG_SCORE,
                                                "made_before_document_date": EARLY_SCORE}
    assert _cues(path, date="2026-06-10") == {}  # scanned within weeks of its date
    assert _cues(path, date=None) == {}


def test_a_scanner_clock_that_was_never_set_says_nothing(tmp_path: Path) -> None:
    unset = dt.datetime(1999, 12, 31, 0, 0, tzinfo=dt.UTC).utctimetuple()
    path = _pdf(tmp_path / "c.pdf", creationDate=unset, modDate=unset)
    assert _cues(path, date="2026-05-24") == {}


def test_not_a_pdf_or_a_damaged_one_gives_no_signal(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "p.pdf", producer="iLovePDF")
    assert _signals(path, kind=FileKind.JPEG) == []
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really\n")
    assert read_facts(broken) is None and _signals(broken) == []


def test_pdf_dates_parse_with_and_without_zones() -> None:
    assert parse_pdf_date("D:20260524093000+08'00'") == dt.datetime(2026, 5, 24, 1, 30, tzinfo=dt.UTC)
    assert parse_pdf_date("D:20260524093000Z") == MADE
    assert parse_pdf_date("D:2026") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert parse_pdf_date("yesterday") is None and parse_pdf_date("") is None
