"""The main window: open a case, watch the check run, read the verdict on the scans."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import UsageError
from inspector.models import CaseResult
from ui.panels import DocumentsList, FindingsList, LaneBanner
from ui.viewer import PageBox, PageViewer
from ui.workers import CheckFunction, CheckOutcome, CheckWorker, prepare_request

logger = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 60_000


class State(StrEnum):
    """Where the window is in the life of a check."""

    IDLE = "idle"
    RUNNING = "running"
    CANCELLING = "cancelling"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class MainWindow(QMainWindow):
    """Runs one check at a time on its own thread pool and shows the result."""

    checkStarted = Signal()
    checkEnded = Signal(str)  # the State the check ended in

    def __init__(
        self,
        data_dir: str | Path | None = None,
        check: CheckFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.state = State.IDLE
        self.result: CaseResult | None = None
        self._check = check
        self._worker: CheckWorker | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._build_widgets()
        self._build_actions()
        self.setWindowTitle(self.tr("Inspector"))
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self._set_state(State.IDLE)

    # --- construction --------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.banner = LaneBanner(self)
        self.viewer = PageViewer(self)
        self.findings = FindingsList(self)
        self.documents = DocumentsList(self)
        self.findings.findingChosen.connect(self.show_finding)
        self.documents.documentChosen.connect(self.show_document)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self._build_progress_row())
        layout.addWidget(self._build_splitter(), 1)
        self.setCentralWidget(central)

    def _build_progress_row(self) -> QWidget:
        self.progress_row = QWidget(self)
        self.progress_bar = QProgressBar(self.progress_row)
        self.progress_label = QLabel(self.progress_row)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.progress_row)
        self.cancel_button.clicked.connect(self.cancel_check)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 2)
        row.addWidget(self.progress_label, 3)
        row.addWidget(self.cancel_button)
        return self.progress_row

    def _build_splitter(self) -> QSplitter:
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(_titled(self.tr("Findings"), self.findings, side))
        side.addWidget(_titled(self.tr("Documents"), self.documents, side))
        side.setSizes([600, 250])
        main = QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(self.viewer)
        main.addWidget(side)
        main.setSizes([800, 600])
        return main

    def _build_actions(self) -> None:
        self.open_files_action = self._action(
            self.tr("Open files..."), QKeySequence.StandardKey.Open, self.open_files
        )
        self.open_folder_action = self._action(
            self.tr("Open folder..."), "Ctrl+Shift+O", self.open_folder
        )
        self.cancel_action = self._action(self.tr("Cancel check"), "Esc", self.cancel_check)
        quit_action = self._action(self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)
        menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.open_files_action, self.open_folder_action, self.cancel_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(quit_action)
        toolbar = self.addToolBar(self.tr("Check"))
        toolbar.setObjectName("checkToolbar")
        for action in (self.open_files_action, self.open_folder_action, self.cancel_action):
            toolbar.addAction(action)

    def _action(self, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # --- commands ----------------------------------------------------------------------------

    def open_files(self) -> None:
        """Ask for the files of one case and check them."""
        filters = self.tr("Documents (*.pdf *.tif *.tiff *.png *.jpg *.jpeg);;All files (*)")
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open the papers of one shipment"), "", filters
        )
        if paths:
            self.start_check(paths)

    def open_folder(self) -> None:
        """Ask for a folder holding the files of one case and check them."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of one shipment"))
        if folder:
            self.start_check([folder])

    @property
    def running(self) -> bool:
        """Whether a check is running or being cancelled."""
        return self.state in (State.RUNNING, State.CANCELLING)

    def start_check(self, paths: Sequence[str | Path], case_id: str | None = None) -> bool:
        """Validate the inputs and start checking them; False if refused (message shown)."""
        if self.running:
            self.statusBar().showMessage(self.tr("A check is already running."), 5000)
            return False
        try:
            request = prepare_request(paths, self.data_dir, case_id)
        except UsageError as exc:
            self.banner.show_error(str(exc))
            return False
        self._clear_result()
        self._worker = CheckWorker(request, self._check)
        self._worker.setAutoDelete(False)
        self._connect(self._worker)
        self._pool.start(self._worker)
        logger.info("checking %d file(s)", len(request.paths))
        self.banner.show_message(self.tr("Checking {n} file(s)...").format(n=len(request.paths)))
        self._set_state(State.RUNNING)
        self.checkStarted.emit()
        return True

    def _connect(self, worker: CheckWorker) -> None:
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)

    def cancel_check(self) -> None:
        """Ask the running check to stop."""
        if self.state == State.RUNNING and self._worker is not None:
            self._worker.cancel()
            self.progress_label.setText(self.tr("Cancelling..."))
            self._set_state(State.CANCELLING)

    # --- worker signals ----------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)
        if self.state == State.RUNNING:
            self.progress_label.setText(message)

    def _on_finished(self, outcome: CheckOutcome) -> None:
        self.result = outcome.result
        self.viewer.set_pages(outcome.images, outcome.thumbnails)
        self.viewer.set_boxes(finding_boxes(outcome.result))
        self.banner.show_result(outcome.result)
        self.findings.set_findings(outcome.result.findings, outcome.result.documents)
        self.documents.set_documents(outcome.result.documents)
        self._end(State.DONE)

    def _on_failed(self, message: str) -> None:
        self.banner.show_error(self.tr("The check failed: {error}").format(error=message))
        self._end(State.FAILED)

    def _on_cancelled(self) -> None:
        self.banner.show_message(self.tr("The check was cancelled."))
        self._end(State.CANCELLED)

    def _end(self, state: State) -> None:
        self._worker = None
        self._set_state(state)
        self.checkEnded.emit(str(state))

    # --- navigation --------------------------------------------------------------------------

    def show_finding(self, index: int) -> None:
        """Show the page of a finding and zoom on its box."""
        if self.result is None or not 0 <= index < len(self.result.findings):
            return
        finding = self.result.findings[index]
        page = self.result.page_map.get((finding.document, finding.page))
        if page is not None:
            self.viewer.show_box(page, finding.bbox)
        self.statusBar().showMessage(finding.message, 10000)

    def show_document(self, index: int) -> None:
        """Show the first page of a document."""
        if self.result is not None:
            page = self.result.page_map.get((index, 1))
            if page is not None:
                self.viewer.show_page(page)

    # --- state -------------------------------------------------------------------------------

    def _clear_result(self) -> None:
        self.result = None
        self.viewer.clear()
        self.findings.clear()
        self.documents.clear()
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText(self.tr("Starting..."))

    def _set_state(self, state: State) -> None:
        self.state = state
        self.progress_row.setVisible(self.running)
        self.cancel_action.setEnabled(state == State.RUNNING)
        self.cancel_button.setEnabled(state == State.RUNNING)
        self.open_files_action.setEnabled(not self.running)
        self.open_folder_action.setEnabled(not self.running)
        self.statusBar().showMessage(self._state_text(state))

    def _state_text(self, state: State) -> str:
        texts = {
            State.IDLE: self.tr("Ready."),
            State.RUNNING: self.tr("Checking..."),
            State.CANCELLING: self.tr("Cancelling..."),
            State.DONE: self.tr("Check finished."),
            State.CANCELLED: self.tr("Check cancelled."),
            State.FAILED: self.tr("Check failed."),
        }
        return texts[state]

    # --- drag and drop, closing --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept local files and folders when no check is running."""
        if event.mimeData().hasUrls() and not self.running and _local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Check the dropped files as one case."""
        paths = _local_paths(event)
        if paths and self.start_check(paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def shutdown(self) -> None:
        """Cancel a running check and wait for its thread to end."""
        if self._worker is not None:
            self._worker.cancel()
        self._pool.waitForDone(SHUTDOWN_WAIT_MS)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Stop the check before the window goes."""
        self.shutdown()
        super().closeEvent(event)


def finding_boxes(result: CaseResult) -> list[PageBox]:
    """A box for every finding that points at a place on a page of the result."""
    boxes = []
    for finding in result.findings:
        page = result.page_map.get((finding.document, finding.page))
        if finding.bbox is not None and page is not None:
            tip = f"{finding.code}: {finding.message}"
            boxes.append(PageBox(page, tuple(finding.bbox), str(finding.severity), tip))
    return boxes


def _local_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
    return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]


def _titled(title: str, widget: QWidget, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{title}</b>", box)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
