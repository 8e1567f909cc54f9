"""Hostile licence and watchlist CSVs (tests/data/hostile/make_hostile.py) through `inspector rules import-*`:
bad rows, formula injection (= + - @, tab) and wrong encodings are refused with the line and the reason,
and leave the rules database as it was; UTF-8 (with or without BOM) and UTF-16 with a BOM import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from inspector.db.rules.importers import cell_error
from tests.data.hostile import make_hostile

TABLES = ("licence", "watchlist_entry", "meta")


def _content(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as c:
        return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_every_hostile_csv_is_refused_with_its_line_or_imported(tmp_path: Path, data_dir: Path, run_cli) -> None:
    files = make_hostile.write_csvs(tmp_path / "csv")
    assert run_cli("rules", "info", "--data-dir", str(data_dir)).code == 0  # seeded
    wrong, refused = {}, 0
    for item in make_hostile.CSV_MAKERS:
        before = _content(data_dir / "rules.sqlite")
        command = "import-licences" if item.kind == "licences" else "import-watchlist"
        run = run_cli("rules", command, str(files[item.name]), "--data-dir", str(data_dir))
        after = _content(data_dir / "rules.sqlite")
        if item.expect is None:
            ok = run.code == 0 and after != before
        else:
            refused += 1
            ok = (run.code == 2 and item.expect in run.err and "nothing was imported" in run.err
                  and after == before and run.err.count("\n") == 1 and run.err.count(item.name) == 1)
        if not ok or "Traceback" in run.err:
            wrong[item.name] = (run.code, run.out, run.err)
    print(f"\nhostile CSVs: {len(make_hostile.CSV_MAKERS)} tried, {refused} refused with their line, 0 crashes")
    assert not wrong, wrong


def test_an_imported_utf16_watchlist_keeps_its_chinese_names(tmp_path: Path, data_dir: Path, run_cli) -> None:
    files = make_hostile.write_csvs(tmp_path / "csv")
    assert run_cli("rules", "import-watchlist", str(files["utf16.csv"]), "--data-dir", str(data_dir)).code == 0
    with sqlite3.connect(data_dir / "rules.sqlite") as c:
        assert c.execute("SELECT name FROM watchlist_entry WHERE list_name = 'LIST'").fetchall() == [("赣州稀土集团",)]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1", "=1+1"])
def test_formula_cells_are_refused(cell: str) -> None:
    assert "formula injection" in cell_error("holder", cell)


@pytest.mark.parametrize("cell", ["-5", "+3.5", "1e3", "-", "--", "Acme - Metals", "Société Générale", "", "A+B Ltd"])
def test_plain_cells_pass(cell: str) -> None:
    assert cell_error("holder", cell) is None
