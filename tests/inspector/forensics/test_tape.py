"""tape: a value under correction tape (outlined or not) is found on its box; genuine ruled cells,
re-saved JPEGs and fax-like scans stay quiet.

Pages are rendered with inspector.synth (an invoice whose goods figures sit in a ruled table), taped
over here with PIL (so that outline and fill are chosen, not drawn at random), scanned, saved and
decoded as the reader would; the OCR words are the lines the renderer drew."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.forensics.base import PageEvidence
from inspector.forensics.tape import measure, tape
from inspector.synth.scan import ScanProfile
from inspector.synth.tamper import locate, make_pair
from tests.inspector.forensics.pages import FAX, SCAN, overlap, scanned_evidence

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


@pytest.fixture(scope="module")
def pair():
    return make_pair(77, 3, "whiteout_retype")  # an invoice; the total sits in the goods table


def _target(pair):
    return next(d for d in pair.rendered.drawn if d.page == 0 and d.text == pair.edit.original)


def taped(pair, *, outline: int | None, fill: int) -> Image.Image:
    """The untouched page with the value under a rectangle of tape, 8 px wider and 5 px taller
    than it on each side, a new value typed on it."""
    drawn = _target(pair)
    img = pair.rendered.pages[0].copy()
    x, y, w, h = drawn.bbox
    draw = ImageDraw.Draw(img)
    ink = (lambda v: (v, v, v)) if img.mode == "RGB" else (lambda v: v)
    draw.rectangle((x - 8, y - 5, x + w + 8, y + h + 5), fill=ink(fill),
                   outline=ink(outline) if outline is not None else None, width=1)
    placed = locate(drawn)
    draw.text(placed.origin, pair.edit.edited, font=ImageFont.truetype(FONT, placed.font.size), fill=ink(40))
    return img


def evidence(img: Image.Image, pair, path: Path, profile: ScanProfile = SCAN, resave: int | None = None
             ) -> PageEvidence:
    """The page as the reader gets it; the total value's box is the drawn value's."""
    return scanned_evidence(img, pair.rendered.drawn, path, profile, resave=resave, value=_target(pair).bbox)


@pytest.mark.parametrize(("outline", "fill", "least"), [(205, 253, 10.0), (None, 250, 4.0)])
def test_tape_over_a_value_is_found_on_its_box(pair, tmp_path, outline, fill, least) -> None:
    ev = evidence(taped(pair, outline=outline, fill=fill), pair, tmp_path / "forged.jpg")
    signals = sorted(tape(ev), key=lambda s: -s.score)
    assert signals, "the tape must be seen"
    top = signals[0]
    assert overlap(top.bbox, _target(pair).bbox) and top.field == "total_value"
    assert top.score >= least
    assert top.detail["edges_found"] >= 3
    heat = top.overlay.heatmap
    assert heat is not None and float(heat.min()) >= 0.0 and float(heat.max()) <= 1.0


def test_the_untouched_ruled_page_and_its_resaved_copy_stay_quiet(pair, tmp_path) -> None:
    # Every goods figure of this invoice sits in a ruled table cell: full-length dark lines.
    for name, resave in (("control.jpg", None), ("resaved.jpg", 45)):
        ev = evidence(pair.rendered.pages[0], pair, tmp_path / name, resave=resave)
        assert list(tape(ev)) == [], name


def test_light_ruling_and_a_dark_cell_tight_around_a_value_are_not_tape(pair, tmp_path) -> None:
    img = pair.rendered.pages[0].copy()
    x, y, w, h = _target(pair).bbox
    draw = ImageDraw.Draw(img)
    ink = (lambda v: (v, v, v)) if img.mode == "RGB" else (lambda v: v)
    draw.line((100, y - 6, img.width - 100, y - 6), fill=ink(205), width=1)  # light ruling, page-wide
    draw.line((100, y + h + 6, img.width - 100, y + h + 6), fill=ink(205), width=1)
    draw.line((x - 9, y - 200, x - 9, y + h + 200), fill=ink(205), width=1)
    draw.line((x + w + 9, y - 200, x + w + 9, y + h + 200), fill=ink(205), width=1)
    ev = evidence(img, pair, tmp_path / "ruled.jpg")
    assert max((s.score for s in tape(ev)), default=0.0) < 4.0


def test_a_fax_like_page_and_a_photo_are_not_judged(pair, tmp_path) -> None:
    forged = taped(pair, outline=205, fill=253)
    assert list(tape(evidence(forged, pair, tmp_path / "fax", profile=FAX))) == []
    ev = evidence(forged, pair, tmp_path / "photo.jpg")
    assert list(tape(replace(ev, clean=replace(ev.clean, photo=True)))) == []


def test_measure_reads_the_rectangle_and_its_sides(pair, tmp_path) -> None:
    ev = evidence(taped(pair, outline=205, fill=253), pair, tmp_path / "forged.jpg")
    box = ev.document.fields["total_value"].bbox
    label = measure(ev.clean.image, box)
    assert label is not None
    # The right side runs into the table's ruling right after the wider retyped value: three sides.
    assert sum(s is not None and s.dip > 10 for s in label.sides) >= 3
    x, y, w, h = label.bbox  # the tape: 8 px wider and 5 px taller than the value on each side
    assert abs(x - (box[0] - 8)) <= 4 and abs(y - (box[1] - 5)) <= 4
