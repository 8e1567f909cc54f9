"""Targeted re-reads with the real Tesseract: a small figure the page-level read gets wrong is read
right from its enlarged, whitelisted crop, and the extraction keeps the better reading."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.extract.fields import extract_document
from inspector.models import OcrPage
from inspector.ocr.reread import PageRereader, crop_for_reread, reread_box
from inspector.ocr.tesseract import Tesseract, TesseractArgs, image_to_words, probe

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
VALUE_AT = (330, 158)


def _page(value: str, size: int) -> np.ndarray:
    """A strip of page: a normal-sized label and a tiny value (6-7 pt at 300 dpi), a little noisy."""
    img = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), "Shipper: Example Trading Co., Ltd.", font=ImageFont.truetype(FONT, 30), fill=0)
    draw.text((60, 150), "Gross Weight:", font=ImageFont.truetype(FONT, 30), fill=0)
    draw.text(VALUE_AT, value, font=ImageFont.truetype(FONT, size), fill=0)
    noisy = np.array(img).astype(np.float32) + np.random.default_rng(0).normal(0, 8, (300, 1400))
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _value_box(size: int, chars: int) -> tuple[int, int, int, int]:
    return (VALUE_AT[0] - 4, VALUE_AT[1] - 8, int(size * 0.7 * chars) + 8, size + 16)


@pytest.fixture(scope="module")
def tess() -> Tesseract:
    return probe()


def test_crop_is_enlarged_padded_and_white_edged() -> None:
    page = np.full((100, 200), 255, np.uint8)
    crop = crop_for_reread(page, (50, 40, 30, 10))
    assert crop.shape == ((10 + 20) * 2 + 32, (30 + 20) * 2 + 32)
    assert crop[0, 0] == 255


def test_reread_fixes_a_small_weight_the_page_read_gets_wrong(tess: Tesseract) -> None:
    page = _page("12,042.00", 9)
    on_page = " ".join(w.text for w in image_to_words(tess, page, TesseractArgs()) if w.bbox[1] > 130)
    assert "12,042.00" not in on_page  # the page-level read misses it
    again = reread_box(tess, page, _value_box(9, 9), "digits")
    assert again is not None and again[0].strip(" .,-") == "12,042.00"


def test_reread_fixes_a_container_number(tess: Tesseract) -> None:
    page = _page("MSKU4708125", 9)
    on_page = " ".join(w.text for w in image_to_words(tess, page, TesseractArgs()))
    assert "MSKU4708125" not in on_page
    again = reread_box(tess, page, _value_box(9, 11), "alnum")
    assert again is not None and again[0] == "MSKU4708125"


def test_extraction_rereads_a_garbled_labelled_weight(tess: Tesseract) -> None:
    """'Gross Weight: <garbled>' on the page: extract_document with a re-reader gets the figure."""
    page = _page("12,042.00", 9)
    words = image_to_words(tess, page, TesseractArgs())
    ocr = OcrPage(1, page.shape[1], page.shape[0], tuple(words))
    assert "total_gross_weight_kg" not in extract_document([ocr]).fields
    rereader = PageRereader(tess, {1: page})
    fields = extract_document([ocr], reread=rereader).fields
    assert fields["total_gross_weight_kg"].value == 12042.0
    assert 1 <= rereader.used <= 2


def test_rereader_is_capped_and_ignores_unknown_pages(tess: Tesseract) -> None:
    rereader = PageRereader(tess, {1: _page("12,042.00", 9)}, budget=1)
    assert rereader(2, (0, 0, 10, 10), "digits") is None
    assert rereader(1, _value_box(9, 9), "digits") is not None
    assert rereader(1, _value_box(9, 9), "digits") is None  # over budget
