"""The history view: a party's shipments over time, and the cases a fragmentation finding links.

The chart (`ui.shipment_chart`) puts each shipment's net weight against its date, coloured by the lane
its case got, with the office's thresholds, the round quantity a finding named, or a licence's
quantity with the running total shipped under it. The engine's queries (`inspector.history.queries`)
run on a pool thread; the view shows what they return.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector.history.queries import (
    EntityHistory,
    FragmentationLinks,
    ShipmentPoint,
    case_fragmentation,
    case_shipments,
    entity_history,
    find_entities,
    fragmentation_links,
)
from inspector.history.store import EntityView
from inspector.models import Finding
from inspector.paths import DataPaths
from ui.databases import Databases
from ui.language import format_date, format_kg
from ui.shipment_chart import ChartData, ShipmentChart, lane_colour, quantity_label
from ui.tasks import TaskRunner, as_data_paths


@dataclass(frozen=True)
class LinkedShown:
    """What the view shows for a fragmentation finding."""

    links: FragmentationLinks
    points: tuple[ShipmentPoint, ...]


class HistoryView(QWidget):
    """A party entity's shipments over time, or the cases linked by a fragmentation finding."""

    loaded = Signal()  # a result is on screen
    failed = Signal(str)
    caseChosen = Signal(str)  # the inspector picked a shipment (double-click or a click on its point)

    COLUMNS = 10

    def __init__(self, parent: QWidget | None = None,
                 data_paths: DataPaths | str | os.PathLike[str] | None = None) -> None:
        super().__init__(parent)
        self.paths = as_data_paths(data_paths)
        self.databases = Databases(self.paths)
        self.shown: EntityHistory | LinkedShown | None = None
        self.candidates: list[EntityView] = []
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_failed)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.returnPressed.connect(self._search)
        self.search_button = QPushButton(self)
        self.search_button.clicked.connect(self._search)
        self.choice = QComboBox(self)
        self.choice.setVisible(False)
        self.choice.activated.connect(self._choose)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.search_button)
        bar.addWidget(self.choice, 1)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = ShipmentChart(self)
        self.chart.pointClicked.connect(self._point_clicked)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.itemDoubleClicked.connect(lambda item, _c: self.caseChosen.emit(item.text(1)))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([320, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)

    def retranslate(self) -> None:
        """Set every text in the current language (also dates and numbers already shown)."""
        self.search.setPlaceholderText(self.tr("Exporter or consignee name"))
        self.search_button.setText(self.tr("Show history"))
        self.table.setHeaderLabels([
            self.tr("Date"), self.tr("Case"), self.tr("Net weight"), self.tr("Lane"), self.tr("Exporter"),
            self.tr("Consignee"), self.tr("Goods family"), self.tr("Port of loading"), self.tr("Invoice"),
            self.tr("Licence")])
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- what to show -------------------------------------------------------------------------

    def show_entity(self, ref: int | str) -> None:
        """Show the shipments of a party entity: its id, or a name as read on the papers."""
        databases = self.databases

        def work() -> EntityHistory:
            with databases.sessions() as (rules, cases):
                return entity_history(cases, rules, ref)

        self.tasks.run(work, self._show)

    def find(self, text: str) -> None:
        """Look up the entities a name may stand for and show the closest one's history."""
        databases = self.databases

        def work() -> tuple[str, list[EntityView], EntityHistory | None]:
            with databases.sessions() as (rules, cases):
                found = find_entities(cases, text)
                return text, found, entity_history(cases, rules, found[0].id) if found else None

        self.tasks.run(work, self._found)

    def show_linked_cases(self, case_ids: Sequence[str], links: FragmentationLinks | None = None,
                          current: ShipmentPoint | None = None) -> None:
        """Show these recorded cases (a fragmentation finding's linked lots) on the chart and the list,
        with the finding's threshold or licence line and the running total; `current` is the case of
        the finding, drawn from what is known of it when it is not recorded yet."""
        databases = self.databases
        links = links or FragmentationLinks(None, tuple(case_ids), None, None, None, (), ())
        wanted = list(dict.fromkeys([*case_ids, *([current.case_id] if current else [])]))

        def work() -> LinkedShown:
            with databases.sessions(rules=False) as (_rules, cases):
                points = case_shipments(cases, wanted)
            if current is not None and all(p.case_id != current.case_id for p in points):
                points.append(current)
            return LinkedShown(links, tuple(points))

        self.tasks.run(work, self._show)

    def show_fragmentation(self, finding: Finding, case_id: str | None = None, shipped: dt.date | None = None,
                           lane: str | None = None) -> None:
        """Show the cases a FRAGMENTATION_SUSPECTED finding links, with the finding's own case (its id,
        shipment date and lane, as the check found them)."""
        links = fragmentation_links(finding.evidence, case_id)
        current = None
        if case_id is not None or links.shipment_net_kg is not None:
            current = ShipmentPoint(case_id or self.tr("(this case)"), shipped, links.shipment_net_kg, lane)
        self.show_linked_cases(links.linked, links, current)

    def show_case_links(self, case_id: str) -> None:
        """Show the cases linked to a recorded case by its fragmentation finding (none: the case alone)."""
        databases = self.databases

        def work() -> LinkedShown:
            with databases.sessions(rules=False) as (_rules, cases):
                links = case_fragmentation(cases, case_id) or FragmentationLinks(case_id, (), None, None, None,
                                                                                 (), ())
                points = case_shipments(cases, [*links.linked, case_id])
            return LinkedShown(links, tuple(points))

        self.tasks.run(work, self._show)

    # --- results ------------------------------------------------------------------------------

    def _search(self) -> None:
        text = self.search.text().strip()
        if text:
            self.find(text)

    def _found(self, result: tuple[str, list[EntityView], EntityHistory | None]) -> None:
        text, found, history = result
        self.candidates = found
        self.choice.clear()
        for e in found:
            self.choice.addItem(f"{e.name}  ({'; '.join(e.spellings[:3])})", e.id)
        self.choice.setVisible(len(found) > 1)
        if history is None:
            self.shown = None
            self._render()
            self._on_failed(self.tr("No party named like {name} in the history.").format(name=text))
            return
        self._show(history)

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.candidates):
            self.show_entity(self.candidates[index].id)

    def _show(self, shown: EntityHistory | LinkedShown) -> None:
        self.shown = shown
        self._render()
        self.loaded.emit()

    def _on_failed(self, message: str) -> None:
        self.title.setText(message)
        self.failed.emit(message)

    def _render(self) -> None:
        shown = self.shown
        if shown is None:
            self.title.setText(self.tr("Type a party's name to see its shipments over time."))
            self.chart.set_data(ChartData())
            self.table.clear()
            return
        if isinstance(shown, EntityHistory):
            points, data = shown.shipments, ChartData(shown.shipments, shown.lines)
            self.title.setText(self._entity_title(shown))
        else:
            points = shown.points
            data = ChartData(points, shown.links.lines, frozenset({shown.links.case_id} - {None}), True)
            self.title.setText(self._links_title(shown))
        self.chart.set_data(data)
        self._fill_table(points)

    def _entity_title(self, shown: EntityHistory) -> str:
        spelt = "; ".join(shown.entity.spellings)
        return self.tr("{name}: {n} shipment(s). Spelt: {spellings}").format(
            name=shown.entity.name, n=len(shown.shipments), spellings=spelt)

    def _links_title(self, shown: LinkedShown) -> str:
        links = shown.links
        text = self.tr("Cases linked by the fragmentation finding: {n} earlier lot(s)").format(n=len(links.linked))
        if links.window_days:
            text += self.tr(" within {days} days").format(days=links.window_days)
        if links.aggregate_kg is not None:
            text += self.tr("; together {kg}").format(kg=format_kg(links.aggregate_kg))
        for line in links.lines:
            text += self.tr("; {line}").format(line=quantity_label(line))
        missing = set(links.linked) - {p.case_id for p in shown.points}
        if missing:
            text += self.tr(" ({n} linked case(s) not in this database: {cases})").format(
                n=len(missing), cases=", ".join(sorted(missing)))
        return text

    def _fill_table(self, points: Sequence[ShipmentPoint]) -> None:
        self.table.clear()
        highlight = self.chart.data.highlight
        for p in sorted(points, key=lambda p: (p.shipped or dt.date.min, p.case_id)):
            item = QTreeWidgetItem([
                format_date(p.shipped), p.case_id, format_kg(p.net_kg), lane_name(p.lane), p.exporter or "",
                p.consignee or "", p.family, p.port_of_loading or "", p.invoice_number or "", p.licence_number or ""])
            item.setForeground(3, lane_colour(p.lane))
            if p.case_id in highlight:
                font = item.font(1)
                font.setBold(True)
                for column in range(self.COLUMNS):
                    item.setFont(column, font)
            self.table.addTopLevelItem(item)
        for column in range(self.COLUMNS):
            self.table.resizeColumnToContents(column)

    def _point_clicked(self, case_id: str) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.text(1) == case_id:
                self.table.setCurrentItem(item)
                self.table.scrollToItem(item)
        self.caseChosen.emit(case_id)

    def table_rows(self) -> list[list[str]]:
        """The list as shown (for tests and copying)."""
        return [[self.table.topLevelItem(i).text(c) for c in range(self.COLUMNS)]
                for i in range(self.table.topLevelItemCount())]


def lane_name(lane: str | None) -> str:
    """A lane's short name in the current language."""
    names = {"green": QCoreApplication.translate("HistoryView", "green"),
             "yellow": QCoreApplication.translate("HistoryView", "yellow"),
             "red": QCoreApplication.translate("HistoryView", "red")}
    return names.get(lane or "", QCoreApplication.translate("HistoryView", "not known"))


