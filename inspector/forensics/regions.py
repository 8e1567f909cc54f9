"""Perceptual hashes of a page's regions: a GRID x GRID mesh of tiles, each with its own 64-bit DCT hash.

Why: the whole-page hash (`phash.page_phash`) sees the page through 32x32 cells, so a page with one
number retyped hashes the same as the original; but two honest papers of one issuer's template (the
same layout, other numbers) hash alike too. Tiles look 4x closer: on a reused page all tiles but
the one with the retyped number match, while a repeat shipment on the same template differs in
every tile that carries a figure, a date or a reference. A tile with almost no ink hashes noise, so
it is marked blank ("") and compared as blank/not blank only. Hashes are 16 hex digits, like the
page's; tiles are listed row by row.
"""

from __future__ import annotations

import cv2
import numpy as np

from inspector.forensics.phash import HASH_SIZE
from inspector.models import BBox

GRID = 4
_CELL = 32  # each tile shrunk to 32x32 before its DCT, like the page
INK_LEVEL = 128  # a pixel darker than this is ink
BLANK_INK = 0.004  # a tile with less ink than this share of its pixels is blank


def region_phashes(gray: np.ndarray, grid: int = GRID) -> tuple[str, ...]:
    """The hash of each tile of a grayscale page, row by row ("" for a blank tile)."""
    small = cv2.resize(gray, (grid * _CELL, grid * _CELL), interpolation=cv2.INTER_AREA).astype(np.float32)
    _, ink = cv2.threshold(gray, INK_LEVEL - 1, 255, cv2.THRESH_BINARY_INV)  # 255 where darker than INK_LEVEL
    share = cv2.resize(ink, (grid, grid), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0  # ink per tile
    out = []
    for index in range(grid * grid):
        row, col = divmod(index, grid)
        if share[row, col] < BLANK_INK:
            out.append("")
            continue
        block = small[row * _CELL:(row + 1) * _CELL, col * _CELL:(col + 1) * _CELL]
        low = cv2.dct(np.ascontiguousarray(block))[:HASH_SIZE, :HASH_SIZE].flatten()[1:]
        bits = np.concatenate([[0], (low > np.median(low)).astype(np.uint8)])
        out.append(f"{int(''.join(map(str, bits)), 2):016x}")
    return tuple(out)


def tile_box(shape: tuple[int, int], index: int, grid: int = GRID) -> BBox:
    """The (x, y, w, h) box of tile `index` (row by row) on a page of `shape` (height, width)."""
    height, width = shape[:2]
    row, col = divmod(index, grid)
    x0, x1 = col * width // grid, (col + 1) * width // grid
    y0, y1 = row * height // grid, (row + 1) * height // grid
    return (x0, y0, x1 - x0, y1 - y0)
