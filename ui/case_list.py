"""The list of recorded cases: search by case id or party, filter by lane, party and shipment dates.
The query runs in a worker (its own Session); only the answer to the latest query is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.case_query import CaseFilter, CaseRow, find_cases
from ui.style import LANE_COLOURS
from ui.texts import format_day
from ui.workers import ErrorInfo, TaskWorker

ROLE_CASE = Qt.ItemDataRole.UserRole
TYPING_DELAY_MS = 250  # query once the inspector pauses typing
LANES = ("", "green", "yellow", "red")


def query_cases(data_dir: str | Path | None, flt: CaseFilter) -> list[CaseRow]:
    """Run the case list's query in the calling (worker) thread with its own engine and Session."""
    from sqlalchemy.orm import Session

    from inspector.db.cases.repository import open_cases
    from inspector.paths import data_paths

    engine = open_cases(data_paths(data_dir).ensure())
    try:
        with Session(engine) as s:
            return find_cases(s, flt)
    finally:
        engine.dispose()


class CaseListPanel(QWidget):
    """Search and filters above a list of cases; activating a case emits caseChosen(case id)."""

    caseChosen = Signal(str)
    refreshed = Signal(int)  # how many cases are listed
    failed = Signal(object)  # ErrorInfo

    def __init__(
        self,
        data_dir: str | Path | None,
        parent: QWidget | None = None,
        pool: QThreadPool | None = None,
        query: Callable[[CaseFilter], list[CaseRow]] | None = None,
    ) -> None:
        """`pool` is the thread the queries run on (the window's engine thread) and `query` runs one
        (on the window's shared databases); by default a thread and a query of its own."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.query = query or (lambda flt: query_cases(self.data_dir, flt))
        self.rows: list[CaseRow] = []
        self._serial = 0
        self._workers: dict[int, TaskWorker] = {}
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self._pool = pool
        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self.refresh)
        self._build_widgets()
        self._build_layout()
        self.retranslate()
        self._connect()

    def _build_widgets(self) -> None:
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.party = QLineEdit(self)
        self.party.setClearButtonEnabled(True)
        self.lane = QComboBox(self)
        self.use_dates = QCheckBox(self)
        today = QDate.currentDate()
        self.date_from = _date_edit(self, today.addMonths(-3))
        self.date_to = _date_edit(self, today)
        self.refresh_button = QPushButton(self)
        self.labels = [QLabel(self) for _ in range(3)]
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(False)

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.search, 0, 0, 1, 2)
        rows = ((self.labels[0], self.lane), (self.labels[1], self.party),
                (self.use_dates, self.date_from), (self.labels[2], self.date_to))  # fmt: skip
        for row, (label, field) in enumerate(rows, start=1):
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.refresh_button)

    def _connect(self) -> None:
        for edit in (self.search, self.party):
            edit.textChanged.connect(self._typing.start)
        self.lane.currentIndexChanged.connect(self.refresh)
        self.use_dates.toggled.connect(self._on_dates_toggled)
        self.date_from.dateChanged.connect(self._typing.start)
        self.date_to.dateChanged.connect(self._typing.start)
        self.refresh_button.clicked.connect(self.refresh)
        self.tree.itemActivated.connect(self._on_activated)
        self._on_dates_toggled(False)

    def retranslate(self) -> None:
        """Every text in the current language (the rows keep their data)."""
        self.search.setPlaceholderText(self.tr("Search: case id, party or port"))
        self.party.setPlaceholderText(self.tr("exporter or consignee"))
        self.labels[0].setText(self.tr("Lane"))
        self.labels[1].setText(self.tr("Party"))
        self.labels[2].setText(self.tr("to"))
        self.use_dates.setText(self.tr("Shipped from"))
        self.refresh_button.setText(self.tr("Refresh list"))
        current = max(self.lane.currentIndex(), 0)
        self.lane.blockSignals(True)
        self.lane.clear()
        self.lane.addItems([self.tr("All lanes"), *(lane_name(x) for x in LANES[1:])])
        self.lane.setCurrentIndex(current)
        self.lane.blockSignals(False)
        self.tree.setHeaderLabels([self.tr("Case"), self.tr("Shipped"), self.tr("Lane"),
                                   self.tr("Risk"), self.tr("Exporter"), self.tr("Consignee"),
                                   self.tr("Status"), self.tr("Port")])  # fmt: skip
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fill(self.rows)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- query -------------------------------------------------------------------------------

    def case_filter(self) -> CaseFilter:
        """The filter the controls describe."""
        dates = self.use_dates.isChecked()
        return CaseFilter(
            text=self.search.text(),
            lane=LANES[max(self.lane.currentIndex(), 0)],
            party=self.party.text(),
            shipped_from=_date(self.date_from) if dates else None,
            shipped_to=_date(self.date_to) if dates else None,
        )

    def refresh(self) -> None:
        """Query the case database again with the current filter."""
        self._typing.stop()
        self._serial += 1
        worker = TaskWorker("case list", self.query, self.case_filter())
        worker.setAutoDelete(False)
        serial = self._serial
        worker.signals.finished.connect(lambda rows: self._on_rows(serial, rows))
        worker.signals.failed.connect(lambda info: self._on_failed(serial, info))
        self._workers[serial] = worker
        self._pool.start(worker)

    def _on_rows(self, serial: int, rows: list[CaseRow]) -> None:
        self._workers.pop(serial, None)
        if serial == self._serial:
            self._fill(rows)
            self.refreshed.emit(len(rows))

    def _on_failed(self, serial: int, info: ErrorInfo) -> None:
        self._workers.pop(serial, None)
        if serial == self._serial:
            self.failed.emit(info)

    def _fill(self, rows: Sequence[CaseRow]) -> None:
        self.rows = list(rows)
        self.tree.clear()
        for row in self.rows:
            self.tree.addTopLevelItem(_case_item(row))

    def case_ids(self) -> list[str]:
        """The ids of the listed cases, in display order."""
        return [self.tree.topLevelItem(i).data(0, ROLE_CASE) for i in range(self.tree.topLevelItemCount())]

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the queries asked for to end (closing, tests)."""
        return self._pool.waitForDone(msecs)

    def _on_dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._typing.start()

    def _on_activated(self, item: QTreeWidgetItem) -> None:
        self.caseChosen.emit(item.data(0, ROLE_CASE))


def _case_item(row: CaseRow) -> QTreeWidgetItem:
    shipped = format_day(row.shipment_date)
    item = QTreeWidgetItem([row.case_id, shipped, lane_name(row.lane), str(row.risk_score),
                            row.exporter, row.consignee, _status_label(row.status), row.port])  # fmt: skip
    item.setData(0, ROLE_CASE, row.case_id)
    background, foreground = LANE_COLOURS.get(row.lane, ("#ffffff", "#000000"))
    item.setBackground(2, QBrush(QColor(background)))
    item.setForeground(2, QBrush(QColor(foreground)))
    for column in (4, 5):
        item.setToolTip(column, item.text(column))
    return item


def lane_name(lane: str) -> str:
    """A lane's short name for the list."""
    names = {
        "green": QCoreApplication.translate("CaseListPanel", "Green"),
        "yellow": QCoreApplication.translate("CaseListPanel", "Yellow"),
        "red": QCoreApplication.translate("CaseListPanel", "Red"),
    }
    return names.get(lane, lane)


def _status_label(status: str) -> str:
    names = {
        "recorded": QCoreApplication.translate("CaseListPanel", "checked"),
        "decided": QCoreApplication.translate("CaseListPanel", "decided"),
        "signed_off": QCoreApplication.translate("CaseListPanel", "signed off"),
    }
    return names.get(status, status)


def _date_edit(parent: QWidget, day: QDate) -> QDateEdit:
    edit = QDateEdit(day, parent)
    edit.setCalendarPopup(True)
    return edit


def _date(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())
