"""Alignment: a figure out of line with the page's grid (its row's baseline, its column's edge).

Printed pages are laid out on a grid: figures of one table column share a right (or left) edge, and
the words of one line share a baseline. A value typed over correction tape, or pasted from elsewhere
on the page at the old value's left edge, lands a few pixels off that grid. Two measures, each
divided by the page's own jitter of the same measure (pooled over all rows or columns of the page,
with a floor), so that a score means "this many times the scan's own jitter":

- row: the figure's baseline (bottom of its digits and capitals, `textmeasure`) against the median
  baseline of the other figures of its OCR line of the same character height (a goods line's
  quantity, weights and value); labels are left out: forms set them on baselines of their own;
- column: the figure's right and left edges against those of the words above and below it that
  start (left) or end (right) a text block at about the same x, when those form a tight column
  (a centred column, whose edges wander, says nothing).

Quiet by design on: headings and labels in another size (compared only with words of the same
height), centred cells, ragged text; a page skewed by a degree is deskewed in the clean-up, and the
column compares only words within `COLUMN_REACH` of each other vertically, where the residual skew is
below a pixel.

A table may set a column a few pixels off its row by design (numbers centred in a tall cell): a
row residual is taken less the median residual of the same column in two or more other rows.

Limits: a retyped value that lands exactly on the grid is invisible here (glyph may still see it);
a column needs three other members, a row two other figures of the same size. On the t77 corpus
the synthetic forgeries land within the page's own layout jitter (a retyped value is placed within
±3 px; glyph side bearings move column edges as much), so at a 1% false-positive threshold the method
found 2/160: it is kept out of the registry until real cases or a finer grid model justify it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from inspector.forensics.base import PageEvidence, Signal
from inspector.forensics.textmeasure import Figure, has_digit, measure, measure_page
from inspector.models import Overlay, Word

METHOD = "alignment"
FLOOR = {"row": 0.7, "column": 1.0}  # px: the page's jitter is never taken as less
SIZE = 0.15  # words within 15% of each other's character height are of one size
COLUMN_WINDOW = 0.3  # x: peers' edges within this many character heights of the figure's edge (a few px)
COLUMN_GAP = 1.2  # a word starts (ends) a block when the word before (after) it is this many heights away
COLUMN_REACH = 900  # px: column peers lie within this distance above or below
MIN_COLUMN = 3  # other members a column needs
MIN_ROW = 2  # other words a row needs
TIGHT = 2.0  # px: a row's or column's other members all lie this close to their median
ROW_REACH = 0.2  # a baseline further than this many character heights off is another line (a multi-line cell)
REPORT = 3.0


@dataclass(frozen=True)
class Offset:
    """A figure's residual against its row or column, in pixels."""

    kind: str  # "row", "column_right", "column_left"
    residual: float
    peers: int
    reference: float  # the row's baseline or the column's edge


def _line_groups(words: tuple[Word, ...]) -> dict[tuple[int, int, int], list[int]]:
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(words):
        groups.setdefault(w.line_key, []).append(i)
    return groups


def _row_offset(fig: Figure, ev: PageEvidence, line: list[int], own: set[int],
                measured: dict[int, Figure | None]) -> Offset | None:
    """The figure's baseline against the other words of its OCR line of the same height, when
    those agree among themselves (`measured` caches the line's words, measured once a page)."""
    h, base = fig.height, _baseline(fig)
    if base is None:
        return None
    others = []
    for i in line:
        if i in own:
            continue
        w = ev.ocr.words[i]
        if w.conf < 50 or abs(w.bbox[3] - fig.bbox[3]) > 0.6 * h or not has_digit(w.text):
            continue  # figures only: labels and field numbers sit on their own baselines by design
        if i not in measured:
            measured[i] = measure(ev.clean.image, w.bbox, None, w.text)
        m = measured[i]
        if m is not None and abs(m.height - h) <= SIZE * h and (b := _baseline(m)) is not None:
            others.append(b)
    if len(others) < MIN_ROW:
        return None
    b = np.array(others)
    ref = float(np.median(b))
    if np.abs(b - ref).max() > TIGHT or abs(base - ref) > ROW_REACH * h:
        return None
    return Offset("row", base - ref, len(others), ref)


def _baseline(fig: Figure) -> float | None:
    return float(np.median(fig.bottom[fig.level])) if fig.level.any() else None


def _column_offsets(fig: Figure, boxes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                    own: np.ndarray) -> list[Offset]:
    """The figure's right and left edges against the tight columns of block ends and starts."""
    x, y, w, h = fig.bbox
    ch = fig.height
    out = []
    near = (np.abs(boxes[:, 1] - y) <= COLUMN_REACH) & (np.abs(boxes[:, 1] - y) > 0.8 * h) & ~own
    near &= np.abs(boxes[:, 3] - h) <= 0.35 * h  # words of about the figure's box height
    for kind, edge, mask in (("column_right", x + w, ends), ("column_left", x, starts)):
        peer_edges = (boxes[:, 0] + boxes[:, 2]) if kind == "column_right" else boxes[:, 0]
        sel = near & mask & (np.abs(peer_edges - edge) <= COLUMN_WINDOW * ch)
        if sel.sum() < MIN_COLUMN:
            continue
        e = peer_edges[sel]
        ref = float(np.median(e))
        if np.abs(e - ref).max() > TIGHT:  # not a tight column: centred or ragged
            continue
        out.append(Offset(kind, float(edge - ref), int(sel.sum()), ref))
    return out


def _block_edges(words: tuple[Word, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word boxes, and which words start and end a text block on their line (a gap before / after)."""
    boxes = np.array([w.bbox for w in words], dtype=np.float64).reshape(-1, 4)
    starts = np.ones(len(words), bool)
    ends = np.ones(len(words), bool)
    for line in _line_groups(words).values():
        order = sorted(line, key=lambda i: boxes[i, 0])
        for a, b in zip(order, order[1:], strict=False):
            gap = boxes[b, 0] - (boxes[a, 0] + boxes[a, 2])
            if gap < COLUMN_GAP * max(boxes[a, 3], boxes[b, 3]):
                ends[a] = False
                starts[b] = False
    conf = np.array([w.conf >= 50 for w in words], bool)
    return boxes, starts & conf, ends & conf


def _overlay(fig: Figure, offset: Offset, score: float) -> Overlay:
    """A heat-map over the figure's box, lit along the edge or baseline that is off the grid."""
    x, y, w, h = fig.bbox
    scale = min(1.0, 256 / max(w, h, 1))
    heat = np.zeros((max(1, round(h * scale)), max(1, round(w * scale))), np.float32)
    level = min(1.0, score / 10)
    if offset.kind == "row":
        heat[-max(1, heat.shape[0] // 4):, :] = level
    elif offset.kind == "column_right":
        heat[:, -max(1, heat.shape[1] // 6):] = level
    else:
        heat[:, :max(1, heat.shape[1] // 6)] = level
    return Overlay(heatmap=heat, box=fig.bbox)


def alignment(ev: PageEvidence) -> Iterator[Signal]:
    """One signal per figure off its row's baseline or its column's edge by more than the page's jitter."""
    figs = measure_page(ev)
    words = ev.ocr.words
    if not figs or not words:
        return
    boxes, starts, ends = _block_edges(words)
    lines = _line_groups(words)
    found: list[tuple[Figure, list[Offset]]] = []
    measured: dict[int, Figure | None] = {}
    for fig in figs:
        fx, fy, fw, fh = fig.bbox
        inside = ((boxes[:, 0] >= fx - 2) & (boxes[:, 0] + boxes[:, 2] <= fx + fw + 2)
                  & (boxes[:, 1] >= fy - 2) & (boxes[:, 1] + boxes[:, 3] <= fy + fh + 2))
        own = set(np.flatnonzero(inside).tolist())
        offsets = _column_offsets(fig, boxes, starts, ends, inside)
        keys = {words[i].line_key for i in own}
        if len(keys) == 1:
            row = _row_offset(fig, ev, lines[next(iter(keys))], own, measured)
            if row is not None:
                offsets.append(row)
        if offsets:
            found.append((fig, offsets))
    found = _against_design(found)
    jitter = _page_jitter([o for _, offs in found for o in offs])
    for fig, offsets in found:
        scored = [(abs(o.residual) / jitter["row" if o.kind == "row" else "column"], o) for o in offsets]
        score, off = max(scored, key=lambda t: t[0])
        if score < REPORT:
            continue
        detail = {"kind": off.kind, "residual_px": round(off.residual, 1), "peers": off.peers,
                  "reference": round(off.reference, 1), "text": fig.text,
                  "jitter_px": {k: round(v, 2) for k, v in jitter.items()}}
        yield Signal(METHOD, round(score, 3), ev.number, fig.bbox, fig.field, detail, _overlay(fig, off, score))


def _against_design(found: list[tuple[Figure, list[Offset]]]) -> list[tuple[Figure, list[Offset]]]:
    """Row residuals less the layout's own offset: a table may set one column a few pixels lower in
    every row (a description on its first line, numbers centred). The residual that counts is the
    figure's offset less the median offset of the figures of its column (x-overlap) in other rows."""
    rows = [(fig, o) for fig, offs in found for o in offs if o.kind == "row"]
    spans = np.array([(f.bbox[0], f.bbox[0] + f.bbox[2], f.bbox[1]) for f, _ in rows], dtype=np.float64).reshape(-1, 3)
    res = np.array([o.residual for _, o in rows])
    adjusted: dict[int, Offset] = {}
    for k, (fig, o) in enumerate(rows):
        x0, x1, y = spans[k]
        same_col = (spans[:, 0] < x1) & (spans[:, 1] > x0) & (np.abs(spans[:, 2] - y) > 0.5 * fig.bbox[3])
        if same_col.sum() >= 2:  # a layout repeats: one other row is no pattern (it may be the forged one)
            design = float(np.median(res[same_col]))
            adjusted[id(o)] = Offset(o.kind, o.residual - design, o.peers, o.reference + design)
    return [(fig, [adjusted.get(id(o), o) for o in offs]) for fig, offs in found]


def _page_jitter(offsets: list[Offset]) -> dict[str, float]:
    """The page's own jitter per measure: 1.4826 x the median absolute residual, floored."""
    out = {}
    for name in FLOOR:
        r = np.array([abs(o.residual) for o in offsets if (o.kind == "row") == (name == "row")])
        out[name] = max(FLOOR[name], float(1.4826 * np.median(r)) if r.size else 0.0)
    return out


__all__ = ["alignment"]
