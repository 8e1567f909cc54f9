"""The window on the bundled sample case with the real engine (Tesseract OCR): cancel, an unreadable
file. The whole workflow (findings, event-loop stalls, corrections, sign-off, report, --screenshot)
is in test_gui_workflow.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.main_window import MainWindow, State

pytestmark = pytest.mark.gui

CHECK_TIMEOUT_MS = 180_000


def open_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_cancel_during_a_real_check(qtbot, tmp_path, sample_files) -> None:
    window = open_window(qtbot, tmp_path / "cold-data")  # no OCR cache: the check takes a while
    with qtbot.waitSignal(window.checkEnded, timeout=CHECK_TIMEOUT_MS) as blocker:
        assert window.start_check(sample_files)
        qtbot.waitUntil(lambda: window.progress_label.text() != "Starting...", timeout=60_000)
        window.cancel_check()
    assert blocker.args == [State.CANCELLED]
    assert window.result is None
    assert not window.progress_row.isVisible() and window.open_files_action.isEnabled()


def test_zero_byte_file_shows_its_error(qtbot, engine_data_dir, sample_files, tmp_path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    window = open_window(qtbot, engine_data_dir)
    with qtbot.waitSignal(window.checkEnded, timeout=CHECK_TIMEOUT_MS) as blocker:
        window.start_check([sample_files[0], str(empty)])
    assert blocker.args == [State.DONE], window.banner.text()
    row = window.documents.topLevelItem(1)
    assert row.text(1) == "empty.pdf"
    assert row.text(4) and row.text(4) == window.result.documents[1].error
    assert "INPUT_UNREADABLE" in [f.code for f in window.result.findings]
