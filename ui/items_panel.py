"""The goods lines of one document: description, HS code, quantity, weights and value. A cell can be
corrected like a field (the engine re-runs the checks at once); choosing a line shows it on the page."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from inspector.models import Document, LineItem
from ui.fields_panel import EDIT_TRIGGERS, shown_value
from ui.style import CORRECTED_COLOUR

ITEM_KEYS = ("description", "hs_code", "quantity", "unit", "net_weight_kg", "gross_weight_kg",
             "value", "page")  # fmt: skip
EDITABLE = frozenset(ITEM_KEYS) - {"page"}  # the columns the engine corrects (casework.ITEM_KINDS)
NUMERIC = frozenset({"quantity", "net_weight_kg", "gross_weight_kg", "value", "page"})


class LineItemsTable(QTableWidget):
    """A document's goods lines; emits itemChosen(document, line) and, for an edited cell,
    correctionRequested(document, line, column, text)."""

    itemChosen = Signal(int, int)
    correctionRequested = Signal(int, int, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(ITEM_KEYS), parent)
        self.document: Document | None = None
        self.read_only = True
        self._notes: Mapping[tuple[int, str], str] = {}
        self._filling = False
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.retranslate()
        self.currentCellChanged.connect(self._on_current)
        self.itemChanged.connect(self._on_changed)

    def retranslate(self) -> None:
        """Column titles in the current language."""
        self.setHorizontalHeaderLabels(
            [self.tr("Description"), self.tr("HS code"), self.tr("Quantity"), self.tr("Unit"),
             self.tr("Net kg"), self.tr("Gross kg"), self.tr("Value"), self.tr("Page")]  # fmt: skip
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_document(
        self, document: Document | None, notes: Mapping[tuple[int, str], str] | None = None
    ) -> None:
        """Show a document's goods lines; `notes` per (line, column) say what was corrected."""
        self.document, self._notes = document, dict(notes or {})
        self._filling = True
        items = document.items if document is not None else ()
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, key in enumerate(ITEM_KEYS):
                self.setItem(row, column, self._cell(row, item, key))
        self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (True) or allow corrections."""
        self.read_only = read_only
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS)
        self.set_document(self.document, self._notes)

    def edit_cell(self, row: int, key: str, text: str) -> bool:
        """Type a new value in a cell, as the inspector would (False when it cannot be edited)."""
        if self.read_only or key not in EDITABLE or not 0 <= row < self.rowCount():
            return False
        self.item(row, ITEM_KEYS.index(key)).setText(text)
        return True

    def _cell(self, row: int, item: LineItem, key: str) -> QTableWidgetItem:
        cell = QTableWidgetItem(shown_value(getattr(item, key)))
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if key in EDITABLE and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        cell.setFlags(flags)
        if key in NUMERIC:
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        note = self._notes.get((row, key))
        cell.setToolTip(note or cell.text())
        if note:
            cell.setForeground(QBrush(CORRECTED_COLOUR))
            font = QFont(cell.font())
            font.setBold(True)
            cell.setFont(font)
        return cell

    def _on_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or self.read_only or self.document is None:
            return
        key = ITEM_KEYS[cell.column()]
        old = shown_value(getattr(self.document.items[cell.row()], key))
        if key in EDITABLE and cell.text().strip() != old:
            self.correctionRequested.emit(self.document.index, cell.row(), key, cell.text().strip())

    def _on_current(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        if self.document is not None and 0 <= row < len(self.document.items):
            self.itemChosen.emit(self.document.index, row)
