"""glyph and alignment: a retyped digit or value is found where it is; genuine, re-saved and fax-like
scans stay quiet.

Pages are rendered and forged with inspector.synth, scanned, saved and decoded as the reader would;
the OCR words are the lines the renderer drew (Tesseract would take seconds per page)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.forensics.alignment import alignment
from inspector.forensics.base import PageEvidence
from inspector.forensics.glyphs import glyph
from inspector.forensics.textmeasure import figures, measure
from inspector.forensics.thresholds import load
from inspector.synth.scan import ScanProfile
from inspector.synth.tamper import make_pair
from tests.inspector.forensics.pages import FAX, SCAN, overlap, scanned_evidence

# The shipped threshold (calibrated on genuine documents at a 2% false-positive rate, t77 corpus).
GLYPH_BAR = load(None).get("glyph").threshold
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


def test_a_unit_character_read_as_a_digit_is_not_measured_as_one() -> None:
    """"4800个" read "48007": the stem of 个 stands where the 7 would, shorter and thin; it is no digit
    and takes no part in the figure's statistics (it used to score as a retyped 7)."""
    img = Image.new("L", (320, 70), 255)
    draw = ImageDraw.Draw(img)
    draw.text((10, 10), "4800", font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40), fill=0)
    x = 10 + 4 * 26
    draw.line([(x + 13, 16), (x + 13, 48)], fill=0, width=3)  # a stem, lower top than the digits
    fig = measure(np.asarray(img), (8, 8, 150, 50), text="48007")
    assert fig is not None and fig.n == 5
    assert fig.level[:4].all() and not fig.level[4]


def test_a_bold_label_in_a_value_box_is_not_part_of_the_figure(tmp_path: Path) -> None:
    """A value box that spans its printed label ("CNTR NO.: OOLU7679225"): the bold label is another
    weight of print, not a retyped character, and the figure is measured from the value's words only."""
    img = Image.new("L", (1200, 120), 255)
    draw = ImageDraw.Draw(img)
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 34)
    regular = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    draw.text((20, 40), "CNTR NO.:", font=bold, fill=0)
    label_w = int(bold.getlength("CNTR NO.: "))
    draw.text((20 + label_w, 40), "OOLU7679225", font=regular, fill=0)
    value_w = int(regular.getlength("OOLU7679225"))
    word = lambda text, x0, x1: SimpleNamespace(text=text, bbox=(x0, 38, x1 - x0, 40), conf=95.0)  # noqa: E731
    label1_w, label2_x = int(bold.getlength("CNTR")), 20 + int(bold.getlength("CNTR "))
    words = [word("CNTR", 20, 20 + label1_w), word("NO.:", label2_x, 20 + label_w - 10),
             word("OOLU7679225", 20 + label_w, 20 + label_w + value_w)]
    box = (18, 36, label_w + value_w + 6, 44)
    ev = SimpleNamespace(clean=SimpleNamespace(image=np.asarray(img)), ocr=SimpleNamespace(words=words),
                         value_boxes=lambda: [SimpleNamespace(bbox=box, field="container_numbers",
                                                              text="OOLU7679225")])
    figs = figures(ev)
    assert len(figs) == 1 and figs[0].field == "container_numbers"
    assert figs[0].text == "OOLU7679225" and figs[0].bbox[0] >= 20 + label_w - 2
