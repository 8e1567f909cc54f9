"""Fixtures of the casework tests: a data directory, its config, a seeded rules database and an
empty case database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    """A fresh data directory."""
    return DataPaths(tmp_path / "data").ensure()


@pytest.fixture
def config(paths: DataPaths) -> Config:
    """The engine's settings on that directory."""
    return Config(data=paths)


@pytest.fixture(scope="session")
def rules_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One seeded rules database for the session (the tests only read it)."""
    engine = open_rules(DataPaths(tmp_path_factory.mktemp("casework-rules")))
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(paths: DataPaths, rules_engine: Engine) -> Iterator[tuple[Session, Session]]:
    """(rules, cases) sessions: the seeded rules database and an empty case database in `paths`."""
    cases_engine = open_cases(paths)
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        yield rules, cases
    cases_engine.dispose()
