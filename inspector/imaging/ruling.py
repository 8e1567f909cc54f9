"""Ruled lines and the boxes they enclose: the cells of a boxed form, found with line morphology.

Forms such as a certificate of origin or a customs declaration print each field in a box: a label at
the top of the box and the value under it, or a label box with the value box beside it. Reading such a
form cell by cell keeps one box's value from running into its neighbour's label.
"""

from __future__ import annotations

import cv2
import numpy as np

from inspector.models import BBox

# Lines are looked for at half resolution (150 dpi): four times less work, and rules stay 1-2 px thick.
SCALE = 0.5
# A ruled line is at least this long (pixels at 150 dpi: about 1 cm); text strokes are far shorter.
MIN_LINE = 55
# Cells smaller than this (pixels at 150 dpi) are the gaps between double lines or tick boxes' insides.
MIN_CELL_W = 30
MIN_CELL_H = 20
# A "cell" covering most of the page is the page frame, not a field's box.
MAX_CELL_SHARE = 0.6


def line_mask(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks (255 = line) of the long horizontal and vertical strokes of a grayscale page."""
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 15)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (MIN_LINE, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, MIN_LINE)))
    return horizontal, vertical


def find_cells(gray: np.ndarray) -> tuple[BBox, ...]:
    """The boxes enclosed by ruled lines on a page, as (x, y, w, h), top to bottom, left to right.

    Lines are closed over small breaks (scan noise, a stamp across a line) before the enclosed regions
    are taken; a region touching the page edge is not enclosed and so not a cell.
    """
    small = cv2.resize(gray, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_AREA)
    horizontal, vertical = line_mask(small)
    if not horizontal.any() or not vertical.any():
        return ()
    grid = cv2.bitwise_or(horizontal, vertical)
    grid = cv2.dilate(grid, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(grid), connectivity=4)
    h, w = small.shape[:2]
    cells: list[BBox] = []
    for x, y, cw, ch, _area in stats[1:count]:
        touches_edge = x == 0 or y == 0 or x + cw >= w or y + ch >= h
        if touches_edge or cw < MIN_CELL_W or ch < MIN_CELL_H or cw * ch > MAX_CELL_SHARE * w * h:
            continue
        # Back to full resolution, giving back the pixels the dilation took from the region.
        cells.append((int((x - 1) / SCALE), int((y - 1) / SCALE), int((cw + 2) / SCALE), int((ch + 2) / SCALE)))
    return tuple(sorted(cells, key=lambda b: (b[1], b[0])))
