"""Real scans from OCRmyPDF's test resources load and clean (see its SOURCE.md for licences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.imaging import clean_page
from inspector.imaging.deskew import estimate_skew
from inspector.intake import load_pages

DATA = Path("/work/shared/data/ocr/ocrmypdf")
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="shared OCR test data not present")


@pytest.mark.parametrize("name", ["skew.pdf", "rotated_skew.pdf", "linn.png", "typewriter.png"])
def test_real_scan_loads_and_cleans(name: str) -> None:
    pages = load_pages(str(DATA / name))
    assert len(pages) == 1
    clean = clean_page(pages[0])
    assert clean.image.ndim == 2 and min(clean.image.shape) > 1000
    assert abs(estimate_skew(clean.image)) < 0.3  # level after clean-up


@pytest.mark.parametrize("name", ["skew.pdf", "rotated_skew.pdf"])
def test_skewed_scans_are_deskewed(name: str) -> None:
    clean = clean_page(load_pages(str(DATA / name))[0])
    assert abs(clean.skew) > 1.0
