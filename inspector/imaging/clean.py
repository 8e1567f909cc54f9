"""Clean one page for OCR: grayscale, 300 dpi, upright, deskewed, denoised, binarised if useful."""

from __future__ import annotations

import logging
import time

from inspector.imaging.binarise import binarise
from inspector.imaging.denoise import denoise
from inspector.imaging.deskew import deskew
from inspector.imaging.orient import OrientationDetector, orient
from inspector.imaging.rescale import rescale_to_target, to_gray
from inspector.models import CleanPage, Page

log = logging.getLogger(__name__)


def clean_page(page: Page, *, orientation: OrientationDetector | None = None) -> CleanPage:
    """The page made ready for OCR; every later bbox refers to the returned image.

    `orientation` gets the grayscale 300-dpi page and returns the clockwise quarter turn
    (0, 90, 180, 270) that makes it upright; None skips the orientation step.
    """
    started = time.perf_counter()
    gray = rescale_to_target(to_gray(page.image), page.dpi)
    gray, rotation = orient(gray, orientation)
    gray, skew = deskew(gray)
    gray, _ = denoise(gray)
    gray, binarised = binarise(gray)
    log.debug("%s p%d cleaned in %.0f ms (rotation %d, skew %.2f, binarised %s)", page.source,
              page.number, (time.perf_counter() - started) * 1000, rotation, skew, binarised)
    return CleanPage(source=page.source, number=page.number, image=gray,
                     original_dpi=page.dpi, rotation=rotation, skew=skew, binarised=binarised)
