"""The case database encrypted at rest (SQLCipher): unreadable without the passphrase, read with it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case
from inspector.db.cases.repository import CaseDatabaseError, list_cases, open_cases, record_case
from inspector.db.cipher import (
    NotEncryptedError,
    WrongPassphraseError,
    encrypt_in_place,
    is_encrypted,
)
from inspector.models import CaseResult, DocType, Document, FieldValue, Lane
from inspector.paths import DataPaths, data_paths

pytest.importorskip("sqlcipher3", reason="SQLCipher binding (sqlcipher3-binary) not installed")

SECRET = "INV-SECRET-4711"
PASSPHRASE = "correct horse battery staple 马"


def _record(paths: DataPaths, case_id: str = "C-20261129-0001") -> None:
    invoice = Document(index=0, path="invoice.pdf", type=DocType.COMMERCIAL_INVOICE, pages=1,
                       fields={"invoice_number": FieldValue(SECRET, raw=SECRET, page=1)})
    result = CaseResult(case_id, Lane.GREEN, 3, dt.date(2026, 11, 21), (invoice,), (), rules_version="pack-4-abc")
    engine = open_cases(paths)
    try:
        with Session(engine) as s, s.begin():
            record_case(s, result)
    finally:
        engine.dispose()


def _raw(paths: DataPaths) -> bytes:
    """Every byte the case database keeps on disk (file, write-ahead log, shared memory)."""
    files = [paths.cases_db, *(Path(f"{paths.cases_db}{s}") for s in ("-wal", "-shm"))]
    return b"".join(p.read_bytes() for p in files if p.exists())


def test_a_recorded_case_is_read_only_with_the_right_passphrase(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path, PASSPHRASE)
    _record(paths)
    assert is_encrypted(paths.cases_db)
    raw = _raw(paths)
    assert SECRET.encode() not in raw and b"C-20261129-0001" not in raw and b"SQLite format 3" not in raw
    with sqlite3.connect(paths.cases_db) as plain, pytest.raises(sqlite3.DatabaseError, match="not a database"):
        plain.execute("SELECT * FROM cases").fetchall()
    with pytest.raises(WrongPassphraseError, match="could not be opened with this passphrase"):
        open_cases(DataPaths(tmp_path, PASSPHRASE + "!"))
    with pytest.raises(CaseDatabaseError, match="if it is encrypted, give its passphrase"):
        open_cases(DataPaths(tmp_path))
    engine = open_cases(DataPaths(tmp_path, PASSPHRASE))
    try:
        with Session(engine) as s:
            assert [c.id for c in list_cases(s)] == ["C-20261129-0001"]
            fields = {f.name: f.value for f in s.get(Case, "C-20261129-0001").documents[0].field_rows}
            assert fields["invoice_number"] == SECRET
            assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        engine.dispose()
    assert SECRET.encode() not in _raw(paths)


def test_a_plain_database_is_encrypted_in_place_keeping_its_cases(tmp_path: Path) -> None:
    _record(DataPaths(tmp_path))
    with pytest.raises(NotEncryptedError, match="encrypt-cases"):
        open_cases(DataPaths(tmp_path, PASSPHRASE))
    assert encrypt_in_place(tmp_path / "cases.sqlite", PASSPHRASE) > 10
    assert SECRET.encode() not in _raw(DataPaths(tmp_path))
    _record(DataPaths(tmp_path, PASSPHRASE), "C-20261129-0002")
    engine = open_cases(DataPaths(tmp_path, PASSPHRASE))
    try:
        with Session(engine) as s:
            assert sorted(c.id for c in list_cases(s)) == ["C-20261129-0001", "C-20261129-0002"]
    finally:
        engine.dispose()


def test_the_passphrase_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   run_cli) -> None:
    monkeypatch.setenv("INSPECTOR_PASSPHRASE", PASSPHRASE)
    assert data_paths(tmp_path).passphrase == PASSPHRASE and PASSPHRASE not in repr(data_paths(tmp_path))
    monkeypatch.delenv("INSPECTOR_PASSPHRASE")
    monkeypatch.setenv("OFFICE_KEY", PASSPHRASE)
    monkeypatch.setenv("PW", "a long enough password")
    run = run_cli("users", "add", "Li Wei", "--role", "supervisor", "--password-env", "PW",
                  "--data-dir", str(tmp_path), "--passphrase-env", "OFFICE_KEY")
    assert run.code == 0, run.err
    assert is_encrypted(tmp_path / "cases.sqlite")
    run = run_cli("users", "list", "--data-dir", str(tmp_path))
    assert run.code == 1 and "give its passphrase" in run.err
    run = run_cli("users", "list", "--data-dir", str(tmp_path), "--passphrase-env", "OFFICE_KEY")
    assert run.code == 0 and "Li Wei" in run.out
