"""Small-angle deskew: find the text-line angle by a projection-profile search, rotate it away."""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

MAX_SKEW = 10.0  # degrees searched either way
MIN_SKEW = 0.2  # below this the page is left alone
_COARSE_SCALE, _COARSE_STEP = 0.25, 0.5
_FINE_SCALE, _FINE_STEP, _FINE_SPAN = 0.5, 0.05, 0.6
_MIN_INK_POINTS = 200
_MIN_PEAK_RATIO = 1.1  # the best angle's profile must beat the median angle's by this much


def estimate_skew(gray: np.ndarray, limit: float = MAX_SKEW) -> float:
    """Counter-clockwise angle in degrees of the text lines (0.0 when unsure).

    Positive means lines rise to the right; rotating the page clockwise by it levels them.
    """
    coarse = _ink_points(gray, _COARSE_SCALE)
    if coarse[0].size < _MIN_INK_POINTS:
        return 0.0
    angles = np.arange(-limit, limit + _COARSE_STEP / 2, _COARSE_STEP)
    scores = np.array([_profile_score(coarse, a) for a in angles])
    if scores.max() < _MIN_PEAK_RATIO * np.median(scores):
        return 0.0  # no dominant line direction: a picture, or a page on its side
    best = _refine(angles, scores, _COARSE_STEP)
    fine = _ink_points(gray, _FINE_SCALE)
    angles = np.arange(best - _FINE_SPAN, best + _FINE_SPAN + _FINE_STEP / 2, _FINE_STEP)
    scores = np.array([_profile_score(fine, a) for a in angles])
    angle = _refine(angles, scores, _FINE_STEP)
    return float(angle) if abs(angle) <= limit + _COARSE_STEP else 0.0


def deskew(gray: np.ndarray, angle: float | None = None) -> tuple[np.ndarray, float]:
    """The levelled image and the angle removed (0.0 and the image itself below 0.2 degrees)."""
    if angle is None:
        angle = estimate_skew(gray)
    if abs(angle) < MIN_SKEW:
        return gray, 0.0
    return rotate_small(gray, -angle), angle


def rotate_small(gray: np.ndarray, degrees_ccw: float) -> np.ndarray:
    """The image rotated counter-clockwise about its centre, same size, white corners."""
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees_ccw, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _ink_points(gray: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Row and centred column coordinates of dark pixels of a reduced copy."""
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    block = max(3, int(60 * scale) | 1)  # ~60 px at 300 dpi: larger than a character
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                cv2.THRESH_BINARY_INV, block, 15)
    rows, cols = np.nonzero(ink)
    return rows.astype(np.float32), (cols - small.shape[1] / 2).astype(np.float32)


def _profile_score(points: tuple[np.ndarray, np.ndarray], angle: float) -> float:
    """Sharpness of the row profile of the points sheared by `angle` (sum of squared counts)."""
    rows, cols = points
    sheared = (rows + cols * np.float32(np.tan(np.radians(angle)))).astype(np.int32)
    counts = np.bincount(sheared - sheared.min()).astype(np.float64)
    return float(counts @ counts)


def _refine(angles: np.ndarray, scores: np.ndarray, step: float) -> float:
    """The best angle, refined between grid points by a parabola through its neighbours."""
    i = int(np.argmax(scores))
    if 0 < i < len(scores) - 1:
        left, mid, right = scores[i - 1], scores[i], scores[i + 1]
        curvature = left - 2 * mid + right
        if curvature < 0:
            return float(angles[i] + step * 0.5 * (left - right) / curvature)
    return float(angles[i])
