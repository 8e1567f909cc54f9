"""Clean one page for OCR: grayscale, 300 dpi, upright, deskewed, denoised, binarised if useful.

A phone photo of a page is first cut out of its background, warped flat to 300 dpi and evened out
(`imaging.photo`); a scan goes straight to the resolution step.
"""

from __future__ import annotations

import logging
import time

from inspector.imaging.binarise import binarise
from inspector.imaging.denoise import denoise
from inspector.imaging.deskew import deskew
from inspector.imaging.orient import OrientationDetector, orient
from inspector.imaging.photo import flatten_photo
from inspector.imaging.rescale import rescale_to_target, to_gray
from inspector.models import CleanPage, Page

log = logging.getLogger(__name__)


def clean_page(page: Page, *, orientation: OrientationDetector | None = None) -> CleanPage:
    """The page made ready for OCR; every later bbox refers to the returned image.

    `orientation` gets the grayscale 300-dpi page and returns the clockwise quarter turn
    (0, 90, 180, 270) that makes it upright; None skips the orientation step.
    """
    started = time.perf_counter()
    gray = to_gray(page.image)
    photo = None if page.text_layer is not None else flatten_photo(gray)
    gray = photo.image if photo else rescale_to_target(gray, page.dpi)
    if page.text_layer is not None and gray.shape == page.image.shape[:2]:
        # A born-digital page is upright and straight, and its words are boxed on this image.
        return CleanPage(page.source, page.number, gray, page.dpi, text_layer=page.text_layer)
    gray, rotation = orient(gray, orientation)
    gray, skew = deskew(gray)
    gray, _ = denoise(gray)
    gray, binarised = binarise(gray)
    log.debug("%s p%d cleaned in %.0f ms (photo %s, rotation %d, skew %.2f, binarised %s)",
              page.source, page.number, (time.perf_counter() - started) * 1000, photo is not None,
              rotation, skew, binarised)
    return CleanPage(source=page.source, number=page.number, image=gray,
                     original_dpi=photo.dpi if photo else page.dpi, rotation=rotation, skew=skew,
                     binarised=binarised, photo=photo is not None)
