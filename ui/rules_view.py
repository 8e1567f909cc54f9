"""The rules view: browse and search the rules database (HS nomenclature, control lines, licences with
what is left of each, watchlists) and import licence and watchlist files after a preview.

Searches and imports run on pool threads (`ui.tasks`); the engine parses, validates and imports
(`inspector.db.rules.browse`, `inspector.db.rules.preview`), the view shows what it returns. An import
always shows its preview first: what the file holds, what it adds and replaces, what deserves a second
look; nothing is written until the inspector confirms.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.db.rules import browse
from inspector.db.rules.preview import (
    ImportKind,
    ImportPreview,
    apply_import,
    preview_licences,
    preview_watchlist,
)
from inspector.db.rules.records import HsEntry, WatchEntry
from inspector.db.rules.repository import rules_version
from inspector.paths import DataPaths
from ui.databases import Databases
from ui.language import current_language, format_date, format_kg
from ui.tasks import TaskRunner, as_data_paths

SEARCH_DELAY_MS = 250  # wait for a pause in typing before searching
PREVIEW_ROWS = 1000  # rows listed in an import preview (all are counted)
RESIZE_SAMPLE = 100  # rows measured to size a column (all of them would stall the window)
OVER_USED = QColor("#c62828")
translate = QCoreApplication.translate  # texts of this module share the "RulesView" context
EXPIRED = QColor("#9e9e9e")


@dataclass(frozen=True)
class Tab:
    """One kind of rules data: how to search it and how to show a row."""

    key: str
    title: Callable[[], str]
    columns: Callable[[], list[str]]
    search: Callable[[Databases, str, str | None], list[Any]]
    row: Callable[[Any], QTreeWidgetItem]


def _rules_query(query: Callable[..., list[Any]]) -> Callable[[Databases, str, str | None], list[Any]]:
    def run(databases: Databases, text: str, _choice: str | None) -> list[Any]:
        with databases.sessions(cases=False) as (rules, _cases):
            return query(rules, text)

    return run


def _licences(databases: Databases, text: str, _choice: str | None) -> list[browse.LicenceBalance]:
    with databases.sessions() as (rules, cases):
        return browse.licence_balances(rules, cases, text)


def _watchlist(databases: Databases, text: str, choice: str | None) -> list[WatchEntry]:
    with databases.sessions(cases=False) as (rules, _cases):
        return browse.search_watchlist(rules, text, choice or None)


def _item(columns: Sequence[str], tooltip: str = "") -> QTreeWidgetItem:
    item = QTreeWidgetItem([c or "" for c in columns])
    for i, text in enumerate(columns):
        if text and len(text) > 60:
            item.setToolTip(i, text)
    if tooltip:
        item.setToolTip(0, tooltip)
    return item


def _hs_row(e: HsEntry) -> QTreeWidgetItem:
    return _item([e.code, str(e.level), e.description])


def _control_row(c: browse.ControlLine) -> QTreeWidgetItem:
    suspended = ""
    if c.suspended_until or c.suspended_from:
        suspended = translate("RulesView", "{start} to {end}").format(start=format_date(c.suspended_from) or "?",
                                                  end=format_date(c.suspended_until) or "?")
        if c.suspended_by:
            suspended += f" ({c.suspended_by})"
    item = _item([c.announcement, c.item, c.hs_code or "", c.family, format_date(c.effective_date), c.status,
                  suspended, c.source or ""], "\n".join(filter(None, (c.notes, c.unsure))))
    if c.unsure:
        font = item.font(1)
        font.setItalic(True)
        item.setFont(1, font)
        item.setToolTip(1, translate("RulesView", "Unsure: {why}").format(why=c.unsure))
    return item


def _licence_row(b: browse.LicenceBalance) -> QTreeWidgetItem:
    r = b.licence
    item = _item([r.licence_number, r.holder, r.consignee, r.destination_country, r.hs_code,
                  format_kg(r.quantity_kg), format_kg(b.shipped_kg), format_kg(b.remaining_kg),
                  format_date(r.valid_from), format_date(r.valid_to), ", ".join(b.cases)])
    if b.remaining_kg < 0:
        item.setForeground(7, QBrush(OVER_USED))
        item.setToolTip(7, translate("RulesView", "Over-used: more was shipped than the licence allows."))
    if r.valid_to < dt.date.today():
        item.setForeground(9, QBrush(EXPIRED))
        item.setToolTip(9, translate("RulesView", "Expired."))
    return item


def _watch_row(w: WatchEntry) -> QTreeWidgetItem:
    return _item([w.list_name, w.name, "; ".join(w.aliases), w.country or "", w.reason or "", w.source_id or ""])


def tabs() -> list[Tab]:
    """The four kinds of rules data the view shows."""
    return [
        Tab("hs", lambda: translate("RulesView", "HS nomenclature"), lambda: [translate("RulesView", "Code"), translate("RulesView", "Level"), translate("RulesView", "Description")],
            _rules_query(browse.search_hs), _hs_row),
        Tab("controls", lambda: translate("RulesView", "Controls"), lambda: [
            translate("RulesView", "Announcement"), translate("RulesView", "Item"), translate("RulesView", "HS code"), translate("RulesView", "Family"), translate("RulesView", "In force from"), translate("RulesView", "Status"),
            translate("RulesView", "Suspended"), translate("RulesView", "Source")], _rules_query(browse.search_controls), _control_row),
        Tab("licences", lambda: translate("RulesView", "Licences"), lambda: [
            translate("RulesView", "Licence"), translate("RulesView", "Holder"), translate("RulesView", "Consignee"), translate("RulesView", "Destination"), translate("RulesView", "HS code"), translate("RulesView", "Quantity"),
            translate("RulesView", "Shipped"), translate("RulesView", "Remaining"), translate("RulesView", "Valid from"), translate("RulesView", "Valid to"), translate("RulesView", "Cases")], _licences,
            _licence_row),
        Tab("watchlists", lambda: translate("RulesView", "Watchlists"), lambda: [
            translate("RulesView", "List"), translate("RulesView", "Name"), translate("RulesView", "Aliases"), translate("RulesView", "Country"), translate("RulesView", "Reason"), translate("RulesView", "Source id")], _watchlist,
            _watch_row),
    ]


class BrowseTab(QWidget):
    """A search box, an optional choice (a watchlist) and the matching rows."""

    loaded = Signal(str)  # the tab's key
    failed = Signal(str)

    def __init__(self, tab: Tab, databases: Databases, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab, self.databases = tab, databases
        self.rows: list[Any] = []
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_failed)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.choice = QComboBox(self)
        self.choice.setVisible(tab.key == "watchlists")
        self.count = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setResizeContentsPrecision(RESIZE_SAMPLE)
        self.stale = False  # rows came that the list does not show yet
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.choice.activated.connect(lambda _i: self.refresh())
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.search, 1)
        self.bar.addWidget(self.choice)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)

    def retranslate(self) -> None:
        """Texts in the current language; rows again (dates and numbers)."""
        self.search.setPlaceholderText(translate("RulesView", "Search: code, words, names..."))
        self.tree.setHeaderLabels(self.tab.columns())
        if self.choice.count():
            self.choice.setItemText(0, translate("RulesView", "All lists"))
        self.stale = True  # dates and numbers again, in the new locale
        if self.isVisible():
            self._fill()

    def refresh(self) -> None:
        """Search again with the text typed (and the chosen list)."""
        tab, databases, text = self.tab, self.databases, self.search.text()
        choice = self.choice.currentData() if self.choice.isVisible() else None
        self.timer.stop()
        self.tasks.run(lambda: tab.search(databases, text, choice), self._show)

    def set_lists(self, names: Sequence[str]) -> None:
        """The watchlists to choose from (after "All lists")."""
        current = self.choice.currentData()
        self.choice.clear()
        self.choice.addItem(translate("RulesView", "All lists"), None)
        for name in names:
            self.choice.addItem(name, name)
        self.choice.setCurrentIndex(max(0, self.choice.findData(current)))

    def _show(self, rows: list[Any]) -> None:
        self.rows, self.stale = rows, True
        if self.isVisible():  # a hidden tab is filled when shown: four at once would stall the window
            self._fill()
        self.loaded.emit(self.tab.key)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Fill the list with the rows that came while the tab was hidden."""
        super().showEvent(event)
        if self.stale:
            self._fill()

    def _fill(self) -> None:
        self.stale = False
        self.tree.clear()
        self.tree.addTopLevelItems([self.tab.row(r) for r in self.rows])
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 320))
        self.count.setText(translate("RulesView", "{n} row(s)").format(n=len(self.rows)))

    def _on_failed(self, message: str) -> None:
        self.count.setText(message)
        self.failed.emit(message)

    def texts(self, column: int) -> list[str]:
        """A column as shown (tests, copying)."""
        return [self.tree.topLevelItem(i).text(column) for i in range(self.tree.topLevelItemCount())]


class RulesView(QWidget):
    """Browse the rules database and import licence and watchlist files (after a preview)."""

    loaded = Signal(str)  # a tab's results are shown (its key)
    failed = Signal(str)
    previewShown = Signal(object)  # the ImportPreviewDialog, open
    imported = Signal(str, int)  # kind, rows imported

    def __init__(self, parent: QWidget | None = None,
                 data_paths: DataPaths | str | os.PathLike[str] | None = None) -> None:
        super().__init__(parent)
        self.paths = as_data_paths(data_paths)
        self.databases = Databases(self.paths)
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_failed)
        self.preview_dialog: ImportPreviewDialog | None = None
        self.version = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, BrowseTab] = {}
        for tab in tabs():
            page = BrowseTab(tab, self.databases, self.tabs)
            page.loaded.connect(self.loaded)
            page.failed.connect(self._on_failed)
            self.pages[tab.key] = page
            self.tabs.addTab(page, "")
        self.import_licences_button = QPushButton(self)
        self.import_licences_button.clicked.connect(lambda: self.choose_file(ImportKind.LICENCES))
        self.pages["licences"].bar.addWidget(self.import_licences_button)
        self.import_watchlist_button = QPushButton(self)
        self.import_watchlist_button.clicked.connect(lambda: self.choose_file(ImportKind.WATCHLIST))
        self.pages["watchlists"].bar.addWidget(self.import_watchlist_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.version)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        for index, page in enumerate(self.pages.values()):
            self.tabs.setTabText(index, page.tab.title())
            page.retranslate()
        self.import_licences_button.setText(translate("RulesView", "Import licences..."))
        self.import_watchlist_button.setText(translate("RulesView", "Import watchlist..."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Read the database the first time the view is shown."""
        super().showEvent(event)
        if not self.version.text():
            self.refresh()

    def refresh(self) -> None:
        """Read the rules version and list names, and search every tab again."""
        databases = self.databases

        def work() -> tuple[str, list[str]]:
            with databases.sessions(cases=False) as (rules, _cases):
                return rules_version(rules), browse.watchlist_names(rules)

        self.tasks.run(work, self._on_meta)

    def _on_meta(self, meta: tuple[str, list[str]]) -> None:
        version, names = meta
        self.version.setText(translate("RulesView", "Rules version {version}").format(version=version))
        self.pages["watchlists"].set_lists(names)
        for page in self.pages.values():
            page.refresh()

    def search(self, key: str, text: str) -> None:
        """Show a tab and search it (as if typed)."""
        self.tabs.setCurrentWidget(self.pages[key])
        self.pages[key].search.setText(text)
        self.pages[key].refresh()

    # --- imports ------------------------------------------------------------------------------

    def choose_file(self, kind: ImportKind) -> None:
        """Ask for a licence or watchlist CSV and preview it."""
        title = translate("RulesView", "Import licences") if kind == ImportKind.LICENCES else translate("RulesView", "Import a watchlist")
        path, _ = QFileDialog.getOpenFileName(self, title, "", translate("RulesView", "CSV files (*.csv);;All files (*)"))
        if path:
            self.preview_file(kind, path)

    def preview_file(self, kind: ImportKind, path: str | Path, list_name: str | None = None) -> None:
        """Parse and validate a file, then show what importing it would do (nothing is written)."""
        databases = self.databases
        self.status.setText(translate("RulesView", "Reading {file}...").format(file=Path(path).name))

        def work() -> ImportPreview:
            with databases.sessions(cases=False) as (rules, _cases):
                if kind == ImportKind.LICENCES:
                    return preview_licences(rules, path)
                return preview_watchlist(rules, path, list_name or None)

        self.tasks.run(work, self._show_preview)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.status.clear()
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        dialog = ImportPreviewDialog(preview, self)
        dialog.accepted.connect(lambda: self.apply(preview))
        dialog.relist.connect(lambda name: self.preview_file(preview.kind, preview.path, name))
        self.preview_dialog = dialog
        dialog.open()
        self.previewShown.emit(dialog)

    def apply(self, preview: ImportPreview) -> None:
        """Import the previewed file."""
        databases = self.databases

        def work() -> int:
            with databases.sessions(cases=False) as (rules, _cases):
                count = apply_import(rules, preview)
                rules.commit()
                return count

        self.tasks.run(work, lambda count: self._imported(preview, count))

    def _imported(self, preview: ImportPreview, count: int) -> None:
        text = (translate("RulesView", "Imported {n} licence(s) from {file}.") if preview.kind == ImportKind.LICENCES
                else translate("RulesView", "Imported {n} watchlist entr(ies) from {file}."))
        self.status.setText(text.format(n=count, file=preview.path.name))
        self.imported.emit(str(preview.kind), count)
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self.failed.emit(message)


class ImportPreviewDialog(QDialog):
    """What importing a file would do; Import writes it, Cancel leaves the database as it is."""

    relist = Signal(str)  # preview the watchlist again under this list name

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.resize(900, 560)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #8e0000;")
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setResizeContentsPrecision(RESIZE_SAMPLE)
        self.list_name = QLineEdit(preview.list_name or "", self)
        self.relist_button = QPushButton(self)
        self.relist_button.clicked.connect(lambda: self.relist.emit(self.list_name.text().strip()))
        list_row = QHBoxLayout()
        list_row.addWidget(self.list_name, 1)
        list_row.addWidget(self.relist_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(preview.rows > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if preview.kind == ImportKind.WATCHLIST:
            layout.addLayout(list_row)
        else:  # a licence file has no list name
            self.list_name.hide()
            self.relist_button.hide()
        layout.addWidget(self.notes)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        p = self.preview
        self.setWindowTitle(translate("RulesView", "Import preview: {file}").format(file=p.path.name))
        self.import_button.setText(translate("RulesView", "Import"))
        self.relist_button.setText(translate("RulesView", "Preview under this list name"))
        self.list_name.setPlaceholderText(translate("RulesView", "List name (empty: as named in the file)"))
        self.summary.setText(self.summary_text())
        zh = current_language().startswith("zh")
        self.notes.setText("\n".join(n.zh if zh else n.en for n in p.notes))
        self.notes.setVisible(bool(p.notes))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def summary_text(self) -> str:
        """One paragraph: what the file holds and what it would change."""
        p = self.preview
        if p.kind == ImportKind.LICENCES:
            return translate("RulesView", "{file}: {n} licence(s); {new} new, {replaced} replacing licences of the same number.").format(
                file=p.path.name, n=p.rows, new=p.rows - p.replaced, replaced=p.replaced)
        lists = "; ".join(translate("RulesView", "{name}: {now} entries now, {after} after").format(
            name=c.list_name, now=c.entries_now, after=c.entries_after) for c in p.lists)
        return translate("RulesView", "{file}: {n} entr(ies). Each list named is replaced as a whole: {lists}.").format(
            file=p.path.name, n=p.rows, lists=lists)

    def _fill(self) -> None:
        self.tree.clear()
        if self.preview.kind == ImportKind.LICENCES:
            self.tree.setHeaderLabels([translate("RulesView", "Licence"), translate("RulesView", "Holder"), translate("RulesView", "Consignee"), translate("RulesView", "Destination"), translate("RulesView", "HS code"),
                                       translate("RulesView", "Quantity"), translate("RulesView", "Valid from"), translate("RulesView", "Valid to"), translate("RulesView", "Import")])
            rows = [_item([r.licence_number, r.holder, r.consignee, r.destination_country, r.hs_code,
                           format_kg(r.quantity_kg), format_date(r.valid_from), format_date(r.valid_to),
                           translate("RulesView", "replaces") if r.replaces else translate("RulesView", "new")]) for r in self.preview.licences[:PREVIEW_ROWS]]
        else:
            self.tree.setHeaderLabels([translate("RulesView", "List"), translate("RulesView", "Name"), translate("RulesView", "Aliases"), translate("RulesView", "Country"), translate("RulesView", "Reason")])
            rows = [_item([e.list_name, e.name, "; ".join(e.aliases), e.country or "", e.reason or ""])
                    for e in self.preview.entries[:PREVIEW_ROWS]]
        self.tree.addTopLevelItems(rows)
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 260))
