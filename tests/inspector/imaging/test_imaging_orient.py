"""Quarter turns: rotate_image, and the orientation hook's contract (clockwise degrees to apply)."""

from __future__ import annotations

import numpy as np
import pytest

from inspector.imaging import clean_page, rotate_image
from inspector.models import Page


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.astype(np.float64).ravel(), b.astype(np.float64).ravel())[0, 1])


def test_rotate_image_is_clockwise() -> None:
    image = np.array([[1, 2], [3, 4]], np.uint8)
    assert rotate_image(image, 90).tolist() == [[3, 1], [4, 2]]
    assert rotate_image(image, 180).tolist() == [[4, 3], [2, 1]]
    assert rotate_image(image, -90).tolist() == rotate_image(image, 270).tolist() == [[2, 4], [1, 3]]
    assert rotate_image(image, 360) is image


def test_rotate_image_refuses_other_angles() -> None:
    with pytest.raises(ValueError, match="multiple of 90"):
        rotate_image(np.zeros((2, 2), np.uint8), 45)


def test_page_on_its_side_comes_back_upright(text_page: np.ndarray) -> None:
    seen: list[tuple[int, ...]] = []

    def detector(gray: np.ndarray) -> int:
        seen.append(gray.shape)
        return 270  # the page was turned 90 clockwise: a further 270 clockwise rights it

    sideways = rotate_image(text_page, 90)
    clean = clean_page(Page("side.png", 1, 300, sideways), orientation=detector)
    assert seen == [sideways.shape]
    assert clean.rotation == 270
    assert clean.image.shape == text_page.shape
    assert _correlation(clean.image, text_page) > 0.99


def test_upside_down_page(text_page: np.ndarray) -> None:
    clean = clean_page(Page("u.png", 1, 300, rotate_image(text_page, 180)), orientation=lambda g: 180)
    assert clean.rotation == 180 and _correlation(clean.image, text_page) > 0.99


def test_no_detector_means_no_turn(text_page: np.ndarray) -> None:
    sideways = rotate_image(text_page, 90)
    clean = clean_page(Page("side.png", 1, 300, sideways))
    assert clean.rotation == 0 and clean.image.shape == sideways.shape


def test_nonsense_from_the_detector_is_ignored(text_page: np.ndarray) -> None:
    clean = clean_page(Page("p.png", 1, 300, text_page), orientation=lambda g: 45)
    assert clean.rotation == 0 and np.array_equal(clean.image, text_page)
