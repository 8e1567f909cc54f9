"""The main window: from a stack of paper to a signed decision. Cases on the left, the scans in the
middle, findings with their evidence, the fields, the documents and the decision on the right.

Everything that touches the engine's databases runs on one worker thread, one job after the other,
off the event loop: a check or the reopening of a case (with progress and cancel), the case list's
queries, and casework calls (corrections, decisions, sign-off, report export), each opening its own
sessions and committing before it answers, so nothing typed is lost on a crash. One thread because
opening a database runs its Alembic migrations, which must not run in two threads at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.casework import default_actor
from inspector.config import Tolerances
from inspector.errors import UsageError
from inspector.models import CaseResult, Finding
from inspector.paths import data_paths
from inspector.progress import CancelToken
from ui import casework_jobs as jobs
from ui.case_list import CaseListPanel
from ui.databases import Databases
from ui.decision_panel import DecisionPanel, DecisionView, decision_label
from ui.dialogs import ErrorDialog, SignOffDialog
from ui.document_panel import DocumentPanel
from ui.evidence import EvidencePanel
from ui.extensions import Extensions
from ui.interrupted import interrupted, offer
from ui.overlay import finding_overlay
from ui.panels import DocumentsList, FindingsList, LaneBanner
from ui.report_pdf import ReportContent, write_report
from ui.texts import finding_message, format_moment
from ui.viewer import PageBox, PageViewer
from ui.workers import (
    CaseView,
    CheckFunction,
    CheckWorker,
    ErrorInfo,
    TaskWorker,
    preload_engine,
    prepare_request,
)

logger = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 60_000
DEFAULT_SIZE = (1400, 900)  # logical pixels, shrunk to fit the screen


class State(StrEnum):
    """Where the window is in the life of a long job (a check, or reopening a case)."""

    IDLE = "idle"
    RUNNING = "running"
    CANCELLING = "cancelling"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class MainWindow(QMainWindow):
    """One case at a time: check or reopen it, read the findings on the scans, correct, decide."""

    checkStarted = Signal()
    checkEnded = Signal(str)  # the State the long job ended in
    caseShown = Signal(str)  # case id, once its pages, findings and state are on screen
    taskEnded = Signal(str, bool)  # casework call name, whether it succeeded
    reportExported = Signal(str)  # the PDF's path

    def __init__(
        self,
        data_dir: str | Path | None = None,
        check: CheckFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        preload_engine()
        self.data_dir = data_dir
        self._databases = Databases(data_dir)
        self.state = State.IDLE
        self.result: CaseResult | None = None
        self.view: CaseView | None = None
        self.case_state: Any = None
        self.actor = _default_actor()
        self.error_dialogs: list[ErrorDialog] = []
        self._check = check
        self._worker: CheckWorker | None = None
        self._open_token: CancelToken | None = None
        self._worker_ref: TaskWorker | None = None  # the case being opened
        self.sign_off_dialog: SignOffDialog | None = None
        self.tolerances: Tolerances | None = None  # from the preferences; the engine's defaults if None
        self._tasks: dict[int, TaskWorker] = {}
        self._task_serial = 0
        self._pool = QThreadPool(self)  # the engine's thread: jobs run in the order they came
        self._pool.setMaxThreadCount(1)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.extensions = Extensions(self)
        self.retranslate()
        self.setAcceptDrops(True)
        self._initial_size()
        self._set_state(State.IDLE)
        self.case_list.refresh()
        self.interrupted_box: QMessageBox | None = None
        QTimer.singleShot(0, self.report_interrupted)

    def report_interrupted(self) -> None:
        """Say which checks were interrupted last time (a crash, a kill, a power cut) and offer to
        check them again."""
        entries = interrupted(self.data_dir)
        if entries:
            self.interrupted_box = offer(self, self.data_dir, entries, self.start_check)

    @property
    def desk(self) -> jobs.Desk:
        """The data directory and the inspector's name, for the casework calls."""
        return jobs.Desk(self.data_dir, self.actor, self.tolerances, self._databases)

    def apply_preferences(self, prefs: Any) -> None:
        """Use the stored preferences from now on: data directory and tolerances (the language
        was switched by the dialog)."""
        self.tolerances = getattr(prefs, "tolerances", None)
        data_dir = getattr(prefs, "data_dir", "")
        if data_dir and data_dir != str(self.data_dir or "") and not self.running:
            self.wait_for_tasks()
            self._databases.dispose()
            self.data_dir = self.case_list.data_dir = data_dir
            self._databases = Databases(data_dir)
            self.case_list.refresh()

    # --- construction --------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.banner = LaneBanner(self)
        self.viewer = PageViewer(self)
        self.findings = FindingsList(self)
        self.evidence = EvidencePanel(self)
        self.documents = DocumentsList(self)
        self.document_panel = DocumentPanel(self)
        self.decision = DecisionPanel(self)
        self.case_list = CaseListPanel(self.data_dir, self, pool=self._pool,
                                       query=lambda flt: jobs.find_cases(self.desk, flt))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self._build_progress_row())
        layout.addWidget(self._build_splitter(), 1)
        self.setCentralWidget(central)
        self._build_case_dock()
        self._connect_panels()

    def _build_progress_row(self) -> QWidget:
        self.progress_row = QWidget(self)
        self.progress_bar = QProgressBar(self.progress_row)
        self.progress_label = QLabel(self.progress_row)
        self.cancel_button = QPushButton(self.progress_row)
        self.cancel_button.clicked.connect(self.cancel_check)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 2)
        row.addWidget(self.progress_label, 3)
        row.addWidget(self.cancel_button)
        return self.progress_row

    def _build_splitter(self) -> QSplitter:
        findings_split = QSplitter(Qt.Orientation.Vertical, self)
        findings_split.addWidget(self.findings)
        findings_split.addWidget(self.evidence)
        findings_split.setSizes([500, 350])
        self.tabs = QTabWidget(self)
        for widget in (findings_split, self.document_panel, self.documents, self.decision):
            self.tabs.addTab(widget, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        return self.splitter

    def _build_case_dock(self) -> None:
        self.case_dock = QDockWidget(self)
        self.case_dock.setObjectName("caseListDock")
        self.case_dock.setWidget(self.case_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.case_dock)

    def _connect_panels(self) -> None:
        self.findings.findingChosen.connect(self.show_finding)
        self.documents.documentChosen.connect(self.show_document)
        self.document_panel.documentChanged.connect(self.show_document)
        self.document_panel.fields.correctionRequested.connect(self.correct_field)
        self.document_panel.fields.fieldChosen.connect(self.show_field)
        self.document_panel.items.itemChosen.connect(self.show_item)
        self.document_panel.items.correctionRequested.connect(self.correct_item)
        self.evidence.caseRequested.connect(self.open_case)
        self.decision.decideRequested.connect(self.record_decision)
        self.decision.signOffRequested.connect(self.request_sign_off)
        self.decision.exportRequested.connect(self.request_export)
        self.case_list.caseChosen.connect(self.open_case)
        self.case_list.failed.connect(self.show_error)

    def _build_actions(self) -> None:
        a = self._action
        self.open_files_action = a(QKeySequence.StandardKey.Open, self.open_files)
        self.open_folder_action = a("Ctrl+Shift+O", self.open_folder)
        self.paste_action = a(QKeySequence.StandardKey.Paste, self.paste)
        self.cancel_action = a("Esc", self.cancel_check)
        self.export_action = a("Ctrl+E", self.request_export)
        self.quit_action = a(QKeySequence.StandardKey.Quit, self.close)
        self.record_action = a("Ctrl+Return", self.decision.record)
        self.sign_off_action = a("Ctrl+Shift+S", self.request_sign_off)
        self.next_action = a("F8", lambda: self.findings.step(1))
        self.previous_action = a("Shift+F8", lambda: self.findings.step(-1))
        self.refresh_action = a(QKeySequence.StandardKey.Refresh, self.case_list.refresh)
        self.search_action = a(QKeySequence.StandardKey.Find, self._focus_search)
        self.decision_actions = {
            d: a(f"Alt+{n}", lambda _=False, d=d: self._choose_decision(d))
            for n, d in enumerate(("release", "documentary_check", "physical_inspection", "hold"), 1)
        }

    def _action(self, shortcut: object, slot: Callable[..., Any]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the action is in no visible menu
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = _menu(bar, [self.open_files_action, self.open_folder_action, self.paste_action, None,
                                     self.export_action, None, self.cancel_action, None,
                                     self.quit_action])  # fmt: skip
        self.edit_menu = _menu(bar, [])
        self.case_menu = _menu(bar, [*self.decision_actions.values(), self.record_action,
                                     self.sign_off_action, None, self.next_action,
                                     self.previous_action])  # fmt: skip
        v = self.viewer
        self.view_menu = _menu(bar, [self.case_dock.toggleViewAction(), self.search_action,
                                     self.refresh_action, None, v.words_action, v.boxes_action, None,
                                     v.zoom_in_action, v.zoom_out_action, v.fit_action])  # fmt: skip
        self.case_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+L"))
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("checkToolbar")
        for action in (self.open_files_action, self.open_folder_action, self.cancel_action,
                       self.export_action, v.words_action, v.boxes_action):  # fmt: skip
            self.toolbar.addAction(action)

    def retranslate(self) -> None:
        """Every text of the window in the current language (the panels retranslate themselves)."""
        self.setWindowTitle(self.tr("Inspector"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.case_dock.setWindowTitle(self.tr("Cases"))
        self.toolbar.setWindowTitle(self.tr("Check"))
        for index, title in enumerate((self.tr("Findings"), self.tr("Fields"), self.tr("Documents"),
                                       self.tr("Decision"))):  # fmt: skip
            self.tabs.setTabText(index, title)
        for menu, title in ((self.file_menu, self.tr("&File")), (self.edit_menu, self.tr("&Edit")),
                            (self.case_menu, self.tr("&Case")), (self.view_menu, self.tr("&View"))):
            menu.setTitle(title)
        for action, text in self._action_texts():
            action.setText(text)
        for decision, action in self.decision_actions.items():
            action.setText(self.tr("Decide: {decision}").format(decision=decision_label(decision)))
        self.case_dock.toggleViewAction().setText(self.tr("Case list"))
        self.extensions.retranslate()
        self._show_banner()
        self.statusBar().showMessage(self._state_text(self.state))

    def _action_texts(self) -> list[tuple[QAction, str]]:
        return [
            (self.open_files_action, self.tr("Open files...")),
            (self.open_folder_action, self.tr("Open folder...")),
            (self.paste_action, self.tr("Check pasted page or files")),
            (self.cancel_action, self.tr("Cancel check")),
            (self.export_action, self.tr("Export PDF report...")),
            (self.quit_action, self.tr("Quit")),
            (self.record_action, self.tr("Record decision")),
            (self.sign_off_action, self.tr("Supervisor sign-off...")),
            (self.next_action, self.tr("Next finding")),
            (self.previous_action, self.tr("Previous finding")),
            (self.refresh_action, self.tr("Refresh case list")),
            (self.search_action, self.tr("Search cases")),
        ]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _initial_size(self) -> None:
        """The default size, shrunk to the screen, shared out: a fifth for the case list, the rest
        half to the scans and half to the findings."""
        width, height = DEFAULT_SIZE
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and screen.width() > 0:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)
        cases = width // 5
        self.resizeDocks([self.case_dock], [cases], Qt.Orientation.Horizontal)
        self.splitter.setSizes([(width - cases) // 2, (width - cases) // 2])

    # --- opening cases -----------------------------------------------------------------------

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

    def paste(self) -> bool:
        """Check what is on the clipboard: files copied in a file manager, or an image (a page copied
        from a scanner's or a mail program's window, saved as PNG in this session's capture folder)."""
        from ui.capture import (  # OpenCV: loaded when first pasted
            capture_folder,
            save_clipboard_image,
        )

        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()] if mime is not None else []
        if files:
            return self.start_check(files)
        try:
            folder = capture_folder(data_paths(self.data_dir).root)
            path = save_clipboard_image(folder, clipboard)
        except OSError as exc:
            self.banner.show_error(str(exc))
            return False
        if path is None:
            folder.rmdir()
            self.statusBar().showMessage(self.tr("The clipboard holds no page image and no files."), 5000)
            return False
        return self.start_check([str(path)])

    @property
    def running(self) -> bool:
        """Whether a long job is running or being cancelled."""
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
        self._clear_case()
        desk = self.desk
        self._worker = CheckWorker(request, self._check, lambda r, q: jobs.checked_view(desk, r, q),
                                   config=desk.config())
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

    def open_case(self, case_id: str) -> bool:
        """Reopen a recorded case (pages read again from the kept files); False if refused."""
        if self.running:
            self.statusBar().showMessage(self.tr("Wait for the running check to end."), 5000)
            return False
        self._clear_case()
        self._open_token = CancelToken()
        worker = TaskWorker("open", jobs.open_case, self.desk, case_id, self._open_token)
        worker.setAutoDelete(False)
        worker.signals.finished.connect(self._on_opened)
        worker.signals.failed.connect(self._on_open_failed)
        self._worker_ref = worker
        self._pool.start(worker)
        self.banner.show_message(self.tr("Opening case {case}...").format(case=case_id))
        self._set_state(State.RUNNING)
        return True

    def cancel_check(self) -> None:
        """Ask the running check (or case opening) to stop."""
        if self.state != State.RUNNING:
            return
        if self._worker is not None:
            self._worker.cancel()
        if self._open_token is not None:
            self._open_token.cancel()
        self.progress_label.setText(self.tr("Cancelling..."))
        self._set_state(State.CANCELLING)

    # --- long-job signals --------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total) if total > 0 else 0)
        if self.state == State.RUNNING:
            self.progress_label.setText(message)

    def _on_finished(self, view: CaseView) -> None:
        self._show_case(view)
        self._end(State.DONE)
        self.case_list.refresh()

    def _on_opened(self, view: CaseView) -> None:
        self._open_token = None
        self._show_case(view)
        self._end(State.DONE)

    def _on_open_failed(self, info: ErrorInfo) -> None:
        cancelled = self._open_token is not None and self._open_token.cancelled
        self._open_token = None
        if cancelled:
            self._on_cancelled()
            return
        self.banner.show_error(info.message)
        self._end(State.FAILED)
        self.show_error(info)

    def _on_failed(self, info: ErrorInfo) -> None:
        self.banner.show_error(self.tr("The check failed: {error}").format(error=info.message))
        self._end(State.FAILED)
        self.show_error(info)

    def _on_cancelled(self) -> None:
        self.banner.show_message(self.tr("The check was cancelled."))
        self._end(State.CANCELLED)

    def _end(self, state: State) -> None:
        self._worker = None
        self._set_state(state)
        self.checkEnded.emit(str(state))

    # --- showing a case ----------------------------------------------------------------------

    def _show_case(self, view: CaseView) -> None:
        self.view, self.result, self.case_state = view, view.result, view.state
        self.viewer.set_pages(view.images, view.thumbnails)
        self.viewer.set_words(view.words)
        self._show_result(view.result)
        self.document_panel.set_documents(view.result.documents, self._correction_notes())
        self.caseShown.emit(view.result.case_id)

    def _show_result(self, result: CaseResult) -> None:
        """Findings, boxes, banner, documents and decision for the current result and state."""
        chosen = self.findings.current_index()
        self.viewer.set_boxes(finding_boxes(result))
        self.findings.set_findings(result.findings, result.documents)
        self.documents.set_documents(result.documents)
        self.evidence.show_finding(None)
        self._show_banner()
        self._show_state()
        if chosen is not None and chosen < len(result.findings):
            self.findings.select_finding(chosen)

    def _show_banner(self) -> None:
        if self.result is not None:
            self.banner.show_result(self.result, self.signed_off_by)

    def _show_state(self) -> None:
        self.decision.set_case(self.result is not None, self.case_state is not None)
        self.decision.show_state(_decision_view(self.case_state))
        self.document_panel.set_read_only(self.read_only or self.case_state is None)
        editable = self.case_state is not None and not self.read_only
        self.record_action.setEnabled(editable)
        self.sign_off_action.setEnabled(editable and self.decision.sign_off_button.isEnabled())
        for action in self.decision_actions.values():
            action.setEnabled(editable)
        self.export_action.setEnabled(self.case_state is not None)

    @property
    def signed_off_by(self) -> str | None:
        """Who signed the case off, None while it is open."""
        return getattr(self.case_state, "signed_off_by", None) or None

    @property
    def read_only(self) -> bool:
        """Whether the case is signed off: nothing can be changed any more."""
        return bool(self.signed_off_by)

    def _correction_notes(self) -> dict[int, dict[Any, str]]:
        """Per document: by field name, or by (goods line, column), what was corrected."""
        notes: dict[int, dict[Any, str]] = {}
        for c in getattr(self.case_state, "corrections", ()) or ():
            key = c.field if c.item_index is None else (c.item_index, c.field)
            notes.setdefault(c.document_index, {})[key] = self._correction_text(c)
        return notes

    def _correction_text(self, c: Any) -> str:
        return self.tr("was '{old}', corrected by {who} on {when}").format(
            old=_shown(c.old_value), who=c.actor, when=format_moment(c.at))

    # --- navigation --------------------------------------------------------------------------

    def show_finding(self, index: int) -> None:
        """Show a finding's evidence and zoom on its box (with the value it compares, if any)."""
        if self.result is None or not 0 <= index < len(self.result.findings):
            return
        finding = self.result.findings[index]
        page = self.result.page_map.get((finding.document, finding.page or 1))
        overlay = finding_overlay(self.result, finding)
        self.evidence.show_finding(finding, self.result.documents, overlay is not None)
        if page is not None:
            self.viewer.set_overlay(page, overlay)
            self.viewer.show_box(page, finding.bbox, self._other_place(finding))
        self.statusBar().showMessage(finding_message(finding), 10000)

    def _other_place(self, finding: Finding) -> tuple[int, tuple[int, int, int, int]] | None:
        ev = finding.evidence
        doc, bbox = ev.get("other_document"), ev.get("other_bbox")
        page = self.result.page_map.get((doc, ev.get("other_page") or 1)) if self.result else None
        return (page, tuple(bbox)) if page is not None and bbox else None  # type: ignore[return-value]

    def show_document(self, index: int) -> None:
        """Show the first page of a document."""
        if self.result is not None:
            page = self.result.page_map.get((index, 1))
            if page is not None:
                self.viewer.show_page(page)

    def show_field(self, document: int, field: str) -> None:
        """Show where a field was read."""
        if self.result is None or not 0 <= document < len(self.result.documents):
            return
        fv = self.result.documents[document].fields.get(field)
        if fv is not None and fv.bbox is not None:
            page = self.result.page_map.get((document, fv.page or 1))
            if page is not None:
                self.viewer.show_box(page, fv.bbox)

    def show_item(self, document: int, row: int) -> None:
        """Show where a goods line was read."""
        if self.result is None or not 0 <= document < len(self.result.documents):
            return
        item = self.result.documents[document].items[row]
        page = self.result.page_map.get((document, item.page or 1))
        if page is not None and item.bbox is not None:
            self.viewer.show_box(page, item.bbox)

    def _focus_search(self) -> None:
        self.case_dock.show()
        self.case_list.search.setFocus()
        self.case_list.search.selectAll()

    def _choose_decision(self, decision: str) -> None:
        self.tabs.setCurrentWidget(self.decision)
        self.decision.choose(decision)

    # --- casework ----------------------------------------------------------------------------

    def _run_task(self, name: str, fn: Callable[..., Any], *args: Any,
                  then: Callable[[Any], None]) -> None:  # fmt: skip
        """Run a casework call in the task pool; `then(result)` on success, an error dialog else."""
        self._task_serial += 1
        serial = self._task_serial
        worker = TaskWorker(name, fn, *args)
        worker.setAutoDelete(False)
        worker.signals.finished.connect(lambda value: self._task_done(serial, name, then, value))
        worker.signals.failed.connect(lambda info: self._task_failed(serial, name, info))
        self._tasks[serial] = worker
        self._pool.start(worker)

    def _task_done(self, serial: int, name: str, then: Callable[[Any], None], value: Any) -> None:
        self._tasks.pop(serial, None)
        then(value)
        self.taskEnded.emit(name, True)

    def _task_failed(self, serial: int, name: str, info: ErrorInfo) -> None:
        self._tasks.pop(serial, None)
        self.show_error(info)
        self._show_case_again()
        self.taskEnded.emit(name, False)

    def _show_case_again(self) -> None:
        """Put the panels back as the recorded case is (an edit that was refused goes away)."""
        if self.result is not None:
            self.document_panel.set_documents(self.result.documents, self._correction_notes(),
                                              keep=True)  # fmt: skip

    def correct_field(self, document: int, field: str, value: str) -> bool:
        """Record a field's correction (the engine re-checks the case and commits it); False if
        refused."""
        if not self._may_correct():
            return False
        self.statusBar().showMessage(self.tr("Saving the correction and checking again..."))
        self._run_task("correct", jobs.correct, self.desk, self.result, document, field, value,
                       then=self._on_corrected)  # fmt: skip
        return True

    def correct_item(self, document: int, line: int, column: str, value: str) -> bool:
        """Record the correction of a goods line's cell, as correct_field does for a field."""
        if not self._may_correct():
            return False
        self.statusBar().showMessage(self.tr("Saving the correction and checking again..."))
        self._run_task("correct", jobs.correct_line, self.desk, self.result, document, line, column,
                       value, then=self._on_corrected)  # fmt: skip
        return True

    def _may_correct(self) -> bool:
        """Whether the shown case takes corrections (a message and the table put back if not)."""
        if self.result is None or self.case_state is None:
            self.statusBar().showMessage(self.tr("Only a recorded case can be corrected."), 8000)
        elif self.read_only:
            self.statusBar().showMessage(self.tr("The case is signed off: it cannot be changed."), 8000)
        else:
            return True
        self._show_case_again()
        return False

    def _on_corrected(self, corrected: jobs.Corrected) -> None:
        self.result, self.case_state = corrected.result, corrected.state
        self._show_result(corrected.result)
        self.document_panel.set_documents(corrected.result.documents, self._correction_notes(),
                                          keep=True)  # fmt: skip
        self.statusBar().showMessage(self.tr("Correction saved; the findings are up to date."), 8000)
        self.case_list.refresh()

    def record_decision(self, decision: str, note: str) -> bool:
        """Record the decision and its note (until sign-off it can be changed)."""
        if self.result is None or self.case_state is None or self.read_only:
            return False
        self._run_task("decide", jobs.decide, self.desk, self.result.case_id, decision, note,
                       then=self._on_state)  # fmt: skip
        return True

    def request_sign_off(self) -> None:
        """Ask the supervisor's name (and password) in a dialog, then sign off."""
        if self.result is None or self.case_state is None or self.read_only:
            return
        decision = decision_label(self.decision.view.decision or "")
        dialog = SignOffDialog(self.result.case_id, decision, password=jobs.needs_password(),
                               parent=self)  # fmt: skip
        dialog.accepted.connect(lambda: self.sign_off(dialog.supervisor(), dialog.password.text()))
        dialog.finished.connect(dialog.deleteLater)
        self.sign_off_dialog = dialog
        dialog.open()

    def sign_off(self, supervisor: str, password: str | None = None) -> bool:
        """Sign the case off: afterwards it is read-only."""
        if self.result is None or self.case_state is None or self.read_only:
            return False
        self._run_task("sign_off", jobs.sign_off, self.desk, self.result.case_id, supervisor,
                       password, then=self._on_state)  # fmt: skip
        return True

    def _on_state(self, state: Any) -> None:
        self.case_state = state
        self._show_banner()
        self._show_state()
        self.case_list.refresh()

    def request_export(self) -> None:
        """Ask where to save the PDF report, then write it."""
        if self.result is None or self.case_state is None:
            return
        suggested = str(Path.home() / f"{self.result.case_id}-report.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the inspection report"),
                                              suggested, self.tr("PDF (*.pdf)"))  # fmt: skip
        if path:
            self.export_report(path)

    def export_report(self, path: str | Path) -> bool:
        """Write the bilingual PDF report (in a worker) and record the export."""
        if self.result is None or self.view is None or self.case_state is None:
            return False
        content = self._report_content()
        self._run_task("export", _export, self.desk, content, Path(path),
                       then=lambda state: self._on_exported(state, Path(path)))  # fmt: skip
        return True

    def _report_content(self) -> ReportContent:
        view = _decision_view(self.case_state)
        corrections = [f"{c.document_index + 1} · {_line(c)}{c.field}: '{_shown(c.old_value)}' → "
                       f"'{_shown(c.new_value)}' ({c.actor}, {format_moment(c.at)})"
                       for c in getattr(self.case_state, "corrections", ()) or ()]  # fmt: skip
        return ReportContent(
            self.result, self.view.images, decision=view.decision, note=view.note,
            decided_by=view.decided_by, signed_off_by=view.signed_off_by,
            signed_off_at=view.signed_off_at, corrections=corrections, generated_by=self.actor,
        )  # fmt: skip

    def _on_exported(self, state: Any, path: Path) -> None:
        self._on_state(state)
        self.statusBar().showMessage(self.tr("Report saved: {path}").format(path=path), 10000)
        self.reportExported.emit(str(path))

    # --- errors ------------------------------------------------------------------------------

    def show_error(self, info: ErrorInfo) -> None:
        """Show an error the inspector can read, with the details to copy for support."""
        title = self.tr("Inspector") if info.expected else self.tr("Inspector: unexpected error")
        dialog = ErrorDialog(info.message, info.details, self, title)
        dialog.finished.connect(lambda _r, d=dialog: self._forget_dialog(d))
        self.error_dialogs.append(dialog)
        dialog.open()

    def _forget_dialog(self, dialog: ErrorDialog) -> None:
        if dialog in self.error_dialogs:
            self.error_dialogs.remove(dialog)
        dialog.deleteLater()

    # --- state -------------------------------------------------------------------------------

    def _clear_case(self) -> None:
        self.result = self.view = self.case_state = None
        self.viewer.clear()
        self.findings.clear()
        self.documents.clear()
        self.evidence.show_finding(None)
        self.document_panel.set_documents([])
        self._show_state()
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
            State.RUNNING: self.tr("Working..."),
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

    def wait_for_tasks(self, msecs: int = SHUTDOWN_WAIT_MS) -> bool:
        """Wait for every queued job to end (closing, tests)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Cancel a running check, let the casework calls finish (they commit), wait for all."""
        if self._worker is not None:
            self._worker.cancel()
        if self._open_token is not None:
            self._open_token.cancel()
        self._pool.waitForDone(SHUTDOWN_WAIT_MS)
        self._databases.dispose()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Stop the work before the window goes."""
        self.shutdown()
        self.extensions.close()
        super().closeEvent(event)


def _export(desk: jobs.Desk, content: ReportContent, path: Path) -> Any:
    """Write the report and record the export (runs in the task pool)."""
    digest = write_report(path, content)
    return jobs.record_export(desk, content.result.case_id, path, digest)


def _decision_view(state: Any) -> DecisionView:
    """What the decision panel shows of the engine's CaseState (None: no recorded case)."""
    if state is None:
        return DecisionView()
    decision = getattr(state, "decision", None)
    return DecisionView(
        decision=str(decision) if decision else None,
        note=getattr(state, "note", "") or "",
        decided_by=getattr(state, "decided_by", None),
        signed_off_by=getattr(state, "signed_off_by", None),
        signed_off_at=format_moment(getattr(state, "signed_off_at", None)),
    )


def _line(correction: Any) -> str:
    return "" if correction.item_index is None else f"#{correction.item_index + 1} "


def _shown(value: Any) -> str:
    from ui.fields_panel import shown_value

    return shown_value(value)


def _default_actor() -> str:
    """The inspector's name: from the preferences, else the account logged in to the computer."""
    name = QSettings().value("inspector/name", "")
    return str(name) if name else default_actor()


def finding_boxes(result: CaseResult) -> list[PageBox]:
    """A box for every finding that points at a place on a page of the result."""
    boxes = []
    for finding in result.findings:
        page = result.page_map.get((finding.document, finding.page or 1))
        if finding.bbox is not None and page is not None:
            tip = f"{finding.code}: {finding_message(finding)}"
            boxes.append(PageBox(page, tuple(finding.bbox), str(finding.severity), tip))
    return boxes


def _local_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
    return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]


def _menu(bar: Any, actions: Sequence[QAction | None]) -> QMenu:
    menu = bar.addMenu("")
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    return menu
