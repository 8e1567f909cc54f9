"""Copy-move: a figure copied from another place of the same page over the value it replaces.

What it measures. A forger who wants the total to read like another figure of the page (the net
weight made equal to the gross, a value made equal to a line's amount) copies that figure's pixels
and pastes them over the value. The pasted block is the same print as its source: after the page is
scanned, the two differ only by scanner noise, so their normalised cross-correlation (NCC, with a
small search over the translation) is ~0.996-0.999. Two *different* numbers of the same font and
size correlate far less (250.00 against 256.00: 0.955; typical pairs 0.6-0.9), a bold total against
the same number in a regular item row less still.

Why it is restricted. Genuine pages repeat values legitimately: the same weight on several goods
lines, a total equal to its only line, a document number equal to the invoice number; in the
synthetic corpus (text drawn at integer positions) and on any printer, those repeats are the same
print too, and at the pixel level they are indistinguishable from a copy (measured on t77 and
genuine cases: genuine repeats of one value correlate 0.995-0.999, copies 0.996-0.999; no cue of
sub-pixel phase, blur or carried-along background separated them, since the corpus pastes 4 px of
white paper). So the matching is restricted to the figures that matter (`value_boxes()`) and what
fires is the document's own semantics: an identical print of two figures that measure different
things (net vs gross weight, a weight vs a money value, an HS code vs an amount, packages vs a
weight) is what a copy leaves and a genuine page almost never shows (0 of 215 genuine documents on
t77). Figures of one measure (items[0] and items[1] net weight, a total and its line) and two
identifiers are never compared. Unlabelled numbers were tried as well (a container's weight copied
from the B/L total): genuine pages repeat them as often as forgers do (15 genuine documents of 375
with an identical print at NCC 0.84-0.98), so they are not used.
The matching is a template search (NCC) over the candidate boxes rather than ORB/AKAZE keypoints:
on a 30-px-high figure keypoints are too few (5-15) to cluster, while the NCC over the whole box
already demands that the match covers both regions and is one translation.

Which of the two is the copy cannot be told from the pixels; the one out of its column (fewer words
above and below sharing its left or right edge), else the lower one, is taken as the copy, and both
places get a signal (the source's at `SOURCE_FACTOR` of the score) with match lines between them.

Score: 1 + (NCC - 0.985) / 0.015 (>= 1 only for an identical print).

Limits: a copy between figures of the same measure (one goods line's weight over another's) is
indistinguishable from a genuine repeat and is left to the arithmetic checks; a copy from or onto a
number that is no extracted field is missed; copies of signatures and seals within a page are not
looked for (seals pasted across papers: `seals.seal_reuse`); sizes must agree within 4 px (a copy scaled
on paste is not looked for).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.forensics.base import PageEvidence
from inspector.models import BBox, Overlay, Signal

METHOD = "copy_move"
MIN_NCC = 0.985  # below: two different prints (different digits, weight or size)
SIZE_SLACK = 4  # px: a copy has its source's size
SEARCH = 6  # px of translation searched around the candidate box
SOURCE_FACTOR = 0.99  # the figure judged the source is shown too, a little below the copy

# The measure a figure shows: identical prints of the same measure are genuine repeats.
_MEASURE = {"total_net_weight_kg": "net", "net_weight_kg": "net", "total_gross_weight_kg": "gross",
            "gross_weight_kg": "gross", "total_value": "value", "value": "value", "packages": "count",
            "quantity": "count", "hs_code": "hs", "date": "date"}


@dataclass(frozen=True)
class _Figure:
    field: str
    bbox: BBox
    digits: str

    @property
    def measure(self) -> str:
        return _MEASURE.get(self.field.split(".")[-1], "id")  # document/invoice/licence/container numbers


def copy_move(evidence: PageEvidence) -> Iterator[Signal]:
    """One signal per figure whose print is identical to another figure of a different measure."""
    image = evidence.clean.image
    figures = _figures(evidence)
    best: dict[int, tuple[float, _Figure, _Figure, float]] = {}
    for i, a in enumerate(figures):
        for j in range(i + 1, len(figures)):
            b = figures[j]
            weight = _weight(a, b)
            if weight == 0.0 or not _same_size(a, b) or _overlap(a.bbox, b.bbox):
                continue
            ncc = max(_ncc(image, a.bbox, b.bbox), _ncc(image, b.bbox, a.bbox))
            if ncc < MIN_NCC:
                continue
            score = weight * (1.0 + (ncc - MIN_NCC) / (1.0 - MIN_NCC))
            target, source = _which_copy(a, b, evidence)
            key = figures.index(target)
            if key not in best or score > best[key][0]:
                best[key] = (score, target, source, ncc)
    done: set[BBox] = set()
    for score, target, source, ncc in sorted(best.values(), key=lambda t: -t[0]):
        # Both places are shown (which one is the copy is a guess); the likelier copy scores higher.
        for fig, other, factor in ((target, source, 1.0), (source, target, SOURCE_FACTOR)):
            if fig.bbox in done:
                continue
            done.add(fig.bbox)
            yield Signal(METHOD, round(score * factor, 4), evidence.number, fig.bbox, fig.field,
                         {"ncc": round(ncc, 4), "copy_of_bbox": list(other.bbox), "copy_of_field": other.field,
                          "measures": [fig.measure, other.measure], "likely_copy": factor == 1.0},
                         Overlay(lines=_lines(other.bbox, fig.bbox)))


def _figures(evidence: PageEvidence) -> list[_Figure]:
    """The value boxes, with the digits OCR read in them."""
    words = [w for w in evidence.ocr.words if any(ch.isdigit() for ch in w.text)]
    out: list[_Figure] = []
    for fb in evidence.value_boxes():
        inside = [w for w in words if _overlap(w.bbox, fb.bbox)]
        out.append(_Figure(fb.field, fb.bbox, "".join(_digits(w.text) for w in inside) or _digits(fb.text)))
    return out


def _weight(a: _Figure, b: _Figure) -> float:
    """How much an identical print of a and b says: 0 for a genuine-looking repeat."""
    if a.measure == b.measure or (a.measure == "id" and b.measure == "id"):
        return 0.0
    return 1.0


def _ncc(image: np.ndarray, template_box: BBox, search_box: BBox) -> float:
    """Best normalised correlation of one box's pixels over the other's, within +-SEARCH px."""
    if template_box[3] > search_box[3] + SIZE_SLACK:
        return 0.0  # the taller box is searched, never the template
    t = _crop(image, template_box, 2)
    s = _crop(image, search_box, 2 + SEARCH)
    if t.size == 0 or s.shape[0] < t.shape[0] or s.shape[1] < t.shape[1] or float(t.std()) < 5.0:
        return 0.0
    return float(cv2.matchTemplate(s, t, cv2.TM_CCOEFF_NORMED).max())


def _crop(image: np.ndarray, box: BBox, grow: int) -> np.ndarray:
    x, y, w, h = box
    height, width = image.shape[:2]
    return image[max(0, y - grow):min(height, y + h + grow), max(0, x - grow):min(width, x + w + grow)]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _same_size(a: _Figure, b: _Figure) -> bool:
    """Boxes of one print: same size; or, when OCR read the same digits, the same width and one box
    taller (OCR's box of a pasted block takes in what the block carried along: a rule, a clipped glyph)."""
    (_, _, wa, ha), (_, _, wb, hb) = a.bbox, b.bbox
    if abs(wa - wb) > SIZE_SLACK:
        return False
    return abs(ha - hb) <= SIZE_SLACK or (a.digits == b.digits and max(ha, hb) <= 2.2 * min(ha, hb))


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _which_copy(a: _Figure, b: _Figure, evidence: PageEvidence) -> tuple[_Figure, _Figure]:
    """(copy, source): the copy is the one out of its column (a pasted block rarely lands exactly on
    the column's edge); when both sit equally well, the later one on the page (totals are copied over)."""
    fa, fb = _aligned(a.bbox, evidence), _aligned(b.bbox, evidence)
    if fa != fb:
        return (a, b) if fa < fb else (b, a)
    return (a, b) if (a.bbox[1], a.bbox[0]) > (b.bbox[1], b.bbox[0]) else (b, a)


def _aligned(box: BBox, evidence: PageEvidence, slack: int = 2, reach: int = 700) -> int:
    """How many words above or below `box` (within `reach` px) share its left or right edge."""
    x, y, w, h = box
    n = 0
    for word in evidence.ocr.words:
        wx, wy, ww, wh = word.bbox
        if abs(wy - y) > reach or _overlap(word.bbox, box) or wy + wh > y - 4 and wy < y + h + 4:
            continue
        n += abs(wx - x) <= slack or abs(wx + ww - x - w) <= slack
    return n


def _lines(source: BBox, target: BBox) -> tuple[tuple[int, int, int, int], ...]:
    """Match lines from the source's corners and centre to the copy's."""
    sx, sy, sw, sh = source
    tx, ty, _, _ = target
    return tuple((sx + dx, sy + dy, tx + dx, ty + dy) for dx, dy in ((0, 0), (sw, 0), (0, sh), (sw, sh),
                                                                     (sw // 2, sh // 2)))


__all__ = ["METHOD", "copy_move"]
