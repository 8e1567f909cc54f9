"""Targeted re-reads: OCR one field's box of the clean page again, twice as large, as a single
line (--psm 7) and with only the characters such a value may hold.

Why: on a whole page Tesseract reads a small, noisy '12,042.00' or container number among
everything else and with every character allowed; on its own, enlarged and restricted to digits
(or capitals and digits) it reads it right far more often. Each re-read is one short Tesseract
process (~0.1-0.2 s), so they are kept for fields that fail their check or read with low
confidence, and capped per document.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import cv2
import numpy as np

from inspector.errors import OcrError
from inspector.models import TARGET_DPI, BBox
from inspector.ocr.tesseract import Tesseract, TesseractArgs, image_to_words

log = logging.getLogger(__name__)

CHARSETS = {
    "digits": "0123456789.,-",
    "alnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/",
}
SCALE = 2
PAD = 10  # pixels of page around the box, so that no stroke is cut
BORDER = 16  # white pixels added around the enlarged crop (Tesseract wants a margin)
MAX_REREADS = 3  # per document: ~0.15 s each, so a badly read page costs at most ~0.45 s more


def crop_for_reread(image: np.ndarray, bbox: BBox, scale: int = SCALE, pad: int = PAD) -> np.ndarray:
    """The box of a clean page with some page around it, enlarged `scale` times, on white."""
    x, y, w, h = bbox
    height, width = image.shape[:2]
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(width, x + w + pad), min(height, y + h + pad)
    crop = image[y0:y1, x0:x1]
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    big = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.copyMakeBorder(big, BORDER, BORDER, BORDER, BORDER, cv2.BORDER_CONSTANT, value=255)


def reread_box(tess: Tesseract, image: np.ndarray, bbox: BBox, charset: str,
               lang: str = "eng") -> tuple[str, float] | None:
    """One box read again as a single line: (text, mean word confidence 0..1), or None."""
    crop = crop_for_reread(image, bbox)
    if crop.size == 0:
        return None
    args = TesseractArgs(lang=lang, psm=7, dpi=TARGET_DPI * SCALE, whitelist=CHARSETS[charset])
    words = image_to_words(tess, crop, args)
    if not words:
        return None
    confs = [max(w.conf, 0.0) for w in words]
    return " ".join(w.text for w in words), sum(confs) / len(confs) / 100.0


@dataclass
class PageRereader:
    """Re-reads boxes of one document's clean pages (page number -> image); satisfies
    `inspector.extract.correct.Rereader`."""

    tess: Tesseract
    images: Mapping[int, np.ndarray]
    budget: int = MAX_REREADS
    used: int = field(default=0, init=False)

    @property
    def lang(self) -> str:
        """English alone: the whitelisted characters are Latin, and it loads ten times faster."""
        return "eng" if "eng" in self.tess.languages else "+".join(sorted(self.tess.languages))

    def __call__(self, page: int, bbox: BBox, charset: str) -> tuple[str, float] | None:
        image = self.images.get(page)
        if image is None or self.used >= self.budget or bbox[2] <= 0 or bbox[3] <= 0:
            return None
        self.used += 1
        try:
            return reread_box(self.tess, image, bbox, charset, self.lang)
        except OcrError as exc:  # a failed re-read leaves the first reading as it was
            log.info("re-read of page %d box %s failed: %s", page, bbox, exc)
            return None
