"""The app's plumbing: options, the exception dialog, Qt messages into logging, --screenshot."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtGui import QGuiApplication, QImage

from ui.app import main, parse_args, qt_message_handler
from ui.dialogs import ExceptionDialog, ExceptionHook

pytestmark = pytest.mark.gui


def test_options() -> None:
    args = parse_args(["a.pdf", "b.png", "--data-dir", "/d", "--screenshot", "s.png"])
    assert args.files == ["a.pdf", "b.png"]
    assert (args.data_dir, args.screenshot, args.case_id) == ("/d", "s.png", None)


def test_exception_hook_shows_a_copyable_report(qtbot) -> None:
    hook = ExceptionHook()
    try:
        raise ValueError("kaboom")
    except ValueError:
        hook(*sys.exc_info())
    assert len(hook.dialogs) == 1
    dialog = hook.dialogs[0]
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ExceptionDialog) and dialog.isVisible()
    text = dialog.report.toPlainText()
    assert "ValueError: kaboom" in text and "test_exception_hook" in text and "PySide6" in text
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == text
    dialog.reject()
    assert not hook.dialogs


def test_exception_hook_installs_and_uninstalls() -> None:
    before = sys.excepthook
    hook = ExceptionHook().install()
    assert sys.excepthook is hook
    hook.uninstall()
    assert sys.excepthook is before


def test_qt_messages_go_to_logging(qtbot, caplog) -> None:
    previous = qInstallMessageHandler(qt_message_handler)
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("a warning from Qt")
    finally:
        qInstallMessageHandler(previous)
    assert [(r.name, r.levelno) for r in caplog.records if "a warning from Qt" in r.message] == [
        ("qt", logging.WARNING)
    ]


def test_screenshot_without_files(qapp, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "empty.png"
    assert main(["--data-dir", str(tmp_path / "data"), "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 600
    assert sys.excepthook is not None and not isinstance(sys.excepthook, ExceptionHook)
