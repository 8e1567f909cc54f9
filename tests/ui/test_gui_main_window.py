"""The main window driven by a fake engine: states, lists, navigation, drops, cancel, failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from inspector.errors import InspectorError, UsageError
from inspector.models import Severity
from tests.ui.gui_fake_engine import FakeEngine
from ui.main_window import MainWindow, State
from ui.workers import prepare_request

pytestmark = pytest.mark.gui

TIMEOUT_MS = 10_000


@pytest.fixture
def case_files(tmp_path: Path) -> list[str]:
    """Two non-empty files and a note that is not a document."""
    for name in ("a_invoice.png", "b_packing.pdf"):
        (tmp_path / name).write_bytes(b"not really an image")
    (tmp_path / "notes.txt").write_text("not a document")
    return [str(tmp_path / "a_invoice.png"), str(tmp_path / "b_packing.pdf")]


def make_window(qtbot, engine: FakeEngine, tmp_path: Path) -> MainWindow:
    window = MainWindow(data_dir=tmp_path / "data", check=engine)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def run_check(qtbot, window: MainWindow, paths: list[str]) -> str:
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS) as blocker:
        assert window.start_check(paths)
    return blocker.args[0]


def test_window_opens_idle(qtbot, fake_engine: FakeEngine, tmp_path: Path) -> None:
    window = make_window(qtbot, fake_engine, tmp_path)
    assert window.state == State.IDLE
    assert window.windowTitle() == "Inspector"
    assert not window.progress_row.isVisible()
    assert not window.cancel_action.isEnabled()
    assert window.banner.lane is None


def test_check_fills_banner_and_lists(qtbot, fake_engine, tmp_path, case_files) -> None:
    window = make_window(qtbot, fake_engine, tmp_path)
    assert run_check(qtbot, window, case_files) == State.DONE
    assert window.banner.lane == "red"
    assert "87" in window.banner.text() and "FAKE-1" in window.banner.text()
    assert window.findings.topLevelItemCount() == 7
    assert window.documents.topLevelItemCount() == 2
    assert len(window.viewer.box_items) == 6
    assert window.viewer.page_count == 2
    assert not window.progress_row.isVisible()


def test_findings_are_sorted_most_serious_first(qtbot, fake_engine, tmp_path, case_files) -> None:
    window = make_window(qtbot, fake_engine, tmp_path)
    run_check(qtbot, window, case_files)
    findings = window.result.findings
    ranks = [Severity(findings[i].severity).rank for i in window.findings.finding_indexes()]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] == Severity.CRITICAL.rank and ranks[-1] == Severity.INFO.rank


def test_choosing_a_finding_shows_its_box(qtbot, fake_engine, tmp_path, case_files) -> None:
    window = make_window(qtbot, fake_engine, tmp_path)
    run_check(qtbot, window, case_files)
    order = window.findings.finding_indexes()
    row = next(r for r, i in enumerate(order) if window.result.findings[i].document == 1)
    window.findings.setCurrentItem(window.findings.topLevelItem(row))
    finding = window.result.findings[order[row]]
    rect = window.viewer.scene_rect(window.result.page_map[(1, 1)], finding.bbox)
    view = window.viewer.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(rect)
    assert window.viewer.current_page == 1


def test_unreadable_file_shows_its_error(qtbot, fake_engine, tmp_path, case_files) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    window = make_window(qtbot, fake_engine, tmp_path)
    run_check(qtbot, window, [*case_files, str(empty)])
    item = window.documents.topLevelItem(2)
    assert item.text(1) == "empty.pdf"
    assert item.text(4) == "The file is empty."


def test_cancel_ends_cancelled(qtbot, tmp_path, case_files) -> None:
    window = make_window(qtbot, FakeEngine(steps=200, step_delay=0.02), tmp_path)
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS) as blocker:
        window.start_check(case_files)
        qtbot.waitUntil(lambda: window.progress_bar.value() > 1, timeout=TIMEOUT_MS)
        window.cancel_button.click()
        assert window.state == State.CANCELLING
    assert blocker.args == [State.CANCELLED]
    assert window.result is None and "cancelled" in window.banner.text()
    assert window.open_files_action.isEnabled()


def test_second_check_refused_while_running(qtbot, tmp_path, case_files) -> None:
    engine = FakeEngine(steps=20, step_delay=0.02)
    window = make_window(qtbot, engine, tmp_path)
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS):
        assert window.start_check(case_files)
        assert not window.start_check(case_files)
    assert len(engine.calls) == 1


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (InspectorError("Tesseract is missing: install it."), "Tesseract is missing"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ],
)
def test_failure_shows_message(qtbot, tmp_path, case_files, error, shown) -> None:
    window = make_window(qtbot, FakeEngine(error=error), tmp_path)
    assert run_check(qtbot, window, case_files) == State.FAILED
    assert shown in window.banner.text()
    assert window.banner.lane is None


def test_drop_starts_a_check_of_the_folder(qtbot, fake_engine, tmp_path, case_files) -> None:
    window = make_window(qtbot, fake_engine, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(Path(case_files[0]).parent))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS):
        window.dropEvent(event)
    assert fake_engine.calls == [case_files]  # notes.txt left out, files in name order


def test_prepare_request_refuses_nothing_to_check(tmp_path) -> None:
    (tmp_path / "readme.md").write_text("no documents here")
    with pytest.raises(UsageError):
        prepare_request([tmp_path])
    assert prepare_request([tmp_path / "x.pdf"], tmp_path).paths == (str(tmp_path / "x.pdf"),)


def test_closing_during_a_check_stops_it(qtbot, tmp_path, case_files) -> None:
    engine = FakeEngine(steps=500, step_delay=0.02)
    window = make_window(qtbot, engine, tmp_path)
    window.start_check(case_files)
    qtbot.waitUntil(lambda: window.progress_bar.value() > 0, timeout=TIMEOUT_MS)
    window.close()
    assert window._pool.activeThreadCount() == 0
