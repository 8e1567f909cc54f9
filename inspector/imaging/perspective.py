"""Perspective correction: warp a photographed page's quad to an upright A4 or Letter page at 300 dpi.

After the warp the page's resolution is known from the paper size, so the photo's guessed dpi
(from its pixel count) plays no part: the output is made at the target size directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inspector.models import TARGET_DPI

PAPERS = {"A4": (210 / 25.4, 297 / 25.4), "Letter": (8.5, 11.0)}  # short, long side in inches
# Long side over short side of the quad that is taken for each paper. A photo's perspective puts
# the quad's proportions 10 % or more off the sheet's, so these ranges are wide, and A4 (1.414, the
# paper of most of the world's paperwork) wins where they would overlap with Letter (1.294).
ASPECT_RANGES = {"A4": (1.33, 1.62), "Letter": (1.18, 1.33)}

@dataclass(frozen=True)
class Paper:
    """The sheet a quad is taken to be: its name and its size in inches (width, height)."""

    name: str
    width_in: float
    height_in: float

    def pixels(self, dpi: int = TARGET_DPI) -> tuple[int, int]:
        """Width and height in pixels at `dpi`."""
        return round(self.width_in * dpi), round(self.height_in * dpi)


def side_lengths(quad: np.ndarray) -> tuple[float, float]:
    """The quad's mean width (top and bottom sides) and mean height (left and right sides)."""
    top, right = np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[1])
    bottom, left = np.linalg.norm(quad[2] - quad[3]), np.linalg.norm(quad[3] - quad[0])
    return float(top + bottom) / 2, float(left + right) / 2


def paper_for(quad: np.ndarray) -> Paper:
    """The paper whose proportions fit the quad's (landscape when the quad is wider).

    A quad that fits neither A4 nor Letter keeps its own proportions on an A4-wide sheet: a warp
    to the wrong shape would squash the print.
    """
    width, height = side_lengths(quad)
    landscape = width > height
    aspect = max(width, height) / max(1.0, min(width, height))
    name, short, long_ = "other", PAPERS["A4"][0], PAPERS["A4"][0] * aspect
    for candidate, (low, high) in ASPECT_RANGES.items():
        if low <= aspect < high:
            name, (short, long_) = candidate, PAPERS[candidate]
            break
    return Paper(name, long_, short) if landscape else Paper(name, short, long_)


def warp_page(gray: np.ndarray, quad: np.ndarray, paper: Paper | None = None) -> np.ndarray:
    """The quad of `gray` (corners clockwise from top left) as an upright page at 300 dpi."""
    paper = paper or paper_for(quad)
    width, height = paper.pixels()
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def effective_dpi(quad: np.ndarray, paper: Paper) -> int:
    """The resolution the page had in the photo (its mean width in pixels over the paper width)."""
    width, _ = side_lengths(quad)
    return max(1, round(width / paper.width_in))
