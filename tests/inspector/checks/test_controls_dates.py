"""CONTROLLED_GOODS decided by the shipment date: effective dates and suspension windows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from inspector.checks import controls
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.models import Control
from inspector.db.rules.repository import controls_matching
from inspector.db.rules.seed import open_rules, suspension_start
from inspector.models import DocType, Document, LineItem
from inspector.paths import DataPaths

DY = LineItem("DYSPROSIUM OXIDE Dy2O3 99.9%", "2846901920", 500.0, "KG", 500.0, 520.0, 1.0, 1, (1, 2, 3, 4))
TILES = LineItem("CERAMIC FLOOR TILES", "690721", 2000.0, "SQM", 1.0, 1.0, 1.0, 1, (1, 2, 3, 4))
TEST_CODE = "9999990000"


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory):
    paths = DataPaths(tmp_path_factory.mktemp("rules"))
    paths.ensure()
    with Session(open_rules(paths)) as rules, Session(open_cases(paths)) as cases:
        rules.add(Control(
            announcement="TEST 2030 No.1", effective_date=dt.date(2030, 1, 1), item="Test widgets",
            hs_code=TEST_CODE, family="testfam", status="suspended until 2030-06-30",
            suspended_from=dt.date(2030, 3, 1), suspended_until=dt.date(2030, 6, 30),
            suspended_by="TEST 2030 No.2",
        ))
        rules.flush()
        yield rules, cases
        rules.rollback()


def found(sessions, item: LineItem, day: dt.date | None):
    rules, cases = sessions
    doc = Document(0, "inv.png", DocType.COMMERCIAL_INVOICE, 1, items=(item,))
    return list(controls.check(CheckContext((doc,), Config(), rules, cases, day)))


def test_a_control_fires_from_its_effective_date_and_names_its_announcement(sessions) -> None:
    assert found(sessions, DY, dt.date(2025, 4, 3)) == []  # the day before 2025 No.18
    on = found(sessions, DY, dt.date(2025, 4, 4))
    assert [f.code for f in on] == ["CONTROLLED_GOODS"]
    ev = on[0].evidence
    assert ev["announcement"].endswith("2025 No.18") and ev["effective_date"] == "2025-04-04"
    assert ev["decided_on"] == "2025-04-04" and ev["date_basis"] == "shipment_date"
    assert "2025 No.18" in on[0].message


def test_ordinary_goods_never_fire(sessions) -> None:
    assert found(sessions, TILES, dt.date(2026, 6, 1)) == []


def test_a_suspension_window_holds_the_control_only_inside_it(sessions) -> None:
    widget = LineItem("WIDGETS", TEST_CODE, 1.0, "PCS", 1.0, 1.0, 1.0, 1, (1, 2, 3, 4))
    before = found(sessions, widget, dt.date(2030, 2, 28))  # in force, suspension not yet begun
    assert [f.code for f in before] == ["CONTROLLED_GOODS"] and before[0].evidence["suspension_note"] is None
    assert found(sessions, widget, dt.date(2030, 3, 1)) == []
    assert found(sessions, widget, dt.date(2030, 6, 30)) == []  # the last day is still suspended
    after = found(sessions, widget, dt.date(2030, 7, 1))
    assert [f.code for f in after] == ["CONTROLLED_GOODS"]
    assert after[0].evidence["suspended_by"] == "TEST 2030 No.2"
    assert "ended 2030-06-30" in after[0].evidence["suspension_note"]


def test_seeded_no55_is_suspended_by_no70_until_2026_11_10(sessions) -> None:
    rules, _ = sessions

    def no55(day: dt.date) -> list[str]:
        return [m.announcement for m in controls_matching(rules, "71051020", "", day)
                if m.announcement.endswith("2025 No.55")]

    assert no55(dt.date(2026, 6, 1)) == [] and no55(dt.date(2026, 11, 10)) == []
    assert no55(dt.date(2026, 11, 11)) == ["MOFCOM/GAC 2025 No.55"]
    m = next(m for m in controls_matching(rules, "71051020", "", dt.date(2026, 11, 11))
             if m.announcement.endswith("No.55"))
    assert (m.suspended_from, m.suspended_until) == (dt.date(2025, 11, 7), dt.date(2026, 11, 10))
    assert m.suspended_by == "MOFCOM/GAC 2025 No.70"


def test_suspension_start_from_notes() -> None:
    announced = {"MOFCOM/GAC 2025 No.70": dt.date(2025, 11, 7)}
    assert suspension_start("SUSPENDED by 2025 No.70 until 2026-11-10", announced) == (
        "MOFCOM/GAC 2025 No.70", dt.date(2025, 11, 7))
    assert suspension_start("Clause 2 SUSPENDED from 2025-11-09 until 2026-11-27.", announced) == (
        None, dt.date(2025, 11, 9))
    assert suspension_start("active", announced) == (None, None)


def test_without_a_shipment_date_today_is_used_and_said(sessions) -> None:
    f = found(sessions, DY, None)
    assert f and f[0].evidence["date_basis"] == "today" and "no shipment date" in f[0].message
