"""Dialogs: an error the inspector can read and copy for support (the engine's own errors and
unexpected ones, through sys.excepthook), and the supervisor's sign-off."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from importlib import metadata
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
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


def versions_header() -> str:
    """The versions that matter to support, one per line."""
    return (
        f"Inspector {_version()}\nPython {platform.python_version()} on {platform.platform()}\n"
        f"PySide6 {pyside_version}\n\n"
    )


def error_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """A plain-text report of an exception with the versions that matter."""
    return versions_header() + "".join(traceback.format_exception(kind, value, tb))


class ErrorDialog(QDialog):
    """A readable message first, then the details in a box, with a button that copies both."""

    def __init__(
        self, message: str, details: str = "", parent: QWidget | None = None, title: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Inspector: error"))
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)
        self.report = QPlainTextEdit(details or message, self)
        self.report.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("Details for support:"), self))
        layout.addWidget(self.report, 1)
        layout.addWidget(self._buttons())
        em = self.fontMetrics().height()
        self.resize(40 * em, 24 * em)

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton(self.tr("Copy report"), self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        return buttons

    def report_text(self) -> str:
        """The message and the details as one text."""
        details = self.report.toPlainText()
        message = self.message.text()
        return details if details.startswith(message) else f"{message}\n\n{details}"

    def copy_report(self) -> None:
        """Put the report on the clipboard."""
        QGuiApplication.clipboard().setText(self.report_text())


class ExceptionDialog(ErrorDialog):
    """Shows an unexpected error's report the inspector can copy and send to support."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr(
                "Something went wrong inside Inspector. Your work is safe: every edit was saved "
                "when it was made. Please copy this report and send it to the support team."
            ),
            report,
            parent,
            self.tr("Inspector: unexpected error"),
        )

    def report_text(self) -> str:
        """The traceback report alone (the message is the same for every error)."""
        return self.report.toPlainText()


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


class SignOffDialog(QDialog):
    """Asks the supervisor's name (and password when accounts are set up) before a sign-off."""

    def __init__(self, case_id: str, decision: str, *, password: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervisor sign-off"))
        intro = QLabel(self.tr("Sign off case {case} with the decision: {decision}. After sign-off "
                               "the case can no longer be changed.").format(case=case_id, decision=decision),
                       self)  # fmt: skip
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Supervisor's name"), self.name)
        if password:
            form.addRow(self.tr("Password"), self.password)
        else:
            self.password.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign off"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._validate()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.supervisor()))

    def supervisor(self) -> str:
        """The name typed, trimmed."""
        return self.name.text().strip()
