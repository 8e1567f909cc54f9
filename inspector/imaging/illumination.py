"""Even out a photo's light: divide the page by an estimate of its blank paper's brightness.

Shadows and light fall-off change the paper's brightness slowly; print is small and dark. A max
filter on a reduced copy removes the print, leaving the paper's brightness map, and dividing by it
makes the paper white everywhere while keeping the print's contrast to its own surroundings.
"""

from __future__ import annotations

import cv2
import numpy as np

_SCALE = 0.125  # the paper map is estimated on a 1:8 copy
_MAX_FILTER = 9  # px on the 1:8 copy (72 px at 300 dpi): wider than a character
_SMOOTH = 4.0  # sigma on the 1:8 copy of the final smoothing of the map
_FLOOR = 16  # the map is never darker than this, so near-black areas are not blown up


def paper_brightness(gray: np.ndarray) -> np.ndarray:
    """The blank paper's estimated brightness at every pixel (uint8, same size as `gray`)."""
    small = cv2.resize(gray, None, fx=_SCALE, fy=_SCALE, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (_MAX_FILTER, _MAX_FILTER))
    paper = cv2.GaussianBlur(cv2.dilate(small, kernel), (0, 0), _SMOOTH)
    paper = np.maximum(paper, _FLOOR)
    return cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)


def flatten_light(gray: np.ndarray) -> np.ndarray:
    """The page with its paper brought to white and shadows removed (uint8, same size)."""
    return cv2.divide(gray, paper_brightness(gray), scale=255)
