"""Intake and restart: a check killed before its case was recorded is reported at the next start and
its files checked again on request (the engine's journal: tests/inspector/test_journal.py); pages and
files pasted from the clipboard are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from inspector import journal
from inspector.paths import DataPaths
from tests.inspector.test_journal import PACKING, _die_journalled
from ui.main_window import MainWindow, State

pytestmark = pytest.mark.gui


def _button(box: QMessageBox, role: QMessageBox.ButtonRole):
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


def test_an_interrupted_check_is_reported_at_start_and_checked_again(qtbot, tmp_path: Path) -> None:
    _die_journalled(tmp_path, [PACKING])
    (entry,) = journal.pending(DataPaths(tmp_path))
    window = MainWindow(str(tmp_path))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.interrupted_box is not None and window.interrupted_box.isVisible())
    box = window.interrupted_box
    assert "02_packing_list.png" in box.detailedText()
    with qtbot.waitSignal(window.checkEnded, timeout=120_000) as ended:
        _button(box, QMessageBox.ButtonRole.AcceptRole).click()
    assert ended.args == [State.DONE]
    assert journal.pending(DataPaths(tmp_path)) == []
    assert window.result is not None and window.result.documents[0].path == entry.paths[0]
    window.shutdown()


def test_forgetting_interrupted_checks_removes_them_and_a_clean_start_says_nothing(qtbot, tmp_path: Path) -> None:
    _die_journalled(tmp_path, [PACKING])
    window = MainWindow(str(tmp_path))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.interrupted_box is not None)
    _button(window.interrupted_box, QMessageBox.ButtonRole.DestructiveRole).click()
    assert journal.pending(DataPaths(tmp_path)) == []
    again = MainWindow(str(tmp_path))
    qtbot.addWidget(again)
    qtbot.wait(50)
    assert again.interrupted_box is None


def test_a_page_or_files_pasted_from_the_clipboard_are_checked(qtbot, tmp_path: Path) -> None:
    """Ctrl+V: an image on the clipboard is saved as a PNG in the data directory and checked; files
    copied in a file manager are checked as they are; an empty clipboard says so."""
    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QGuiApplication, QImage

    window = MainWindow(str(tmp_path))
    qtbot.addWidget(window)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    assert not window.paste()
    clipboard.setImage(QImage(PACKING))
    with qtbot.waitSignal(window.checkEnded, timeout=120_000) as ended:
        assert window.paste()
    assert ended.args == [State.DONE]
    pasted = Path(window.result.documents[0].path)
    assert pasted.is_relative_to(tmp_path) and pasted.suffix == ".png"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(PACKING)])
    clipboard.setMimeData(data)
    with qtbot.waitSignal(window.checkEnded, timeout=120_000):
        assert window.paste()
    assert window.result.documents[0].path == PACKING
    window.shutdown()
