"""Compare a PDF's text layer with what its pages print, where it matters: numbers, dates, refs.

A text layer can say something other than the page shows: an invisible layer over a scan laid
(or edited) to read 12,000.00 where the image prints 21,000.00, a visible number covered by an
image, a font whose Unicode map turns the drawn "2" into "1". A machine reading the layer and a
person reading the paper then see different documents. So every word of the layer that holds
digits is cut out of the rendered page (its box only, a few pixels around) and OCR'd: all the
crops of a page are stacked into one small image, one Tesseract call per page, and a crop that
disagrees is read once more, enlarged, before it counts. Only the digits are compared (OCR's
O/0 and l/1 slips are forgiven; separators are not compared), and a crop OCR cannot read
confidently proves nothing either way.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from inspector.intake.limits import MAX_PAGES, RENDER_DPI
from inspector.intake.pdf_text import LayerWord, read_text_layer
from inspector.models import BBox, Word
from inspector.ocr.tesseract import Tesseract, TesseractArgs, image_to_words

log = logging.getLogger(__name__)

MIN_DIGITS = 3  # a word with fewer digits is not a value worth a crop
MAX_CROPS = 40  # per page: the values of an invoice, not its every digit
MIN_CONFIDENCE = 60.0  # a printed reading below this (0..100) proves nothing
_ARGS = TesseractArgs(lang="eng", psm=6)
_RETRY = TesseractArgs(lang="eng", psm=7)
_GAP = 40  # white pixels between stacked crops
_SCALE = RENDER_DPI / 72.0
_NUMERIC = re.compile(r"[\dOoDQIl|!i.,:/'-]+")
_OCR_DIGIT = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1",
                            "!": "1", "i": "1"})


@dataclass(frozen=True)
class Disagreement:
    """A value whose text layer and printed page say different things."""

    page: int  # 1-based
    bbox: BBox  # the layer word's box, in pixels of the page rendered at 300 dpi
    layer: str  # what the text layer says
    printed: str  # what OCR reads on the page in that box
    seen: bool  # the layer's word is drawn (not invisible, not under an image)
    confidence: float  # OCR's confidence in the printed reading, 0..1


def digits(text: str) -> str:
    """The digits of a text, in order."""
    return re.sub(r"\D", "", text)


def printed_digits(text: str) -> str:
    """The digits of an OCR reading, counting the letters OCR confuses with 0 and 1 as digits in
    a token made of digits and separators only (the I of "INV-2024" stays a letter)."""
    tokens = [t.translate(_OCR_DIGIT) if _NUMERIC.fullmatch(t) and re.search(r"\d", t) else t
              for t in text.split()]
    return digits(" ".join(tokens))


def key_words(words: list[LayerWord] | tuple[LayerWord, ...]) -> list[LayerWord]:
    """The layer's words worth comparing: those with a few digits, longest first, capped."""
    keys = [lw for lw in words if len(digits(lw.word.text)) >= MIN_DIGITS and len(lw.word.text) <= 40]
    keys.sort(key=lambda lw: -len(digits(lw.word.text)))
    return keys[:MAX_CROPS]


def compare_pdf(path: str, tess: Tesseract) -> list[Disagreement]:
    """Every disagreement between the PDF's text layer and its printed pages ([] for no layer)."""
    try:
        stat = os.stat(path)
    except OSError:
        return []
    return list(_compare_cached(path, stat.st_mtime_ns, stat.st_size, tess))


@functools.lru_cache(maxsize=64)
def _compare_cached(path: str, _mtime: int, _size: int, tess: Tesseract) -> tuple[Disagreement, ...]:
    """compare_pdf, once per file version: a case re-evaluated after a correction costs nothing."""
    try:
        doc = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError):
        return ()
    found: list[Disagreement] = []
    try:
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            try:
                found.extend(_compare_page(page, index + 1, tess))
            except pdfium.PdfiumError as exc:
                log.warning("%s page %d: text layer not compared (%s)", path, index + 1, exc)
            finally:
                page.close()
    finally:
        doc.close()
    return tuple(found)


def _compare_page(page: pdfium.PdfPage, number: int, tess: Tesseract) -> list[Disagreement]:
    size = (round(page.get_width() * _SCALE), round(page.get_height() * _SCALE))
    keys = key_words(read_text_layer(page, size).words)  # cheap: render only when there is a key
    if not keys:
        return []
    bitmap = page.render(scale=_SCALE, grayscale=True)
    image = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True).squeeze()
    bitmap.close()
    if image.shape[1::-1] != size:  # PDFium rounded the size differently: read the boxes again
        keys = key_words(read_text_layer(page, image.shape[1::-1]).words)
    return compare_words(image, keys, number, tess)


def compare_words(image: np.ndarray, keys: list[LayerWord], number: int,
                  tess: Tesseract) -> list[Disagreement]:
    """OCR the printed page in the boxes of `keys` and return the words it reads differently."""
    crops = [_crop(image, lw.word.bbox) for lw in keys]
    readings = _read_stacked(crops, tess)
    found = []
    for lw, crop, (text, conf) in zip(keys, crops, readings, strict=True):
        if _agrees(lw.word.text, text, conf):
            continue
        text, conf = _read_one(crop, tess)  # enlarged, as one line: rule out a misreading
        if _agrees(lw.word.text, text, conf):
            continue
        log.info("page %d: text layer %r, printed %r (%.0f)", number, lw.word.text, text, conf)
        found.append(Disagreement(number, lw.word.bbox, lw.word.text, text, lw.seen, conf / 100.0))
    return found


def _agrees(layer: str, printed: str, conf: float) -> bool:
    """Same digits, or a reading too weak to contradict the layer."""
    if not printed_digits(printed) or conf < MIN_CONFIDENCE:
        return True
    return digits(layer) in (digits(printed), printed_digits(printed))


def _crop(image: np.ndarray, box: BBox) -> np.ndarray:
    """The page inside the word's box and a little around it; beyond that white, so a neighbour's
    digits cannot creep into the reading."""
    x, y, w, h = box
    px, py = max(3, round(h * 0.15)), max(3, round(h * 0.3))
    x0, y0 = max(0, x - px), max(0, y - py)
    x1, y1 = min(image.shape[1], x + w + px), min(image.shape[0], y + h + py)
    crop = image[y0:y1, x0:x1]
    pad = max(10, h // 2)
    return cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _read_stacked(crops: list[np.ndarray], tess: Tesseract) -> list[tuple[str, float]]:
    """OCR all crops in one Tesseract call: stacked one under another, words assigned by band."""
    width = max(c.shape[1] for c in crops)
    bands, rows, y = [], [], 0
    for crop in crops:
        rows.append(cv2.copyMakeBorder(crop, 0, _GAP, 0, width - crop.shape[1],
                                       cv2.BORDER_CONSTANT, value=255))
        bands.append((y, y + crop.shape[0]))
        y += crop.shape[0] + _GAP
    words = image_to_words(tess, np.vstack(rows), _ARGS)
    return [_reading([w for w in words if top <= w.bbox[1] + w.bbox[3] / 2 < bottom])
            for top, bottom in bands]


def _read_one(crop: np.ndarray, tess: Tesseract) -> tuple[str, float]:
    big = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    return _reading(image_to_words(tess, big, _RETRY))


def _reading(words: list[Word]) -> tuple[str, float]:
    """A crop's text (left to right) and its weakest word's confidence."""
    words = sorted((w for w in words if w.text.strip()), key=lambda w: w.bbox[0])
    if not words:
        return "", 0.0
    return " ".join(w.text for w in words), min(w.conf for w in words)
