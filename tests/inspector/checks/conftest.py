"""Shared fixtures of the check tests."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from inspector.db.cases.repository import open_cases
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory):
    """A seeded rules database and an empty case database (a test module may override this fixture
    with one that imports licences or lists)."""
    paths = DataPaths(tmp_path_factory.mktemp("rules"))
    paths.ensure()
    with Session(open_rules(paths)) as rules, Session(open_cases(paths)) as cases:
        yield rules, cases
