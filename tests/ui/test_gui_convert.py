"""ndarray <-> QImage conversions."""

from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6.QtGui import QImage

from ui.convert import ndarray_to_qimage, qimage_to_ndarray

pytestmark = pytest.mark.gui


def _noise(shape: tuple[int, ...]) -> np.ndarray:
    return np.random.default_rng(7).integers(0, 256, shape, dtype=np.uint8)


@pytest.mark.parametrize("shape", [(37, 53), (1, 1), (64, 33, 3)])
def test_round_trip_keeps_every_pixel(shape: tuple[int, ...]) -> None:
    array = _noise(shape)
    image = ndarray_to_qimage(array)
    assert (image.width(), image.height()) == (shape[1], shape[0])
    np.testing.assert_array_equal(qimage_to_ndarray(image), array)


def test_grayscale_and_bgr_formats() -> None:
    assert ndarray_to_qimage(_noise((5, 7))).format() == QImage.Format.Format_Grayscale8
    bgr = np.zeros((2, 2, 3), np.uint8)
    bgr[..., 0] = 255  # blue in OpenCV's channel order
    assert ndarray_to_qimage(bgr).pixelColor(0, 0).blue() == 255
    assert ndarray_to_qimage(bgr).pixelColor(0, 0).red() == 0


def test_non_contiguous_view_is_converted() -> None:
    array = _noise((40, 60))
    view = array[::2, 5:45]
    np.testing.assert_array_equal(qimage_to_ndarray(ndarray_to_qimage(view)), view)


def test_image_owns_its_pixels_after_the_array_is_gone() -> None:
    array = _noise((30, 31))
    expected = array.copy()
    image = ndarray_to_qimage(array)
    array[:] = 0
    del array
    gc.collect()
    np.testing.assert_array_equal(qimage_to_ndarray(image), expected)


def test_colour_image_to_grayscale_on_request() -> None:
    image = ndarray_to_qimage(np.full((4, 4, 3), 200, np.uint8))
    gray = qimage_to_ndarray(image, grayscale=True)
    assert gray.shape == (4, 4)
    assert abs(int(gray[0, 0]) - 200) <= 1


@pytest.mark.parametrize("bad", [np.zeros((3, 3), np.float32), np.zeros((3, 3, 4), np.uint8)])
def test_unsupported_arrays_are_refused(bad: np.ndarray) -> None:
    with pytest.raises(ValueError):
        ndarray_to_qimage(bad)
