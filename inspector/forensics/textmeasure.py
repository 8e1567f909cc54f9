"""Characters of the page's figures, measured: the shared ground of the glyph and alignment methods.

A figure (a field's value box, or an OCR word that holds digits) is cut from the clean page and
thresholded half-way between its own paper and its darkest ink; each connected component is a
character (or a touching pair). Per character we keep its box, its baseline (the bottom of a
full-height character: digits have no descenders), its height, its stroke width (twice the ink area
over the boundary length: a bar of width w gives w) and its ink (mean gray of the stroke's inside).
Commas, points and hyphens are kept apart as "small" marks: they take no part in the statistics.

The page is measured once and the result shared by both methods (`measure_page`, a tiny cache keyed
by the clean image), so the two cost one pass over the page's figures together.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.forensics.base import PageEvidence
from inspector.models import BBox, Word

PAD = 3  # px around a box: OCR boxes are tight on the ink
MIN_CONTRAST = 60  # gray levels between paper and ink: below that, no character is told
MIN_HEIGHT = 10  # px: smaller print is too coarse to measure at 300 dpi
MAX_HEIGHT = 120  # px: taller "characters" are stamps, logos or rules
TALL = 0.72  # a full-height character is at least this share of the figure's character height
MIN_WORD_CONF = 50  # an OCR word read worse than this may not be what it says (Chinese read as digits)
# Characters that stand full height (the others are x-height or marks: left out), and those of them
# that sit on the baseline and reach the cap height (digits and capitals: their top and bottom count).
TALL_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZbdfhkltgjpqy%#$()[]{}&@/|!?")
LEVEL_CHARS = frozenset("0123456789ABCDEFGHIKLMNOPRSTUVWXYZ")
FULL_WIDTH = 0.85  # width over height beyond which a component is no digit (digits are ~0.5-0.65)
THIN = 0.25  # and under which it is none either (except a 1)
MAX_HEIGHT_SPREAD = 0.25  # characters of one figure further apart in height are not one script
_KERNEL = np.ones((3, 3), np.uint8)


@dataclass(frozen=True)
class Figure:
    """A figure on the page and its full-height characters, left to right (arrays of equal length)."""

    field: str | None  # the contract field, when the box is a known field's
    text: str
    bbox: BBox  # on the clean page
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray  # the baseline, per character
    stroke: np.ndarray  # px
    ink: np.ndarray  # darkness: paper gray minus the stroke's mean gray
    paper: float  # the local paper gray
    level: np.ndarray  # bool: a digit or capital, whose top and bottom are the figure's cap line and baseline

    @property
    def n(self) -> int:
        return int(self.x0.size)

    @property
    def height(self) -> float:
        return float(np.median(self.bottom - self.top))

    @property
    def baseline(self) -> float:
        return float(np.median(self.bottom))

    @property
    def left(self) -> float:
        return float(self.x0.min())

    @property
    def right(self) -> float:
        return float(self.x1.max())


def measure(gray: np.ndarray, box: BBox, field: str | None = None, text: str = "") -> Figure | None:
    """The full-height characters of the figure in `box`, or None when there are fewer than two."""
    x, y, w, h = (int(v) for v in box)
    x0, y0 = max(0, x - PAD), max(0, y - PAD)
    x1, y1 = min(gray.shape[1], x + w + PAD), min(gray.shape[0], y + h + PAD)
    crop = gray[y0:y1, x0:x1]
    if crop.size < 40:
        return None
    paper = float(np.partition(crop.ravel()[::3], int(0.9 * (crop.size - 1) / 3))[int(0.9 * (crop.size - 1) / 3)])
    dark = float(crop.min())
    if paper - dark < MIN_CONTRAST:
        return None
    ink = (crop < (paper + dark) / 2).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 3:
        return None
    core = cv2.erode(ink, _KERNEL).astype(bool)
    on = ink.astype(bool)
    lab_ink = labels[on]
    area = np.bincount(lab_ink, minlength=count).astype(np.float64)
    edge = area - np.bincount(labels[core], minlength=count)  # ink pixels with a paper neighbour
    mean_gray = _darkest_mean(lab_ink, crop[on], count)

    cx, cy = centroids[:, 0] + x0, centroids[:, 1] + y0
    inside = (cx >= x) & (cx < x + w) & (cy >= y) & (cy < y + h)
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    keep = inside & (heights >= MIN_HEIGHT) & (heights <= MAX_HEIGHT) & (area >= 12)
    keep[0] = False
    if keep.sum() < 2:
        return None
    char_h = float(np.max(heights[keep]))
    keep &= heights >= TALL * np.median(heights[keep & (heights >= 0.5 * char_h)])
    keep &= stats[:, cv2.CC_STAT_WIDTH] <= 2.5 * char_h  # a rule or an underline, not a character
    idx = np.flatnonzero(keep)
    if idx.size < 2:
        return None
    idx = idx[np.argsort(stats[idx, cv2.CC_STAT_LEFT])]
    s = stats[idx]
    level = _levels(text, idx.size)
    hs = s[:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    if level is not None and level.size == idx.size:
        # a "digit" too narrow or too wide for one is part of a unit character OCR read as one
        # ("4800个" read "48007": the stem of 个 stands where the 7 would)
        ratio = s[:, cv2.CC_STAT_WIDTH] / hs
        level &= ~(_digits(text, idx.size) & ((ratio > FULL_WIDTH) | (ratio < THIN)))
    if level is None or (level.sum() >= 2 and np.ptp(hs[level]) > MAX_HEIGHT_SPREAD * np.median(hs[level])):
        return None
    return Figure(field, text, (x, y, w, h),
                  x0=(s[:, cv2.CC_STAT_LEFT] + x0).astype(np.float64),
                  x1=(s[:, cv2.CC_STAT_LEFT] + s[:, cv2.CC_STAT_WIDTH] + x0).astype(np.float64),
                  top=(s[:, cv2.CC_STAT_TOP] + y0).astype(np.float64),
                  bottom=(s[:, cv2.CC_STAT_TOP] + s[:, cv2.CC_STAT_HEIGHT] + y0).astype(np.float64),
                  stroke=2.0 * area[idx] / np.maximum(edge[idx], 1.0),
                  ink=paper - mean_gray[idx], paper=paper, level=level)


def _darkest_mean(labels: np.ndarray, gray: np.ndarray, count: int, share: float = 0.25) -> np.ndarray:
    """Per component, the mean gray of its darkest `share` of pixels: the stroke's inside, the same
    measure for a thin '7' and a round '0' (a mean over all ink pixels would mix in the blurred rim)."""
    order = np.lexsort((gray, labels))
    g = np.concatenate(([0.0], np.cumsum(gray[order], dtype=np.float64)))
    n = np.bincount(labels, minlength=count)
    start = np.concatenate(([0], np.cumsum(n)[:-1]))
    k = np.maximum(1, (n * share).astype(np.int64))
    return (g[start + k] - g[start]) / k


def _levels(text: str, n: int) -> np.ndarray | None:
    """Which of n components are digits or capitals, read from the text; None when the text and the
    components do not agree (OCR read something else: the figure is not measured)."""
    expected = [c for c in text if c in TALL_CHARS or ord(c) >= 0x2E80]  # CJK stands full height
    if len(expected) == n:
        return np.array([c in LEVEL_CHARS for c in expected])
    if expected and all(c in LEVEL_CHARS for c in expected) and len(expected) / 2 <= n < len(expected):
        return np.ones(n, bool)  # touching characters merged: still digits and capitals
    return None


def digit_mask(text: str, n: int) -> np.ndarray:
    """Which of n components the text reads as digits (all False when the counts disagree)."""
    expected = [c for c in text if c in TALL_CHARS or ord(c) >= 0x2E80]
    if len(expected) != n:
        return np.zeros(n, bool)
    return np.array([c.isdigit() for c in expected])


def _digits(text: str, n: int) -> np.ndarray:
    """Which of n components the text reads as digits other than 1: those have a digit's proportions."""
    expected = [c for c in text if c in TALL_CHARS or ord(c) >= 0x2E80]
    return digit_mask(text, n) & np.array([c != "1" for c in expected] if len(expected) == n else [False] * n)


def has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _inside_share(a: BBox, boxes: np.ndarray) -> np.ndarray:
    """The share of a's area that lies inside each of `boxes` (n x 4, x y w h)."""
    if not len(boxes):
        return np.zeros(0)
    ix = np.minimum(a[0] + a[2], boxes[:, 0] + boxes[:, 2]) - np.maximum(a[0], boxes[:, 0])
    iy = np.minimum(a[1] + a[3], boxes[:, 1] + boxes[:, 3]) - np.maximum(a[1], boxes[:, 1])
    return np.clip(ix, 0, None) * np.clip(iy, 0, None) / max(1, a[2] * a[3])


def _share_in(boxes: np.ndarray, b: BBox) -> np.ndarray:
    """The share of each of `boxes`' area that lies inside b."""
    ix = np.minimum(b[0] + b[2], boxes[:, 0] + boxes[:, 2]) - np.maximum(b[0], boxes[:, 0])
    iy = np.minimum(b[1] + b[3], boxes[:, 1] + boxes[:, 3]) - np.maximum(b[1], boxes[:, 1])
    return np.clip(ix, 0, None) * np.clip(iy, 0, None) / np.maximum(1, boxes[:, 2] * boxes[:, 3])


def _after_label(inside: list[int], words: Sequence[Word]) -> list[int]:
    """The words of a value box after its printed label ("CNTR NO.: OOLU7679225 / SEAL ..."): a
    bold label is another weight of print, not a retyped character. All of them when no word of the
    box ends in a colon, or when nothing follows the colon."""
    ordered = sorted(inside, key=lambda i: words[i].bbox[0])
    ends = [k for k, i in enumerate(ordered) if words[i].text.endswith((":", "："))]
    if not ends or ends[-1] == len(ordered) - 1:
        return ordered
    return ordered[ends[-1] + 1:]


def _union(boxes: list[BBox]) -> BBox:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


def figures(ev: PageEvidence) -> list[Figure]:
    """The page's figures: the document's value boxes (named), then the other OCR words holding digits."""
    gray = ev.clean.image
    words = ev.ocr.words
    word_boxes = np.array([w.bbox for w in words], dtype=np.float64).reshape(-1, 4)
    out: list[Figure] = []
    boxes: list[BBox] = []
    for fb in ev.value_boxes():
        if boxes and _inside_share(fb.bbox, np.array(boxes, dtype=np.float64)).max() > 0.8:
            continue  # the same box under two names (a total shown once)
        boxes.append(fb.bbox)
        # the printed text (the field's value is parsed: "9700.0" for "9,700.00 个")
        inside = [int(i) for i in np.flatnonzero(_share_in(word_boxes, fb.bbox) > 0.6)] if words else []
        inside = _after_label(inside, words)
        box = _union([words[i].bbox for i in inside]) if inside else fb.bbox
        fig = measure(gray, box, fb.field, " ".join(words[i].text for i in inside) or fb.text)
        if fig is not None:
            out.append(fig)
    taken = np.zeros(len(words), bool)
    for b in boxes:
        taken |= _share_in(word_boxes, b) > 0.5
    for i, word in enumerate(words):
        if taken[i] or word.conf < MIN_WORD_CONF or not has_digit(word.text):
            continue
        fig = measure(gray, word.bbox, None, word.text)
        if fig is not None:
            out.append(fig)
    return out


_CACHE: OrderedDict[int, tuple[np.ndarray, list[Figure]]] = OrderedDict()
_LOCK = threading.Lock()


def measure_page(ev: PageEvidence) -> list[Figure]:
    """`figures(ev)`, computed once per clean page for both methods."""
    key = id(ev.clean.image)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is ev.clean.image:
            return hit[1]
    found = figures(ev)
    with _LOCK:
        _CACHE[key] = (ev.clean.image, found)
        while len(_CACHE) > 4:
            _CACHE.popitem(last=False)
    return found


__all__ = ["Figure", "digit_mask", "figures", "has_digit", "measure", "measure_page"]
