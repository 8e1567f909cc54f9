"""Noise: a patch whose paper tone or grain differs from the paper all around it.

What it measures. Around every value box and OCR text line, on the page as decoded (its own geometry
and dpi: the clean-up median-filters noisy pages and resamples, which would erase the grain), two
properties of the bare paper, away from the ink: its tone (mean gray level) and its grain (mean
absolute response of a Laplacian-like high-pass, the kernel of `imaging.denoise`). The same are
measured on four strips just outside the region (left, right, above, below).

Why. A block pasted from another scan (splice) brings its own paper tone, sensor noise and JPEG
history; correction tape or a white box (whiteout and retype) is flatter and whiter than the paper it
covers. Either way the region differs from the paper on *every* side of it, while uneven lighting, a
shaded table row or a photo changes smoothly or continues on at least one side. So the difference
counted is the one to the most similar side (zero when the sides disagree in sign), and it is scored
as a robust z-score against the same differences of all regions of the page (median and MAD, with a
floor), the page's own yardstick.

Limits. A fax-like, thresholded page has no grain and only two tones: the method abstains there, as
on phone photos (their warp is not kept and lighting varies in every direction). A patch cut from
the same page (copy-move) or re-scanned as a whole with the page carries the page's own grain and is
not seen; a small patch inside a large shaded area is compared to the shade. Whiteout on pure white
paper, after the page was scanned, leaves nothing here but its outline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.forensics.base import PageEvidence, Signal
from inspector.forensics.original import (
    Region,
    gray,
    original_scale,
    regions,
    robust_z,
    thresholded,
    to_original,
)
from inspector.models import Overlay

METHOD = "noise"
_KERNEL = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32) / 6.0
PAD = 6  # px at 300 dpi: a pasted block or tape reaches a few px beyond the value it covers
RING = 30  # px at 300 dpi: width of the strips of paper compared with the region
PAPER_DROP = 30  # gray levels under the paper level where ink begins
MIN_PAPER = 40  # paper pixels a strip needs to be measured
TONE_FLOOR = 1.0  # gray levels: the least spread of tone differences a page is judged with
GRAIN_FLOOR = 0.25
# Grain counts half: ink edges and JPEG ringing near them move it on genuine pages too.
GRAIN_WEIGHT = 0.5
MIN_REGIONS = 8  # fewer regions than this: no page distribution to compare with
FLAT_SHARE = 0.95  # share of paper pixels at one gray level above which the paper has no grain
MAX_SIGNALS = 3
DARK_PAPER = 140  # gray levels: a region whose lightest tone is darker than this has no paper to compare


@dataclass(frozen=True)
class _Measure:
    region: Region
    box: tuple[int, int, int, int]  # on the original
    tone: float  # region minus its most similar side, gray levels (0 when the sides disagree)
    grain: float
    inner_tone: float
    inner_grain: float


def noise(ev: PageEvidence) -> Iterator[Signal]:
    """Signals for the regions whose paper differs from the paper all around them."""
    if ev.clean.photo or ev.clean.text_layer is not None:
        return
    image = ev.page.image
    if _grainless(gray(image[::7, ::7])):
        return
    scale = original_scale(ev)
    measures = [m for r in regions(ev) if (m := _measure(image, ev, r, scale)) is not None]
    if len(measures) < MIN_REGIONS:
        return
    tone_z = robust_z(np.array([m.tone for m in measures]), TONE_FLOOR)
    grain_z = robust_z(np.array([m.grain for m in measures]), GRAIN_FLOOR)
    score = np.hypot(tone_z, GRAIN_WEIGHT * grain_z)
    order = np.argsort(-score)
    taken: list[tuple[int, int, int, int]] = []
    for i in order[:MAX_SIGNALS * 3]:
        m = measures[i]
        if any(_touch(m.box, t) for t in taken):
            continue
        taken.append(m.box)
        x, y, w, h = m.region.bbox
        yield Signal(METHOD, float(score[i]), ev.number, m.region.bbox, m.region.field,
                     {"tone_step": round(m.tone, 2), "grain_step": round(m.grain, 3),
                      "paper_tone": round(m.inner_tone, 1), "grain": round(m.inner_grain, 3),
                      "tone_z": round(float(tone_z[i]), 2), "grain_z": round(float(grain_z[i]), 2)},
                     _overlay(image, m.box, ev.clean.image.shape, m.region.bbox))
        if len(taken) >= MAX_SIGNALS:
            break


def _grainless(sample: np.ndarray) -> bool:
    """A thresholded page (fax: no tone between ink and paper) or paper without grain (nearly all
    of it at one gray level): there is nothing to compare a patch with. `sample`: every 7th pixel."""
    if thresholded(sample):
        return True
    paper = sample[sample >= 200]
    return paper.size == 0 or np.bincount(paper).max() >= FLAT_SHARE * paper.size


def _measure(image: np.ndarray, ev: PageEvidence, region: Region, scale: float) -> _Measure | None:
    box = to_original(ev, region.bbox)
    pad, ring = max(2, round(PAD * scale)), max(8, round(RING * scale))
    height, width = image.shape[:2]
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    cx0, cy0 = max(0, x0 - ring), max(0, y0 - ring)
    cx1, cy1 = min(width, x1 + ring), min(height, y1 + ring)
    crop = gray(image[cy0:cy1, cx0:cx1])
    if crop.size == 0:
        return None
    level = float(np.percentile(crop[::3, ::3], 90))
    paper = (crop >= level - PAPER_DROP).astype(np.uint8)
    clear = cv2.erode(paper, np.ones((5, 5), np.uint8)).astype(bool)  # away from ink edges
    residual = np.abs(cv2.filter2D(crop.astype(np.float32), -1, _KERNEL, borderType=cv2.BORDER_REFLECT))
    ix0, iy0, ix1, iy1 = max(0, x0 - cx0), max(0, y0 - cy0), max(0, x1 - cx0), max(0, y1 - cy0)
    inner = _stats(crop, residual, clear, (slice(iy0, iy1), slice(ix0, ix1)))
    if inner is None or inner[0] < DARK_PAPER:
        return None  # reverse print (white letters in a black logo box): its "paper" is ink
    sides = [_stats(crop, residual, clear, s) for s in (
        (slice(iy0, iy1), slice(0, ix0)), (slice(iy0, iy1), slice(ix1, None)),
        (slice(0, iy0), slice(ix0, ix1)), (slice(iy1, None), slice(ix0, ix1)))]
    sides = [s for s in sides if s is not None]
    if len(sides) < 2:
        return None
    tone = _closest([inner[0] - s[0] for s in sides])
    grain = _closest([inner[1] - s[1] for s in sides])
    return _Measure(region, box, tone, grain, inner[0], inner[1])


def _stats(crop: np.ndarray, residual: np.ndarray, clear: np.ndarray,
           where: tuple[slice, slice]) -> tuple[float, float] | None:
    mask = clear[where]
    if np.count_nonzero(mask) < MIN_PAPER:
        return None
    # Means, not medians: the gray levels are integers and a median moves in whole steps.
    return float(crop[where][mask].mean()), float(residual[where][mask].mean())


def _closest(steps: list[float]) -> float:
    """The step to the most similar side, or 0 when the region is not above (or below) all sides."""
    if all(s > 0 for s in steps):
        return min(steps)
    if all(s < 0 for s in steps):
        return max(steps)
    return 0.0


def _touch(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlay(image: np.ndarray, box: tuple[int, int, int, int], clean_shape: tuple[int, ...],
             clean_box: tuple[int, int, int, int]) -> Overlay:
    """Paper tone of the region in 8x8 cells, as distance from the region's median (0..1)."""
    x0, y0, x1, y1 = box
    crop = gray(image[y0:y1, x0:x1]).astype(np.float32)
    if crop.size == 0:
        return Overlay(box=clean_box)
    cells = cv2.resize(crop, (max(1, crop.shape[1] // 8), max(1, crop.shape[0] // 8)), interpolation=cv2.INTER_AREA)
    heat = np.abs(cells - np.median(cells))
    heat = (heat / max(float(heat.max()), 1.0)).astype(np.float32)
    return Overlay(heatmap=heat[:256, :256], box=clean_box)
