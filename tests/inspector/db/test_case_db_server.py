"""The case database on a PostgreSQL server (the coordination centre, issue 11): the migrations give the
models' schema there too (readings as TEXT, trigram indexes), a long reading SQLite took is kept, a
database of the previous revision is upgraded in place, two writers at once get distinct case ids and
one unbroken audit chain, and --case-db / INSPECTOR_CASE_DB select it, with clear errors otherwise."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import Session

from inspector import cli
from inspector.casework import audit
from inspector.db.base import make_engine, server_driver
from inspector.db.cases.models import CasesBase, CaseShipment
from inspector.db.cases.repository import (
    CaseDatabaseError,
    list_cases,
    open_cases,
    record_case,
    save_case,
)
from inspector.db.migrate import alembic_config, current_revision, head_revision, version_table
from inspector.history.store import entities_named
from inspector.paths import DataPaths, data_paths
from tests.inspector.db.test_cases_repository import _result

TRIGRAM = {"ix_party_alias_key_trgm", "ix_case_shipment_exporter_name_trgm", "ix_case_shipment_consignee_name_trgm"}


def test_the_migrations_give_the_models_schema_on_postgresql(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.connect() as c:
        ctx = MigrationContext.configure(c, opts={"version_table": version_table("cases")})
        diffs = [d for d in compare_metadata(ctx, CasesBase.metadata) if not _expected(d)]
    assert diffs == []
    insp = inspect(engine)
    assert {i["name"] for i in insp.get_indexes("party_alias")} & TRIGRAM == {"ix_party_alias_key_trgm"}
    assert str(next(c["type"] for c in insp.get_columns("case_item") if c["name"] == "hs_code")) == "TEXT"
    engine.dispose()


def _expected(diff) -> bool:
    """The version table, and the trigram indexes (PostgreSQL only, made by the migration)."""
    kind, obj = (diff[0], diff[1]) if isinstance(diff, tuple) else (None, None)
    return (kind == "remove_table" and obj.name.startswith("alembic_")) or (kind == "remove_index" and obj.name in TRIGRAM)


def test_a_name_search_uses_the_trigram_index(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with Session(engine) as s:
        s.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(r[0] for r in s.execute(text("EXPLAIN SELECT entity_id FROM party_alias WHERE key LIKE '%rhein%'")))
        assert "ix_party_alias_key_trgm" in plan, plan
        assert entities_named(s, "Rhein Metals") == []
    engine.dispose()


def test_readings_longer_than_sqlite_ever_checked_are_kept(tmp_path: Path, pg_url: str) -> None:
    result = _result()
    long_hs, container = "2846.90.19.20 (DY2O3 99.9%)", "MSCU 489330-9 / TGHU 123456-7"
    invoice = replace(result.documents[0], items=(replace(result.documents[0].items[0], hs_code=long_hs,
                                                          unit="KILOGRAMMES NET"),))
    fields = {**invoice.fields, "container_numbers": replace(invoice.fields["licence_number"], value=[container]),
              "consignee": replace(invoice.fields["licence_number"], value="R" * 250 + " TRADING LTD")}
    engine = open_cases(DataPaths(tmp_path, case_db=pg_url))
    with Session(engine) as s, s.begin():
        record_case(s, replace(result, documents=(replace(invoice, fields=fields), *result.documents[1:])))
    with Session(engine) as s:
        assert s.execute(text("SELECT hs_code FROM case_item WHERE hs_code LIKE '2846.90%'")).scalar() == long_hs
        assert s.get(CaseShipment, result.case_id).consignee_name.startswith("RRRR")
    engine.dispose()


def test_a_previous_revision_database_is_upgraded_in_place(pg_server) -> None:
    url = pg_server.create_database(migrated=False)
    engine = create_engine(url)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), "cases_0006")
        c.execute(text("INSERT INTO cases (id, created_at, lane, risk_score, rules_version, engine_version, status) "
                       "VALUES ('OLD-1', '2026-12-01 10:00:00', 'green', 0, 'r', '0.1', 'recorded')"))
    engine.dispose()
    engine = open_cases(DataPaths(Path("/nonexistent"), case_db=url))
    assert current_revision(engine, "cases") == head_revision("cases") == "cases_0007"
    with Session(engine) as s:
        assert [(c.id, c.port) for c in list_cases(s)] == [("OLD-1", None)]
    engine.dispose()
    pg_server.drop_database(url)


def test_two_writers_at_once_get_distinct_ids_and_one_audit_chain(pg_url: str) -> None:
    engine = open_cases(DataPaths(Path("/nonexistent"), case_db=pg_url))
    ids: list[str] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(4):
                ids.append(save_case(engine, _result("placeholder"), new_id=True).case_id)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(ids)) == 8
    with Session(engine) as s:
        assert audit.verify(s) == [] and [e.seq for e in audit.entries(s)] == list(range(1, 9))
    engine.dispose()


def test_the_case_db_option_and_variable_select_the_server(tmp_path: Path, pg_url: str, capsys, monkeypatch) -> None:
    engine = open_cases(DataPaths(tmp_path, case_db=pg_url))
    with Session(engine) as s, s.begin():
        record_case(s, _result("C-ON-THE-SERVER"))
    engine.dispose()
    assert cli.main(["history", "list", "--json", "--data-dir", str(tmp_path), "--case-db", pg_url]) == 0
    assert "C-ON-THE-SERVER" in capsys.readouterr().out
    monkeypatch.setenv("INSPECTOR_CASE_DB", pg_url)
    assert data_paths(tmp_path).case_db == pg_url
    assert cli.main(["history", "list", "--json", "--data-dir", str(tmp_path)]) == 0
    assert "C-ON-THE-SERVER" in capsys.readouterr().out
    assert not (tmp_path / "cases.sqlite").exists()
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", "secret")  # only a SQLite file is encrypted by Inspector
    assert cli.main(["history", "list", "--data-dir", str(tmp_path)]) == 1
    assert "Unset INSPECTOR_PASSPHRASE" in capsys.readouterr().err


def test_a_server_that_cannot_be_reached_is_a_clear_error(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/inspector?host={tmp_path}"  # no server listens on that socket
    assert server_driver(url).startswith("postgresql+psycopg://")
    with pytest.raises(CaseDatabaseError, match="Check that the server runs") as err:
        open_cases(DataPaths(tmp_path, case_db=url))
    assert "nobody@" in str(err.value) and "password" not in str(err.value)
    engine = make_engine(f"postgresql://user:s3cret@/x?host={tmp_path}")
    assert engine.dialect.driver == "psycopg"
    engine.dispose()
    assert DataPaths(tmp_path, case_db="postgresql://u:s3cret@h/db").case_db_shown() == "postgresql://u:***@h/db"
    assert "s3cret" not in repr(DataPaths(tmp_path, case_db="postgresql://u:s3cret@h/db"))
