"""Checks interrupted by a crash, a kill or a power cut (the engine's journal, inspector.journal): at
start the window says which, and offers to check the oldest again or to forget it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from inspector import journal
from inspector.journal import Entry
from inspector.paths import data_paths


def tr(text: str) -> str:
    return QCoreApplication.translate("InterruptedChecks", text)


def interrupted(data_dir: str | Path | None) -> list[Entry]:
    """The interrupted checks of a data directory, oldest first (none when it cannot be read)."""
    try:
        return journal.pending(data_paths(data_dir))
    except (OSError, ValueError):
        return []


def describe(entry: Entry) -> str:
    """One line: when it started and which files."""
    names = ", ".join(os.path.basename(p) for p in entry.paths[:3])
    if len(entry.paths) > 3:
        names += tr(" and {n} more").format(n=len(entry.paths) - 3)
    started = entry.started_at[:19].replace("T", " ")
    return tr("started {when}: {files}").format(when=started, files=names)


def offer(parent: QWidget, data_dir: str | Path | None, entries: list[Entry],
          recheck: Callable[[list[str], str | None], bool]) -> QMessageBox:
    """A window-modal box naming the interrupted checks; "Check again" forgets the oldest's marker and
    checks its files again (under the inspector's own case id, when there was one), "Forget" forgets
    them all, "Later" keeps them for the next start."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Interrupted checks"),
                      tr("{n} check(s) stopped before their case was recorded (the app or the computer "
                         "stopped). Nothing recorded before was lost.").format(n=len(entries)), parent=parent)
    box.setDetailedText("\n".join(describe(e) for e in entries))
    again = box.addButton(tr("Check the oldest again"), QMessageBox.ButtonRole.AcceptRole)
    forget = box.addButton(tr("Forget them"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
    paths = data_paths(data_dir)

    def chosen(button: object) -> None:
        if button is again:
            oldest = entries[0]
            journal.forget(paths, oldest.token)  # the new check journals itself
            recheck(list(oldest.paths), oldest.case_id if oldest.requested else None)
        elif button is forget:
            for entry in entries:
                journal.forget(paths, entry.token)

    box.buttonClicked.connect(chosen)
    box.open()
    return box
