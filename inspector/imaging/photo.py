"""Turn a phone photo of a page into a flat page: find the sheet, warp it upright, even the light."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.imaging.illumination import flatten_light
from inspector.imaging.page_quad import find_page_quad
from inspector.imaging.perspective import Paper, effective_dpi, paper_for, warp_page

log = logging.getLogger(__name__)

EDGE_MARGIN = 10  # px at 300 dpi whitened round the warped page: slivers of desk, not print
SHARPEN_SIGMA, SHARPEN_AMOUNT = 1.2, 0.8  # unsharp mask against the lens blur and the warp's smoothing


@dataclass(frozen=True)
class FlatPhoto:
    """A photographed page made flat: the 300-dpi page and where it was found in the photo."""

    image: np.ndarray  # uint8 grayscale at TARGET_DPI, upright as photographed, light evened out
    quad: np.ndarray  # the page's corners in the photo (4x2, clockwise from top left)
    paper: Paper
    dpi: int  # the page's resolution in the photo


def flatten_photo(gray: np.ndarray) -> FlatPhoto | None:
    """The flattened page when `gray` is a photo of a sheet on a background, else None (a scan)."""
    quad = find_page_quad(gray)
    if quad is None:
        return None
    paper = paper_for(quad)
    dpi = effective_dpi(quad, paper)
    log.debug("photographed %s page at about %d dpi, corners %s", paper.name, dpi, quad.round().tolist())
    page = sharpen(flatten_light(warp_page(gray, quad, paper)))
    m = EDGE_MARGIN
    page[:m], page[-m:], page[:, :m], page[:, -m:] = 255, 255, 255, 255
    return FlatPhoto(page, quad, paper, dpi)


def sharpen(gray: np.ndarray, sigma: float = SHARPEN_SIGMA, amount: float = SHARPEN_AMOUNT) -> np.ndarray:
    """An unsharp mask: the image plus `amount` times its difference from a blurred copy."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1 + amount, blurred, -amount, 0)
