"""ela and jpeg_ghost: a block saved at a low quality and pasted on the 8x8 grid of a q90 page is found
(jpeg_ghost on it, ela pointing there); the untouched and the re-saved page stay low; non-JPEG files and
photos are not judged."""

from __future__ import annotations

import io
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from inspector.forensics.jpeg import ela, file_quality, jpeg_ghost
from inspector.synth.scan import simulate_scan
from inspector.synth.tamper import make_pair, numeric_targets
from tests.inspector.forensics.pages import FAX, SCAN
from tests.inspector.forensics.pages import scanned_evidence as evidence


def _jpeg(arr: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="JPEG", quality=quality)
    return np.array(Image.open(buf).convert("L"))


@pytest.fixture(scope="module")
def pages():
    """A scanned page saved at q90, and the same page with one value re-saved at q50 and pasted back on
    the page's grid (a forger's patch from a low-quality file)."""
    pair = make_pair(77, 2, "splice")
    scanned = _jpeg(np.array(simulate_scan(pair.rendered.pages[0], SCAN, random.Random(5))), 90)
    target = numeric_targets(pair.rendered, 0)[3].drawn
    x, y, w, h = target.bbox
    x0, y0 = (x - 12) // 8 * 8, (y - 8) // 8 * 8
    x1, y1 = -(-(x + w + 12) // 8) * 8, -(-(y + h + 8) // 8) * 8
    forged = scanned.copy()
    forged[y0:y1, x0:x1] = _jpeg(scanned[y0:y1, x0:x1].copy(), 50)
    return pair, target, Image.fromarray(scanned), Image.fromarray(forged)


def _ev(pages, which: str, tmp_path: Path, **kw):
    pair, target, plain, forged = pages
    return evidence(forged if which == "forged" else plain, pair.rendered.drawn, tmp_path / f"{which}.jpg",
                    profile=None, quality=90, value=target.bbox, **kw)


def test_the_file_quality_is_read_from_the_quantisation_table(tmp_path) -> None:
    arr = (np.random.default_rng(0).random((64, 64)) * 255).astype(np.uint8)
    for q in (35, 70, 92):
        Image.fromarray(arr).save(tmp_path / "q.jpg", quality=q)
        assert file_quality(str(tmp_path / "q.jpg")) == q
    Image.fromarray(arr).save(tmp_path / "q.png")
    assert file_quality(str(tmp_path / "q.png")) is None


def test_a_low_quality_patch_on_the_grid_is_the_ghost(pages, tmp_path) -> None:
    _, target, _, _ = pages
    forged = sorted(jpeg_ghost(_ev(pages, "forged", tmp_path)), key=lambda s: -s.score)
    plain = [s.score for s in jpeg_ghost(_ev(pages, "plain", tmp_path))]
    assert forged and forged[0].bbox == target.bbox
    assert forged[0].detail["ghost_quality"] < 90
    assert forged[0].score > 1.5 * max(plain, default=0.0)
    errors = sorted(ela(_ev(pages, "forged", tmp_path)), key=lambda s: -s.score)
    assert errors and errors[0].bbox == target.bbox


def test_a_resaved_page_is_not_a_ghost(pages, tmp_path) -> None:
    # the whole page re-saved at q60: every block re-coded alike, nothing stands out
    ev = _ev(pages, "plain", tmp_path, resave=60)
    assert max((s.score for s in jpeg_ghost(ev)), default=0.0) < 2.0
    assert max((s.score for s in ela(ev)), default=0.0) < 3.0


def test_other_files_and_photos_are_not_judged(pages, tmp_path) -> None:
    pair, target, _, _ = pages
    fax = evidence(pair.forged_page, pair.rendered.drawn, tmp_path / "fax", profile=FAX, value=target.bbox)
    assert list(ela(fax)) == [] and list(jpeg_ghost(fax)) == []
    ev = _ev(pages, "forged", tmp_path)
    photo = replace(ev, clean=replace(ev.clean, photo=True))
    assert list(ela(photo)) == [] and list(jpeg_ghost(photo)) == []
