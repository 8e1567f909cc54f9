"""The inspector's decision on the case (release, documentary check, physical inspection, hold or
seize) with notes, the supervisor's sign-off and the report export. After sign-off it only shows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

# The values of inspector.casework.Decision, in the order a case escalates.
DECISIONS = ("release", "documentary_check", "physical_inspection", "hold")


def decision_label(decision: str) -> str:
    """A decision's name for the inspector."""
    names = {
        "release": QCoreApplication.translate("decision", "Release"),
        "documentary_check": QCoreApplication.translate("decision", "Documentary check"),
        "physical_inspection": QCoreApplication.translate("decision", "Physical inspection"),
        "hold": QCoreApplication.translate("decision", "Hold / seize"),
    }
    return names.get(decision, decision)


@dataclass(frozen=True)
class DecisionView:
    """What the panel shows of a case's casework state."""

    decision: str | None = None
    note: str = ""
    decided_by: str | None = None
    signed_off_by: str | None = None
    signed_off_at: str = ""  # already formatted for display


class DecisionPanel(QWidget):
    """Radio buttons for the decision, a note, Record, Sign off and Export."""

    decideRequested = Signal(str, str)  # decision, note
    signOffRequested = Signal()
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QGroupBox(self)
        self.group = QButtonGroup(self)
        self.buttons = {d: QRadioButton(self.box) for d in DECISIONS}
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.record_button = QPushButton(self)
        self.sign_off_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.view = DecisionView()
        self.read_only = False
        self.has_case = False
        self._build_layout()
        self.retranslate()
        self.record_button.clicked.connect(self.record)
        self.sign_off_button.clicked.connect(self.signOffRequested)
        self.export_button.clicked.connect(self.exportRequested)
        self.set_case(False)

    def _build_layout(self) -> None:
        radios = QVBoxLayout(self.box)
        for decision, button in self.buttons.items():
            self.group.addButton(button, DECISIONS.index(decision))
            radios.addWidget(button)
        actions = QHBoxLayout()
        for button in (self.record_button, self.sign_off_button, self.export_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.box.setTitle(self.tr("Decision"))
        for decision, button in self.buttons.items():
            button.setText(decision_label(decision))
        self.note_label.setText(self.tr("Notes"))
        self.note.setPlaceholderText(self.tr("Why: what was checked, what was found, who was told"))
        self.record_button.setText(self.tr("Record decision"))
        self.sign_off_button.setText(self.tr("Supervisor sign-off..."))
        self.export_button.setText(self.tr("Export report..."))
        self.show_state(self.view)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_case(self, has_case: bool, recorded: bool = True) -> None:
        """Enable the panel for a recorded case (an unsaved check cannot be decided on)."""
        self.has_case = has_case and recorded
        self._update_enabled()

    def show_state(self, view: DecisionView) -> None:
        """Show the recorded decision, note and sign-off; a signed-off case becomes read-only."""
        self.view = view
        self.group.setExclusive(False)
        for decision, button in self.buttons.items():
            button.setChecked(decision == view.decision)
        self.group.setExclusive(True)
        self.note.setPlainText(view.note)
        self.read_only = bool(view.signed_off_by)
        self.status.setText(self._status_text(view))
        self._update_enabled()

    def _status_text(self, view: DecisionView) -> str:
        if view.signed_off_by:
            return self.tr("Signed off by {name} on {when}. The case is read-only.").format(
                name=view.signed_off_by, when=view.signed_off_at)
        if view.decision:
            return self.tr("Recorded decision: {decision} (by {who}). Awaiting sign-off.").format(
                decision=decision_label(view.decision), who=view.decided_by or "?")
        return self.tr("No decision recorded yet.") if self.has_case else ""

    def chosen(self) -> str | None:
        """The decision whose button is checked."""
        index = self.group.checkedId()
        return DECISIONS[index] if index >= 0 else None

    def choose(self, decision: str) -> None:
        """Check a decision's button (keyboard shortcuts, tests)."""
        if not self.read_only and decision in self.buttons:
            self.buttons[decision].setChecked(True)

    def record(self) -> None:
        """Ask to record the checked decision with the note (nothing when none is checked)."""
        decision = self.chosen()
        if decision is not None and not self.read_only:
            self.decideRequested.emit(decision, self.note.toPlainText().strip())

    def _update_enabled(self) -> None:
        editable = self.has_case and not self.read_only
        for widget in (self.box, self.note, self.record_button):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self.sign_off_button.setEnabled(editable and bool(self.view.decision))
        self.export_button.setEnabled(self.has_case)
