"""Conversions between the engine's numpy images and Qt's QImage, always copying the pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

_FORMATS_BY_CHANNELS = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_BGR888}


def ndarray_to_qimage(image: np.ndarray) -> QImage:
    """A QImage owning a copy of a uint8 grayscale (H, W) or BGR (H, W, 3) array."""
    if image.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image, got {image.dtype}")
    channels = 1 if image.ndim == 2 else image.shape[2] if image.ndim == 3 else 0
    if channels not in _FORMATS_BY_CHANNELS:
        raise ValueError(f"expected an (H, W) or (H, W, 3) image, got shape {image.shape}")
    data = np.ascontiguousarray(image)
    height, width = data.shape[:2]
    view = QImage(data.data, width, height, data.strides[0], _FORMATS_BY_CHANNELS[channels])
    return view.copy()  # detach from `data`, which Python may free once we return


def qimage_to_ndarray(image: QImage, *, grayscale: bool | None = None) -> np.ndarray:
    """A uint8 array copied from a QImage: (H, W) when grayscale, else BGR (H, W, 3).

    By default grayscale is kept for grayscale images and anything else becomes BGR.
    """
    if grayscale is None:
        grayscale = image.format() == QImage.Format.Format_Grayscale8
    fmt = QImage.Format.Format_Grayscale8 if grayscale else QImage.Format.Format_BGR888
    converted = image.convertToFormat(fmt)
    height, width, channels = converted.height(), converted.width(), 1 if grayscale else 3
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8, count=converted.sizeInBytes())
    rows = buffer.reshape(height, converted.bytesPerLine())[:, : width * channels]
    shape = (height, width) if grayscale else (height, width, 3)
    return rows.reshape(shape).copy()
