"""The result panels of the main window: lane banner, findings list and documents list."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from inspector.models import CaseResult, Document, Finding, Severity
from ui.style import ERROR_BANNER, LANE_COLOURS, NEUTRAL_BANNER, severity_colour

ROLE_INDEX = Qt.ItemDataRole.UserRole


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
        self.setMinimumHeight(44)
        self.setWordWrap(True)
        self.lane: str | None = None
        self.show_message(self.tr("Open the papers of one shipment, or drop them on this window."))

    def show_message(self, text: str) -> None:
        """Show a neutral message (no lane)."""
        self.lane = None
        self._paint(text, NEUTRAL_BANNER)

    def show_error(self, text: str) -> None:
        """Show an error message (no lane)."""
        self.lane = None
        self._paint(text, ERROR_BANNER)

    def show_result(self, result: CaseResult) -> None:
        """Show the lane of a result with its risk score and case id."""
        self.lane = str(result.lane)
        text = self.tr("{lane}    risk {score}/100    case {case}").format(
            lane=lane_label(self.lane), score=result.risk_score, case=result.case_id
        )
        self._paint(text, LANE_COLOURS.get(self.lane, NEUTRAL_BANNER))

    def _paint(self, text: str, colours: tuple[str, str]) -> None:
        background, foreground = colours
        self.setText(text)
        self.setStyleSheet(
            f"QLabel#laneBanner {{ background: {background}; color: {foreground};"
            " font-size: 16pt; font-weight: bold; padding: 6px 12px; border-radius: 4px; }"
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
        self.setHeaderLabels(
            [
                self.tr("Severity"),
                self.tr("Code"),
                self.tr("Doc"),
                self.tr("Page"),
                self.tr("Message"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        _stretch_last(self.header(), 4)
        self.currentItemChanged.connect(self._on_current)

    def set_findings(self, findings: Sequence[Finding], documents: Sequence[Document]) -> None:
        """Replace the list with these findings."""
        self.clear()
        for index, finding in sorted_findings(findings):
            self.addTopLevelItem(_finding_item(index, finding, documents))

    def finding_indexes(self) -> list[int]:
        """The result indexes of the listed findings, in display order."""
        return [self.topLevelItem(i).data(0, ROLE_INDEX) for i in range(self.topLevelItemCount())]

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.findingChosen.emit(item.data(0, ROLE_INDEX))


def _finding_item(index: int, f: Finding, documents: Sequence[Document]) -> QTreeWidgetItem:
    doc = "" if f.document is None else str(f.document + 1)
    page = "" if f.page is None else str(f.page)
    item = QTreeWidgetItem([severity_label(f.severity), f.code, doc, page, f.message])
    item.setData(0, ROLE_INDEX, index)
    colour = severity_colour(f.severity)
    item.setForeground(0, QBrush(colour))
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    if f.document is not None and 0 <= f.document < len(documents):
        item.setToolTip(2, Path(documents[f.document].path).name)
    item.setToolTip(4, f.message)
    return item


class DocumentsList(QTreeWidget):
    """The documents of the case: type, pages and the error of an unreadable one."""

    documentChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(
            [self.tr("Doc"), self.tr("File"), self.tr("Type"), self.tr("Pages"), self.tr("Error")]
        )
        self.setRootIsDecorated(False)
        _stretch_last(self.header(), 4)
        self.currentItemChanged.connect(self._on_current)

    def set_documents(self, documents: Sequence[Document]) -> None:
        """Replace the list with these documents."""
        self.clear()
        for doc in documents:
            self.addTopLevelItem(_document_item(doc))

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
