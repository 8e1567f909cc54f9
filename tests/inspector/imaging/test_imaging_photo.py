"""Phone photos: the page is found, warped flat to 300 dpi and evened out; scans are left alone."""

from __future__ import annotations

import random
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from inspector.imaging import clean_page
from inspector.imaging.binarise import binarise
from inspector.imaging.denoise import denoise
from inspector.imaging.deskew import deskew
from inspector.imaging.illumination import flatten_light
from inspector.imaging.orient import rotate_image
from inspector.imaging.page_quad import find_page_quad
from inspector.imaging.perspective import paper_for, warp_page
from inspector.imaging.rescale import rescale_to_target, to_gray
from inspector.intake.images import load_image
from inspector.intake.sniff import FileKind
from inspector.models import Page
from inspector.ocr.tesseract import TesseractArgs, detect_rotation, image_to_words, probe
from inspector.synth.photo import simulate_photo
from inspector.synth.scan import ScanProfile, simulate_scan

A4_SHAPE = (3508, 2480)  # rows, columns at 300 dpi
CORNER_TOLERANCE = 20  # px in a 3000x4000 photo (half a percent of its long side)
PHOTO_BUDGET_S = 0.3
SEEDS = (1, 2, 3, 5, 8, 13)


def _photo(page: Image.Image, seed: int, tmp_path: Path) -> tuple[Page, np.ndarray, Image.Image]:
    """The photo as intake decodes it from a JPEG file (EXIF applied), and the page's true corners."""
    shot = simulate_photo(page, random.Random(seed))
    path = tmp_path / f"photo{seed}.jpg"
    extra = {"exif": shot.info["exif"]} if "exif" in shot.info else {}
    shot.save(path, "JPEG", quality=shot.info["jpeg_quality"], dpi=(72, 72), **extra)
    decoded = load_image(str(path), path.name, FileKind.JPEG, 1)[0]
    return decoded, np.array(shot.info["page_quad"], np.float32), shot


@pytest.fixture(scope="module")
def page_image(make_bad) -> Image.Image:
    return make_bad.text_page()


@pytest.mark.parametrize("seed", SEEDS)
def test_corners_are_found(page_image: Image.Image, seed: int, tmp_path: Path) -> None:
    photo, truth, _ = _photo(page_image, seed, tmp_path)
    quad = find_page_quad(to_gray(photo.image))
    assert quad is not None
    assert np.linalg.norm(quad - truth, axis=1).max() < CORNER_TOLERANCE


def test_exif_rotated_photo_is_found(page_image: Image.Image, tmp_path: Path) -> None:
    seed = next(s for s in range(40) if "exif" in simulate_photo(Image.new("L", (8, 8)), random.Random(s)).info)
    photo, truth, shot = _photo(page_image, seed, tmp_path)
    assert photo.image.shape[:2] == (4000, 3000)  # intake turned it upright
    quad = find_page_quad(to_gray(photo.image))
    assert quad is not None and np.linalg.norm(quad - truth, axis=1).max() < CORNER_TOLERANCE


def test_photo_is_warped_to_an_a4_page(page_image: Image.Image, tmp_path: Path) -> None:
    photo, truth, shot = _photo(page_image, SEEDS[0], tmp_path)
    clean = clean_page(photo)
    assert clean.image.shape == A4_SHAPE and clean.image.dtype == np.uint8
    assert clean.original_dpi == pytest.approx(shot.info["page_dpi"], abs=5)
    # The print lands where it is on the page: compare with the page itself, ink to ink.
    ink, true_ink = clean.image < 128, np.asarray(page_image) < 128
    overlap = (cv2.dilate(ink.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0) & true_ink
    assert overlap.sum() > 0.9 * true_ink.sum()


def test_paper_sizes() -> None:
    def quad(w: float, h: float) -> np.ndarray:
        return np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)

    assert paper_for(quad(2000, 2830)).pixels() == (2480, 3508)
    assert paper_for(quad(2000, 2590)).name == "Letter"
    assert paper_for(quad(2830, 2000)).pixels() == (3508, 2480)  # a landscape page
    other = paper_for(quad(1000, 2500))  # a long receipt keeps its proportions
    assert other.name == "other" and other.pixels()[1] / other.pixels()[0] == pytest.approx(2.5, rel=0.01)
    warped = warp_page(np.full((100, 80), 200, np.uint8), quad(79, 99) + 0.0)
    assert warped.shape == (3300, 2550) and warped.min() == 200  # Letter proportions


def test_shadow_is_evened_out(page_image: Image.Image) -> None:
    gray = np.asarray(page_image)
    gain = np.linspace(1.0, 0.55, gray.shape[1], dtype=np.float32)[None, :]
    shaded = (gray * gain).astype(np.uint8)
    flat = flatten_light(shaded)
    paper = flat[gray == 255]
    assert np.percentile(paper, 5) > 235  # the shaded side is white again
    assert (flat[gray == 0] < 90).mean() > 0.95  # and the print kept dark


def _old_clean(page: Page) -> np.ndarray:
    """clean_page as it was before photos were handled: the figure scans must keep."""
    gray = rescale_to_target(to_gray(page.image), page.dpi)
    gray, _ = deskew(gray)
    gray, _ = denoise(gray)
    return binarise(gray)[0]


@pytest.mark.parametrize("profile", [ScanProfile(), ScanProfile(angle=2.5, noise=4.0, blur=0.6, jpeg_quality=60),
                                     ScanProfile(dpi=200, angle=-1.2, uneven_light=0.15),
                                     ScanProfile(dpi=200, fax=True, speckle=0.001)])
def test_scans_are_left_as_they_were(page_image: Image.Image, profile: ScanProfile) -> None:
    scan = simulate_scan(page_image, profile, random.Random(4))
    page = Page("scan.png", 1, profile.dpi, np.asarray(scan.convert("L")))
    assert find_page_quad(page.image) is None
    assert np.array_equal(clean_page(page).image, _old_clean(page))


def _framed(gray: np.ndarray, border: int, value: int, angle: float = 0.0) -> np.ndarray:
    """The page on a dark scanner lid: a `border`-px frame of `value` round it, turned by `angle`."""
    framed = cv2.copyMakeBorder(gray, border, border, border, border, cv2.BORDER_CONSTANT, value=255)
    h, w = framed.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    mask = cv2.warpAffine(np.pad(np.ones_like(gray), border), matrix, (w, h))
    turned = cv2.warpAffine(framed, matrix, (w, h), borderValue=value)
    return np.where(mask > 0, turned, value).astype(np.uint8)


@pytest.mark.parametrize(("border", "value", "angle"), [(60, 0, 0.0), (40, 30, 1.5), (120, 60, -3.0),
                                                        (25, 0, 0.5)])
def test_scan_with_dark_border_is_not_a_photo(page_image: Image.Image, border: int, value: int,
                                              angle: float) -> None:
    framed = _framed(np.asarray(page_image), border, value, angle)
    assert find_page_quad(framed) is None
    page = Page("lid.png", 1, 300, framed)
    assert np.array_equal(clean_page(page).image, _old_clean(page))


def test_table_ruled_near_the_edge_is_not_a_photo(page_image: Image.Image) -> None:
    gray = np.asarray(page_image).copy()
    cv2.rectangle(gray, (12, 12), (gray.shape[1] - 13, gray.shape[0] - 13), 0, 8)  # a box round it all
    for y in range(400, gray.shape[0] - 100, 300):
        cv2.line(gray, (12, y), (gray.shape[1] - 13, y), 0, 4)
    cv2.rectangle(gray, (40, 40), (gray.shape[1] - 41, 200), 90, -1)  # a shaded header band
    assert find_page_quad(gray) is None
    page = Page("ruled.png", 1, 300, gray)
    assert np.array_equal(clean_page(page).image, _old_clean(page))


def test_blank_and_dark_images_are_not_photos() -> None:
    assert find_page_quad(np.full((4000, 3000), 255, np.uint8)) is None
    assert find_page_quad(np.full((4000, 3000), 40, np.uint8)) is None
    assert find_page_quad(np.zeros((300, 200), np.uint8)) is None  # too small to search


def _lines_read(image: np.ndarray) -> int:
    """How many of the page's twelve invoice lines Tesseract reads with both their numbers."""
    words = image_to_words(probe(), image, TesseractArgs(lang="eng"))
    text = " ".join(w.text for w in words)
    return sum(f"{1000 + i}" in text and f"{1250 + i},00" in text for i in range(12))


def test_tesseract_reads_a_photographed_page_after_clean_up(page_image: Image.Image, tmp_path: Path) -> None:
    photo, _, _ = _photo(page_image, SEEDS[1], tmp_path)
    before = rescale_to_target(to_gray(photo.image), photo.dpi)  # what OCR got before photos were handled
    after = clean_page(photo).image
    read_after = _lines_read(after)
    assert read_after >= 11
    assert _lines_read(before) < read_after


def test_upside_down_photo_is_turned_upright_by_osd(page_image: Image.Image, tmp_path: Path) -> None:
    upside_down = Image.fromarray(rotate_image(np.asarray(page_image), 180))
    photo, _, _ = _photo(upside_down, SEEDS[3], tmp_path)
    tess = probe()
    clean = clean_page(photo, orientation=lambda gray: detect_rotation(tess, gray))
    assert clean.rotation == 180 and clean.image.shape == A4_SHAPE
    assert _lines_read(clean.image) >= 11


def test_photo_clean_up_is_within_budget(page_image: Image.Image, tmp_path: Path) -> None:
    photo, _, _ = _photo(page_image, SEEDS[2], tmp_path)
    best = min(_seconds(photo) for _ in range(3))
    assert best < PHOTO_BUDGET_S, f"{best:.3f} s"


def _seconds(page: Page) -> float:
    started = time.perf_counter()
    clean_page(page)
    return time.perf_counter() - started
