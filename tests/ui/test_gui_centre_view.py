"""The desktop app pointed at the coordination centre's database: cases of every port, each with its
port of origin, searchable by port. (The centre's PostgreSQL runs of the same query are in
tests/inspector/db and tests/inspector/sync; here a SQLite case database plays the centre.)"""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.db.cases.models import Case
from inspector.db.cases.repository import open_cases
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths
from tests.inspector.casework.builders import record, shipment
from ui.case_list import CaseListPanel
from ui.case_query import CaseFilter

pytestmark = pytest.mark.gui


@pytest.fixture
def centre(tmp_path) -> DataPaths:
    """A case database with a case recorded here and one synchronised from Qingdao."""
    paths = DataPaths(tmp_path / "centre").ensure()
    rules_engine, cases_engine = open_rules(paths), open_cases(paths)
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        config = Config(data=paths)
        record(rules, cases, config, "C-20260601-0001", shipment(tmp_path / "here"))
        record(rules, cases, config, "QINGDAO-C-20260601-0001", shipment(tmp_path / "qingdao"))
        cases.execute(update(Case).where(Case.id == "QINGDAO-C-20260601-0001").values(port="CNTAO"))
        cases.commit()
    rules_engine.dispose()
    cases_engine.dispose()
    return paths


def test_the_case_list_shows_each_cases_port_and_finds_cases_by_port(qtbot, centre: DataPaths) -> None:
    panel = CaseListPanel(str(centre.root))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        panel.refresh()
    ports = {row.case_id: row.port for row in panel.rows}
    assert ports == {"C-20260601-0001": "", "QINGDAO-C-20260601-0001": "CNTAO"}
    header = panel.tree.headerItem()
    column = [header.text(i) for i in range(header.columnCount())].index(panel.tr("Port"))
    shown = {panel.tree.topLevelItem(i).text(0): panel.tree.topLevelItem(i).text(column)
             for i in range(panel.tree.topLevelItemCount())}
    assert shown == ports
    found = panel.query(CaseFilter(text="cntao"))
    assert [row.case_id for row in found] == ["QINGDAO-C-20260601-0001"]
    panel.wait()
