"""The history view on a real case database: an entity's shipments on the chart and in the list, the
lots a fragmentation finding links (evidence made by the engine's own detector), picking a case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case, CaseFinding
from inspector.db.cases.repository import open_cases
from inspector.db.rules.history import set_history_setting
from inspector.db.rules.seed import open_rules
from inspector.history.fragmentation import Lot, Settings, detect
from inspector.history.store import record_history
from inspector.history.summary import Summary
from inspector.models import Finding, Severity
from inspector.paths import DataPaths
from ui.history_view import HistoryView
from ui.language import format_kg
from ui.shipment_chart import lane_colour

pytestmark = pytest.mark.gui

EXPORTER = "Ganzhou Rare Earth Co., Ltd."
CONSIGNEE = "Lion City Materials Trading Pte Ltd"
FAMILY = "rare_earth_dy"
START = dt.date(2026, 3, 2)
# case, days after START, net kg, lane, consignee
LOTS = [("C-1", 0, 490.0, "green", CONSIGNEE), ("C-2", 12, 485.0, "green", CONSIGNEE),
        ("C-3", 24, 495.0, "red", CONSIGNEE), ("C-9", 5, 2000.0, "yellow", "Hollandia Metals B.V.")]
TIMEOUT = 10_000


def evidence_of(new: Lot, earlier: list[Lot]) -> dict:
    """The finding's evidence as the fragmentation check records it, from the engine's detector."""
    found = detect(new, earlier, Settings())
    assert found is not None
    return {"linked_cases": [{"case_id": lot.case_id, "shipment_date": lot.shipped.isoformat(),
                              "net_kg": lot.net_kg} for lot in found.linked],
            "shipment_net_kg": new.net_kg, "aggregate_kg": found.aggregate_kg,
            "threshold_kg": found.threshold.kg if found.threshold else None,
            "threshold_source": found.threshold.source if found.threshold else None,
            "window_days": found.window_days, "cues": list(found.cues)}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataPaths, dict]:
    """A case database with four recorded shipments; C-3 carries a FRAGMENTATION_SUSPECTED finding (the
    tests only read it)."""
    paths = DataPaths(tmp_path_factory.mktemp("history") / "data").ensure()
    engine = open_cases(paths)
    lots = []
    with Session(engine) as s, s.begin():
        for case_id, days, kg, lane, consignee in LOTS:
            day = START + dt.timedelta(days=days)
            s.add(Case(id=case_id, created_at=dt.datetime.combine(day, dt.time(9)), shipment_date=day, lane=lane,
                       risk_score=50, rules_version="test", engine_version="test", net_weight_kg=kg))
            s.flush()
            record_history(s, case_id, Summary(day, EXPORTER, consignee, FAMILY, ("2846",), kg,
                                               invoice_number=f"INV-{case_id}", licence_number="EL-2026-7",
                                               licence_numbers=("EL-2026-7",)))
            if consignee == CONSIGNEE:
                lots.append(Lot(case_id, day, kg, FAMILY, 1, 2))
        evidence = evidence_of(lots[-1], lots[:-1])
        s.add(CaseFinding(case_id="C-3", code="FRAGMENTATION_SUSPECTED", severity="high", message="split",
                          evidence=evidence))
    engine.dispose()
    rules = open_rules(paths)
    with Session(rules) as s, s.begin():
        set_history_setting(s, "threshold_kg", 1000.0, "office test", FAMILY)
    rules.dispose()
    return paths, evidence


def make_view(qtbot, paths: DataPaths) -> HistoryView:
    view = HistoryView(None, paths)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_an_entity_s_shipments_over_time(qtbot, history) -> None:
    paths, _ = history
    view = make_view(qtbot, paths)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.search.setText("LION CITY MATERIALS TRADING PTE. LTD.")  # another spelling of the consignee
        view.search_button.click()
    assert CONSIGNEE in view.title.text() and "3" in view.title.text()
    rows = view.table_rows()
    assert [r[1] for r in rows] == ["C-1", "C-2", "C-3"]  # oldest first
    assert rows[2][2] == format_kg(495.0) and rows[2][3] == "red"
    assert [(line.kg, line.kind) for line in view.chart.data.lines] == [(1000.0, "threshold")]
    points = {case: view.chart.point_at(case) for case in ("C-1", "C-2", "C-3")}
    assert points["C-1"].x() < points["C-2"].x() < points["C-3"].x()  # later is further right
    assert points["C-3"].y() < points["C-1"].y() < points["C-2"].y()  # heavier is higher
    image = view.chart.grab().toImage()
    ratio = view.chart.devicePixelRatioF()
    for case, lane in (("C-1", "green"), ("C-3", "red")):
        spot = points[case]
        shown = QColor(image.pixel(int(spot.x() * ratio), int(spot.y() * ratio)))
        want = lane_colour(lane)
        assert abs(shown.red() - want.red()) + abs(shown.green() - want.green()) + abs(
            shown.blue() - want.blue()) < 40, (case, shown.name(), want.name())


def test_the_exporter_s_history_has_every_consignee(qtbot, history) -> None:
    paths, _ = history
    view = make_view(qtbot, paths)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.show_entity(EXPORTER)
    assert [r[1] for r in view.table_rows()] == ["C-1", "C-9", "C-2", "C-3"]
    assert view.chart.point_at("C-9").y() < view.chart.point_at("C-3").y()


def test_the_lots_a_fragmentation_finding_links(qtbot, history) -> None:
    paths, evidence = history
    view = make_view(qtbot, paths)
    finding = Finding("FRAGMENTATION_SUSPECTED", Severity.HIGH, "split", evidence=evidence)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.show_fragmentation(finding, "C-3", START + dt.timedelta(days=24), "red")
    assert [r[1] for r in view.table_rows()] == ["C-1", "C-2", "C-3"]
    assert view.chart.data.highlight == frozenset({"C-3"})
    assert [(line.kg, line.source) for line in view.chart.data.lines] == [(evidence["threshold_kg"], "round quantity")]
    total = view.chart.data.totals()[0][1]
    assert total[-1][1] == pytest.approx(evidence["aggregate_kg"])  # the running total ends at the aggregate
    assert "2" in view.title.text() and format_kg(evidence["aggregate_kg"]) in view.title.text()
    assert view.table.topLevelItem(2).font(1).bold()


def test_a_new_case_not_yet_recorded_is_drawn_from_the_finding(qtbot, history) -> None:
    paths, evidence = history
    view = make_view(qtbot, paths)
    finding = Finding("FRAGMENTATION_SUSPECTED", Severity.HIGH, "split", evidence=evidence)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.show_fragmentation(finding, "NEW-1", START + dt.timedelta(days=30), "yellow")
    assert [r[1] for r in view.table_rows()] == ["C-1", "C-2", "NEW-1"]
    assert view.chart.point_at("NEW-1") is not None


def test_the_links_of_a_recorded_case_and_picking_one(qtbot, history) -> None:
    paths, _ = history
    view = make_view(qtbot, paths)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.show_case_links("C-3")
    assert [r[1] for r in view.table_rows()] == ["C-1", "C-2", "C-3"]
    with qtbot.waitSignal(view.caseChosen, timeout=1000) as chosen:
        qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=view.chart.point_at("C-2").toPoint())
    assert chosen.args == ["C-2"]
    assert view.table.currentItem().text(1) == "C-2"


def test_an_unknown_party_is_said_so(qtbot, history) -> None:
    paths, _ = history
    view = make_view(qtbot, paths)
    with qtbot.waitSignal(view.failed, timeout=TIMEOUT) as failed:
        view.find("Zanzibar Quartz Holdings")
    assert "Zanzibar Quartz Holdings" in failed.args[0]
    assert view.table_rows() == []
