"""Fixtures for the intake tests: the bad-file corpus and good files of every format."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.data.bad import make_bad as MAKE_BAD


@pytest.fixture(scope="session")
def make_bad() -> ModuleType:
    """The generator module of the bad corpus (also has text_page and a tiny PDF writer)."""
    return MAKE_BAD


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file of the bad corpus, written once per session."""
    return MAKE_BAD.write_all(tmp_path_factory.mktemp("bad"))
