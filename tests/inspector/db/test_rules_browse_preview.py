"""Browsing the rules database and previewing imports (the engine side of the desktop app's rules view)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from inspector.db.rules import browse
from inspector.db.rules.preview import ImportKind, apply_import, preview_licences, preview_watchlist
from inspector.errors import RulesImportError

HEADER = "licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,valid_to\n"
ROWS = ("EL-1,Holder A,Cons A,End A,SG,2846.90,1000,2026-01-01,2026-12-31\n"
        "EL-2,Holder B,Cons B,End B,NL,8112929010,500,2025-01-01,2025-06-30\n"
        "EL-1,Holder A,Cons A,End A,SG,2846.90,1200,2026-01-01,2026-12-31\n")  # repeats EL-1: the later wins


def test_hs_search_by_code_prefix_or_words(rules: Session) -> None:
    assert [e.code for e in browse.search_hs(rules, "28.46", 3)] == ["2846", "284610", "284690"]
    assert all("germanium" in e.description.lower() for e in browse.search_hs(rules, "Germanium"))


def test_controls_by_code_match_both_ways_and_by_words(rules: Session) -> None:
    by_heading = browse.search_controls(rules, "8112")  # a heading finds the national codes under it
    assert by_heading and all(c.hs_code.startswith("8112") for c in by_heading if c.hs_code)
    by_national = browse.search_controls(rules, "8112.92.9010")  # a national code finds its control line
    assert any(c.hs_code == "8112929010" for c in by_national)
    assert all(c.source for c in browse.search_controls(rules, "gallium"))


def test_licence_preview_counts_notes_and_applies(fresh_rules, tmp_path: Path) -> None:
    csv = tmp_path / "lic.csv"
    csv.write_text(HEADER + ROWS, encoding="utf-8")
    with Session(fresh_rules) as s:
        preview = preview_licences(s, csv, today=dt.date(2026, 3, 1))
        assert preview.kind == ImportKind.LICENCES and preview.rows == 2 and preview.replaced == 0
        assert {r.licence_number: r.quantity_kg for r in preview.licences} == {"EL-1": 1200.0, "EL-2": 500.0}
        assert [n.en for n in preview.notes] == [
            "1 row(s) repeat a licence number given above: the later row is kept.",
            "1 licence(s) have already expired."]
        assert browse.search_licences(s) == []  # a preview writes nothing
        assert apply_import(s, preview) == 2
        s.commit()
        assert preview_licences(s, csv).replaced == 2
        balances = browse.licence_balances(s, None, "EL-1")
        assert [(b.licence.licence_number, b.remaining_kg) for b in balances] == [("EL-1", 1200.0)]


def test_a_changed_or_bad_file_is_refused(fresh_rules, tmp_path: Path) -> None:
    csv = tmp_path / "lic.csv"
    csv.write_text(HEADER + ROWS, encoding="utf-8")
    with Session(fresh_rules) as s:
        preview = preview_licences(s, csv)
        csv.write_text(HEADER + ROWS.replace("1000", "9000"), encoding="utf-8")
        with pytest.raises(RulesImportError, match="changed since it was previewed"):
            apply_import(s, preview)
        csv.write_text(HEADER + "EL-9,H,C,E,SG,28,10,2026-01-01,2026-02-01\n", encoding="utf-8")
        with pytest.raises(RulesImportError, match="line 2: hs_code"):
            preview_licences(s, csv)


def test_watchlist_preview_names_the_lists_it_replaces(fresh_rules, tmp_path: Path) -> None:
    csv = tmp_path / "list.csv"
    csv.write_text("name,aliases,country,list,reason\nAcme Metals,阿克米金属,HK,TEST LIST,x\n", encoding="utf-8")
    with Session(fresh_rules) as s:
        preview = preview_watchlist(s, csv)
        assert [(c.list_name, c.entries_now, c.entries_after) for c in preview.lists] == [("TEST LIST", 0, 1)]
        apply_import(s, preview)
        s.commit()
        assert [(c.entries_now, c.entries_after) for c in preview_watchlist(s, csv).lists] == [(1, 1)]
        assert [e.name for e in browse.search_watchlist(s, "阿克米", "TEST LIST")] == ["Acme Metals"]
        assert "TEST LIST" in browse.watchlist_names(s)
