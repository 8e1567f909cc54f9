"""Text regions of a page, and their boxes carried back onto the image as it came in.

The pixel forensics (noise, ela, jpeg_ghost) must look at the decoded file itself: the clean-up
resamples, turns, deskews and sometimes median-filters the page, which wipes out the grain and the
8x8 JPEG grid they measure. Every box, though, refers to the clean page. `to_original` inverts the
clean-up's geometry (`base.to_clean_geometry`: rescale, quarter turn, deskew) for a box, so that the
analysis runs on untouched pixels and only the few numbers it yields travel back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.forensics.base import PageEvidence
from inspector.imaging.rescale import DPI_TOLERANCE
from inspector.models import TARGET_DPI, BBox

# A text line is cut where the gap between two words is wider than this many line heights: the
# columns of a table are separate places.
LINE_GAP = 1.5
MIN_WORD_CONF = 30.0


@dataclass(frozen=True)
class Region:
    """A place to examine: its box on the clean page and, for a value, the field it shows."""

    bbox: BBox
    field: str | None = None


def regions(ev: PageEvidence) -> list[Region]:
    """Value boxes first (the figures a forger changes), then every other OCR text line piece; a line
    piece that overlaps a value box is left out (the value stands for it)."""
    values = [Region(fb.bbox, fb.field) for fb in ev.value_boxes() if fb.bbox[2] > 0 and fb.bbox[3] > 0]
    out = list(values)
    for box in _line_pieces(ev):
        if not any(_overlap(box, v.bbox) for v in values):
            out.append(Region(box))
    return out


def _line_pieces(ev: PageEvidence) -> Iterator[BBox]:
    lines: dict[tuple[int, int, int], list[BBox]] = {}
    for w in ev.ocr.words:
        if w.conf >= MIN_WORD_CONF and w.text.strip() and w.bbox[2] > 0 and w.bbox[3] > 0:
            lines.setdefault(w.line_key, []).append(w.bbox)
    for boxes in lines.values():
        boxes.sort()
        piece = list(boxes[0])
        for x, y, w, h in boxes[1:]:
            height = max(piece[3], h)
            if x - (piece[0] + piece[2]) > LINE_GAP * height:
                yield tuple(piece)  # type: ignore[misc]
                piece = [x, y, w, h]
            else:
                x0, y0 = min(piece[0], x), min(piece[1], y)
                x1, y1 = max(piece[0] + piece[2], x + w), max(piece[1] + piece[3], y + h)
                piece = [x0, y0, x1 - x0, y1 - y0]
        yield tuple(piece)  # type: ignore[misc]


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def gray(image: np.ndarray) -> np.ndarray:
    """An image (or a crop) of the page as decoded, in gray levels: the luma a JPEG coded. Crops are
    converted one at a time, so that a colour page is never converted whole."""
    return image if image.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_BGR2GRAY)


MID_SHARE = 0.003  # share of pixels between ink and paper under which a page was thresholded


def thresholded(sample: np.ndarray) -> bool:
    """Whether a page (gray `sample`, e.g. every 7th pixel) was thresholded to ink and paper, as a fax
    or a bilevel scan is: no tones in between, so no ink darkness, grain or blur to measure."""
    return np.count_nonzero((sample > 60) & (sample < 195)) < MID_SHARE * sample.size


def original_scale(ev: PageEvidence) -> float:
    """Original pixels per clean pixel (1.0 at 300 dpi, 2/3 at 200 dpi)."""
    factor = TARGET_DPI / ev.page.dpi
    return 1.0 if abs(factor - 1.0) <= DPI_TOLERANCE else 1.0 / factor


def to_original(ev: PageEvidence, box: BBox) -> tuple[int, int, int, int]:
    """A clean-page box as the (x0, y0, x1, y1) box enclosing it on `page.image` (clipped)."""
    x, y, w, h = box
    pts = np.array([[x, y], [x + w, y], [x, y + h], [x + w, y + h]], dtype=np.float64)
    ch, cw = ev.clean.image.shape[:2]
    if ev.clean.skew:  # undo the deskew: it turned the page by -skew about the centre
        matrix = cv2.getRotationMatrix2D((cw / 2, ch / 2), -ev.clean.skew, 1.0)
        inverse = cv2.invertAffineTransform(matrix)
        pts = pts @ inverse[:, :2].T + inverse[:, 2]
    oh, ow = ev.page.image.shape[:2]
    turn = int(ev.clean.rotation) % 360
    # size of the page after the rescale, before the quarter turn
    sw, sh = (ch, cw) if turn in (90, 270) else (cw, ch)
    xs, ys = pts[:, 0].copy(), pts[:, 1].copy()
    if turn == 90:  # clockwise: (x, y) -> (sh - 1 - y, x)
        xs, ys = pts[:, 1], sh - 1 - pts[:, 0]
    elif turn == 180:
        xs, ys = sw - 1 - pts[:, 0], sh - 1 - pts[:, 1]
    elif turn == 270:
        xs, ys = sw - 1 - pts[:, 1], pts[:, 0]
    xs, ys = xs * (ow / sw), ys * (oh / sh)
    x0, y0 = int(np.clip(np.floor(xs.min()), 0, ow)), int(np.clip(np.floor(ys.min()), 0, oh))
    x1, y1 = int(np.clip(np.ceil(xs.max()), 0, ow)), int(np.clip(np.ceil(ys.max()), 0, oh))
    return x0, y0, x1, y1


def robust_z(values: np.ndarray, floor: float) -> np.ndarray:
    """How far each value stands from the page's own (median, MAD), the scale held at `floor` or
    above so that a uniform page does not turn a hair's difference into a finding."""
    if values.size == 0:
        return values
    centre = float(np.median(values))
    scale = max(floor, 1.4826 * float(np.median(np.abs(values - centre))))
    return (values - centre) / scale
