"""A stable identity for a page image, used by the OCR cache and the case database."""

from __future__ import annotations

import hashlib

import numpy as np


def page_hash(image: np.ndarray) -> str:
    """SHA-256 hex digest of the image's shape and pixel bytes."""
    digest = hashlib.sha256(repr(tuple(image.shape)).encode("ascii"))
    digest.update(np.ascontiguousarray(image).tobytes())
    return digest.hexdigest()
