"""The Tesseract module against the real binary, and against fakes for the failure paths."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.errors import MissingDependencyError, OcrError
from inspector.imaging import rotate_image
from inspector.models import Word
from inspector.ocr.cache import OcrCache, cache_key
from inspector.ocr.tesseract import (
    Tesseract,
    TesseractArgs,
    detect_rotation,
    find_binary,
    image_to_words,
    parse_tsv,
    probe,
)

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _text_page(lines: list[str], size: int = 40) -> np.ndarray:
    img = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(lines):
        draw.text((200, 200 + i * 90), line, font=font, fill=0)
    return np.array(img)


@pytest.fixture(scope="module")
def tess() -> Tesseract:
    return probe()


def test_probe_reads_version_and_languages(tess: Tesseract) -> None:
    assert tess.version.startswith("5.")
    assert {"eng", "chi_sim", "osd"} <= tess.languages


def test_words_have_boxes_where_the_text_is(tess: Tesseract) -> None:
    page = _text_page(["INVOICE No. INV-2026-0042", "Net weight 4,850.00 KGS"])
    words = image_to_words(tess, page, TesseractArgs())
    by_text = {w.text: w for w in words}
    assert "INV-2026-0042" in by_text
    x, y, w, h = by_text["INV-2026-0042"].bbox
    assert 200 < x < 1000 and 190 < y < 260 and h < 60
    assert by_text["4,850.00"].line_key != by_text["INV-2026-0042"].line_key
    assert all(0 <= w.conf <= 100 for w in words)


def test_osd_says_how_to_turn_a_sideways_page_upright(tess: Tesseract) -> None:
    upright = _text_page([f"Line {i}: shipment of gallium metal, net weight {i} kg" for i in range(25)])
    sideways = np.ascontiguousarray(np.rot90(upright))  # turned 90 degrees anticlockwise
    rotation = detect_rotation(tess, sideways)
    assert rotation == 90
    assert np.array_equal(rotate_image(sideways, rotation), upright)


def test_missing_tesseract_names_the_package(tmp_path: Path) -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr"):
        find_binary(tmp_path / "no-such-tesseract")


def test_missing_language_names_the_package(tess: Tesseract) -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-kor"):
        tess.require_languages("eng+kor")


def _fake(tmp_path: Path, script: str) -> Tesseract:
    path = tmp_path / "tesseract"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return Tesseract(path, None, "5.3.0", frozenset({"eng", "chi_sim"}))


def test_a_crashing_tesseract_is_an_ocr_error(tmp_path: Path) -> None:
    fake = _fake(tmp_path, "echo 'Error: segfault in page layout' >&2; exit 139\n")
    with pytest.raises(OcrError, match="segfault"):
        image_to_words(fake, _text_page(["x"]), TesseractArgs())


def test_tesseract_runs_with_one_openmp_thread(tmp_path: Path) -> None:
    out = tmp_path / "env.txt"
    fake = _fake(tmp_path, f'echo "$OMP_THREAD_LIMIT" > {out}\n')
    image_to_words(fake, _text_page(["x"]), TesseractArgs())
    assert out.read_text().strip() == "1"


def test_bad_utf8_output_does_not_crash(tmp_path: Path) -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    row = "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tab\\377cd"
    fake = _fake(tmp_path, f"printf '{header}\\n{row}\\n'\n")
    words = image_to_words(fake, _text_page(["x"]), TesseractArgs())
    assert len(words) == 1 and words[0].bbox == (10, 20, 30, 40)


def test_parse_tsv_skips_non_word_rows() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t0\t0\t100\t20\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t0\t0\t50\t20\t88\tHello\n"
           "5\t1\t1\t1\t1\t2\t60\t0\t50\t20\t95\t \n")
    assert parse_tsv(tsv) == [Word("Hello", 88.0, (0, 0, 50, 20), 1, 1, 1)]


def test_cache_round_trip_and_corrupt_entry(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    key = cache_key("abc", "5.3.0", "eng", 3)
    assert cache.get(key) is None
    words = [Word("镝", 77.0, (1, 2, 3, 4), 1, 1, 2)]
    cache.put(key, words)
    assert cache.get(key) == words
    next(tmp_path.rglob("*.json")).write_text("{not json")
    assert cache.get(key) is None
    assert cache_key("abc", "5.3.0", "eng", 3) != cache_key("abc", "5.3.0", "eng+chi_sim", 3)
