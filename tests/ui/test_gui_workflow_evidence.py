"""The evidence of each kind of finding (values compared, watchlist entry, linked cases, forensic
overlay), shown from a result a fake engine builds (quick, no OCR); and an unsaved check refuses
casework."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from inspector.models import CaseResult, Finding, Lane, Overlay, Severity, Signal
from tests.ui.gui_fake_engine import FakeEngine, build_result
from ui.main_window import MainWindow
from ui.panels import COL_MESSAGE

pytestmark = pytest.mark.gui

TIMEOUT_MS = 20_000
TAMPER_BOX = (100, 120, 200, 50)
OTHER_BOX = (400, 700, 300, 80)


def evidence_result(paths, case_id: str) -> CaseResult:
    """Two fake pages with one finding of each evidence kind."""
    base = build_result(paths, case_id)
    overlay = Overlay(np.linspace(0, 1, 20 * 40).reshape(20, 40), TAMPER_BOX, ((10, 10, 300, 300),))
    signal = Signal("noise", 0.93, page=1, bbox=TAMPER_BOX, overlay=overlay)
    documents = (base.documents[0].__class__(**{**base.documents[0].__dict__, "signals": (signal,)}),
                 base.documents[1])
    findings = (
        Finding("TAMPER_SUSPECTED", Severity.HIGH, "Possible edit on page 1.", 0, page=1, bbox=TAMPER_BOX,
                evidence={"method": "noise", "score": 0.93}, message_zh="疑似改动（第 1 页）。"),
        Finding("FIELD_MISMATCH", Severity.MEDIUM, "The consignee differs.", 1, "consignee", 1,
                (50, 60, 200, 40), {"this": "ACME", "other": "ACME TRADING LTD", "other_document": 0,
                                    "other_page": 1, "other_bbox": list(OTHER_BOX)},
                message_zh="收货人不一致。"),
        Finding("PARTY_WATCHLIST", Severity.CRITICAL, "The consignee matches a listed party.", 1,
                "consignee", 1, (50, 60, 200, 40),
                {"entry": "ACME TRADING LIMITED", "list": "TEST LIST", "score": 93.5, "reason": "diversion"},
                message_zh="收货人与名单中的当事方相符。"),
        Finding("FRAGMENTATION_SUSPECTED", Severity.HIGH, "Split shipments.", None,
                evidence={"linked_cases": [{"case_id": "C-LINKED-1", "shipment_date": "2026-01-02",
                                            "net_kg": 900.0}]},
                message_zh="疑似拆分申报。"),
    )
    return CaseResult(case_id, Lane.RED, 90, None, documents, findings, "test-rules", base.pages, base.page_map)


class EvidenceEngine(FakeEngine):
    """The fake engine, answering with evidence_result."""

    def __call__(self, paths, config, *, case_id=None, progress=None, cancel=None) -> CaseResult:
        super().__call__(paths, config, case_id=case_id, progress=progress, cancel=cancel)
        return evidence_result(paths, case_id or "EVIDENCE-1")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    files = []
    for name in ("a.png", "b.png"):
        (tmp_path / name).write_bytes(b"not really an image")
        files.append(str(tmp_path / name))
    window = MainWindow(data_dir=tmp_path / "data", check=EvidenceEngine())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS):
        assert window.start_check(files)
    return window


def choose(window: MainWindow, code: str) -> Finding:
    index = next(i for i, f in enumerate(window.result.findings) if f.code == code)
    assert window.findings.select_finding(index)
    return window.result.findings[index]


def test_tamper_finding_draws_its_heat_map_and_match_lines(window: MainWindow) -> None:
    choose(window, "TAMPER_SUSPECTED")
    items = window.viewer.overlay_items
    assert len(items) == 2  # the heat-map and one match line
    heat = items[0]
    assert heat.sceneBoundingRect() == window.viewer.scene_rect(0, TAMPER_BOX)
    assert window.evidence.overlay_note.isVisible()
    choose(window, "FIELD_MISMATCH")
    assert not window.viewer.overlay_items and not window.evidence.overlay_note.isVisible()


def test_mismatch_shows_both_values_and_frames_both_places(window: MainWindow) -> None:
    finding = choose(window, "FIELD_MISMATCH")
    text = window.evidence.compared.text()
    assert "ACME" in text and "ACME TRADING LTD" in text
    frames = window.viewer.focus_items
    assert len(frames) == 2
    other = window.viewer.scene_rect(0, OTHER_BOX)
    assert frames[1].rect().contains(other)
    visible = window.viewer.view.visible_rect()
    assert visible.contains(window.viewer.scene_rect(window.result.page_map[(1, 1)], finding.bbox))


def test_watchlist_entry_and_linked_cases(qtbot, window: MainWindow) -> None:
    choose(window, "PARTY_WATCHLIST")
    assert "ACME TRADING LIMITED" in window.evidence.watchlist.text()
    assert "TEST LIST" in window.evidence.watchlist.text()
    choose(window, "FRAGMENTATION_SUSPECTED")
    assert window.evidence.linked_cases() == ["C-LINKED-1"]
    item = window.evidence.linked.item(0)
    with qtbot.waitSignal(window.checkEnded, timeout=TIMEOUT_MS) as blocker:
        window.evidence.linked.itemActivated.emit(item)  # what a double-click does
    assert blocker.args == ["failed"]  # the linked case is not recorded in this data directory
    assert "C-LINKED-1" in window.error_dialogs[-1].message.text()


def test_linked_cases_open_in_the_history_view(window: MainWindow) -> None:
    pytest.importorskip("ui.history_view")
    choose(window, "FRAGMENTATION_SUSPECTED")
    assert window.evidence.history_button.isVisible()
    window.evidence.history_button.click()
    view = window.extensions.views["history"]
    assert view.isVisible() and view.isWindow()


def test_an_unsaved_check_refuses_casework(window: MainWindow) -> None:
    assert window.case_state is None
    assert not window.decision.record_button.isEnabled() and not window.export_action.isEnabled()
    assert not window.correct_field(0, "consignee", "X")
    assert not window.document_panel.fields.edit_value("consignee", "X")


def test_engine_texts_follow_the_language(qtbot, qapp, window: MainWindow) -> None:
    language = pytest.importorskip("ui.language")
    finding = choose(window, "TAMPER_SUSPECTED")
    assert window.evidence.message.text() == finding.message
    language.install_language(qapp, "zh_CN")
    try:
        qtbot.waitUntil(lambda: window.evidence.message.text() == finding.message_zh, timeout=2000)
        rows = [window.findings.topLevelItem(i).text(COL_MESSAGE)
                for i in range(window.findings.topLevelItemCount())]
        assert "疑似改动（第 1 页）。" in rows
    finally:
        language.install_language(qapp, "en")


def test_sign_off_without_a_supervisor_account_says_how_to_make_one(qapp, tmp_path: Path) -> None:
    from inspector.accounts import AuthenticationError
    from ui import casework_jobs as jobs

    desk = jobs.Desk(tmp_path / "data", "tester")
    assert jobs.needs_password()
    with pytest.raises(AuthenticationError, match="users add"):
        jobs.sign_off(desk, "C-ANY", "Boss", "a password")
    desk.db.dispose()


def test_optional_views_are_in_the_menus(window: MainWindow) -> None:
    from ui.extensions import optional

    wanted = {"history": ("ui.history_view", "HistoryView", window.view_menu),
              "rules": ("ui.rules_view", "RulesView", window.view_menu),
              "preferences": ("ui.preferences", "PreferencesDialog", window.edit_menu),
              "capture": ("ui.capture", "CaptureDialog", window.file_menu)}
    for key, (module, name, menu) in wanted.items():
        present = optional(module, name) is not None
        assert (key in window.extensions.actions) == present
        assert not present or window.extensions.actions[key] in menu.actions()
    if "rules" in window.extensions.actions:
        window.extensions.actions["rules"].trigger()
        assert window.extensions.views["rules"].isVisible()
