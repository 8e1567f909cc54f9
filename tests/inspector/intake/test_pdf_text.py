"""A PDF page's own text layer: read into words boxed on the rendered page, used instead of OCR
on a born-digital page, refused on a scan (with or without an OCR layer) and on garbage."""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from inspector.extract.fields import extract_document
from inspector.imaging import clean_page
from inspector.intake import load_pages
from inspector.intake.pdf_text import TEXT_LAYER_CONF, read_text_layer
from inspector.models import DocType
from inspector.ocr.tesseract import Tesseract, TesseractArgs, probe
from inspector.pipeline import Reader
from inspector.synth.canvas import has_cjk
from inspector.synth.case import make_case_shipment
from inspector.synth.render import Rendered, render_document
from inspector.synth.text_pdf import TextRun, write_text_pdf

# Fields the blocks invoice prints in Latin script, read exactly from its text layer.
FIELDS = ("invoice_number", "date", "exporter", "consignee", "total_value", "currency",
          "total_net_weight_kg", "total_gross_weight_kg", "packages", "licence_number", "vessel")


@pytest.fixture(scope="module")
def invoice() -> Rendered:
    """A synthetic commercial invoice drawn in Latin script only (the blocks layout)."""
    rendered = render_document(make_case_shipment(3), DocType.COMMERCIAL_INVOICE, random.Random(1),
                               layout="blocks")
    assert not any(has_cjk(d.text) for d in rendered.drawn)
    return rendered


def _runs(rendered: Rendered) -> list[TextRun]:
    return [TextRun(d.text, d.bbox) for d in rendered.drawn if d.page == 0 and d.text.strip()]


@pytest.fixture(scope="module")
def pdfs(invoice: Rendered, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The invoice as a born-digital PDF, as a bare scan, and as a scan with an OCR layer."""
    root = tmp_path_factory.mktemp("pdf_text")
    runs, image = _runs(invoice), invoice.pages[0]
    return {
        "born": write_text_pdf(root / "born.pdf", [runs]),
        "scan": write_text_pdf(root / "scan.pdf", [[]], images=[image]),
        "ocr_layer": write_text_pdf(root / "ocr_layer.pdf", [runs], images=[image], invisible=True),
        "covered": write_text_pdf(root / "covered.pdf", [runs], images=[image], cover_text=True),
        "blank": write_text_pdf(root / "blank.pdf", [[TextRun("   ", (200, 200, 300, 30))]]),
        "stamp": write_text_pdf(root / "stamp.pdf", [[TextRun("Page 1", (200, 3300, 150, 30))]]),
    }


def _no_tesseract() -> Tesseract:
    """A Tesseract that cannot run: reading with it proves no OCR was needed."""
    return Tesseract(Path("/nonexistent/tesseract"), None, "5.3.0", frozenset({"eng", "chi_sim"}))


def _ink_outside(image: np.ndarray, boxes: list[tuple[int, int, int, int]], pad: int = 3) -> float:
    """Share of the page's dark pixels that lie outside every box."""
    dark = image < 128
    inside = np.zeros_like(dark)
    for x, y, w, h in boxes:
        inside[max(0, y - pad): y + h + pad, max(0, x - pad): x + w + pad] = True
    return float((dark & ~inside).sum()) / max(1, int(dark.sum()))


def test_born_digital_page_is_read_from_its_text_layer_without_ocr(pdfs, invoice) -> None:
    started = time.perf_counter()
    page = load_pages(pdfs["born"])[0]
    reading = Reader(_no_tesseract(), TesseractArgs(), None).read(page)
    extraction = extract_document([reading.ocr])
    elapsed = time.perf_counter() - started

    assert page.text_layer is not None
    assert elapsed < 2.0  # OCR of such a page takes several seconds
    assert reading.ocr.words == page.text_layer
    assert all(w.conf == TEXT_LAYER_CONF for w in reading.ocr.words)
    assert extraction.type == DocType.COMMERCIAL_INVOICE
    for name in FIELDS:
        assert extraction.fields[name].value == invoice.fields[name], name


def test_text_layer_boxes_lie_on_the_printed_words(pdfs, invoice) -> None:
    page = load_pages(pdfs["born"])[0]
    clean = clean_page(page)
    assert clean.text_layer == page.text_layer and clean.image.shape == page.image.shape
    boxes = [w.bbox for w in page.text_layer]
    assert _ink_outside(clean.image, boxes) < 0.02
    assert all((clean.image[y: y + h, x: x + w] < 128).any() for x, y, w, h in boxes)
    first = page.text_layer[0]  # the exporter's name heads the page, where it was drawn
    drawn = invoice.drawn[0]
    assert first.text == drawn.text.split()[0]
    assert abs(first.bbox[0] - drawn.bbox[0]) <= 4 and abs(first.bbox[1] - drawn.bbox[1]) <= 8


def test_words_are_grouped_into_lines_in_reading_order(pdfs, invoice) -> None:
    page = load_pages(pdfs["born"])[0]
    by_line: dict[tuple[int, int, int], list[str]] = {}
    for w in page.text_layer:
        by_line.setdefault(w.line_key, []).append(w.text)
    lines = [" ".join(ws) for ws in by_line.values()]
    assert lines[0] == invoice.drawn[0].text  # "CO., LTD." keeps its comma on its line
    assert len(lines) < len(page.text_layer) / 2


def test_boxes_follow_a_rotated_page(pdfs, tmp_path) -> None:
    doc = pdfium.PdfDocument(pdfs["born"])
    doc[0].set_rotation(90)
    turned = tmp_path / "turned.pdf"
    doc.save(str(turned))
    doc.close()
    page = load_pages(turned)[0]
    assert page.image.shape[1] > page.image.shape[0]  # rendered landscape
    assert page.text_layer is not None
    tall = [w for w in page.text_layer if len(w.text) >= 6]
    assert all(w.bbox[3] > w.bbox[2] for w in tall)  # words run down the page
    assert _ink_outside(page.image, [w.bbox for w in page.text_layer]) < 0.02


@pytest.mark.parametrize("name", ["scan", "ocr_layer", "covered", "blank", "stamp"])
def test_pages_without_a_usable_text_layer_go_to_ocr(pdfs, name) -> None:
    page = load_pages(pdfs[name])[0]
    assert page.text_layer is None


@pytest.mark.parametrize("name", ["ocr_layer", "covered"])
def test_hidden_layers_are_read_but_not_seen(pdfs, name) -> None:
    doc = pdfium.PdfDocument(pdfs[name])
    page = doc[0]
    layer = read_text_layer(page, (2480, 3508))
    assert layer.words and not layer.seen
    assert layer.image_cover > 0.9
    page.close()
    doc.close()


def test_scanned_pdf_still_goes_through_ocr(pdfs, invoice) -> None:
    page = load_pages(pdfs["scan"])[0]
    reader = Reader(probe(), TesseractArgs(), None)
    with pytest.raises(Exception):  # noqa: B017, PT011 - any failure to run proves OCR was asked for
        Reader(_no_tesseract(), TesseractArgs(), None).read(page)
    extraction = extract_document([reader.read(page).ocr])
    assert extraction.fields["invoice_number"].value == invoice.fields["invoice_number"]
    assert extraction.fields["total_value"].value == invoice.fields["total_value"]
