"""Fixtures of the sync tests: a seeded rules database for the session (read only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths


@pytest.fixture(scope="session")
def rules_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One seeded rules database for the session (the tests only read it)."""
    engine = open_rules(DataPaths(tmp_path_factory.mktemp("sync-rules")))
    yield engine
    engine.dispose()
