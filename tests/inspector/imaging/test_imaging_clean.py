"""clean_page: grayscale, 300 dpi, denoise and binarise only when they help, and fast."""

from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from inspector.imaging import clean_page, page_hash
from inspector.imaging.binarise import needs_binarising
from inspector.imaging.denoise import denoise, estimate_noise
from inspector.imaging.rescale import rescale_to_target
from inspector.models import Page

CLEAN_BUDGET_S = 0.3  # per A4 page at 300 dpi


def test_clean_page_keeps_a_clean_page_as_it_is(text_page: np.ndarray) -> None:
    clean = clean_page(Page("p.png", 2, 300, text_page))
    assert (clean.source, clean.number, clean.original_dpi) == ("p.png", 2, 300)
    assert (clean.rotation, clean.skew, clean.binarised) == (0, 0.0, False)
    assert np.array_equal(clean.image, text_page)


def test_colour_page_becomes_grayscale(text_page: np.ndarray) -> None:
    bgr = cv2.cvtColor(text_page, cv2.COLOR_GRAY2BGR)
    clean = clean_page(Page("c.jpg", 1, 300, bgr))
    assert clean.image.ndim == 2 and clean.image.dtype == np.uint8
    assert np.array_equal(clean.image, text_page)


def test_150_dpi_page_is_rescaled_to_300(text_page: np.ndarray) -> None:
    half = cv2.resize(text_page, (1240, 1754), interpolation=cv2.INTER_AREA)
    clean = clean_page(Page("p.png", 1, 150, half))
    assert clean.image.shape == (3508, 2480) and clean.original_dpi == 150


@pytest.mark.parametrize(("dpi", "shape"), [(290, (1000, 800)), (310, (1000, 800)),
                                            (600, (500, 400)), (200, (1500, 1200))])
def test_rescale_tolerance(dpi: int, shape: tuple[int, int]) -> None:
    assert rescale_to_target(np.full((1000, 800), 255, np.uint8), dpi).shape == shape


def _noisy(page: np.ndarray, sigma: float) -> np.ndarray:
    """The page on grayish paper (ink 20, paper 224, so noise is not clipped) plus noise."""
    noise = np.random.default_rng(7).normal(0, sigma, page.shape)
    return np.clip(20 + page * 0.8 + noise, 0, 255).astype(np.uint8)


def test_noise_is_measured_and_filtered(text_page: np.ndarray) -> None:
    assert estimate_noise(text_page) < 1.0
    noisy = _noisy(text_page, 20.0)
    assert estimate_noise(noisy) == pytest.approx(20.0, rel=0.2)
    filtered, applied = denoise(noisy)
    assert applied and estimate_noise(filtered) < estimate_noise(noisy) / 2
    assert denoise(text_page) == (text_page, False)


def test_uneven_lighting_is_binarised(text_page: np.ndarray) -> None:
    shade = np.linspace(1.0, 0.45, text_page.shape[1], dtype=np.float32)[None, :]
    shaded = (text_page.astype(np.float32) * shade).astype(np.uint8)
    clean = clean_page(Page("shade.jpg", 1, 300, shaded))
    assert clean.binarised and set(np.unique(clean.image)) <= {0, 255}
    ink = clean.image < 128
    assert abs(ink.mean() - (text_page < 128).mean()) < 0.01  # text kept, shadow gone


def test_faint_print_is_binarised(text_page: np.ndarray) -> None:
    faint = (180 + text_page.astype(np.float32) * (50 / 255)).astype(np.uint8)  # 180 on 230
    assert needs_binarising(faint) and not needs_binarising(text_page)
    assert clean_page(Page("faint.png", 1, 300, faint)).binarised


def test_clean_up_is_within_budget(text_page: np.ndarray) -> None:
    from PIL import Image

    skewed = np.asarray(Image.fromarray(text_page).rotate(3.0, fillcolor=255))
    pages = [Page("a.png", 1, 300, skewed), Page("b.png", 1, 300, _noisy(skewed, 15.0))]
    for page in pages:
        best = min(_seconds(clean_page, page) for _ in range(3))
        assert best < CLEAN_BUDGET_S, f"{page.source}: {best:.3f} s"


def _seconds(func, *args) -> float:
    started = time.perf_counter()
    func(*args)
    return time.perf_counter() - started


def test_page_hash() -> None:
    image = np.zeros((4, 6), np.uint8)
    same = page_hash(image)
    assert len(same) == 64 and same == page_hash(image.copy())
    assert page_hash(image.reshape(6, 4)) != same  # same bytes, other shape
    changed = image.copy()
    changed[3, 5] = 1
    assert page_hash(changed) != same
    assert page_hash(np.asfortranarray(np.arange(24, dtype=np.uint8).reshape(4, 6))) == page_hash(
        np.arange(24, dtype=np.uint8).reshape(4, 6))
