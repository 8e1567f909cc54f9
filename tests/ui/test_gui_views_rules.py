"""The rules view on a real (seeded) rules database: searching the nomenclature and the controls,
importing licences and watchlists after a preview, refusing a bad or changed file, the licence balance
from the recorded cases."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case
from inspector.db.cases.repository import open_cases
from inspector.db.rules.preview import ImportKind
from inspector.db.rules.seed import open_rules
from inspector.history.store import record_history
from inspector.history.summary import Summary
from inspector.paths import DataPaths
from ui.language import format_kg
from ui.rules_view import ImportPreviewDialog, RulesView

pytestmark = pytest.mark.gui

TIMEOUT = 15_000
HEADER = "licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,valid_to\n"
LICENCES = HEADER + (
    "EL-2026-001,Ganzhou Rare Earth Co.,Lion City Materials,Lion City Materials,SG,2846.90,1000,2026-01-01,2027-12-31\n"
    "EL-2025-009,Ganzhou Rare Earth Co.,Hollandia Metals,Hollandia Metals,NL,8112929010,500,2025-01-01,2025-06-30\n"
)
WATCHLIST = ("name,aliases,country,list,reason\n"
             "Zhongyuan Test Metals Ltd,中原测试金属有限公司;ZTM,HK,OFFICE TEST LIST,test entry\n"
             "Baltic Transit Trading OU,,EE,OFFICE TEST LIST,UNSURE: same address as a listed firm\n")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded rules database, made once and copied for each test (seeding takes half a second)."""
    paths = DataPaths(tmp_path_factory.mktemp("rules")).ensure()
    open_rules(paths).dispose()
    return paths.rules_db


@pytest.fixture
def data(tmp_path: Path, seeded: Path) -> DataPaths:
    """A data directory with its own copy of the seeded rules, and a case database that recorded one
    shipment of 400 kg under EL-2026-001."""
    paths = DataPaths(tmp_path / "data").ensure()
    shutil.copy(seeded, paths.rules_db)
    engine = open_cases(paths)
    with Session(engine) as s, s.begin():
        day = dt.date(2026, 4, 1)
        s.add(Case(id="C-100", created_at=dt.datetime(2026, 4, 1, 9), shipment_date=day, lane="green",
                   risk_score=5, rules_version="test", engine_version="test", net_weight_kg=400.0))
        s.flush()
        record_history(s, "C-100", Summary(day, "Ganzhou Rare Earth Co.", "Lion City Materials", "rare_earth_dy",
                                           ("2846",), 400.0, licence_number="EL-2026-001",
                                           licence_numbers=("EL-2026-001",)))
    engine.dispose()
    return paths


def make_view(qtbot, paths: DataPaths) -> RulesView:
    view = RulesView(None, paths)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def search(qtbot, view: RulesView, key: str, text: str) -> list[str]:
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT, check_params_cb=lambda k: k == key):
        view.search(key, text)
    return view.pages[key].texts(0)


def preview(qtbot, view: RulesView, kind: ImportKind, path: Path) -> ImportPreviewDialog:
    with qtbot.waitSignal(view.previewShown, timeout=TIMEOUT) as shown:
        view.preview_file(kind, path)
    return shown.args[0]


def test_search_the_nomenclature_and_the_controls(qtbot, data) -> None:
    view = make_view(qtbot, data)
    codes = search(qtbot, view, "hs", "28.46")
    assert codes and all(code.startswith("2846") for code in codes)
    assert any("germanium" in d.lower() for d in view.pages["hs"].texts(2)) is False
    search(qtbot, view, "hs", "germanium")
    assert all("germanium" in d.lower() for d in view.pages["hs"].texts(2))
    announcements = search(qtbot, view, "controls", "gallium")
    assert any("2023 No.23" in a for a in announcements)
    page = view.pages["controls"]
    assert all(page.texts(4)) and all(page.texts(7))  # every line shows its date and its source
    assert page.count.text().startswith(str(len(announcements)))


def test_import_licences_after_a_preview_and_see_what_is_left(qtbot, data, tmp_path: Path) -> None:
    view = make_view(qtbot, data)
    csv = tmp_path / "licences.csv"
    csv.write_text(LICENCES, encoding="utf-8")
    dialog = preview(qtbot, view, ImportKind.LICENCES, csv)
    assert "2 " in dialog.summary_text() and dialog.tree.topLevelItemCount() == 2
    assert dialog.notes.isVisibleTo(dialog) and "expired" in dialog.notes.text()
    assert search(qtbot, view, "licences", "") == []  # nothing written by the preview
    with qtbot.waitSignal(view.imported, timeout=TIMEOUT) as imported:
        dialog.import_button.click()
    assert imported.args == ["licences", 2]
    numbers = search(qtbot, view, "licences", "EL-2026")
    assert numbers == ["EL-2026-001"]
    page = view.pages["licences"]
    assert page.texts(6) == [format_kg(400.0)] and page.texts(7) == [format_kg(600.0)]  # shipped, left
    assert page.texts(10) == ["C-100"]
    again = preview(qtbot, view, ImportKind.LICENCES, csv)
    assert again.preview.replaced == 2


def test_a_bad_licence_file_is_refused_naming_its_line(qtbot, data, tmp_path: Path) -> None:
    view = make_view(qtbot, data)
    csv = tmp_path / "bad.csv"
    csv.write_text(LICENCES + "EL-9,Holder,C,E,SGP,2846,10,2026-01-01,2026-02-01\n", encoding="utf-8")
    with qtbot.waitSignal(view.failed, timeout=TIMEOUT) as failed:
        view.preview_file(ImportKind.LICENCES, csv)
    assert "line 4" in failed.args[0] and "SGP" in failed.args[0]
    assert view.preview_dialog is None
    assert search(qtbot, view, "licences", "") == []


def test_a_file_changed_after_its_preview_is_not_imported(qtbot, data, tmp_path: Path) -> None:
    view = make_view(qtbot, data)
    csv = tmp_path / "licences.csv"
    csv.write_text(LICENCES, encoding="utf-8")
    dialog = preview(qtbot, view, ImportKind.LICENCES, csv)
    csv.write_text(LICENCES.replace("1000", "9000"), encoding="utf-8")
    with qtbot.waitSignal(view.failed, timeout=TIMEOUT) as failed:
        dialog.accept()
    assert "changed since it was previewed" in failed.args[0]
    assert search(qtbot, view, "licences", "") == []


def test_import_a_watchlist_under_a_list_name_and_find_it(qtbot, data, tmp_path: Path) -> None:
    view = make_view(qtbot, data)
    csv = tmp_path / "office_list.csv"
    csv.write_text(WATCHLIST, encoding="utf-8")
    dialog = preview(qtbot, view, ImportKind.WATCHLIST, csv)
    assert "OFFICE TEST LIST: 0 " in dialog.summary_text() and "UNSURE" in dialog.notes.text()
    dialog.list_name.setText("MY OFFICE LIST")
    with qtbot.waitSignal(view.previewShown, timeout=TIMEOUT) as shown:
        dialog.relist_button.click()
    renamed = shown.args[0]
    assert [c.list_name for c in renamed.preview.lists] == ["MY OFFICE LIST"]
    with qtbot.waitSignal(view.imported, timeout=TIMEOUT):
        renamed.accept()
    qtbot.waitUntil(lambda: view.pages["watchlists"].choice.findData("MY OFFICE LIST") >= 0, timeout=TIMEOUT)
    names = search(qtbot, view, "watchlists", "中原测试")  # a Chinese alias
    assert names == ["MY OFFICE LIST"] and view.pages["watchlists"].texts(1) == ["Zhongyuan Test Metals Ltd"]
