"""A case database of the previous release's schema (cases_0004) is upgraded in place to today's head
and keeps every row of every table, byte for byte (issue 10: no lost case).

tests/inspector/casework/test_migration.py checks what the casework can do with such a case; this test
checks nothing is lost: the case is recorded by today's code (so every table a case touches is filled:
documents, pages, fields, items, findings, page hashes, history), copied into a cases_0004 database
column by column, and compared with itself after the upgrade.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from alembic import command
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.cases.repository import case_findings, list_cases, open_cases, record_case
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.paths import DataPaths
from tests.inspector.db.test_cases_repository import _result

PREVIOUS = "cases_0004"


def _recorded_today(root: Path) -> None:
    """Two cases recorded by today's code, one with page hashes (the reuse index)."""
    result = _result()
    invoice = replace(result.documents[0], page_phashes=("0123456789abcdef", "0f0f0f0f0f0f0f0f"),
                      region_phashes=(("01", "02", "03", "04"), ("05", "06", "07", "08")),
                      text="INV 2026 0100 LIC 0001")
    engine = open_cases(DataPaths(root))
    with Session(engine) as s, s.begin():
        record_case(s, replace(result, documents=(invoice, *result.documents[1:])))
        record_case(s, _result("C-20261129-0002", licence="CN-EL-2026-0002", net=420.0))
    engine.dispose()


def _previous_release(root: Path, source: Path) -> None:
    """A cases_0004 database holding the rows of `source`, in the columns that release had."""
    engine = make_engine(DataPaths(root).cases_db)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), PREVIOUS)
    engine.dispose()
    with sqlite3.connect(DataPaths(root).cases_db) as c:
        c.execute("ATTACH DATABASE ? AS today", (str(source),))
        for table in _tables(c):
            columns = ", ".join(_columns(c, table))
            c.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM today.{table}")
        c.commit()
        c.execute("DETACH DATABASE today")


def _tables(c: sqlite3.Connection) -> list[str]:
    return [r[0] for r in c.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite_%' AND name NOT LIKE 'alembic_version%' ORDER BY name")]


def _columns(c: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in c.execute(f"PRAGMA main.table_info({table})")]


def _snapshot(db: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the given tables, in the given columns, sorted."""
    with sqlite3.connect(db) as c:
        return {t: sorted(c.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
                for t, cols in tables.items()}


def test_every_row_of_a_previous_release_database_survives_the_upgrade(tmp_path: Path) -> None:
    _recorded_today(tmp_path / "today")
    old = DataPaths(tmp_path / "old")
    _previous_release(old.root, DataPaths(tmp_path / "today").cases_db)
    with sqlite3.connect(old.cases_db) as c:
        layout = {t: _columns(c, t) for t in _tables(c)}
    before = _snapshot(old.cases_db, layout)
    assert all(before[t] for t in ("cases", "case_document", "case_page", "case_field", "case_item",
                                   "case_finding", "case_page_phash", "case_shipment"))  # the copy is full

    engine = open_cases(old)  # the upgrade, in place
    assert current_revision(engine, "cases") == head_revision("cases") != PREVIOUS
    with Session(engine) as s:
        assert [c.id for c in list_cases(s)] == ["C-20261129-0002", "C-20261129-0001"]
        assert [f.code for f in case_findings(s, "C-20261129-0001")] == ["CONTROLLED_GOODS", "INPUT_UNREADABLE"]
    engine.dispose()
    assert _snapshot(old.cases_db, layout) == before
    with sqlite3.connect(old.cases_db) as c:
        assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []
