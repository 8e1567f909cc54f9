"""Dialogs: the report of an unexpected error, with a button to copy it."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from importlib import metadata
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

logger = logging.getLogger(__name__)


def _version() -> str:
    try:
        return metadata.version("inspector")
    except metadata.PackageNotFoundError:
        return "(source tree)"


def error_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """A plain-text report of an exception with the versions that matter."""
    lines = traceback.format_exception(kind, value, tb)
    header = (
        f"Inspector {_version()}\nPython {platform.python_version()} on {platform.platform()}\n"
        f"PySide6 {pyside_version}\n\n"
    )
    return header + "".join(lines)


class ExceptionDialog(QDialog):
    """Shows an error report the inspector can copy and send to support."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inspector: unexpected error"))
        self.resize(700, 450)
        self.report = QPlainTextEdit(report, self)
        self.report.setReadOnly(True)
        intro = QLabel(
            self.tr(
                "Something went wrong inside Inspector. Your work is safe; please copy this "
                "report and send it to the support team."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(self._buttons())

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy report"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        return buttons

    def copy_report(self) -> None:
        """Put the report on the clipboard."""
        QGuiApplication.clipboard().setText(self.report.toPlainText())


class ExceptionHook:
    """A sys.excepthook that logs the error and shows it in a non-blocking ExceptionDialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.dialogs: list[ExceptionDialog] = []
        self.previous = sys.excepthook

    def __call__(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """Log the exception and show the dialog (falls back to the default hook without Qt)."""
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            sys.__excepthook__(kind, value, tb)
            return
        logger.error("unexpected error", exc_info=(kind, value, tb))
        dialog = ExceptionDialog(error_report(kind, value, tb), self.parent)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.show()

    def _forget(self, dialog: ExceptionDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
        dialog.deleteLater()

    def install(self) -> ExceptionHook:
        """Make this the process's excepthook; returns self."""
        self.previous = sys.excepthook
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        """Put back the hook that was there before install()."""
        if sys.excepthook is self:
            sys.excepthook = self.previous
