"""Tape: correction tape or a white label stuck over a value, with something typed on it.

What it measures. Around every value box, numeric OCR word (alone and with its neighbours on the
line: a currency or unit under the same tape) of the clean page (gray, 300 dpi, deskewed: a label's
sides are rows and columns), the faint straight edges a label leaves, looked for within `MARGIN` px
above and below and `MARGIN` + a quarter of the width sideways (a retyped value may be shorter).
Per side, the paper's mean gray level per row (top, bottom) or column (left, right) over the box's
span, ink and its blurred rim left out. A side is an edge where that profile shows a thin dip (the
label's outline or shadow; counted half when there is paper on one side only, the other being the
value's ink) or a step (the label's own tone, whiter or duller than the page; paper on both sides,
the line between them) -- in every third of the side (the weakest third counts: a straight line
the whole length, not a stroke of a stamp or of the next text line). Contrast is counted in units
of the profile's noise (the local grain over the pixels averaged, with a floor for flat, clipped or
JPEG-smoothed paper). The score is the geometric mean of the three clearest sides (a label has four;
one may be lost against a neighbour; one clear side alone scores nothing), plus the step of the
interior's paper tone against the nearest strip just outside the rectangle (all strips agreeing in
sign), weighted by how many sides show a trace of an edge.

Why. Correction tape and a pasted label are a separate piece of paper: a closed rectangle hugging
a value, a few px wider and taller than it, whose border and surface differ from the page by a few
gray levels. Printed forms have lines too, but those are dark and run on beyond the value (a ruled
table, a cell, an underline): ink is masked out, lines deeper than `MAX_LINE` and steps larger
than `MAX_STEP` (shading, stamps) do not count, nor does a side whose line goes on past the
rectangle's corners (flanks beyond each end are checked).

Figures (t77, threshold at 1% of 215 genuine documents): whiteout_retype 27/40 here (the
misses: tape of the paper's own tone without an outline, values OCR misread); splice 35/40 (a
pasted block has the same edges); 0 on digit_overwrite and copy_move by design; 30 ms a page.

Limits. Abstains on phone photos (uneven light in every direction), born-digital pages (no paper)
and fax-like pages whose paper is one flat gray level (thresholded: a faint edge cannot survive).
Tape of exactly the paper's tone with no visible border, a label reaching further than the margin,
or an edge that runs into a ruled line next to it is not seen; a genuine light-gray frame printed
tightly around a value, ending at it, would look like a label.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.forensics.base import PageEvidence, Signal
from inspector.models import BBox, Overlay

METHOD = "tape"
MARGIN = 20  # px at 300 dpi: how far from the value a label's edge is looked for
WIDER = 4  # the search reaches a quarter of the value's width further sideways: a shorter new value
FLANK = 20  # px: length of the stretch beyond a side's ends where the line must have stopped
GAP = 4  # px between a side's end and its flank (the corner of the label)
INK_DROP = 100  # gray levels under the paper where ink begins (a label's edge is fainter)
INK_RIM = 7  # px: ink is masked with its blurred rim (a square of this side around each ink pixel)
FLAT_SHARE = 0.95  # share of paper pixels at one gray level above which the paper has no grain
MIN_VALID = 0.5  # share of a segment's pixels that must be paper for its mean to count
CLIP = 20.0  # gray levels: differences beyond this are edges, not grain
UNIT_FLOOR = 0.6  # gray levels: the least noise a profile contrast is divided by
CORRELATION = 2.5  # scanner blur and JPEG make neighbouring pixels' noise alike: fewer independent
MAX_LINE = 90.0  # gray levels: a deeper line is printed ruling, not a label's edge
MAX_STEP = 20.0  # gray levels: a larger change of tone is print (a shaded cell, a stamp), not a label
CONTINUES = 0.5  # a flank with this share of the side's contrast means the line runs on
ONE_SIDED = 0.5  # weight of a dip seen against the paper on one side only
TRACE = 2.0  # units: a side this clear is a trace of an edge (supports the interior's tone step)
SIDE_CAP = 25.0  # units: one very clear side cannot stand in for the others
MIN_DIGITS = 2  # an OCR word with this many digits is a figure worth a look
MIN_WORD_CONF = 30.0
NEIGHBOUR = 1.0  # a word this many line heights or closer to a figure may be under the same tape
MAX_SIGNALS = 3
REPORT = 4.0  # below this score a place is not reported (genuine pages of t77 and s7 reach 3.1)


@dataclass(frozen=True)
class Side:
    """One side's best edge: its position (row or column on the page), contrast in noise units,
    the dip of its line and the step of the tone (inside minus outside), in gray levels."""

    at: int
    z: float
    dip: float
    step: float


@dataclass(frozen=True)
class Label:
    """The rectangle found around a value, its sides (left, right, top, bottom) and score."""

    bbox: BBox
    field: str | None
    sides: tuple[Side | None, Side | None, Side | None, Side | None]
    tone_z: float
    score: float


def tape(ev: PageEvidence) -> Iterator[Signal]:
    """Signals for the values with a label's edges around them."""
    if ev.clean.photo or ev.clean.text_layer is not None or ev.clean.binarised:
        return
    image = ev.clean.image
    if _flat_paper(image[::7, ::7]):
        return
    level = float(np.percentile(image[::7, ::7], 90))  # the paper's gray level
    found = [lab for box, field in _places(ev) if (lab := measure(image, box, field, level)) is not None]
    found.sort(key=lambda lab: -lab.score)
    taken: list[BBox] = []
    for lab in found:
        if lab.score < REPORT or len(taken) >= MAX_SIGNALS:
            break
        if any(_overlap(lab.bbox, t) for t in taken):
            continue
        taken.append(lab.bbox)
        yield Signal(METHOD, lab.score, ev.number, lab.bbox, lab.field, _detail(lab), _overlay(image, lab.bbox))


def _flat_paper(sample: np.ndarray) -> bool:
    """Paper without grain (a thresholded, fax-like page: nearly all of it at one gray level): no
    yardstick for a faint edge, and the threshold may have drawn or erased one. `sample`: every
    7th pixel."""
    paper = sample[sample >= 200]
    return paper.size == 0 or np.bincount(paper).max() >= FLAT_SHARE * paper.size


def _places(ev: PageEvidence) -> list[tuple[BBox, str | None]]:
    """Value boxes, then numeric OCR words not inside one (a value OCR split or the extraction
    missed), each also with its neighbours on the line (a currency or unit the tape covers too)."""
    out: list[tuple[BBox, str | None]] = []
    for fb in ev.value_boxes():
        if fb.bbox[2] > 0 and fb.bbox[3] > 0 and not any(_same(fb.bbox, b) for b, _ in out):
            out.append((fb.bbox, fb.field))
    values = len(out)
    words = [w for w in ev.ocr.words if w.conf >= MIN_WORD_CONF and w.text.strip() and w.bbox[2] > 0 and w.bbox[3] > 0]
    lines: dict[tuple[int, int, int], list[BBox]] = {}
    for w in words:
        lines.setdefault(w.line_key, []).append(w.bbox)
    for w in words:
        if sum(c.isdigit() for c in w.text) < MIN_DIGITS or any(_overlap(w.bbox, b) for b, _ in out[:values]):
            continue
        row = sorted(lines[w.line_key])
        i = row.index(w.bbox)
        box = w.bbox
        for j in (i - 1, i + 1):
            if 0 <= j < len(row) and _gap(row[j], w.bbox) < NEIGHBOUR * w.bbox[3]:
                box = _union(box, row[j])
        for b in {w.bbox, box}:
            if not any(_same(b, o) for o, _ in out):
                out.append((b, None))
    return out


def _gap(a: BBox, b: BBox) -> int:
    return max(a[0], b[0]) - min(a[0] + a[2], b[0] + b[2])


def _union(a: BBox, b: BBox) -> BBox:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    return x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0


def measure(image: np.ndarray, box: BBox, field: str | None = None, level: float | None = None) -> Label | None:
    """The label rectangle around `box` (clean page) and its score; None when the box is too close
    to the page's edge to be looked around. `level`: the paper's gray level (from the crop if None)."""
    x, y, w, h = box
    height, width = image.shape[:2]
    reach = MARGIN + w // WIDER + GAP + FLANK + 4
    cx0, cy0, cx1, cy1 = x - reach, y - reach, x + w + reach, y + h + reach
    if cx0 < 0 or cy0 < 0 or cx1 > width or cy1 > height or w < 6 or h < 6:
        return None
    crop = image[cy0:cy1, cx0:cx1].astype(np.float32)
    if level is None:
        level = float(np.percentile(crop[::4, ::4], 90))
    ink = (crop < level - INK_DROP).astype(np.uint8)
    paper = cv2.dilate(ink, np.ones((INK_RIM, INK_RIM), np.uint8)) == 0
    values = np.where(paper, crop, 0.0)
    unit_px = _pixel_noise(crop, paper)
    bx0, by0, bx1, by1 = reach, reach, reach + w, reach + h  # the box in crop coordinates
    prof = _Profiles(values, paper.astype(np.float32), unit_px)
    along = MARGIN + w // WIDER
    left = prof.side("v", bx0 - along, bx0 - 1, by0, by1, outward=-1, parts=2)
    right = prof.side("v", bx1, bx1 + along, by0, by1, outward=1, parts=2)
    sx0 = left.at + 2 if left else bx0
    sx1 = right.at - 1 if right else bx1
    top = prof.side("h", by0 - MARGIN, by0, sx0, sx1, outward=-1, parts=3)
    bottom = prof.side("h", by1, by1 + MARGIN, sx0, sx1, outward=1, parts=3)
    ex0 = left.at if left else bx0 - MARGIN
    ex1 = right.at if right else bx1 + MARGIN
    ey0 = top.at if top else by0 - MARGIN
    ey1 = bottom.at if bottom else by1 + MARGIN
    # A side whose line runs on past the rectangle's corners is a ruled line, not a label's edge.
    top = prof.stops(top, "h", ex0, ex1)
    bottom = prof.stops(bottom, "h", ex0, ex1)
    left = prof.stops(left, "v", ey0, ey1)
    right = prof.stops(right, "v", ey0, ey1)
    sides = (left, right, top, bottom)
    tone_z = _tone_step(values, paper, unit_px, (ex0, ey0, ex1, ey1))
    zs = sorted((min(s.z, SIDE_CAP) if s else 0.0 for s in sides), reverse=True)
    steps = [s.step for s in sides if s is not None and abs(s.step) * 2 > abs(s.dip)]
    agree = len(steps) < 2 or all(v > 0 for v in steps) or all(v < 0 for v in steps)
    # The interior's tone counts in proportion to the sides that show at least a trace of an edge.
    support = sum(z >= TRACE for z in zs) / 4
    score = float(np.prod(zs[:3])) ** (1 / 3) + (support * min(abs(tone_z), SIDE_CAP) / 2 if agree else 0.0)
    if not agree:
        score *= 0.5
    bbox = (cx0 + ex0, cy0 + ey0, ex1 - ex0 + 1, ey1 - ey0 + 1)
    return Label(bbox, field, sides, tone_z, score)


def _pixel_noise(crop: np.ndarray, paper: np.ndarray) -> float:
    """Gray-level noise of the bare paper (difference of horizontal neighbours, every other row)."""
    rows, ok = crop[::2], paper[::2]
    diff = np.abs(rows[:, 1:] - rows[:, :-1])[ok[:, 1:] & ok[:, :-1]]
    if diff.size < 50:
        return 1.0
    # Mean absolute difference of two Gaussian samples: 2 sigma / sqrt(pi); clipped against outliers.
    return float(np.minimum(diff, CLIP).mean()) * np.sqrt(np.pi) / 2


class _Profiles:
    """Paper-only mean gray levels along rows or columns of a crop, in segments."""

    def __init__(self, values: np.ndarray, weight: np.ndarray, unit_px: float) -> None:
        self.values, self.weight, self.unit_px = values, weight, unit_px

    def _means(self, kind: str, lo: int, hi: int, span0: int, span1: int, parts: int) -> np.ndarray:
        """Mean per line (rows lo..hi for "h", columns for "v") in `parts` segments of the span:
        shape (lines, parts), NaN where a segment is mostly ink."""
        if kind == "h":
            v, wgt = self.values[lo:hi, span0:span1], self.weight[lo:hi, span0:span1]
        else:
            v, wgt = self.values[span0:span1, lo:hi].T, self.weight[span0:span1, lo:hi].T
        cuts = np.linspace(0, v.shape[1], parts + 1).astype(int)
        sums = np.add.reduceat(v, cuts[:-1], axis=1)
        counts = np.add.reduceat(wgt, cuts[:-1], axis=1)
        sizes = np.diff(cuts)[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counts >= MIN_VALID * sizes, sums / counts, np.nan)

    def side(self, kind: str, lo: int, hi: int, span0: int, span1: int, *, outward: int,
             parts: int) -> Side | None:
        """The strongest straight edge among lines lo..hi (inclusive) over the span: a thin dip
        or a tone step, present in every segment."""
        if span1 - span0 < 3 * parts:
            return None
        means = self._means(kind, lo - 4, hi + 5, span0, span1, parts)  # lines lo-4 .. hi+4
        k = means.shape[0] - 8
        line = means[4:4 + k]
        before = _mean3(means[0:k], means[1:1 + k], means[2:2 + k])  # lines r-4 .. r-2
        after = _mean3(means[6:6 + k], means[7:7 + k], means[8:8 + k])  # lines r+2 .. r+4
        outside, inside = (before, after) if outward < 0 else (after, before)
        # A thin line against the paper on both sides of it; against one side only (the other is a
        # value's ink) it counts half: the rim of ink darkens the paper next to it a little too.
        one_sided = np.isnan(outside) | np.isnan(inside)
        dip = (np.fmin(outside, inside) - line) * np.where(one_sided, ONE_SIDED, 1.0)
        dip_w = dip.min(axis=1)  # the weakest segment: the line must run the whole side
        # A step needs paper on both sides, and the line between them (not a bright ridge).
        step = np.where(np.minimum(outside, inside) - line >= -(np.abs(inside - outside) + 1.0),
                        inside - outside, np.nan)
        step_w = _weakest_signed(step)
        step_w = np.where(np.abs(step_w) > MAX_STEP, 0.0, step_w)
        deep = dip.max(axis=1) > MAX_LINE
        strength = np.fmax(dip_w, np.abs(step_w) / 1.5)
        strength = np.where(np.isnan(strength) | deep, 0.0, strength)
        if strength.size == 0 or float(strength.max()) <= 0:
            return None
        i = int(np.argmax(strength))
        n = (span1 - span0) / parts
        unit = max(UNIT_FLOOR, CORRELATION * self.unit_px / np.sqrt(n))
        return Side(lo + i, float(strength[i] / unit), float(np.nan_to_num(dip_w[i])),
                    float(np.nan_to_num(step_w[i])))

    def stops(self, side: Side | None, kind: str, end0: int, end1: int) -> Side | None:
        """`side` if its line ends near the rectangle's corners (end0, end1 along it), else None."""
        if side is None:
            return None
        r = side.at
        for a, b in ((end0 - GAP - FLANK, end0 - GAP), (end1 + GAP, end1 + GAP + FLANK)):
            m = self._means(kind, r - 4, r + 5, a, b, 1)[:, 0]
            before, after = _mean3(m[0], m[1], m[2]), _mean3(m[6], m[7], m[8])
            dip = np.minimum(before, after) - m[4]
            step = np.abs(after - before)
            if (side.dip > 0 and dip >= CONTINUES * side.dip) or (
                    abs(side.step) > max(side.dip, 0.0) and step >= CONTINUES * abs(side.step)):
                return None  # NaN (ink on the flank) compares false: the line is not seen to go on
        return side


def _mean3(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Mean of three arrays of line means, each NaN (ink) left out; NaN where all three are."""
    stack = np.stack([a, b, c])
    valid = ~np.isnan(stack)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(valid, stack, 0.0).sum(axis=0) / valid.sum(axis=0)


def _weakest_signed(values: np.ndarray) -> np.ndarray:
    """Per line, the segment value nearest zero when all segments agree in sign, else 0."""
    if values.size == 0:
        return values[:, 0]
    same = np.all(values > 0, axis=1) | np.all(values < 0, axis=1)
    nearest = np.take_along_axis(values, np.argmin(np.abs(values), axis=1)[:, None], axis=1)[:, 0]
    return np.where(np.any(np.isnan(values), axis=1), np.nan, np.where(same, nearest, 0.0))


def _tone_step(values: np.ndarray, paper: np.ndarray, unit_px: float, rect: tuple[int, int, int, int]) -> float:
    """The interior's paper tone minus the nearest of the four strips just outside the rectangle,
    in noise units (0 when the strips disagree in sign: a shade or lighting change)."""
    x0, y0, x1, y1 = rect
    inner = _mean(values, paper, slice(y0 + 3, y1 - 2), slice(x0 + 3, x1 - 2))
    strips = [_mean(values, paper, s0, s1) for s0, s1 in (
        (slice(y0 + 3, y1 - 2), slice(x0 - 12, x0 - 2)), (slice(y0 + 3, y1 - 2), slice(x1 + 3, x1 + 13)),
        (slice(y0 - 12, y0 - 2), slice(x0 + 3, x1 - 2)), (slice(y1 + 3, y1 + 13), slice(x0 + 3, x1 - 2)))]
    strips = [s for s in strips if s is not None]
    if inner is None or len(strips) < 3:
        return 0.0
    steps = [inner[0] - s[0] for s in strips]
    if not (all(v > 0 for v in steps) or all(v < 0 for v in steps)):
        return 0.0
    step = min(steps, key=abs)
    if abs(step) > MAX_STEP:
        return 0.0
    n = min([inner[1], *(s[1] for s in strips)])
    return step / max(UNIT_FLOOR, CORRELATION * unit_px / np.sqrt(n))


def _mean(values: np.ndarray, paper: np.ndarray, rows: slice, cols: slice) -> tuple[float, int] | None:
    mask = paper[rows, cols]
    count = int(np.count_nonzero(mask))
    if count < 40:
        return None
    return float(values[rows, cols][mask].mean()), count


def _same(a: BBox, b: BBox) -> bool:
    return all(abs(p - q) <= 3 for p, q in zip(a, b, strict=True))


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _detail(lab: Label) -> dict[str, object]:
    names = ("left", "right", "top", "bottom")
    return {"sides": {n: {"z": round(s.z, 2), "dip": round(s.dip, 2), "step": round(s.step, 2)}
                      for n, s in zip(names, lab.sides, strict=True) if s is not None},
            "edges_found": sum(s is not None for s in lab.sides), "tone_z": round(lab.tone_z, 2)}


def _overlay(image: np.ndarray, box: BBox) -> Overlay:
    """The paper's distance from its median inside and around the rectangle (0..1): the edges show."""
    x, y, w, h = box
    pad = 8
    y0, x0 = max(0, y - pad), max(0, x - pad)
    crop = image[y0:y + h + pad, x0:x + w + pad].astype(np.float32)
    if crop.size == 0:
        return Overlay(box=box)
    heat = np.clip(np.abs(crop - np.median(crop)) / 40.0, 0, 1)
    if max(heat.shape) > 256:
        f = 256 / max(heat.shape)
        heat = cv2.resize(heat, (max(1, int(heat.shape[1] * f)), max(1, int(heat.shape[0] * f))),
                          interpolation=cv2.INTER_AREA)
    return Overlay(heatmap=heat.astype(np.float32), box=(x0, y0, crop.shape[1], crop.shape[0]))
