"""Quarter-turn orientation: rotate the page upright using a detector supplied by OCR."""

from __future__ import annotations

import logging
from collections.abc import Callable

import cv2
import numpy as np

log = logging.getLogger(__name__)

# Returns the clockwise rotation in degrees (0, 90, 180, 270) that makes the page upright,
# e.g. Tesseract OSD's "Rotate:" value; rotating the page clockwise by it gives an upright page.
OrientationDetector = Callable[[np.ndarray], int]

_CV_ROTATIONS = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}


def rotate_image(gray: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    """The image turned clockwise by a multiple of 90 degrees (any sign; 0 returns it as is)."""
    degrees = int(degrees_clockwise) % 360
    if degrees == 0:
        return gray
    if degrees not in _CV_ROTATIONS:
        raise ValueError(f"rotation must be a multiple of 90 degrees, not {degrees_clockwise}")
    return cv2.rotate(gray, _CV_ROTATIONS[degrees])


def orient(gray: np.ndarray, detector: OrientationDetector | None) -> tuple[np.ndarray, int]:
    """The upright image and the clockwise rotation applied; no detector means no rotation."""
    if detector is None:
        return gray, 0
    degrees = int(detector(gray)) % 360
    if degrees not in _CV_ROTATIONS:
        if degrees:
            log.warning("orientation detector returned %s degrees; ignored", degrees)
        return gray, 0
    return rotate_image(gray, degrees), degrees
