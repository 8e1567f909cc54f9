"""Bring a page to the target resolution (300 dpi) when it is noticeably off."""

from __future__ import annotations

import cv2
import numpy as np

from inspector.models import TARGET_DPI

DPI_TOLERANCE = 0.05  # within 5 % of the target, the page is used as it is


def to_gray(image: np.ndarray) -> np.ndarray:
    """A uint8 grayscale copy-or-view of a grayscale or BGR(A) image."""
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def rescale_to_target(gray: np.ndarray, dpi: int, target: int = TARGET_DPI) -> np.ndarray:
    """The image resized from `dpi` to `target` dpi (cubic up, area down), or as it is."""
    factor = target / dpi
    if abs(factor - 1.0) <= DPI_TOLERANCE:
        return gray
    size = (max(1, round(gray.shape[1] * factor)), max(1, round(gray.shape[0] * factor)))
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(gray, size, interpolation=interpolation)
