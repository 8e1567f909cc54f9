"""Forged variants: one local edit per pair, exact truth, deterministic files."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from PIL import Image

from inspector.synth.canvas import Drawn, Sheet
from inspector.synth.scan import ScanProfile
from inspector.synth.tamper import (
    METHODS,
    apply_edit,
    field_for,
    locate,
    make_pair,
    value_kind,
    write_tamper_pairs,
)

SEED = 11
KEYS = {"document_type", "control", "forged", "method", "page", "bbox", "field", "original", "edited"}


@pytest.fixture(scope="module")
def pairs():
    """Eight pairs (each method twice), rendered and forged but not scanned."""
    return [make_pair(SEED, i, METHODS[i % len(METHODS)]) for i in range(8)]


def _diff(pair) -> np.ndarray:
    before = np.asarray(pair.rendered.pages[pair.edit.page], dtype=np.int16)
    return np.abs(before - np.asarray(pair.forged_page, dtype=np.int16))


def test_forged_page_differs_only_inside_the_bbox(pairs):
    for pair in pairs:
        diff = _diff(pair)
        x, y, w, h = pair.edit.bbox
        outside = diff.copy()
        outside[max(0, y - 10):y + h + 10, max(0, x - 10):x + w + 10] = 0
        assert outside.max() == 0, (pair.method, pair.edit)
        assert (diff[y:y + h, x:x + w] > 40).sum() >= 50, (pair.method, pair.edit)


def test_edit_changes_the_text_and_keeps_its_shape(pairs):
    for pair in pairs:
        assert pair.edit.original != pair.edit.edited
        if pair.method != "copy_move":
            assert len(pair.edit.original) == len(pair.edit.edited)
            changed = [a != b for a, b in zip(pair.edit.original, pair.edit.edited, strict=True)]
            assert 1 <= sum(changed) <= 2


def test_every_method_is_used_and_fields_are_recorded(pairs):
    assert {p.method for p in pairs} == set(METHODS)
    for pair in pairs:
        assert pair.field == field_for(pair.edit.original, pair.rendered.fields)
    assert sum(p.field is not None for p in pairs) >= 4


def test_make_pair_is_deterministic(pairs):
    again = make_pair(SEED, 2, METHODS[2])
    assert again.edit == pairs[2].edit
    assert np.array_equal(np.asarray(again.forged_page), np.asarray(pairs[2].forged_page))


def test_locate_finds_the_font_that_drew_a_line():
    sheet = Sheet()
    sheet.text(400, 500, "12,345.60 KGS", size=33, bold=True)
    placed = locate(sheet.drawn[-1])
    assert placed.font.size == 33 and placed.origin == (400, 500)


def test_digit_overwrite_on_a_drawn_weight():
    sheet = Sheet()
    sheet.text(300, 300, "3,150.00", size=36)
    drawn: Drawn = sheet.drawn[-1]
    _, bbox, original, edited = apply_edit(sheet.pages[0], drawn, "digit_overwrite", random.Random(1))
    assert original == "3,150.00" and edited[1:] == ",150.00" and edited[0] in "12456789"
    assert drawn.bbox[0] - 4 <= bbox[0] and bbox[0] + bbox[2] < drawn.bbox[0] + drawn.bbox[2]
    assert value_kind("3,150.00") == "amount" and value_kind("13-JUL-2026") == "date"
    assert value_kind("No. 137 Binjiang Road") is None


def test_unknown_method_is_refused():
    sheet = Sheet()
    sheet.text(300, 300, "1,000.00", size=36)
    with pytest.raises(ValueError, match="method"):
        apply_edit(sheet.pages[0], sheet.drawn[-1], "scribble", random.Random(1))


def test_written_pairs_follow_the_format_and_are_deterministic(tmp_path):
    clean = ScanProfile()
    names = write_tamper_pairs(tmp_path / "a", seed=SEED, pairs=3, profile=clean)
    write_tamper_pairs(tmp_path / "b", seed=SEED, pairs=3, profile=clean)
    assert names == ["pair-0001", "pair-0002", "pair-0003"]
    for name in names:
        truth = json.loads((tmp_path / "a" / name / "truth.json").read_text(encoding="utf-8"))
        assert set(truth) == KEYS and truth["page"] == 1 and len(truth["bbox"]) == 4
        for key in ("control", "forged"):
            a, b = (tmp_path / d / name / truth[key] for d in ("a", "b"))
            assert a.read_bytes() == b.read_bytes()
        _assert_scans_differ_near(tmp_path / "a" / name, truth)


def _assert_scans_differ_near(pair_dir, truth) -> None:
    """The scanned files differ, and only within the JPEG blocks around the bbox."""
    with Image.open(pair_dir / truth["control"]) as c, Image.open(pair_dir / truth["forged"]) as f:
        diff = np.abs(np.asarray(c, dtype=np.int16) - np.asarray(f, dtype=np.int16))
    x, y, w, h = truth["bbox"]
    assert diff[y:y + h, x:x + w].max() > 40
    diff[max(0, y - 16):y + h + 16, max(0, x - 16):x + w + 16] = 0
    assert diff.max() == 0
