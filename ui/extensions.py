"""The optional views hooked into the main window's menus: History and Rules (View), Preferences
(Edit), Capture (File). Each is imported when its module is there; the window works without any of
them (a missing one leaves its menu entry out)."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from inspector.models import Finding

if TYPE_CHECKING:
    from ui.main_window import MainWindow

logger = logging.getLogger(__name__)
translate = QCoreApplication.translate


def optional(module: str, name: str) -> Any:
    """`module.name` when the module imports, None otherwise (logged)."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        logger.info("%s.%s not available: %s", module, name, exc)
        return None


class Extensions:
    """Creates the optional views on first use, as windows of their own owned by the main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.views: dict[str, QWidget] = {}
        self.actions: dict[str, QAction] = {}
        self._add("history", "ui.history_view", "HistoryView", window.view_menu, "Ctrl+H",
                  self.show_history)  # fmt: skip
        if "history" in self.actions:
            window.evidence.history_available = True
            window.evidence.historyRequested.connect(self.show_linked_cases)
        self._add("rules", "ui.rules_view", "RulesView", window.view_menu, "Ctrl+R", self.show_rules)
        self._add("preferences", "ui.preferences", "PreferencesDialog", window.edit_menu,
                  "Ctrl+,", self.show_preferences)  # fmt: skip
        self._add("capture", "ui.capture", "CaptureDialog", window.file_menu, "Ctrl+Shift+C",
                  self.show_capture, before=window.export_action)  # fmt: skip

    def _add(self, key: str, module: str, name: str, menu: Any, shortcut: object,
             slot: Callable[[], Any], before: QAction | None = None) -> None:  # fmt: skip
        if optional(module, name) is None:
            return
        action = QAction(self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        if before is not None:
            menu.insertAction(before, action)
        else:
            menu.addAction(action)
        self.actions[key] = action

    def retranslate(self) -> None:
        """Menu texts in the current language."""
        texts = {
            "history": translate("Extensions", "History..."),
            "rules": translate("Extensions", "Rules..."),
            "preferences": translate("Extensions", "Preferences..."),
            "capture": translate("Extensions", "Capture from a camera..."),
        }
        for key, action in self.actions.items():
            action.setText(texts[key])

    # --- the views ---------------------------------------------------------------------------

    def _view(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        view = self.views.get(key)
        if view is None:
            view = make()
            view.setWindowFlag(Qt.WindowType.Window, True)
            self.views[key] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def show_history(self) -> QWidget:
        """The history view (a party's shipments, linked cases); a chosen case opens here."""
        def make() -> QWidget:
            view = optional("ui.history_view", "HistoryView")(self.window, self.window.data_dir)
            view.caseChosen.connect(self.window.open_case)
            view.setWindowTitle(translate("Extensions", "History"))
            return view

        return self._view("history", make)

    def show_linked_cases(self, finding: Finding) -> QWidget | None:
        """The history view on the cases a finding links to (with the shown case)."""
        if "history" not in self.actions:
            return None
        view = self.show_history()
        result = self.window.result
        if finding.code == "FRAGMENTATION_SUSPECTED" and hasattr(view, "show_fragmentation"):
            view.show_fragmentation(finding, result.case_id if result else None,
                                    result.shipment_date if result else None,
                                    str(result.lane) if result else None)  # fmt: skip
        else:
            view.show_linked_cases([str(c.get("case_id")) for c in finding.evidence.get("linked_cases", [])])
        return view

    def show_rules(self) -> QWidget:
        """The rules view (nomenclature, controls, licences, watchlists, imports)."""
        def make() -> QWidget:
            view = optional("ui.rules_view", "RulesView")(self.window, self.window.data_dir)
            view.setWindowTitle(translate("Extensions", "Rules"))
            return view

        return self._view("rules", make)

    def show_preferences(self) -> QWidget:
        """The preferences dialog; stored preferences apply to the next check at once."""
        dialog = optional("ui.preferences", "PreferencesDialog")(parent=self.window)
        dialog.preferencesChanged.connect(self.window.apply_preferences)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_capture(self) -> QWidget:
        """The camera capture dialog; the captured pages are checked as one case."""
        dialog = optional("ui.capture", "CaptureDialog")(parent=self.window,
                                                         data_dir=self.window.data_dir)
        if hasattr(dialog, "captured"):
            dialog.captured.connect(lambda paths: self.window.start_check(list(paths)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def close(self) -> None:
        """Close the views' windows with the main window."""
        for view in self.views.values():
            view.close()
