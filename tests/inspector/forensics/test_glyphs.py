"""glyph and alignment: a retyped digit or value is found where it is; genuine, re-saved and fax-like
scans stay quiet.

Pages are rendered and forged with inspector.synth, scanned, saved and decoded as the reader would;
the OCR words are the lines the renderer drew (Tesseract would take seconds per page)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.forensics.alignment import alignment
from inspector.forensics.base import PageEvidence
from inspector.forensics.glyphs import glyph
from inspector.forensics.textmeasure import measure
from inspector.synth.scan import ScanProfile
from inspector.synth.tamper import make_pair
from tests.inspector.forensics.pages import FAX, SCAN, overlap, scanned_evidence

# About the threshold calibrated on genuine documents at a 1% false-positive rate (t77 corpus).
GLYPH_BAR = 6.0
ALIGN_BAR = 4.5


def evidence(img: Image.Image, drawn, path: Path, profile: ScanProfile = SCAN, quality: int = 85,
             resave: int | None = None) -> PageEvidence:
    """The page as the reader gets it, its words on one OCR line per row of the page, as Tesseract reads
    a table row: words whose middles are close."""
    return scanned_evidence(img, drawn, path, profile, quality=quality, resave=resave,
                            line=lambda i, box: round((box[1] + box[3] / 2) / 12))


def _best(signals):
    return max(signals, key=lambda s: s.score, default=None)


@pytest.fixture(scope="module")
def overwritten():
    pair = make_pair(77, 0, "digit_overwrite")  # one or two digits retyped in another font and ink
    assert pair.edit.page == 0
    return pair


@pytest.fixture(scope="module")
def retyped():
    pair = make_pair(77, 19, "whiteout_retype")  # a whole value retyped over correction tape
    assert pair.edit.page == 0
    return pair


def test_a_retyped_digit_is_found_where_it_is(overwritten, tmp_path: Path) -> None:
    ev = evidence(overwritten.forged_page, overwritten.rendered.drawn, tmp_path / "forged.jpg")
    best = _best(glyph(ev))
    assert best is not None and best.score >= GLYPH_BAR
    assert overlap(best.bbox, overwritten.edit.bbox)
    assert best.detail["kind"] == "within"
    heat = best.overlay.heatmap
    assert heat.dtype == np.float32 and max(heat.shape) <= 256 and heat.max() == pytest.approx(1.0)


def test_a_value_retyped_over_tape_is_found_where_it_is(retyped, tmp_path: Path) -> None:
    ev = evidence(retyped.forged_page, retyped.rendered.drawn, tmp_path / "forged.jpg")
    best = _best(glyph(ev))
    assert best is not None and best.score >= GLYPH_BAR
    assert overlap(best.bbox, retyped.edit.bbox)


@pytest.mark.parametrize("scan", ["plain", "resaved", "fax"])
def test_genuine_pages_stay_quiet(overwritten, retyped, scan: str, tmp_path: Path) -> None:
    profile = FAX if scan == "fax" else SCAN
    for pair in (overwritten, retyped):
        ev = evidence(pair.rendered.pages[0], pair.rendered.drawn, tmp_path / "control.jpg", profile,
                      resave=60 if scan == "resaved" else None)
        best = _best(glyph(ev))
        assert best is None or best.score < GLYPH_BAR, best
        best = _best(alignment(ev))
        assert best is None or best.score < ALIGN_BAR, best


def test_characters_are_measured_from_the_page() -> None:
    """Digits drawn one lighter and lower than the others: ink and baseline tell it."""
    img = Image.new("L", (400, 80), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    draw.text((10, 10), "12", font=font, fill=0)
    draw.text((10 + font.getlength("12"), 13), "3", font=font, fill=80)
    draw.text((10 + font.getlength("123"), 10), "45", font=font, fill=0)
    fig = measure(np.asarray(img), (8, 8, 140, 50), text="12345")
    assert fig is not None and fig.n == 5 and fig.level.all()
    assert fig.bottom[2] - np.median(fig.bottom) == pytest.approx(3, abs=1)
    assert np.median(fig.ink) - fig.ink[2] > 50


def test_a_figure_ocr_misread_is_not_measured() -> None:
    """OCR read one character where two stand: text and characters disagree, nothing is measured."""
    img = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(img).text((10, 5), "12", font=ImageFont.truetype(
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40), fill=0)
    assert measure(np.asarray(img), (8, 3, 80, 50), text="7") is None


@pytest.mark.parametrize("shift", [0, 3])
def test_a_value_moved_off_its_row_is_found(retyped, shift: int, tmp_path: Path) -> None:
    """A goods-line figure cut out and pasted 3 px lower (no other trace): alignment sees it."""
    img = retyped.rendered.pages[0].copy()
    d = next(d for d in retyped.rendered.drawn if d.page == 0 and d.text == "11,000.00")
    x, y, w, h = d.bbox
    patch = img.crop((x - 2, y - 2, x + w + 2, y + h + 2))
    ImageDraw.Draw(img).rectangle((x - 2, y - 2, x + w + 2, y + h + 2), fill=255)
    img.paste(patch, (x - 2, y - 2 + shift))
    ev = evidence(img, retyped.rendered.drawn, tmp_path / "moved.jpg")
    best = _best(alignment(ev))
    if shift:
        assert best is not None and best.score >= 4.0 and overlap(best.bbox, d.bbox, 0)
        assert best.detail["kind"] == "row" and best.detail["residual_px"] == pytest.approx(shift, abs=1)
    else:
        assert best is None or best.score < ALIGN_BAR
