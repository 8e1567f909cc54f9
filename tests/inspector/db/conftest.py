"""Fixtures for the database tests: seeded rules databases and case databases in tmp dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inspector.db.cases.repository import open_cases
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths


@pytest.fixture(scope="module")
def shared_rules(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One seeded rules database per test module, for read-only tests."""
    engine = open_rules(DataPaths(tmp_path_factory.mktemp("rules")))
    yield engine
    engine.dispose()


@pytest.fixture
def rules(shared_rules: Engine) -> Iterator[Session]:
    """A session on the shared rules database."""
    with Session(shared_rules) as s:
        yield s


@pytest.fixture
def fresh_rules(tmp_path: Path) -> Iterator[Engine]:
    """A rules database of this test only (for imports)."""
    engine = open_rules(DataPaths(tmp_path))
    yield engine
    engine.dispose()


@pytest.fixture
def cases_engine(tmp_path: Path, case_db_url: str) -> Iterator[Engine]:
    """A case database of this test only, on SQLite and on PostgreSQL (tests/pg.py)."""
    engine = open_cases(DataPaths(tmp_path, case_db=case_db_url))
    yield engine
    engine.dispose()
