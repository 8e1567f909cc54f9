"""Languages: every string of ui/ translated into Simplified Chinese, the committed .qm current, a switch
at run time retranslating open windows, dates and numbers in the chosen locale."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from ui.language import (
    I18N_DIR,
    current_language,
    format_date,
    format_kg,
    format_number,
    install_language,
)

pytestmark = pytest.mark.gui

TS = I18N_DIR / "inspector_zh_CN.ts"
QM = I18N_DIR / "inspector_zh_CN.qm"
UI = Path(__file__).resolve().parents[2] / "ui"
PLACEHOLDER = re.compile(r"\{\w+\}")


def qt_tool(name: str) -> str:
    """A Qt tool of the venv (pyside6-lupdate, pyside6-lrelease)."""
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.fail(f"{tool} is missing: install pyside6-essentials (it ships the Qt translation tools)")
    return str(tool)


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    root = ET.parse(ts).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]


@pytest.fixture
def chinese(qapp):
    """Switch the app to Chinese; English and the locale before it come back afterwards."""
    before = QLocale()
    language = install_language(qapp, "zh_CN")
    yield language
    install_language(qapp, "en")
    QLocale.setDefault(before)


def test_every_string_of_ui_has_a_chinese_translation(tmp_path: Path) -> None:
    current = tmp_path / TS.name
    shutil.copy(TS, current)
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([qt_tool("pyside6-lupdate"), *sources, "-ts", str(current), "-locations", "none",
                    "-no-obsolete", "-silent"], check=True, timeout=120)
    found = messages(current)
    assert len(found) > 200
    missing = [f"{ctx}: {src!r}" for ctx, src, tr in found if tr.get("type") == "unfinished" or not tr.text]
    assert not missing, "untranslated (run scripts/update-translations.sh, translate):\n" + "\n".join(missing)
    for ctx, src, tr in found:
        assert set(PLACEHOLDER.findall(src)) == set(PLACEHOLDER.findall(tr.text)), (ctx, src, tr.text)
        words = re.search(r"[a-z]{3}", PLACEHOLDER.sub("", src))  # a text, not a format or a file filter
        assert re.search(r"[\u4e00-\u9fff]", tr.text) or not words, (ctx, src, tr.text)


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    subprocess.run([qt_tool("pyside6-lrelease"), str(TS), "-qm", str(fresh), "-silent"], check=True, timeout=60)
    assert QM.read_bytes() == fresh.read_bytes(), "run scripts/update-translations.sh"


def test_switching_to_chinese_retranslates_open_windows_at_once(qtbot, chinese, qapp, tmp_path: Path) -> None:
    from ui.preferences import PreferencesDialog
    from ui.rules_view import RulesView

    install_language(qapp, "en")
    view = RulesView(None, tmp_path / "data")
    qtbot.addWidget(view)
    assert view.tabs.tabText(0) == "HS nomenclature"
    install_language(qapp, "zh_CN")
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == "HS 商品编码", timeout=2000)
    assert [view.tabs.tabText(i) for i in range(4)] == ["HS 商品编码", "管制措施", "许可证", "管控名单"]
    assert view.import_licences_button.text() == "导入许可证..."
    assert current_language() == "zh_CN"
    dialog = PreferencesDialog(settings=_settings(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "首选项"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"  # Qt's own
    install_language(qapp, "en")
    qtbot.waitUntil(lambda: view.tabs.tabText(0) == "HS nomenclature", timeout=2000)


def test_main_window_menus_and_panels_in_chinese(qtbot, chinese, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "文件(&F)" in menus, menus
    assert window.findings.headerItem().text(0) == "严重程度"


def test_widget_tr_uses_the_class_context(qtbot, chinese) -> None:
    from ui.history_view import lane_name
    from ui.shipment_chart import ShipmentChart

    chart = ShipmentChart()
    qtbot.addWidget(chart)
    assert chart.tr("net kg") == "净重（千克）"
    assert lane_name("red") == "红色"


def test_dates_and_numbers_follow_the_language(qapp, chinese) -> None:
    day = dt.date(2026, 3, 5)
    install_language(qapp, "en")
    english = (format_date(day), format_number(1234567.5, 1), format_kg(1470.0), format_kg(12.5))
    assert english == ("3/5/2026", "1,234,567.5", "1,470 kg", "12.50 kg")
    install_language(qapp, "zh_CN")
    assert format_date(day) == "2026/3/5"
    assert format_kg(1470.0) == "1,470 千克"
    assert "2026" in format_date(day, short=False) and "3" in format_date(day, short=False)
    assert format_date(None) == "" and format_number(None) == ""


def test_an_unknown_language_is_refused(qapp) -> None:
    with pytest.raises(ValueError, match="zh_CN"):
        install_language(qapp, "fr")
    assert current_language() in ("en", "zh_CN")


def test_language_change_event_reaches_child_views(qtbot, chinese, qapp, tmp_path: Path) -> None:
    from ui.history_view import HistoryView

    install_language(qapp, "en")
    view = HistoryView(None, tmp_path / "data")
    qtbot.addWidget(view)
    assert view.search_button.text() == "Show history"
    with qtbot.waitSignal(chinese.changed, timeout=1000):
        install_language(qapp, "zh_CN")
    qtbot.waitUntil(lambda: view.search_button.text() == "显示历史", timeout=2000)
    assert view.table.headerItem().text(2) == "净重"
    view.changeEvent(QEvent(QEvent.Type.LanguageChange))  # idempotent


def _settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
