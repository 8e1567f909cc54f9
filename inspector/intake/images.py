"""Decode TIFF (every page), PNG and JPEG files with Pillow, sizes checked before decoding."""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Iterator

import cv2
import numpy as np
from PIL import Image, ImageOps, ImageSequence

from inspector.intake import errors
from inspector.intake.dpi import resolve_dpi
from inspector.intake.limits import MAX_PAGE_PIXELS
from inspector.intake.sniff import FileKind
from inspector.models import Page

log = logging.getLogger(__name__)

_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, zlib.error)
_FORMATS = {FileKind.TIFF: ["TIFF"], FileKind.PNG: ["PNG"], FileKind.JPEG: ["JPEG", "MPO"]}


def load_image(path: str, source: str, kind: FileKind, max_pages: int) -> list[Page]:
    """Every page (frame) of the image file at `path`, upright per its EXIF orientation."""
    return list(iter_image(path, source, kind, max_pages))


def iter_image(path: str, source: str, kind: FileKind, max_pages: int) -> Iterator[Page]:
    """The pages (frames) of the image file one by one, as they are decoded."""
    try:
        with Image.open(path, formats=_FORMATS[kind]) as im:
            count = getattr(im, "n_frames", 1) if kind is FileKind.TIFF else 1
            if count > max_pages:
                raise errors.too_many_pages(count, max_pages)
            frames = ImageSequence.Iterator(im) if count > 1 else [im]
            for number, frame in enumerate(frames, start=1):
                yield _decode(frame, source, number)
    except Image.DecompressionBombError as exc:
        raise errors.too_many_megapixels(_declared_megapixels(exc)) from exc
    except _DECODE_ERRORS as exc:
        raise errors.damaged(kind.value, exc) from exc


def _decode(frame: Image.Image, source: str, number: int) -> Page:
    """Decode one frame after checking its declared size."""
    width, height = frame.size
    if width * height > MAX_PAGE_PIXELS:
        raise errors.too_many_pixels(width, height)
    frame.load()  # raises on truncated data: LOAD_TRUNCATED_IMAGES stays False
    dpi_meta = frame.info.get("dpi")
    upright = ImageOps.exif_transpose(frame)
    image = to_array(upright)
    dpi = resolve_dpi(dpi_meta, image.shape[1], image.shape[0])
    return Page(source=source, number=number, dpi=dpi, image=image)


def to_array(im: Image.Image) -> np.ndarray:
    """A uint8 array: grayscale (H, W) for gray images, BGR (H, W, 3) for colour ones."""
    if im.mode in ("1", "L"):
        return np.asarray(im.convert("L")).copy()
    if im.mode.startswith(("I", "F")):
        return _scale_to_uint8(np.asarray(im))
    if im.mode in ("LA", "PA", "RGBA", "La", "RGBa") or "transparency" in im.info:
        im = _flatten_on_white(im)
    if im.mode == "P" and _palette_is_gray(im):
        return np.asarray(im.convert("L")).copy()
    return cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)


def _flatten_on_white(im: Image.Image) -> Image.Image:
    """Composite a transparent image over white paper."""
    rgba = im.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(paper, rgba).convert("RGB")


def _palette_is_gray(im: Image.Image) -> bool:
    """Whether every palette entry of a P-mode image is a gray."""
    rgb = np.asarray(im.getpalette() or [], dtype=np.int16).reshape(-1, 3)
    return bool(rgb.size) and bool((rgb.max(axis=1) == rgb.min(axis=1)).all())


def _scale_to_uint8(values: np.ndarray) -> np.ndarray:
    """Stretch a 16/32-bit or float image to 0..255."""
    values = values.astype(np.float64)
    top = 65535.0 if values.max(initial=0) > 255 else 255.0
    if values.max(initial=0) > 65535:
        top = float(values.max())
    return np.clip(values * (255.0 / top), 0, 255).astype(np.uint8)


def _declared_megapixels(exc: Exception) -> int:
    """The pixel count from Pillow's decompression-bomb message, in megapixels."""
    match = re.search(r"\((\d+) pixels\)", str(exc))
    return int(match.group(1)) // 1_000_000 if match else 0
