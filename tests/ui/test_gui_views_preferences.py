"""Preferences: language, data directory and tolerances stored in QSettings, read back into the engine's
Config; a language chosen applies at once; a data directory that cannot be used is refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings

from inspector.config import Tolerances
from ui.language import current_language, install_language
from ui.preferences import (
    Preferences,
    PreferencesDialog,
    load_preferences,
    save_preferences,
    tolerance_specs,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """A settings file of this test only (never the user's)."""
    return QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def english_after(qapp):
    """Whatever the test switches to, English and the locale before it come back."""
    before = QLocale()
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")
    QLocale.setDefault(before)


def make_dialog(qtbot, settings: QSettings) -> PreferencesDialog:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def test_every_engine_tolerance_has_a_field() -> None:
    names = [spec.name for spec in tolerance_specs()]
    assert names == [f.name for f in dataclasses.fields(Tolerances)]
    assert all(spec.label() != spec.name for spec in tolerance_specs())  # each one labelled for people


def test_stored_preferences_round_trip_into_the_engine_config(settings, tmp_path: Path) -> None:
    prefs = Preferences("zh_CN", str(tmp_path / "office-data"), Tolerances(weight_relative=0.01, low_confidence=0.7))
    save_preferences(settings, prefs)
    again = load_preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again == prefs
    config = again.config()
    assert config.data.root == tmp_path / "office-data" and config.tolerances.low_confidence == 0.7


def test_missing_or_garbled_settings_fall_back_to_the_defaults(settings) -> None:
    settings.setValue("tolerances/weight_relative", "a lot")
    settings.setValue("ui/language", "klingon")
    prefs = load_preferences(settings)
    assert prefs.tolerances == Tolerances() and prefs.language in ("en", "zh_CN") and prefs.data_dir == ""


def test_the_dialog_stores_what_was_set_and_switches_the_language_at_once(qtbot, settings, tmp_path,
                                                                           english_after) -> None:
    dialog = make_dialog(qtbot, settings)
    assert dialog.spins["low_confidence"].value() == pytest.approx(60.0)  # shown as a percentage
    dialog.spins["low_confidence"].setValue(72)
    dialog.spins["max_kg_per_package"].setValue(2500)
    dialog.data_dir.setText(str(tmp_path / "new-data"))
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    with qtbot.waitSignal(dialog.preferencesChanged, timeout=2000) as changed:
        dialog.accept()
    prefs = changed.args[0]
    assert prefs.tolerances.low_confidence == pytest.approx(0.72)
    assert prefs.tolerances.max_kg_per_package == 2500 and prefs.tolerances.weight_relative == 0.005
    assert load_preferences(settings) == prefs and (tmp_path / "new-data").is_dir()
    assert current_language() == "zh_CN"
    qtbot.waitUntil(lambda: dialog.windowTitle() == "首选项", timeout=2000)


def test_an_unusable_data_directory_is_refused_and_nothing_is_stored(qtbot, settings, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    dialog = make_dialog(qtbot, settings)
    dialog.data_dir.setText(str(blocker / "data"))
    assert not dialog.apply()
    assert dialog.error.isVisibleTo(dialog) and "a-file" in dialog.error.text()
    dialog.data_dir.setText("relative/data")
    assert not dialog.apply() and "full path" in dialog.error.text()
    assert settings.allKeys() == []


def test_restore_the_default_tolerances(qtbot, settings) -> None:
    save_preferences(settings, Preferences("en", "", Tolerances(sum_relative=0.02)))
    dialog = make_dialog(qtbot, settings)
    assert dialog.preferences().tolerances.sum_relative == pytest.approx(0.02)
    dialog.restore_defaults()
    assert dialog.preferences().tolerances == Tolerances()
