"""Light denoising: a 3x3 median, only when the page is measurably noisy."""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

NOISE_SIGMA_LIMIT = 6.0  # gray levels; clean scans measure 0..3
_SAMPLE = 1024  # side of the central square the noise is measured on
# Immerkaer's kernel: blind to flat areas and to linear ramps, sees pixel noise.
_KERNEL = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)


def estimate_noise(gray: np.ndarray) -> float:
    """Robust standard deviation of pixel noise in gray levels, measured on the page centre."""
    crop = _centre(gray, _SAMPLE).astype(np.float32)
    if min(crop.shape) < 3:
        return 0.0
    response = np.abs(cv2.filter2D(crop, -1, _KERNEL)[1:-1, 1:-1])
    # The kernel's gain on white noise is 6; the median keeps text edges out of it.
    return float(np.median(response) / (0.6745 * 6.0))


# Specks: isolated ink dots of a few pixels (a fax's speckle, salt-and-pepper noise). Text has none so
# small at 300 dpi: the dot of an "i" or a full stop covers 20 pixels or more.
SPECK_AREA = 8
SPECK_LIMIT = 60  # specks in the central square; clean scans count under 10


def count_specks(gray: np.ndarray) -> int:
    """How many isolated ink dots of at most SPECK_AREA pixels the page centre holds."""
    ink = (_centre(gray, _SAMPLE) < 128).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return int(np.count_nonzero(stats[1:count, cv2.CC_STAT_AREA] <= SPECK_AREA))


def denoise(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """The image after a 3x3 median filter when noise is high or the page is speckled, and whether it
    was applied."""
    sigma = estimate_noise(gray)
    if sigma < NOISE_SIGMA_LIMIT and count_specks(gray) < SPECK_LIMIT:
        return gray, False
    log.debug("noise sigma %.1f: median filter", sigma)
    return cv2.medianBlur(gray, 3), True


def _centre(gray: np.ndarray, side: int) -> np.ndarray:
    """The central side x side square of the image (or all of it when smaller)."""
    height, width = gray.shape[:2]
    top, left = max(0, (height - side) // 2), max(0, (width - side) // 2)
    return gray[top:top + side, left:left + side]
