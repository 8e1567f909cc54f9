"""The fields of one document: every contract field with its value (editable: an edit asks the engine
to record a correction and re-run the checks), the text as read, the reading's confidence, and the
corrections already made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from inspector.models import FIELD_NAMES, Document, FieldValue
from ui.style import CORRECTED_COLOUR
from ui.texts import field_label

COL_FIELD, COL_VALUE, COL_RAW, COL_CONF, COL_NOTE = range(5)
ROLE_FIELD = Qt.ItemDataRole.UserRole


def shown_value(value: Any) -> str:
    """A field value as the inspector reads and types it (lists joined with commas)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FieldsTable(QTableWidget):
    """The contract fields of one document. Editing a value emits correctionRequested(document,
    field, text) and leaves the table as it was until the engine answers with the new result."""

    correctionRequested = Signal(int, str, str)
    fieldChosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.document: Document | None = None
        self.read_only = False
        self._notes: Mapping[str, str] = {}
        self._filling = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(EDIT_TRIGGERS)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        for column in (COL_FIELD, COL_CONF):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_VALUE, COL_RAW):  # the value and the text as read share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_NOTE, 8 * self.fontMetrics().height())  # the note is in the tooltip
        self.retranslate()
        self.itemChanged.connect(self._on_changed)
        self.currentCellChanged.connect(self._on_current)

    def retranslate(self) -> None:
        """Column titles and field names in the current language."""
        self.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Value"), self.tr("As read"), self.tr("Confidence"),
             self.tr("Correction")]  # fmt: skip
        )
        if self.document is not None:
            self.set_document(self.document, self._notes)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_document(self, document: Document | None, notes: Mapping[str, str] | None = None) -> None:
        """Show a document's fields; `notes` says, per corrected field, who corrected it from what."""
        self.document, self._notes = document, dict(notes or {})
        self._filling = True
        self.setRowCount(0)
        if document is not None:
            names = list(FIELD_NAMES) + [n for n in document.fields if n not in FIELD_NAMES]
            self.setRowCount(len(names))
            for row, name in enumerate(names):
                self._fill_row(row, name, document.fields.get(name))
        self._filling = False

    def _fill_row(self, row: int, name: str, fv: FieldValue | None) -> None:
        note = self._notes.get(name, "")
        label = _cell(field_label(name), name)
        value = _cell(shown_value(fv.value) if fv else "", name, editable=not self.read_only)
        raw = _cell(fv.raw if fv else "", name)
        conf = _cell(f"{fv.confidence:.0%}" if fv else "", name)
        for column, item in enumerate((label, value, raw, conf, _cell(note, name))):
            self.setItem(row, column, item)
        self.item(row, COL_NOTE).setToolTip(note)
        if note:
            value.setForeground(QBrush(CORRECTED_COLOUR))
            font = QFont(value.font())
            font.setBold(True)
            value.setFont(font)
            value.setToolTip(note)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (True) or allow edits."""
        self.read_only = read_only
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS)
        if self.document is not None:
            self.set_document(self.document, self._notes)

    def field_row(self, name: str) -> int:
        """The row of a field, -1 when it is not shown."""
        for row in range(self.rowCount()):
            if self.item(row, COL_FIELD).data(ROLE_FIELD) == name:
                return row
        return -1

    def edit_value(self, name: str, text: str) -> bool:
        """Type a new value for a field, as the inspector would (False when the table is read-only)."""
        row = self.field_row(name)
        if self.read_only or row < 0:
            return False
        self.item(row, COL_VALUE).setText(text)
        return True

    def _on_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.document is None or item.column() != COL_VALUE:
            return
        name = item.data(ROLE_FIELD)
        fv = self.document.fields.get(name)
        old = shown_value(fv.value) if fv else ""
        text = item.text().strip()
        if text != old and not self.read_only:
            self.correctionRequested.emit(self.document.index, name, text)

    def _on_current(self, row: int, _column: int, _prev_row: int, _prev_column: int) -> None:
        if self.document is not None and row >= 0 and self.item(row, COL_FIELD) is not None:
            self.fieldChosen.emit(self.document.index, self.item(row, COL_FIELD).data(ROLE_FIELD))


EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def _cell(text: str, name: str, *, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(ROLE_FIELD, name)
    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
    if not editable:
        item.setToolTip(text)
    return item
