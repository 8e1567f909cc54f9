"""Perceptual hashes of pages: the same scan, re-saved, recompressed or lightly edited, hashes alike.

The classic DCT hash: the page shrunk to 32x32, its 2-D cosine transform, the 8x8 lowest frequencies
(without the constant term) compared with their median: 64 bits, as 16 hex digits. Two hashes are
compared by the number of differing bits (`distance`). It is a few lines of OpenCV, so the
`imagehash` package (and the SciPy it pulls in) is not needed.
"""

from __future__ import annotations

import cv2
import numpy as np

HASH_SIZE = 8
_SHRINK = 32


def page_phash(gray: np.ndarray) -> str:
    """The 64-bit perceptual hash of a grayscale image, as 16 hex digits."""
    small = cv2.resize(gray, (_SHRINK, _SHRINK), interpolation=cv2.INTER_AREA).astype(np.float32)
    low = cv2.dct(small)[:HASH_SIZE, :HASH_SIZE].flatten()[1:]
    bits = np.concatenate([[0], (low > np.median(low)).astype(np.uint8)])
    return f"{int(''.join(map(str, bits)), 2):016x}"


def distance(a: str, b: str) -> int:
    """Differing bits between two hashes of the same length."""
    return (int(a, 16) ^ int(b, 16)).bit_count()
