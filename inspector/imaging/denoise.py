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


def denoise(gray: np.ndarray) -> tuple[np.ndarray, bool]:
    """The image after a 3x3 median filter when noise is high, and whether it was applied."""
    sigma = estimate_noise(gray)
    if sigma < NOISE_SIGMA_LIMIT:
        return gray, False
    log.debug("noise sigma %.1f: median filter", sigma)
    return cv2.medianBlur(gray, 3), True


def _centre(gray: np.ndarray, side: int) -> np.ndarray:
    """The central side x side square of the image (or all of it when smaller)."""
    height, width = gray.shape[:2]
    top, left = max(0, (height - side) // 2), max(0, (width - side) // 2)
    return gray[top:top + side, left:left + side]
