"""Preferences: the language, the data directory and the checks' tolerances, kept in QSettings.

The tolerances are the engine's own table (`inspector.config.Tolerances`): every field of it gets a
spin box, so a tolerance added to the engine shows up here without a change (labelled with its field
name until it is given a label below). `Preferences.config()` is the engine Config a check runs with.
A language chosen here applies at once (`ui.language.install_language`).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.config import Config, Tolerances
from inspector.paths import DataPaths, data_paths, default_data_dir
from ui.language import LANGUAGE_NAMES, current_language, install_language, system_language

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "ui/language"
DATA_DIR_KEY = "engine/data_dir"
TOLERANCE_GROUP = "tolerances"
translate = QCoreApplication.translate  # texts of this module share the "Preferences" context


@dataclass(frozen=True)
class ToleranceSpec:
    """How one tolerance is shown: label, unit, the factor from stored to shown value, and range."""

    name: str
    label: Callable[[], str]
    unit: str = ""
    scale: float = 1.0  # shown = stored * scale (a share shown as a percentage)
    decimals: int = 2
    minimum: float = 0.0
    maximum: float = 1_000_000.0


_SPECS = {
    "weight_relative": ToleranceSpec("weight_relative", lambda: translate(
        "Preferences", "Weights may differ between papers by (relative)"), "%", 100.0, 2, 0.0, 10.0),
    "weight_absolute_kg": ToleranceSpec("weight_absolute_kg", lambda: translate(
        "Preferences", "Weights may differ between papers by (absolute)"), "kg", 1.0, 2, 0.0, 1000.0),
    "sum_relative": ToleranceSpec("sum_relative", lambda: translate(
        "Preferences", "Goods lines may differ from the total by"), "%", 100.0, 3, 0.0, 10.0),
    "low_confidence": ToleranceSpec("low_confidence", lambda: translate(
        "Preferences", "A field read with confidence below this is flagged"), "%", 100.0, 0, 0.0, 100.0),
    "max_kg_per_package": ToleranceSpec("max_kg_per_package", lambda: translate(
        "Preferences", "Most net weight one package can plausibly hold"), "kg", 1.0, 0, 1.0, 100_000.0),
    "min_kg_per_package": ToleranceSpec("min_kg_per_package", lambda: translate(
        "Preferences", "Least net weight one package can plausibly hold"), "kg", 1.0, 3, 0.0, 1000.0),
    "value_low_factor": ToleranceSpec("value_low_factor", lambda: translate(
        "Preferences", "Under-valued below this share of the reference price range"), "×", 1.0, 2, 0.0, 1.0),
    "value_high_factor": ToleranceSpec("value_high_factor", lambda: translate(
        "Preferences", "Over-valued above this multiple of the reference price range"), "×", 1.0, 2, 1.0, 100.0),
}


def tolerance_specs() -> list[ToleranceSpec]:
    """A spec for every field of the engine's Tolerances, in its order."""
    return [_SPECS.get(f.name, ToleranceSpec(f.name, lambda n=f.name: n, decimals=4))
            for f in dataclasses.fields(Tolerances)]


@dataclass(frozen=True)
class Preferences:
    """What the inspector chose; `config()` turns it into the engine's Config."""

    language: str = "en"
    data_dir: str = ""  # "" for the per-user default
    tolerances: Tolerances = field(default_factory=Tolerances)

    def data_paths(self) -> DataPaths:
        """Where the databases and caches live."""
        return data_paths(self.data_dir or None)

    def config(self) -> Config:
        """The engine's Config for a check with these preferences."""
        return Config(data=self.data_paths().ensure(), tolerances=self.tolerances)


def app_settings() -> QSettings:
    """The app's settings store (the user's, per platform)."""
    return QSettings("Inspector", "Inspector")


def load_preferences(settings: QSettings) -> Preferences:
    """The stored preferences; defaults for what is missing or unreadable (logged)."""
    language = str(settings.value(LANGUAGE_KEY, system_language()))
    if language not in LANGUAGE_NAMES:
        logger.warning("stored language %r is not shipped: using %s", language, system_language())
        language = system_language()
    defaults = Tolerances()
    values = {}
    for f in dataclasses.fields(Tolerances):
        stored = settings.value(f"{TOLERANCE_GROUP}/{f.name}")
        try:
            values[f.name] = float(stored) if stored is not None else getattr(defaults, f.name)
        except (TypeError, ValueError):
            logger.warning("stored tolerance %s=%r is not a number: using the default", f.name, stored)
            values[f.name] = getattr(defaults, f.name)
    return Preferences(language, str(settings.value(DATA_DIR_KEY, "") or ""), Tolerances(**values))


def save_preferences(settings: QSettings, prefs: Preferences) -> None:
    """Store the preferences (written to disk at once)."""
    settings.setValue(LANGUAGE_KEY, prefs.language)
    settings.setValue(DATA_DIR_KEY, prefs.data_dir)
    for f in dataclasses.fields(Tolerances):
        settings.setValue(f"{TOLERANCE_GROUP}/{f.name}", float(getattr(prefs.tolerances, f.name)))
    settings.sync()


def data_dir_problem(text: str) -> str | None:
    """Why a data directory cannot be used (None when it can: empty is the default); creates it."""
    if not text.strip():
        return None
    path = Path(os.path.expanduser(text.strip()))
    if not path.is_absolute():
        return translate("Preferences", "Give the data directory as a full path (it is {path}).").format(path=text)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return translate("Preferences", "The data directory {path} cannot be made: {error}").format(
            path=path, error=exc.strerror or exc)
    if not os.access(path, os.W_OK):
        return translate("Preferences", "The data directory {path} is read-only: choose one you can write to.").format(
            path=path)
    return None


class PreferencesDialog(QDialog):
    """Language, data directory and tolerances; OK or Apply stores them and switches the language."""

    preferencesChanged = Signal(object)  # the Preferences stored

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else app_settings()
        self.specs = tolerance_specs()
        self._build()
        self.retranslate()
        prefs = load_preferences(self.settings)
        if not self.settings.contains(LANGUAGE_KEY):  # never chosen here: the language the app runs in
            prefs = dataclasses.replace(prefs, language=current_language())
        self.set_preferences(prefs)
        self.setMinimumWidth(560)

    def _build(self) -> None:
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.data_dir = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(self.browse)
        self.language_label, self.data_dir_label = QLabel(self), QLabel(self)
        self.data_dir_hint = QLabel(self)
        self.data_dir_hint.setWordWrap(True)
        general = QFormLayout()
        general.addRow(self.language_label, self.language)
        general.addRow(self.data_dir_label, row)
        general.addRow("", self.data_dir_hint)
        self.tolerances_box = QGroupBox(self)
        form = QFormLayout(self.tolerances_box)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.spin_labels: dict[str, QLabel] = {}
        for spec in self.specs:
            spin = QDoubleSpinBox(self.tolerances_box)
            spin.setDecimals(spec.decimals)
            spin.setRange(spec.minimum, spec.maximum)
            spin.setSingleStep(10.0 ** -spec.decimals if spec.decimals else 1.0)
            if spec.unit:
                spin.setSuffix(f" {spec.unit}")
            self.spins[spec.name], self.spin_labels[spec.name] = spin, QLabel(self.tolerances_box)
            form.addRow(self.spin_labels[spec.name], spin)
        self.defaults = QPushButton(self.tolerances_box)
        self.defaults.clicked.connect(self.restore_defaults)
        form.addRow("", self.defaults)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8e0000;")
        self.error.hide()
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Apply | buttons.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(buttons.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(self.tolerances_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(translate("Preferences", "Preferences"))
        self.language_label.setText(translate("Preferences", "Language"))
        self.data_dir_label.setText(translate("Preferences", "Data directory"))
        self.data_dir.setPlaceholderText(str(default_data_dir()))
        self.data_dir_hint.setText(translate(
            "Preferences", "Databases, OCR cache and logs. Empty: the default, {path}. A new directory "
                           "starts with empty case history.").format(path=default_data_dir()))
        self.browse.setText(translate("Preferences", "Browse..."))
        self.tolerances_box.setTitle(translate("Preferences", "Tolerances of the checks"))
        for spec in self.specs:
            self.spin_labels[spec.name].setText(spec.label())
        self.defaults.setText(translate("Preferences", "Restore the default tolerances"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow a language switch (the one made here included)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_preferences(self, prefs: Preferences) -> None:
        """Show these preferences in the widgets."""
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.data_dir.setText(prefs.data_dir)
        self._set_tolerances(prefs.tolerances)

    def _set_tolerances(self, tolerances: Tolerances) -> None:
        for spec in self.specs:
            self.spins[spec.name].setValue(getattr(tolerances, spec.name) * spec.scale)

    def restore_defaults(self) -> None:
        """Put the engine's default tolerances back in the widgets (stored on OK or Apply)."""
        self._set_tolerances(Tolerances())

    def preferences(self) -> Preferences:
        """The preferences as the widgets show them."""
        values = {spec.name: round(self.spins[spec.name].value() / spec.scale, spec.decimals + 4)
                  for spec in self.specs}
        return Preferences(self.language.currentData(), self.data_dir.text().strip(), Tolerances(**values))

    def apply(self) -> bool:
        """Validate, store, switch the language; False (and the reason shown) when refused."""
        prefs = self.preferences()
        problem = data_dir_problem(prefs.data_dir)
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        if problem is not None:
            return False
        save_preferences(self.settings, prefs)
        app = QCoreApplication.instance()
        if app is not None and prefs.language != current_language():
            install_language(app, prefs.language)
        self.preferencesChanged.emit(prefs)
        return True

    def accept(self) -> None:
        """Apply, and close when accepted."""
        if self.apply():
            super().accept()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("Preferences", "Choose the data directory"),
                                                  self.data_dir.text() or str(default_data_dir()))
        if folder:
            self.data_dir.setText(folder)
