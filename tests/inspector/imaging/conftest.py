"""Fixtures for the imaging tests: text pages drawn with the bad-corpus generator."""

from __future__ import annotations

from types import ModuleType

import numpy as np
import pytest

from tests.data.bad import make_bad as MAKE_BAD


@pytest.fixture(scope="session")
def make_bad() -> ModuleType:
    """The generator module of the bad corpus (also has text_page and a tiny PDF writer)."""
    return MAKE_BAD


@pytest.fixture(scope="session")
def text_page() -> np.ndarray:
    """A white A4 page at 300 dpi with twelve lines of text, as a grayscale array."""
    return np.asarray(MAKE_BAD.text_page())
