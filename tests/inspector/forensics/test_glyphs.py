"""glyph and alignment: a retyped digit or value is found where it is; genuine, re-saved and fax-like
scans stay quiet.

Pages are rendered and forged with inspector.synth, scanned, saved and decoded as the reader would;
the OCR words are the lines the renderer drew (Tesseract would take seconds per page)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.forensics.alignment import alignment
from inspector.forensics.base import PageEvidence
from inspector.forensics.glyphs import glyph
from inspector.forensics.textmeasure import measure
from inspector.imaging.clean import clean_page
from inspector.intake.load import load_pages
from inspector.intake.sniff import FileKind
from inspector.models import Document, OcrPage, Word
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.tamper import make_pair

SCAN = ScanProfile(blur=0.4, noise=2.5, uneven_light=0.03)
FAX = ScanProfile(dpi=200, fax=True, speckle=0.0005)
# About the threshold calibrated on genuine documents at a 1% false-positive rate (t77 corpus).
GLYPH_BAR = 6.0
ALIGN_BAR = 4.5


def evidence(img: Image.Image, drawn, path: Path, profile: ScanProfile = SCAN, quality: int = 85,
             resave: int | None = None) -> PageEvidence:
    """Page 1 scanned with `profile`, saved (JPEG at `quality`, PNG for a fax), optionally re-saved
    at `resave`, decoded and cleaned; the words are the drawn lines of page 1."""
    scanned = simulate_scan(img, profile, random.Random(5))
    kind = FileKind.PNG if profile.fax else FileKind.JPEG
    if profile.fax:
        path = path.with_suffix(".png")
        scanned.save(path, dpi=(profile.dpi, profile.dpi))
    else:
        scanned.save(path, quality=quality, dpi=(profile.dpi, profile.dpi))
        if resave is not None:
            Image.open(path).save(path, quality=resave, dpi=(profile.dpi, profile.dpi))
    page = load_pages(path)[0]
    clean = clean_page(page)
    scale = clean.image.shape[1] / img.width
    boxes = [(d.text, tuple(int(round(v * scale)) for v in d.bbox)) for d in drawn if d.page == 0]
    # one OCR line per row of the page, as Tesseract reads a table row: words whose middles are close
    words = tuple(Word(text, 95.0, box, line=round((box[1] + box[3] / 2) / 12))  # type: ignore[arg-type]
                  for text, box in boxes)
    ocr = OcrPage(1, clean.image.shape[1], clean.image.shape[0], words)
    return PageEvidence(Document(0, str(path)), page, clean, ocr, kind)


def _overlap(a, b, slack: int = 10) -> bool:
    return (a[0] - slack < b[0] + b[2] and b[0] - slack < a[0] + a[2]
            and a[1] - slack < b[1] + b[3] and b[1] - slack < a[1] + a[3])


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
    assert _overlap(best.bbox, overwritten.edit.bbox)
    assert best.detail["kind"] == "within"
    heat = best.overlay.heatmap
    assert heat.dtype == np.float32 and max(heat.shape) <= 256 and heat.max() == pytest.approx(1.0)


def test_a_value_retyped_over_tape_is_found_where_it_is(retyped, tmp_path: Path) -> None:
    ev = evidence(retyped.forged_page, retyped.rendered.drawn, tmp_path / "forged.jpg")
    best = _best(glyph(ev))
    assert best is not None and best.score >= GLYPH_BAR
    assert _overlap(best.bbox, retyped.edit.bbox)


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
        assert best is not None and best.score >= 4.0 and _overlap(best.bbox, d.bbox, 0)
        assert best.detail["kind"] == "row" and best.detail["residual_px"] == pytest.approx(shift, abs=1)
    else:
        assert best is None or best.score < ALIGN_BAR
