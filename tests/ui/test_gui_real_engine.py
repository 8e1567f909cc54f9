"""The window and the app on the bundled sample case with the real engine (Tesseract OCR)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage

from ui.app import main
from ui.main_window import MainWindow, State, finding_boxes
from ui.style import LANE_COLOURS

pytestmark = pytest.mark.gui

CHECK_TIMEOUT_MS = 180_000
MAX_GAP_S = 0.200


class GapMeter:
    """Ticks every 20 ms on the GUI thread and records the longest time between two ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.largest = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.largest = max(self.largest, now - self.last)
        self.last = now
        self.ticks += 1


def open_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_sample_case_fills_the_window_without_blocking(
    qtbot, engine_data_dir, sample_files
) -> None:
    window = open_window(qtbot, engine_data_dir)
    meter = GapMeter()
    meter.start()
    with qtbot.waitSignal(window.checkEnded, timeout=CHECK_TIMEOUT_MS) as blocker:
        assert window.start_check(sample_files)
    meter.stop()
    assert blocker.args == [State.DONE], window.banner.text()
    result = window.result
    assert window.banner.lane == str(result.lane) in LANE_COLOURS
    assert result.case_id in window.banner.text()
    assert window.findings.topLevelItemCount() == len(result.findings) > 0
    assert window.documents.topLevelItemCount() == len(sample_files)
    assert window.viewer.page_count == len(result.pages) > 0
    assert len(window.viewer.box_items) == len(finding_boxes(result))
    assert meter.ticks > 10
    assert meter.largest < MAX_GAP_S, f"event loop blocked for {meter.largest * 1000:.0f} ms"


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


def test_main_screenshot_of_the_sample_case(qapp, engine_data_dir, sample_files, tmp_path) -> None:
    out = tmp_path / "sample.png"
    assert main(["--data-dir", str(engine_data_dir), "--screenshot", str(out), *sample_files]) == 0
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
    lane_colours = {QColor(bg).rgb() for bg, _fg in LANE_COLOURS.values()}
    top = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 160, 3)}
    assert top & lane_colours, "no lane banner in the screenshot"
