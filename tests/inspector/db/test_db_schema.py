"""Engines, pragmas and Alembic migrations of both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from inspector.db.base import database_url, make_engine
from inspector.db.cases.models import CasesBase
from inspector.db.cases.repository import open_cases
from inspector.db.migrate import current_revision, head_revision, upgrade, version_table
from inspector.db.rules.models import RulesBase
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths


def test_sqlite_engine_sets_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "sub" / "x.sqlite")
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
    assert (tmp_path / "sub" / "x.sqlite").exists()


def test_database_url_keeps_urls_and_turns_paths_into_sqlite(tmp_path: Path) -> None:
    assert database_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert database_url(tmp_path / "a.sqlite") == f"sqlite:///{tmp_path / 'a.sqlite'}"


def test_open_leaves_both_databases_at_head(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    rules, cases = open_rules(paths), open_cases(paths)
    assert current_revision(rules, "rules") == head_revision("rules") == "rules_0004"
    assert current_revision(cases, "cases") == head_revision("cases") == "cases_0007"
    assert current_revision(cases, "rules") is None  # separate version tables


def test_upgrade_twice_is_harmless(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "c.sqlite")
    upgrade(engine, "cases")
    upgrade(engine, "cases")
    assert "cases" in inspect(engine).get_table_names()


def test_unknown_database_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        upgrade(make_engine(tmp_path / "x.sqlite"), "other")  # type: ignore[arg-type]


@pytest.mark.parametrize(("which", "base"), [("rules", RulesBase), ("cases", CasesBase)])
def test_hand_written_migration_matches_the_models(tmp_path: Path, which, base) -> None:
    engine: Engine = make_engine(tmp_path / f"{which}.sqlite")
    upgrade(engine, which)
    with engine.connect() as c:
        ctx = MigrationContext.configure(c, opts={"version_table": version_table(which)})
        diffs = [d for d in compare_metadata(ctx, base.metadata) if not _is_version_table(d)]
    assert diffs == []


def _is_version_table(diff) -> bool:
    return (
        isinstance(diff, tuple)
        and diff[0] == "remove_table"
        and diff[1].name.startswith("alembic_")
    )


def test_case_indexes_exist(cases_engine: Engine) -> None:
    insp = inspect(cases_engine)
    indexed = {
        (t, tuple(i["column_names"]))
        for t in ("cases", "case_page", "case_field", "case_item")
        for i in insp.get_indexes(t)
    }
    assert ("cases", ("shipment_date",)) in indexed
    assert ("case_page", ("image_hash",)) in indexed
    assert ("case_field", ("name",)) in indexed
    assert ("case_item", ("hs_code",)) in indexed
