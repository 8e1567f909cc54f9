"""Fixtures of the desktop-app tests: headless Qt, a fake engine, the sample case."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from inspector.paths import resource  # noqa: E402
from tests.ui.gui_fake_engine import FakeEngine  # noqa: E402

SAMPLE_EXCLUDED = {"truth.json", "README.md"}


@pytest.fixture
def fake_engine() -> FakeEngine:
    """A quick fake check_case (a few short steps in the worker thread)."""
    return FakeEngine()


@pytest.fixture(scope="session")
def engine_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for every real check of the session, so OCR results are cached across tests."""
    return tmp_path_factory.mktemp("inspector-data")


@pytest.fixture(scope="session")
def sample_files() -> list[str]:
    """The files of the bundled sample case."""
    folder = resource("samples")
    files = sorted(
        str(p) for p in folder.glob("*") if p.is_file() and p.name not in SAMPLE_EXCLUDED
    )
    if not files:
        pytest.fail(f"the sample case is missing from {folder}")
    return files
