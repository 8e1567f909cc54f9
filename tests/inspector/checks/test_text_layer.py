"""TAMPER_SUSPECTED from a text layer that says 12,000.00 where the page prints 21,000.00, and
silence on honest PDFs (born-digital, or a scan with a true OCR layer)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from inspector.ocr.tesseract import probe
from inspector.ocr.text_compare import compare_pdf, printed_digits
from inspector.synth.canvas import Sheet
from inspector.synth.text_pdf import TextRun, write_text_pdf

PRINTED, FORGED = "21,000.00", "12,000.00"
LINES = ("COMMERCIAL INVOICE", "Invoice No.: INV-2024-0815", "Date: 12 March 2024",
         "Seller: Baotou Rare Earth Co., Ltd.", "Buyer: Liberty Trading Inc.",
         "Description: Dysprosium oxide 99.9%, 20 drums", f"Total value: USD {PRINTED}",
         "Net weight: 1,250.00 kg", "Gross weight: 1,310.00 kg", "Packages: 20 drums")


def _invoice() -> tuple[Image.Image, list[TextRun]]:
    """A one-page invoice drawn with PIL, and its lines as text runs over the drawn ink."""
    sheet = Sheet()
    for i, line in enumerate(LINES):
        sheet.text(200, 200 + 80 * i, line)
    return sheet.pages[0], [TextRun(d.text, d.bbox) for d in sheet.drawn]


def _forge(runs: list[TextRun]) -> list[TextRun]:
    return [TextRun(r.text.replace(PRINTED, FORGED), r.bbox) for r in runs]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("text_layer")
    image, runs = _invoice()
    return {
        "born": write_text_pdf(root / "born.pdf", [runs]),
        "honest_scan": write_text_pdf(root / "honest_scan.pdf", [runs], images=[image], invisible=True),
        "forged_scan": write_text_pdf(root / "forged_scan.pdf", [_forge(runs)], images=[image],
                                      invisible=True),
        "forged_covered": write_text_pdf(root / "forged_covered.pdf", [_forge(runs)], images=[image],
                                         cover_text=True),
        "scan": write_text_pdf(root / "scan.pdf", [[]], images=[image]),
    }


@pytest.mark.parametrize("name", ["forged_scan", "forged_covered"])
def test_a_layer_that_contradicts_the_print_is_found(pdfs, name) -> None:
    found = compare_pdf(str(pdfs[name]), probe())
    assert len(found) == 1
    d = found[0]
    assert (d.layer, printed_digits(d.printed), d.page, d.seen) == (FORGED, "2100000", 1, False)
    row = LINES.index(f"Total value: USD {PRINTED}")
    assert abs(d.bbox[1] - (200 + 80 * row)) < 30 and d.bbox[0] > 500  # on the total, right of the label


@pytest.mark.parametrize("name", ["born", "honest_scan", "scan"])
def test_honest_pdfs_raise_nothing(pdfs, name) -> None:
    started = time.perf_counter()
    assert compare_pdf(str(pdfs[name]), probe()) == []
    assert time.perf_counter() - started < 5.0  # a few crops, one Tesseract call per page


def test_check_reports_tamper_with_both_readings(pdfs, data_dir, run_cli) -> None:
    result = run_cli("check", str(pdfs["forged_scan"]), "--json", "--data-dir", str(data_dir),
                     "--no-save").json()
    tamper = [f for f in result["findings"] if f["code"] == "TAMPER_SUSPECTED"]
    assert len(tamper) == 1
    f = tamper[0]
    assert f["severity"] == "medium" and f["page"] == 1 and f["bbox"]
    assert f["evidence"]["text_layer"] == FORGED
    assert printed_digits(f["evidence"]["printed"]) == "2100000"
    assert f["evidence"]["method"] == "text_layer_vs_print" and f["evidence"]["layer"] == "hidden"
    assert FORGED in f["message"]
    # The fields were read from the print (the layer of a scan is not trusted for reading).
    assert result["documents"][0]["fields"]["total_value"] == 21000.0


def test_check_is_silent_on_a_born_digital_pdf(pdfs, data_dir, run_cli) -> None:
    result = run_cli("check", str(pdfs["born"]), "--json", "--data-dir", str(data_dir),
                     "--no-save").json()
    assert not [f for f in result["findings"] if f["code"] == "TAMPER_SUSPECTED"]
    assert result["documents"][0]["fields"]["total_value"] == 21000.0
