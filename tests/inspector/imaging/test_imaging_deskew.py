"""Deskew finds the text-line angle within 0.3 degrees and levels the page."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from inspector.imaging import clean_page
from inspector.imaging.deskew import deskew, estimate_skew, rotate_small
from inspector.models import Page


def _tilted(page: np.ndarray, degrees_ccw: float) -> np.ndarray:
    """The page turned counter-clockwise by PIL, as a skewed scan would be."""
    image = Image.fromarray(page).rotate(degrees_ccw, resample=Image.Resampling.BICUBIC,
                                         fillcolor=255)
    return np.asarray(image)


@pytest.mark.parametrize("angle", [-7.0, -3.0, 2.5, 9.0])
def test_estimated_angle_is_within_0_3_degrees(text_page: np.ndarray, angle: float) -> None:
    assert estimate_skew(_tilted(text_page, angle)) == pytest.approx(angle, abs=0.3)


@pytest.mark.parametrize("angle", [-7.0, 2.5])
def test_clean_page_levels_the_text(text_page: np.ndarray, angle: float) -> None:
    clean = clean_page(Page("t.png", 1, 300, _tilted(text_page, angle)))
    assert clean.skew == pytest.approx(angle, abs=0.3)
    assert abs(estimate_skew(clean.image)) < 0.3
    assert clean.image.shape == text_page.shape
    assert clean.image[0, 0] == 255 and clean.image[-1, -1] == 255  # white corners


def test_tiny_skew_is_left_alone(text_page: np.ndarray) -> None:
    image, removed = deskew(text_page, angle=0.15)
    assert removed == 0.0 and image is text_page


def test_blank_page_has_no_skew() -> None:
    assert estimate_skew(np.full((3508, 2480), 255, np.uint8)) == 0.0


def test_noise_alone_has_no_skew() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (1754, 1240), dtype=np.uint8)
    assert estimate_skew(noise) == 0.0


def test_rotate_small_turns_counter_clockwise() -> None:
    image = np.full((400, 400), 255, np.uint8)
    image[195:205, 50:350] = 0  # a horizontal bar
    turned = rotate_small(image, 10.0)
    rows, cols = np.nonzero(turned < 128)
    slope = np.polyfit(cols, rows, 1)[0]
    assert slope == pytest.approx(-np.tan(np.radians(10.0)), abs=0.02)  # rises to the right
