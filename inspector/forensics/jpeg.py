"""ELA and JPEG ghost: text regions whose JPEG compression history differs from the page's.

What they measure. Only for JPEG files that are scans (not phone photos), on the decoded luma in the
file's own geometry and on crops cut at multiples of 8 px, so that every 8x8 block analysed is one the
file coded (no resampling before the analysis). Around every value box and a sample of the page's
other text lines, a crop holding the region and a ring of paper is compressed again:

- ela (error level analysis): once, at the quality the file was saved at (read from its quantisation
  table). A block coded once at that quality barely changes; a block whose content came through
  another compression, or carries another grain, changes more or less. The mean error per 8x8 block
  of the region is compared with the ring around it.
- jpeg_ghost: at a few qualities (40, 55, 70). A block that was saved at quality q before being pasted
  differs least from its own recompression near q (Farid's JPEG ghost), so the region's difference
  curve, divided by the ring's, dips at a quality under the page's. The depth of the deepest dip
  under the page's quality is the cue.

Like `noise`, each step is taken to the most similar side of the ring (zero when the sides disagree)
and scored as a robust z-score against all examined regions of the page (median and MAD with a floor),
so that a page saved at a low quality, or a page with more ink, raises its own yardstick.

Limits. Pages of other files (PNG, TIFF, PDF) carry no JPEG history to read here; a patch whose own
8x8 grid does not line up with the page's, or that was blurred or re-noised after pasting, keeps
little of its ghost. A page re-saved as a whole at a lower quality re-codes every block and hides an
older paste. Photos are skipped: their warp and lighting vary everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from inspector.forensics.base import PageEvidence, Signal
from inspector.forensics.original import (
    Region,
    gray,
    original_scale,
    regions,
    robust_z,
    to_original,
)
from inspector.intake.sniff import FileKind
from inspector.models import Overlay

RING = 32  # px at 300 dpi (rounded to whole blocks): the paper compared with the region
MAX_REGIONS = 24  # value boxes first, then a sample of the other text lines (time)
MIN_REGIONS = 8
MIN_BLOCKS = 3
ELA_FLOOR = 0.15  # gray levels of mean error per block
GHOST_QUALITIES = (40, 55, 70)
GHOST_FLOOR = 0.05  # log ratio
MAX_SIGNALS = 3
DEFAULT_QUALITY = 85
# IJG standard luminance table (natural order); a file's table is this one scaled by its quality.
_STD_LUMA = np.array([
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99], dtype=np.float64)


def file_quality(path: str) -> int | None:
    """The IJG quality a JPEG file was saved at, from its luminance quantisation table (None when the
    file cannot be read or has no table)."""
    try:
        with Image.open(path) as im:
            tables = getattr(im, "quantization", None)
            if not tables:
                return None
            table = tables.get(0)
    except (OSError, ValueError):
        return None
    if not table or len(table) != 64:
        return None
    # the scale that best maps the standard table onto this one (least squares, before rounding)
    scale = 100.0 * float(np.dot(table, _STD_LUMA) / np.dot(_STD_LUMA, _STD_LUMA))
    quality = (200.0 - scale) / 2.0 if scale <= 100 else 5000.0 / scale
    return int(np.clip(round(quality), 1, 100))


def _applies(ev: PageEvidence) -> bool:
    return ev.file_kind is FileKind.JPEG and not ev.clean.photo


@dataclass(frozen=True)
class _Crop:
    region: Region
    pixels: np.ndarray  # float32, grid-aligned crop of the original
    inner: tuple[slice, slice]  # the region, in whole blocks of the crop
    sides: tuple[tuple[slice, slice], ...]
    origin: tuple[int, int]  # the crop's top-left on the original


def _crops(ev: PageEvidence) -> list[_Crop]:
    image = ev.page.image
    height, width = image.shape[:2]
    ring = max(8, int(round(RING * original_scale(ev) / 8)) * 8)
    picked = regions(ev)
    values = [r for r in picked if r.field]
    others = [r for r in picked if not r.field]
    room = max(0, MAX_REGIONS - len(values))
    if len(others) > room:
        others = [others[i] for i in np.linspace(0, len(others) - 1, room).astype(int)]
    out = []
    for region in [*values, *others][:max(MAX_REGIONS, len(values))]:
        x0, y0, x1, y1 = to_original(ev, region.bbox)
        bx0, by0 = x0 // 8 * 8, y0 // 8 * 8
        bx1, by1 = min(width // 8 * 8, -(-x1 // 8) * 8), min(height // 8 * 8, -(-y1 // 8) * 8)
        if bx1 - bx0 < 8 or by1 - by0 < 8:
            continue
        cx0, cy0 = max(0, bx0 - ring), max(0, by0 - ring)
        cx1, cy1 = min(width // 8 * 8, bx1 + ring), min(height // 8 * 8, by1 + ring)
        ix0, iy0, ix1, iy1 = (bx0 - cx0) // 8, (by0 - cy0) // 8, (bx1 - cx0) // 8, (by1 - cy0) // 8
        nx, ny = (cx1 - cx0) // 8, (cy1 - cy0) // 8
        sides = tuple(s for s in ((slice(iy0, iy1), slice(0, ix0)), (slice(iy0, iy1), slice(ix1, nx)),
                                  (slice(0, iy0), slice(ix0, ix1)), (slice(iy1, ny), slice(ix0, ix1)))
                      if s[0].stop - s[0].start > 0 and s[1].stop - s[1].start > 0)
        if len(sides) < 2:
            continue
        out.append(_Crop(region, gray(image[cy0:cy1, cx0:cx1]), (slice(iy0, iy1), slice(ix0, ix1)), sides, (cx0, cy0)))
    return out


def _recompressed(pixels: np.ndarray, quality: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if ok else pixels


def _block_error(pixels: np.ndarray, quality: int, square: bool = False) -> np.ndarray:
    """Mean (absolute or squared) difference per 8x8 block between the crop and its recompression."""
    diff = pixels.astype(np.float32) - _recompressed(pixels, quality).astype(np.float32)
    diff = diff * diff if square else np.abs(diff)
    h, w = diff.shape
    return diff.reshape(h // 8, 8, w // 8, 8).mean(axis=(1, 3))


def _step(blocks: np.ndarray, crop: _Crop) -> float | None:
    """Region minus its most similar side (0 when the sides disagree in sign)."""
    inner = blocks[crop.inner]
    if inner.size < MIN_BLOCKS:
        return None
    sides = [blocks[s] for s in crop.sides if blocks[s].size >= MIN_BLOCKS]
    if len(sides) < 2:
        return None
    steps = [float(inner.mean() - s.mean()) for s in sides]
    if all(s > 0 for s in steps):
        return min(steps)
    if all(s < 0 for s in steps):
        return max(steps)
    return 0.0


def ela(ev: PageEvidence) -> Iterator[Signal]:
    """Regions whose error level, at the file's own quality, stands out from the ring around them."""
    if not _applies(ev):
        return
    quality = file_quality(ev.page.source) or DEFAULT_QUALITY
    found = []
    for crop in _crops(ev):
        blocks = _block_error(crop.pixels, quality)
        step = _step(blocks, crop)
        if step is not None:
            found.append((crop, step, blocks))
    if len(found) < MIN_REGIONS:
        return
    z = robust_z(np.array([f[1] for f in found]), ELA_FLOOR)
    yield from _signals(ev, "ela", found, np.abs(z), lambda f, zi: {
        "quality": quality, "error_step": round(f[1], 3), "z": round(float(zi), 2)})


def jpeg_ghost(ev: PageEvidence) -> Iterator[Signal]:
    """Regions whose recompression difference dips, against the ring's, at a quality under the page's."""
    if not _applies(ev):
        return
    page_quality = file_quality(ev.page.source) or DEFAULT_QUALITY
    qualities = [q for q in GHOST_QUALITIES if q < page_quality - 5]
    if len(qualities) < 2:
        return
    found = []
    for crop in _crops(ev):
        curve = []
        for q in [*qualities, page_quality]:
            blocks = _block_error(crop.pixels, q, square=True)
            inner = blocks[crop.inner]
            ring = np.concatenate([blocks[s].ravel() for s in crop.sides])
            if inner.size < MIN_BLOCKS or ring.size < MIN_BLOCKS:
                break
            curve.append(np.log((inner.mean() + 1.0) / (ring.mean() + 1.0)))
        else:
            # the region's difference relative to the ring: how far it drops at its best lower quality
            # below its level at the page's quality (and the ring's: both share the page's ink)
            dips = np.array(curve[:-1]) - curve[-1]
            k = int(np.argmin(dips))
            found.append((crop, float(-dips[k]), qualities[k]))
    if len(found) < MIN_REGIONS:
        return
    z = robust_z(np.array([f[1] for f in found]), GHOST_FLOOR)
    yield from _signals(ev, "jpeg_ghost", found, z, lambda f, zi: {
        "page_quality": page_quality, "ghost_quality": f[2], "dip": round(f[1], 3), "z": round(float(zi), 2)})


def _signals(ev: PageEvidence, method: str, found: list, score: np.ndarray, detail) -> Iterator[Signal]:
    taken: list = []
    for i in np.argsort(-score):
        crop = found[i][0]
        if score[i] <= 0 or any(_overlap(crop.region.bbox, t) for t in taken):
            continue
        taken.append(crop.region.bbox)
        heat = np.abs(_block_error(crop.pixels, 75)[crop.inner])
        heat = (heat / max(float(heat.max()), 1e-6)).astype(np.float32)
        yield Signal(method, float(score[i]), ev.number, crop.region.bbox, crop.region.field,
                     detail(found[i], score[i]), Overlay(heatmap=heat[:256, :256], box=crop.region.bbox))
        if len(taken) >= MAX_SIGNALS:
            return


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
