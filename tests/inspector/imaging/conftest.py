"""Fixtures for the imaging tests: text pages drawn with the bad-corpus generator."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BAD_DIR = Path(__file__).resolve().parents[2] / "data" / "bad"


def _load_make_bad() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_bad", BAD_DIR / "make_bad.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE_BAD = _load_make_bad()


@pytest.fixture(scope="session")
def make_bad() -> ModuleType:
    """The generator module of the bad corpus (also has text_page and a tiny PDF writer)."""
    return MAKE_BAD


@pytest.fixture(scope="session")
def text_page() -> np.ndarray:
    """A white A4 page at 300 dpi with twelve lines of text, as a grayscale array."""
    return np.asarray(MAKE_BAD.text_page())
