"""The result panels of the main window: lane banner, findings list and documents list."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from inspector.models import CaseResult, Document, Finding, Severity
from ui.style import ERROR_BANNER, LANE_COLOURS, NEUTRAL_BANNER, severity_colour
from ui.texts import finding_message

ROLE_INDEX = Qt.ItemDataRole.UserRole
# The findings list's columns.
COL_SEVERITY, COL_CODE, COL_WHERE, COL_MESSAGE = range(4)


def lane_label(lane: str) -> str:
    """The lane's name for the inspector."""
    names = {
        "green": QCoreApplication.translate("panels", "GREEN lane: release"),
        "yellow": QCoreApplication.translate("panels", "YELLOW lane: check the papers"),
        "red": QCoreApplication.translate("panels", "RED lane: stop the cargo"),
    }
    return names.get(lane, lane.upper())


def severity_label(severity: str) -> str:
    """The severity's name for the inspector."""
    names = {
        "critical": QCoreApplication.translate("panels", "Critical"),
        "high": QCoreApplication.translate("panels", "High"),
        "medium": QCoreApplication.translate("panels", "Medium"),
        "low": QCoreApplication.translate("panels", "Low"),
        "info": QCoreApplication.translate("panels", "Info"),
    }
    return names.get(severity, severity)


def doc_type_label(doc_type: str) -> str:
    """The document type's name for the inspector."""
    names = {
        "commercial_invoice": QCoreApplication.translate("panels", "Commercial invoice"),
        "packing_list": QCoreApplication.translate("panels", "Packing list"),
        "export_declaration": QCoreApplication.translate("panels", "Export declaration"),
        "bill_of_lading": QCoreApplication.translate("panels", "Bill of lading"),
        "export_licence": QCoreApplication.translate("panels", "Export licence"),
        "certificate_of_origin": QCoreApplication.translate("panels", "Certificate of origin"),
        "unknown": QCoreApplication.translate("panels", "Unknown"),
    }
    return names.get(doc_type, doc_type)


class LaneBanner(QLabel):
    """A coloured strip: the lane, risk score and case id, or a status message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laneBanner")
        self.setWordWrap(True)
        self.lane: str | None = None
        self.signed_off = False
        self.show_message(self.tr("Open the papers of one shipment, or drop them on this window."))

    def show_message(self, text: str) -> None:
        """Show a neutral message (no lane)."""
        self.lane = None
        self._paint(text, NEUTRAL_BANNER)

    def show_error(self, text: str) -> None:
        """Show an error message (no lane)."""
        self.lane = None
        self._paint(text, ERROR_BANNER)

    def show_result(self, result: CaseResult, signed_off_by: str | None = None) -> None:
        """Show the lane of a result with its risk score and case id (and who signed it off)."""
        self.lane = str(result.lane)
        self.signed_off = bool(signed_off_by)
        text = self.tr("{lane}    risk {score}/100    case {case}").format(
            lane=lane_label(self.lane), score=result.risk_score, case=result.case_id
        )
        colours = LANE_COLOURS.get(self.lane, NEUTRAL_BANNER)
        if signed_off_by:
            text += "    " + self.tr("signed off by {name}: read-only").format(name=signed_off_by)
        self._paint(text, colours)

    def _paint(self, text: str, colours: tuple[str, str]) -> None:
        background, foreground = colours
        self.setText(text)
        self.setStyleSheet(
            f"QLabel#laneBanner {{ background: {background}; color: {foreground};"
            " font-size: 16pt; font-weight: bold; padding: 0.3em 0.6em; border-radius: 4px; }"
        )


def sorted_findings(findings: Sequence[Finding]) -> list[tuple[int, Finding]]:
    """Findings with their original index, most serious first, then by document and page."""

    def key(pair: tuple[int, Finding]) -> tuple[int, int, int, int]:
        index, f = pair
        return (-Severity(f.severity).rank, _or_max(f.document), _or_max(f.page), index)

    return sorted(enumerate(findings), key=key)


def _or_max(value: int | None) -> int:
    return value if value is not None else 1 << 30


class FindingsList(QTreeWidget):
    """The findings, most serious first; emits the chosen finding's index in the result."""

    findingChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[Sequence[Finding], Sequence[Document]] = ((), ())
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.retranslate()
        self.currentItemChanged.connect(self._on_current)

    def retranslate(self) -> None:
        """Column titles and the findings' texts in the current language."""
        self.setHeaderLabels(
            [self.tr("Severity"), self.tr("Code"), self.tr("Doc/page"), self.tr("Message")]
        )
        self.headerItem().setToolTip(COL_WHERE, self.tr("Document number / page number"))
        _stretch_last(self.header(), COL_MESSAGE)  # after the labels, which reset the sections
        if self.topLevelItemCount():
            current = self.current_index()
            self.set_findings(*self._shown)
            self.select_finding(current, notify=False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_findings(self, findings: Sequence[Finding], documents: Sequence[Document]) -> None:
        """Replace the list with these findings."""
        self._shown = (findings, documents)
        self.blockSignals(True)
        self.clear()
        for index, finding in sorted_findings(findings):
            self.addTopLevelItem(_finding_item(index, finding, documents))
        self.blockSignals(False)

    def finding_indexes(self) -> list[int]:
        """The result indexes of the listed findings, in display order."""
        return [self.topLevelItem(i).data(0, ROLE_INDEX) for i in range(self.topLevelItemCount())]

    def current_index(self) -> int | None:
        """The result index of the chosen finding, None when none is chosen."""
        item = self.currentItem()
        return None if item is None else item.data(0, ROLE_INDEX)

    def select_finding(self, index: int | None, *, notify: bool = True) -> bool:
        """Choose the finding with this result index; False when it is not listed."""
        order = self.finding_indexes()
        if index is None or index not in order:
            return False
        self.blockSignals(not notify)
        self.setCurrentItem(self.topLevelItem(order.index(index)))
        self.blockSignals(False)
        return True

    def step(self, delta: int) -> None:
        """Choose the next (delta 1) or previous (-1) finding in display order."""
        count = self.topLevelItemCount()
        if count:
            row = self.indexOfTopLevelItem(self.currentItem()) if self.currentItem() else -1
            self.setCurrentItem(self.topLevelItem((row + delta) % count))

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.findingChosen.emit(item.data(0, ROLE_INDEX))


def _finding_item(index: int, f: Finding, documents: Sequence[Document]) -> QTreeWidgetItem:
    where = "" if f.document is None else str(f.document + 1)
    if where and f.page is not None:
        where += f"/{f.page}"
    message = finding_message(f)
    item = QTreeWidgetItem([severity_label(f.severity), f.code, where, message])
    item.setData(0, ROLE_INDEX, index)
    colour = severity_colour(f.severity)
    item.setForeground(0, QBrush(colour))
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    if f.document is not None and 0 <= f.document < len(documents):
        item.setToolTip(COL_WHERE, Path(documents[f.document].path).name)
    item.setToolTip(COL_MESSAGE, message)
    return item


class DocumentsList(QTreeWidget):
    """The documents of the case: type, pages and the error of an unreadable one."""

    documentChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: Sequence[Document] = ()
        self.setRootIsDecorated(False)
        self.retranslate()
        self.currentItemChanged.connect(self._on_current)

    def retranslate(self) -> None:
        """Column titles and document types in the current language."""
        self.setHeaderLabels(
            [self.tr("Doc"), self.tr("File"), self.tr("Type"), self.tr("Pages"), self.tr("Error")]
        )
        _stretch_last(self.header(), 4)  # after the labels, which reset the sections
        if self.topLevelItemCount():
            self.set_documents(self._shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_documents(self, documents: Sequence[Document]) -> None:
        """Replace the list with these documents."""
        self._shown = documents
        self.blockSignals(True)
        self.clear()
        for doc in documents:
            self.addTopLevelItem(_document_item(doc))
        self.blockSignals(False)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.documentChosen.emit(item.data(0, ROLE_INDEX))


def _document_item(doc: Document) -> QTreeWidgetItem:
    columns = [
        str(doc.index + 1),
        Path(doc.path).name,
        doc_type_label(doc.type),
        str(doc.pages),
        doc.error or "",
    ]
    item = QTreeWidgetItem(columns)
    item.setData(0, ROLE_INDEX, doc.index)
    item.setToolTip(1, doc.path)
    if doc.error:
        item.setToolTip(4, doc.error)
        for column in range(len(columns)):
            item.setForeground(column, QBrush(QColor("#c62828")))
    return item


def _stretch_last(header: QHeaderView, last: int) -> None:
    for column in range(last):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
