"""The evidence of the chosen finding: its message, the values it compared, the watchlist entry it
matched, the recorded cases it links to, whether a forensic overlay is drawn, and every other piece
of evidence the check kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.models import Document, Finding
from ui.fields_panel import shown_value
from ui.panels import severity_label
from ui.style import severity_colour
from ui.texts import document_label, field_label, finding_message

WATCHLIST_KEYS = ("entry", "matched_name", "list", "score", "match", "entry_country", "reason",
                  "source_id", "list_version")  # fmt: skip
ROLE_CASE = Qt.ItemDataRole.UserRole


class EvidencePanel(QWidget):
    """Shows one finding; a double-click on a linked case emits caseRequested(case id)."""

    caseRequested = Signal(str)
    historyRequested = Signal(object)  # the Finding whose linked cases to chart

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(self)
        self.message = _label(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.compared = _label(self)
        self.watchlist = _label(self)
        self.overlay_note = _label(self)
        self.linked_title = _label(self)
        self.linked = QListWidget(self)
        self.history_button = QPushButton(self)
        self.history_button.setVisible(False)
        self.history_available = False  # set by the window when the history view is installed
        self.details = QTreeWidget(self)
        self.details.setColumnCount(2)
        self._shown: tuple[Finding, Sequence[Document], bool] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.message, self.compared, self.watchlist, self.overlay_note,
                       self.linked_title, self.linked, self.history_button):  # fmt: skip
            layout.addWidget(widget)
        layout.addWidget(self.details, 1)
        self.linked.itemActivated.connect(self._on_linked)
        self.history_button.clicked.connect(self._on_history)
        self.retranslate()
        self.show_finding(None)

    def retranslate(self) -> None:
        """Titles and the finding's texts in the current language."""
        self.details.setHeaderLabels([self.tr("Evidence"), self.tr("Value")])
        self.history_button.setText(self.tr("Show the linked cases in the history"))
        self.linked_title.setText(f"<b>{self.tr('Linked cases')}</b> "
                                  + self.tr("(double-click to open)"))
        if self._shown is not None:
            self.show_finding(*self._shown)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_finding(
        self, finding: Finding | None, documents: Sequence[Document] = (), overlay: bool = False
    ) -> None:
        """Show a finding's evidence (None clears the panel)."""
        self._shown = None if finding is None else (finding, documents, overlay)
        if finding is None:
            self.title.setText(self.tr("Choose a finding to see its evidence."))
            for label in (self.message, self.compared, self.watchlist, self.overlay_note):
                label.clear()
                label.setVisible(False)
            self._set_linked([])
            self.details.clear()
            return
        colour = severity_colour(finding.severity).name()
        self.title.setText(f"<b><span style='color:{colour}'>{severity_label(finding.severity)}"
                           f"</span> {finding.code}</b>")
        _show(self.message, finding_message(finding))
        _show(self.compared, self._compared_text(finding, documents))
        _show(self.watchlist, self._watchlist_text(finding.evidence))
        _show(self.overlay_note, self.tr("The forensic heat-map and match lines are drawn on the "
                                         "page.") if overlay else "")
        self._set_linked(finding.evidence.get("linked_cases") or [])
        self._fill_details(finding.evidence)

    # --- parts -------------------------------------------------------------------------------

    def _compared_text(self, finding: Finding, documents: Sequence[Document]) -> str:
        evidence = finding.evidence
        if "this" not in evidence or "other" not in evidence:
            return ""
        here = _document_name(documents, finding.document)
        there = _document_name(documents, evidence.get("other_document"))
        name = field_label(finding.field) if finding.field else self.tr("Value")
        return self.tr("<b>Values compared</b> ({field}):<br>{here}: <b>{this}</b><br>"
                       "{there}: <b>{other}</b>").format(
            field=name, here=here, this=_html(shown_value(evidence["this"])),
            there=there, other=_html(shown_value(evidence["other"])),
        )

    def _watchlist_text(self, evidence: Mapping[str, Any]) -> str:
        if "entry" not in evidence or "list" not in evidence:
            return ""
        names = {
            "entry": self.tr("Entry"), "matched_name": self.tr("Matched name"),
            "list": self.tr("List"), "score": self.tr("Score"), "match": self.tr("How"),
            "entry_country": self.tr("Country"), "reason": self.tr("Reason"),
            "source_id": self.tr("Source id"), "list_version": self.tr("List version"),
        }  # fmt: skip
        rows = [f"{names[k]}: {_html(shown_value(evidence[k]))}"
                for k in WATCHLIST_KEYS if evidence.get(k) not in (None, "")]
        return f"<b>{self.tr('Watchlist entry')}</b><br>" + "<br>".join(rows)

    def _set_linked(self, linked: Sequence[Mapping[str, Any]]) -> None:
        self.linked.clear()
        for lot in linked:
            case_id = str(lot.get("case_id", ""))
            extra = ", ".join(shown_value(lot[k]) for k in ("shipment_date", "net_kg")
                              if lot.get(k) is not None)  # fmt: skip
            item = QListWidgetItem(f"{case_id} ({extra})" if extra else case_id)
            item.setData(ROLE_CASE, case_id)
            self.linked.addItem(item)
        self.linked_title.setVisible(bool(linked))
        self.linked.setVisible(bool(linked))
        self.history_button.setVisible(bool(linked) and self.history_available)

    def linked_cases(self) -> list[str]:
        """The case ids listed as linked."""
        return [self.linked.item(i).data(ROLE_CASE) for i in range(self.linked.count())]

    def _fill_details(self, evidence: Mapping[str, Any]) -> None:
        self.details.clear()
        for key, value in evidence.items():
            self.details.addTopLevelItem(_tree_item(str(key), value))
        self.details.expandToDepth(0)
        self.details.resizeColumnToContents(0)

    def _on_history(self) -> None:
        if self._shown is not None:
            self.historyRequested.emit(self._shown[0])

    def _on_linked(self, item: QListWidgetItem) -> None:
        case_id = item.data(ROLE_CASE)
        if case_id:
            self.caseRequested.emit(case_id)


def _tree_item(key: str, value: Any) -> QTreeWidgetItem:
    """A tree row for a piece of evidence; mappings and lists become children."""
    if isinstance(value, Mapping):
        item = QTreeWidgetItem([key, ""])
        for k, v in value.items():
            item.addChild(_tree_item(str(k), v))
        return item
    if isinstance(value, list | tuple) and any(isinstance(v, Mapping | list | tuple) for v in value):
        item = QTreeWidgetItem([key, ""])
        for i, v in enumerate(value, 1):
            item.addChild(_tree_item(str(i), v))
        return item
    item = QTreeWidgetItem([key, shown_value(value)])
    item.setToolTip(1, shown_value(value))
    return item


def _document_name(documents: Sequence[Document], index: Any) -> str:
    if isinstance(index, int) and 0 <= index < len(documents):
        return f"{index + 1} · {document_label(documents[index].type)}"
    return "?"


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
