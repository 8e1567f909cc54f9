"""One document of the case at a time: a chooser, its fields (editable) and its goods lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QVBoxLayout, QWidget

from inspector.models import Document
from ui.fields_panel import FieldsTable
from ui.items_panel import LineItemsTable
from ui.texts import document_label


class DocumentPanel(QWidget):
    """Chooser + FieldsTable + LineItemsTable; forwards their signals with the document index."""

    documentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox(self)
        self.fields = FieldsTable(self)
        self.items = LineItemsTable(self)
        self.items_title = QLabel(self)
        self._documents: Sequence[Document] = ()
        self._notes: Mapping[int, Mapping[Any, str]] = {}
        self._build_layout()
        self.retranslate()
        self.chooser.currentIndexChanged.connect(self._on_chosen)

    def _build_layout(self) -> None:
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.items_title)
        lower_layout.addWidget(self.items, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.fields)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser)
        layout.addWidget(split, 1)

    def retranslate(self) -> None:
        """Titles and document names in the current language."""
        self.items_title.setText(f"<b>{self.tr('Goods lines')}</b>")
        self.chooser.setToolTip(self.tr("The document whose fields are shown"))
        if self._documents:
            self.set_documents(self._documents, self._notes, keep=True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_documents(
        self,
        documents: Sequence[Document],
        notes: Mapping[int, Mapping[Any, str]] | None = None,
        *,
        keep: bool = False,
    ) -> None:
        """Show these documents (the same one as before when `keep`); `notes` per document index,
        by field name or (goods line, column), say which values were corrected."""
        current = self.current_document if keep else 0
        self._documents, self._notes = tuple(documents), dict(notes or {})
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for doc in self._documents:
            self.chooser.addItem(_document_title(doc), doc.index)
        self.chooser.blockSignals(False)
        self.show_document(min(max(current, 0), max(len(self._documents) - 1, 0)))

    @property
    def current_document(self) -> int:
        """The index of the document shown (-1 when none)."""
        return self.chooser.currentIndex()

    def show_document(self, index: int) -> None:
        """Show the fields and goods lines of the document at this index."""
        if not 0 <= index < len(self._documents):
            self.fields.set_document(None)
            self.items.set_document(None)
            return
        if self.chooser.currentIndex() != index:
            self.chooser.setCurrentIndex(index)  # comes back through _on_chosen
            return
        doc = self._documents[index]
        notes = self._notes.get(doc.index, {})
        self.fields.set_document(doc, {k: v for k, v in notes.items() if isinstance(k, str)})
        self.items.set_document(doc, {k: v for k, v in notes.items() if isinstance(k, tuple)})

    def set_read_only(self, read_only: bool) -> None:
        """Refuse (True) or allow corrections of fields and goods lines."""
        self.fields.set_read_only(read_only)
        self.items.set_read_only(read_only)

    def _on_chosen(self, index: int) -> None:
        self.show_document(index)
        self.documentChanged.emit(index)


def _document_title(doc: Document) -> str:
    name = Path(doc.path).name
    return f"{doc.index + 1} · {document_label(doc.type)} · {name}"
