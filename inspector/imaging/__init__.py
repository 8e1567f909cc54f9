"""Imaging: clean a decoded page (grayscale, 300 dpi, upright, deskewed) for OCR."""

from __future__ import annotations

from inspector.imaging.clean import clean_page
from inspector.imaging.hashing import page_hash
from inspector.imaging.orient import rotate_image

__all__ = ["clean_page", "page_hash", "rotate_image"]
