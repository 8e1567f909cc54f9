"""Seeding the rules database from resources/data: speed, counts, families, version."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.db.rules.models import Control, ControlKeyword, HsCode, Meta, WatchlistEntry
from inspector.db.rules.repository import rules_info, rules_version
from inspector.db.rules.seed import open_rules, seed_hash, suspended_until
from inspector.paths import DataPaths


def _count(s: Session, table) -> int:
    return s.scalar(select(func.count()).select_from(table))


def test_first_open_seeds_everything_in_under_three_seconds(tmp_path: Path) -> None:
    started = time.perf_counter()
    engine = open_rules(DataPaths(tmp_path))
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, f"seeding took {elapsed:.2f} s"
    with Session(engine) as s:
        assert _count(s, HsCode) == 6940
        assert _count(s, Control) == 193
        assert _count(s, ControlKeyword) > 250
        assert _count(s, WatchlistEntry) == 153 + 40 + 67 + 17 + 13


def test_rules_version_names_the_seed_and_its_content_hash(rules: Session) -> None:
    version = rules_version(rules)
    assert version.startswith("seed-2026.11.29-")
    assert version.endswith(seed_hash()[:12])


def test_reopening_does_not_reseed(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Session(open_rules(paths)) as s:
        s.merge(Meta(key="seeded_at", value="marker"))
        s.commit()
    with Session(open_rules(paths)) as s:
        assert rules_info(s).seeded_at == "marker"
        assert _count(s, HsCode) == 6940


def test_changed_seed_files_reseed_but_keep_imported_watchlists(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    with Session(open_rules(paths)) as s, s.begin():
        s.add(WatchlistEntry(name="Imported Co", aliases=[], list_name="mine", unsure=False))
        s.merge(Meta(key="seed_hash", value="an older seed"))
    with Session(open_rules(paths)) as s:
        assert _count(s, Control) == 193
        assert _count(s, WatchlistEntry) == 290 + 1
        assert s.scalar(select(Meta.value).where(Meta.key == "seed_hash")) == seed_hash()


def test_status_suspension_is_parsed() -> None:
    assert suspended_until("suspended until 2026-11-10 (status not verified)") == dt.date(
        2026, 11, 10
    )
    assert suspended_until("partly suspended until 2026-11-27") == dt.date(2026, 11, 27)
    assert suspended_until("active") is None


def test_control_rows_keep_status_unsure_and_get_families(rules: Session) -> None:
    rows = list(rules.scalars(select(Control)))
    assert sum(1 for r in rows if r.unsure) == 134
    assert sum(1 for r in rows if r.suspended_until == dt.date(2026, 11, 10)) == 10
    by_item = {(r.item, r.hs_code): r.family for r in rows}
    assert by_item[("Gallium metal (elemental)", "8112929010")] == "gallium"
    assert by_item[("1C905.b Dysprosium oxide and mixtures", "2846901993")] == "rare_earth_dy"
    assert by_item[("1C117.d Ammonium paratungstate", "2841801000")] == "tungsten"
    assert (
        by_item[
            ("2C902.b Artificial diamond single crystals 50-500 um (not jewellery)", "71051020")
        ]
        == "superhard"
    )
    assert by_item[("Indium antimonide (candidate codes, 2853.90)", "2853909031")] == "antimony"
    families = {r.family for r in rows}
    assert {"graphite", "germanium", "antimony", "scandium", "other"} <= families


def test_unmappable_rows_are_other(rules: Session) -> None:
    ban = rules.scalars(select(Control).where(Control.announcement == "MOFCOM 2024 No.46")).one()
    assert ban.family == "other"
    holmium = rules.scalars(
        select(Control).where(Control.announcement == "MOFCOM/GAC 2025 No.57")
    ).one()
    assert holmium.family == "other"


def test_rules_info_counts_lists_and_unsure_rows(rules: Session) -> None:
    info = rules_info(rules)
    assert info.counts["hs_code"] == 6940
    assert info.counts["licence"] == 0
    assert info.lists["CN-MOFCOM Unreliable Entity List"] == 67
    assert info.lists["US-OFAC SDN (sample)"] == 17
    assert info.unsure_controls == 134
    assert info.as_dict()["counts"]["control"] == 193


def test_seeded_watchlist_keeps_unsure_flags_and_aliases(rules: Session) -> None:
    uel = select(WatchlistEntry).where(
        WatchlistEntry.list_name == "CN-MOFCOM Unreliable Entity List"
    )
    entries = list(rules.scalars(uel))
    assert sum(e.unsure for e in entries) == 24
    taiclet = next(e for e in entries if e.name == "James Donald Taiclet")
    assert taiclet.aliases == ["詹姆斯·唐纳德·泰克里特"] and taiclet.country == "US"
    hesa = rules.scalars(
        select(WatchlistEntry).where(WatchlistEntry.source_id == "ofac-11195")
    ).one()
    assert "HESA TRADE CENTER" in hesa.aliases and hesa.country == "Iran"
