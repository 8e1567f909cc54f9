"""The inspector's workflow in the main window on the bundled sample case with the real engine
(Tesseract OCR): check, findings on the scans, corrections, decision, sign-off, PDF report, case list,
--screenshot. The sample case is checked once per module (its OCR cached); each test works on a copy
of that data directory, so tests change nothing the others see."""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractItemView
from sqlalchemy.orm import Session

from inspector import __version__ as engine_version
from inspector import accounts, casework
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.models import CaseResult
from inspector.paths import data_paths
from inspector.pipeline import check_case
from ui.app import main
from ui.fields_panel import COL_NOTE, COL_VALUE
from ui.main_window import MainWindow, State
from ui.panels import COL_CODE, COL_MESSAGE, sorted_findings
from ui.style import LANE_COLOURS
from ui.texts import finding_message

pytestmark = pytest.mark.gui

CHECK_TIMEOUT_MS = 180_000
TASK_TIMEOUT_MS = 30_000
TICK_MS = 10
MAX_STALL_S = 0.100
SUPERVISOR, PASSWORD = "Wang Supervisor", "a long enough password"


@pytest.fixture(scope="module")
def golden(
    tmp_path_factory: pytest.TempPathFactory, sample_files: list[str], engine_data_dir: Path
) -> tuple[Path, str]:
    """A data directory holding the sample case checked once by the engine (OCR cached, starting
    from the session's cache), and its case id; plus a supervisor account for sign-off."""
    root = tmp_path_factory.mktemp("golden-data")
    cache = data_paths(engine_data_dir).ocr_cache
    if cache.is_dir():
        shutil.copytree(cache, data_paths(root).ocr_cache)
    result = check_case(sample_files, Config(data=data_paths(root).ensure()))
    engine = open_cases(data_paths(root))
    try:
        with Session(engine) as s:
            accounts.create_user(s, SUPERVISOR, accounts.Role.SUPERVISOR, PASSWORD)
            s.commit()
    finally:
        engine.dispose()
    return root, result.case_id


@pytest.fixture
def data_dir(golden: tuple[Path, str], tmp_path: Path) -> Path:
    """This test's own copy of the golden data directory."""
    copy = tmp_path / "data"
    shutil.copytree(golden[0], copy)
    return copy


def engine_case(data_dir: Path, case_id: str) -> CaseResult:
    """The case as the engine has it recorded (not as the window shows it)."""
    engine = open_cases(data_paths(data_dir))
    try:
        with Session(engine) as s:
            return casework.load_case(s, case_id)
    finally:
        engine.dispose()


def open_window(qtbot, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir=data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_case(qtbot, window: MainWindow, case_id: str) -> None:
    with qtbot.waitSignal(window.caseShown, timeout=CHECK_TIMEOUT_MS):
        assert window.open_case(case_id)
    assert window.state == State.DONE


def run_task(qtbot, window: MainWindow, name: str, start) -> bool:
    """Start a casework call and wait for it; True when it succeeded."""
    with qtbot.waitSignal(window.taskEnded, timeout=TASK_TIMEOUT_MS,
                          check_params_cb=lambda n, _ok: n == name) as blocker:  # fmt: skip
        start()
    return blocker.args[1]


def shown_findings(window: MainWindow) -> list[tuple[str, str]]:
    """(code, message) of every row of the findings list, in display order."""
    items = [window.findings.topLevelItem(i) for i in range(window.findings.topLevelItemCount())]
    return [(item.text(COL_CODE), item.text(COL_MESSAGE)) for item in items]


def expected_findings(result: CaseResult) -> list[tuple[str, str]]:
    return [(f.code, finding_message(f)) for _i, f in sorted_findings(result.findings)]


class StallMeter:
    """Ticks every TICK_MS on the GUI thread and keeps the longest time between two ticks."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
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
        self.last, self.ticks = now, self.ticks + 1


def test_check_shows_the_engines_findings_and_never_stalls(
    qtbot, data_dir: Path, sample_files: list[str]
) -> None:
    window = open_window(qtbot, data_dir)
    meter = StallMeter()
    meter.start()
    with qtbot.waitSignal(window.checkEnded, timeout=CHECK_TIMEOUT_MS) as blocker:
        assert window.start_check(sample_files)
    qtbot.waitUntil(lambda: window.case_list.case_ids().count(window.result.case_id) == 1)
    meter.stop()
    print(f"\nlongest event-loop stall during the check: {meter.largest * 1000:.1f} ms "
          f"({meter.ticks} ticks of {TICK_MS} ms)")
    assert blocker.args == [State.DONE], window.banner.text()
    recorded = engine_case(data_dir, window.result.case_id)
    assert shown_findings(window) == expected_findings(recorded) != []
    assert window.viewer.page_count == len(sample_files)
    assert sum(item.count for item in window.viewer.word_items) > 100  # OCR words, from the cache
    assert window.decision.record_button.isEnabled() and window.export_action.isEnabled()
    assert meter.ticks > 20
    assert meter.largest < MAX_STALL_S, f"event loop blocked for {meter.largest * 1000:.0f} ms"


def test_choosing_a_finding_shows_its_box_and_evidence(qtbot, data_dir, golden) -> None:
    window = open_window(qtbot, data_dir)
    open_case(qtbot, window, golden[1])
    result = window.result
    assert shown_findings(window) == expected_findings(engine_case(data_dir, golden[1]))
    placed = [i for i in window.findings.finding_indexes() if result.findings[i].bbox is not None]
    assert placed
    view = window.viewer.view
    for index in reversed(placed):  # from the last, so every choice moves the view
        assert window.findings.select_finding(index)
        finding = result.findings[index]
        page = result.page_map[(finding.document, finding.page)]
        assert view.visible_rect().contains(window.viewer.scene_rect(page, finding.bbox))
        assert window.viewer.current_page == page
        assert window.evidence.message.text() == finding_message(finding)
        assert finding.code in window.evidence.title.text()


def test_word_and_finding_boxes_toggle(qtbot, data_dir, golden) -> None:
    window = open_window(qtbot, data_dir)
    open_case(qtbot, window, golden[1])
    viewer = window.viewer
    assert viewer.word_items and not any(item.isVisible() for item in viewer.word_items)
    viewer.words_action.trigger()
    assert all(item.isVisible() for item in viewer.word_items)
    assert viewer.box_items and all(item.isVisible() for item in viewer.box_items)
    viewer.boxes_action.trigger()
    assert not any(item.isVisible() for item in viewer.box_items)


def test_correcting_a_field_rechecks_at_once_and_is_saved(qtbot, data_dir, golden) -> None:
    case_id = golden[1]
    window = open_window(qtbot, data_dir)
    open_case(qtbot, window, case_id)
    assert "LICENCE_MISSING" in [code for code, _ in shown_findings(window)]
    missing = next(f for f in window.result.findings if f.code == "LICENCE_MISSING")
    fields = window.document_panel.fields
    window.document_panel.show_document(missing.document)
    started = time.perf_counter()
    assert run_task(qtbot, window, "correct",
                    lambda: fields.edit_value("licence_number", "LIC-2026-000123"))  # fmt: skip
    print(f"\ncorrection re-checked and shown in {time.perf_counter() - started:.2f} s")
    recorded = engine_case(data_dir, case_id)
    assert recorded.documents[missing.document].value("licence_number") == "LIC-2026-000123"
    assert shown_findings(window) == expected_findings(recorded)
    assert "LICENCE_MISSING" not in [code for code, _ in shown_findings(window)]
    row = fields.field_row("licence_number")
    assert fields.item(row, COL_VALUE).text() == "LIC-2026-000123"
    assert window.actor in fields.item(row, COL_NOTE).text()  # who corrected it, from what
    # a goods line's cell is corrected the same way
    items = window.document_panel.items
    line = window.result.documents[missing.document].items[0]
    new_net = (line.net_weight_kg or 1000.0) + 500
    assert run_task(qtbot, window, "correct", lambda: items.edit_cell(0, "net_weight_kg", f"{new_net:g}"))
    recorded = engine_case(data_dir, case_id)
    assert recorded.documents[missing.document].items[0].net_weight_kg == pytest.approx(new_net)
    assert shown_findings(window) == expected_findings(recorded)
    assert len(engine_state(data_dir, case_id).corrections) == 2


def test_sign_off_makes_the_case_read_only(qtbot, data_dir, golden) -> None:
    case_id = golden[1]
    window = open_window(qtbot, data_dir)
    open_case(qtbot, window, case_id)
    window.decision.choose("hold")
    window.decision.note.setPlainText("No licence for controlled goods.")
    assert run_task(qtbot, window, "decide", window.decision.record_button.click)
    assert window.decision.sign_off_button.isEnabled()
    # a wrong password is refused with a readable, copyable error; nothing changes
    assert not run_task(qtbot, window, "sign_off", lambda: window.sign_off(SUPERVISOR, "wrong"))
    dialog = window.error_dialogs[-1]
    assert "password" in dialog.message.text() and not window.read_only
    dialog.copy_report()
    assert "password" in qtbot_clipboard()
    assert run_task(qtbot, window, "sign_off", lambda: window.sign_off(SUPERVISOR, PASSWORD))
    assert window.read_only and SUPERVISOR in window.banner.text()
    panel, fields = window.decision, window.document_panel.fields
    assert not any(w.isEnabled() for w in (panel.box, panel.record_button, panel.sign_off_button))
    assert panel.note.isReadOnly() and panel.export_button.isEnabled()
    assert not window.record_action.isEnabled() and not window.sign_off_action.isEnabled()
    assert not fields.edit_value("licence_number", "LIC-1")
    assert fields.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not fields.item(fields.field_row("licence_number"), 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert not window.correct_field(2, "licence_number", "LIC-1")
    state = engine_state(data_dir, case_id)
    assert state.signed_off_by == SUPERVISOR and str(state.decision) == "hold"
    assert not state.corrections


def qtbot_clipboard() -> str:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.clipboard().text()


def engine_state(data_dir: Path, case_id: str) -> casework.CaseState:
    engine = open_cases(data_paths(data_dir))
    try:
        with Session(engine) as s:
            return casework.case_state(s, case_id)
    finally:
        engine.dispose()


def test_report_pdf_has_the_findings_in_both_languages(qtbot, data_dir, golden, tmp_path) -> None:
    case_id = golden[1]
    window = open_window(qtbot, data_dir)
    open_case(qtbot, window, case_id)
    assert run_task(qtbot, window, "decide", lambda: window.record_decision("hold", "Held."))
    out = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.reportExported, timeout=TASK_TIMEOUT_MS):
        assert window.export_report(out)
    text = pdf_text(out)
    flat, compact = re.sub(r"\s+", " ", text), re.sub(r"\s+", "", text)
    for finding in window.result.findings:
        assert finding.message in flat
        assert re.search(chinese_pattern(finding.message_zh), compact), finding.message_zh
    for expected in (case_id, window.result.rules_version, engine_version, "Hold / seize", "扣留"):
        assert expected in flat
    exports = [e for e in audit_rows(data_dir, case_id) if e.action == "export"]
    assert exports and exports[-1].detail["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def chinese_pattern(message: str) -> str:
    """A regex for a Chinese message as text extraction gives it back: whitespace gone, and any CJK
    character may come out as its look-alike radical (the font draws both with one glyph)."""
    parts = []
    for char in re.sub(r"\s+", "", message):
        if "\u4e00" <= char <= "\u9fff":
            parts.append(f"(?:{char}|[\u2e80-\u2fdf])")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def audit_rows(data_dir: Path, case_id: str) -> list[casework.AuditEntry]:
    from inspector.casework.audit import entries

    engine = open_cases(data_paths(data_dir))
    try:
        with Session(engine) as s:
            return entries(s, case_id)
    finally:
        engine.dispose()


def test_case_list_searches_and_filters(qtbot, data_dir, golden) -> None:
    window = open_window(qtbot, data_dir)
    panel = window.case_list
    qtbot.waitUntil(lambda: panel.case_ids() == [golden[1]], timeout=TASK_TIMEOUT_MS)
    row = panel.rows[0]
    assert row.exporter, "the sample case has an exporter"

    def listed_after(change) -> list[str]:
        with qtbot.waitSignal(panel.refreshed, timeout=TASK_TIMEOUT_MS):
            change()
            panel.refresh()
        return panel.case_ids()

    assert listed_after(lambda: panel.search.setText(row.exporter.split()[0])) == [golden[1]]
    assert listed_after(lambda: panel.search.setText("no such party or case")) == []
    panel.search.clear()
    lanes = ("", "green", "yellow", "red")
    other = next(lane for lane in lanes[1:] if lane != row.lane)
    assert listed_after(lambda: panel.lane.setCurrentIndex(lanes.index(row.lane))) == [golden[1]]
    assert listed_after(lambda: panel.lane.setCurrentIndex(lanes.index(other))) == []


def test_screenshot_mode_writes_a_png(qapp, data_dir, sample_files, tmp_path) -> None:
    out = tmp_path / "shot.png"
    assert main(["--data-dir", str(data_dir), "--screenshot", str(out), *sample_files]) == 0
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
    lane_colours = {QColor(bg).rgb() for bg, _fg in LANE_COLOURS.values()}
    top = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 200, 3)}
    assert top & lane_colours, "no lane banner in the screenshot"


def test_screenshot_mode_fails_with_a_message(qapp, data_dir, tmp_path, capsys) -> None:
    out = tmp_path / "shot.png"
    assert main(["--data-dir", str(data_dir), "--screenshot", str(out), str(tmp_path)]) == 1
    assert out.is_file() and "inspector-gui:" in capsys.readouterr().err
