"""Copy-move: a figure copied over another of a different measure is found, on the copy; genuine
pages (repeated values, re-saved, fax-like) stay quiet. Real rendered and scanned pages; the OCR
words are the lines as drawn (what OCR boxes), so the test needs no Tesseract."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from inspector.forensics.base import PageEvidence
from inspector.forensics.copy_move import copy_move
from inspector.models import DocType, Document, FieldValue, OcrPage, Page, Word
from inspector.pipeline import prepare_page
from inspector.synth.canvas import font
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.tamper import make_pair, numeric_targets
from tests.inspector.forensics.pages import overlap


def _evidence(image: Image.Image, fields: dict[str, FieldValue], words: list[Word], dpi: int = 300) -> PageEvidence:
    arr = np.asarray(image.convert("L"))
    page = Page("t.png", 1, dpi, arr)
    clean = prepare_page(page)
    doc = Document(0, "t.png", DocType.PACKING_LIST, fields=fields)
    return PageEvidence(doc, page, clean, OcrPage(1, clean.image.shape[1], clean.image.shape[0], tuple(words)), None)


def _scan(img: Image.Image, seed: int, profile: ScanProfile | None = None) -> Image.Image:
    return simulate_scan(img, profile or ScanProfile(blur=0.4, noise=3.0, jpeg_quality=85), random.Random(seed))


def _pair_evidence(index: int, forged: bool, profile: ScanProfile | None = None):
    pair = make_pair(77, index, "copy_move")
    page = pair.forged_page if forged else pair.rendered.pages[pair.edit.page]
    drawn = [d for d in pair.rendered.drawn if d.page == pair.edit.page]
    boxes = {d: d.bbox for d in drawn}
    texts = {d: d.text for d in drawn}
    if forged:  # OCR reads the copied text, with its source's size, where the original was
        original = next(d for d in drawn if d.text == pair.edit.original and overlap(d.bbox, pair.edit.bbox, 0))
        _, _, sw, sh = next(d for d in drawn if d.text == pair.edit.edited).bbox
        x, y, _, h = original.bbox
        boxes[original], texts[original] = (x, y + (h - sh) // 2, sw, sh), pair.edit.edited
    fields: dict[str, FieldValue] = {}
    for t in numeric_targets(pair.rendered, pair.edit.page):  # the last line showing a total is the total
        if t.field:
            fields[t.field] = FieldValue(t.drawn.text, texts[t.drawn], 1, boxes[t.drawn])
    words = [Word(texts[d], 95.0, boxes[d]) for d in drawn]
    scanned = _scan(page, 1 if forged else 2, profile)
    dpi = profile.dpi if profile else 300
    return pair, _evidence(scanned, fields, words, dpi)


@pytest.mark.parametrize("index", [5, 9, 17])
def test_a_copied_total_is_found_on_the_edited_box_and_its_control_is_quiet(index: int) -> None:
    pair, forged = _pair_evidence(index, True)
    signals = sorted(copy_move(forged), key=lambda s: -s.score)
    assert signals and signals[0].score >= 1.0
    assert any(overlap(s.bbox, pair.edit.bbox) for s in signals[:2])  # the copy (or its source, shown too)
    assert signals[0].overlay is not None and signals[0].overlay.lines
    _, control = _pair_evidence(index, False)
    assert max((s.score for s in copy_move(control)), default=0.0) < 1.0


def test_a_resaved_and_a_fax_like_control_stay_quiet() -> None:
    _, control = _pair_evidence(5, False, ScanProfile(blur=0.6, noise=4.0, jpeg_quality=60))
    assert max((s.score for s in copy_move(control)), default=0.0) < 1.0
    _, fax = _pair_evidence(5, False, ScanProfile(dpi=200, fax=True, speckle=0.001))
    assert max((s.score for s in copy_move(fax)), default=0.0) < 1.0


def _two_prints(left: str, right: str) -> PageEvidence:
    """The same figure printed twice on one line of a page, labelled `left` and `right`."""
    img = Image.new("L", (1400, 600), 250)
    draw = ImageDraw.Draw(img)
    f = font(34, False, False)
    boxes = []
    for x in (200, 900):
        draw.text((x, 250), "4,526.80", font=f, fill=20)
        x0, y0, x1, y1 = draw.textbbox((x, 250), "4,526.80", font=f)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    fields = {left: FieldValue(4526.8, "4,526.80", 1, boxes[0]), right: FieldValue(4526.8, "4,526.80", 1, boxes[1])}
    words = [Word("4,526.80", 95.0, b) for b in boxes]
    return _evidence(_scan(img, 3), fields, words)


def test_identical_prints_fire_only_when_they_measure_different_things() -> None:
    # net weight printed exactly like the gross: a copy's trace; a total equal to its item: genuine
    assert max(s.score for s in copy_move(_two_prints("total_net_weight_kg", "total_gross_weight_kg"))) >= 1.0
    assert not list(copy_move(_two_prints("document_number", "invoice_number")))


def test_different_figures_of_one_font_do_not_match() -> None:
    img = Image.new("L", (1400, 600), 250)
    draw = ImageDraw.Draw(img)
    f = font(34, False, False)
    boxes = []
    for x, text in ((200, "250.00"), (900, "256.00")):
        draw.text((x, 250), text, font=f, fill=20)
        x0, y0, x1, y1 = draw.textbbox((x, 250), text, font=f)
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    fields = {"total_net_weight_kg": FieldValue(250.0, "250.00", 1, boxes[0]),
              "total_gross_weight_kg": FieldValue(256.0, "256.00", 1, boxes[1])}
    ev = _evidence(_scan(img, 4), fields, [Word("250.00", 95.0, boxes[0]), Word("256.00", 95.0, boxes[1])])
    assert not list(copy_move(ev))
    assert cv2.countNonZero((ev.clean.image < 128).astype(np.uint8)) > 0
