"""The shipment chart of the history view, drawn with QPainter: net kg per shipment against its date,
coloured by the lane its case got, with the quantities that matter drawn across (an office threshold,
the round quantity a finding named, a licence's quantity) and running totals (the lots of one
consignment, or what was shipped under a licence)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from inspector.history.queries import QuantityLine, ShipmentPoint
from ui.language import format_date, format_kg, format_number
from ui.style import LANE_COLOURS

UNKNOWN_LANE = "#78909c"
LINE_COLOURS = {"threshold": QColor("#b71c1c"), "licence": QColor("#4527a0")}
POINT_RADIUS = 5.0
HIT_RADIUS = 9.0  # px around a point where the mouse shows its tooltip
MARGINS = (78.0, 34.0, 20.0, 44.0)  # left, top, right, bottom: room for the axes' labels and the legend


def lane_colour(lane: str | None) -> QColor:
    """The colour of a lane's points (grey when the lane is not known)."""
    return QColor(LANE_COLOURS[lane][0]) if lane in LANE_COLOURS else QColor(UNKNOWN_LANE)


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` steps over `span`."""
    raw = max(span, 1e-9) / ticks
    power = 10.0 ** int(f"{raw:e}".split("e")[1])
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)


@dataclass(frozen=True)
class ChartData:
    """What the chart draws: the points, the lines across and the cases to ring."""

    points: tuple[ShipmentPoint, ...] = ()
    lines: tuple[QuantityLine, ...] = ()
    highlight: frozenset[str] = frozenset()
    running_total: bool = False  # draw the total of all points over time (the lots of one consignment)

    @cached_property
    def plotted(self) -> tuple[ShipmentPoint, ...]:
        """The points with a date and a weight, oldest first."""
        return tuple(sorted((p for p in self.points if p.shipped and p.net_kg is not None),
                            key=lambda p: (p.shipped, p.case_id)))

    @cached_property
    def top_kg(self) -> float:
        """The top of the weight axis: a round number above every point, line and running total."""
        values = [p.net_kg or 0.0 for p in self.plotted] + [line.kg for line in self.lines]
        values += [kg for _, run in self.totals() for _, kg in run]
        top = max(values, default=1.0) * 1.1
        step = nice_step(top)
        return max(step, step * -(-top // step))

    @cached_property
    def days(self) -> tuple[dt.date, int]:
        """The first day of the date axis and how many days it spans (a little room either side)."""
        days = [p.shipped for p in self.plotted] or [dt.date.today()]
        first, last = min(days), max(days)
        pad = max(1, (last - first).days // 20)
        return first - dt.timedelta(days=pad), max(1, (last - first).days + 2 * pad)

    def totals(self) -> list[tuple[QuantityLine | None, list[tuple[dt.date, float]]]]:
        """Running totals to draw: of all lots, and of the shipments under each licence drawn."""
        out: list[tuple[QuantityLine | None, list[tuple[dt.date, float]]]] = []
        if self.running_total:
            out.append((None, _running(self.plotted)))
        for line in self.lines:
            if line.kind == "licence" and not self.running_total:
                under = [p for p in self.plotted if p.licence_number and _same_licence(p.licence_number, line.source)]
                if under:
                    out.append((line, _running(under)))
        return out


def _same_licence(a: str, b: str) -> bool:
    strip = str.maketrans("", "", " -_")
    return a.translate(strip).upper() == b.translate(strip).upper()


def _running(points: Iterable[ShipmentPoint]) -> list[tuple[dt.date, float]]:
    total, out = 0.0, []
    for p in points:
        total += p.net_kg or 0.0
        out.append((p.shipped, total))
    return out


class ShipmentChart(QWidget):
    """Net kg per shipment against date, coloured by lane, with quantity lines; click picks a case."""

    pointClicked = Signal(str)  # case id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = ChartData()
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(360, 220))

    def set_data(self, data: ChartData) -> None:
        """Draw these points and lines."""
        self.data = data
        self.update()

    # --- geometry -----------------------------------------------------------------------------

    def plot_rect(self) -> QRectF:
        """The area inside the axes."""
        left, top, right, bottom = MARGINS
        return QRectF(left, top, max(1.0, self.width() - left - right), max(1.0, self.height() - top - bottom))

    def y_max(self) -> float:
        """The top of the weight axis."""
        return self.data.top_kg

    def position(self, day: dt.date, kg: float) -> QPointF:
        """Where a date and a weight are drawn."""
        rect, (start, span) = self.plot_rect(), self.data.days
        x = rect.left() + rect.width() * (day - start).days / span
        return QPointF(x, rect.bottom() - rect.height() * kg / self.data.top_kg)

    def point_at(self, case_id: str) -> QPointF | None:
        """Where a case's point is drawn (None when it is not on the chart)."""
        for p in self.data.plotted:
            if p.case_id == case_id:
                return self.position(p.shipped, p.net_kg or 0.0)
        return None

    def nearest(self, at: QPointF) -> ShipmentPoint | None:
        """The shipment whose point is within HIT_RADIUS of `at`, the closest."""
        best, best_d = None, HIT_RADIUS
        for p in self.data.plotted:
            spot = self.position(p.shipped, p.net_kg or 0.0)
            d = ((spot.x() - at.x()) ** 2 + (spot.y() - at.y()) ** 2) ** 0.5
            if d <= best_d:
                best, best_d = p, d
        return best

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Axes, grid, quantity lines, running totals, points and legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self.data.plotted:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No shipments to show."))
            return
        self._axes(painter)
        for line in self.data.lines:
            self._quantity_line(painter, line)
        for line, run in self.data.totals():
            self._running_total(painter, line, run)
        for p in self.data.plotted:
            self._point(painter, p)
        self._legend(painter)

    def _axes(self, painter: QPainter) -> None:
        rect, top = self.plot_rect(), self.y_max()
        grid, text = QPen(QColor("#e0e0e0")), self.palette().text().color()
        step = nice_step(top)
        for i in range(int(round(top / step)) + 1):
            y = rect.bottom() - rect.height() * i * step / top
            painter.setPen(grid)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 9, rect.left() - 6, 18), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, format_number(i * step))
        start, span = self.data.days
        for i in range(5):
            day = start + dt.timedelta(days=round(span * (i + 0.5) / 5))
            x = self.position(day, 0).x()
            painter.setPen(grid)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 60, rect.bottom() + 4, 120, 18), Qt.AlignmentFlag.AlignHCenter,
                             format_date(day))
        painter.drawText(QRectF(4, rect.top() - 30, rect.left(), 18), Qt.AlignmentFlag.AlignLeft, self.tr("net kg"))
        painter.setPen(QPen(text, 1.2))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.topLeft())

    def _quantity_line(self, painter: QPainter, line: QuantityLine) -> None:
        rect = self.plot_rect()
        y = rect.bottom() - rect.height() * line.kg / self.y_max()
        colour = LINE_COLOURS.get(line.kind, QColor("#455a64"))
        style = Qt.PenStyle.DashLine if line.kind == "threshold" else Qt.PenStyle.DashDotLine
        painter.setPen(QPen(colour, 1.6, style))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        painter.drawText(QRectF(rect.left() + 6, y - 18, rect.width() - 12, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, quantity_label(line))

    def _running_total(self, painter: QPainter, line: QuantityLine | None,
                       run: Sequence[tuple[dt.date, float]]) -> None:
        colour = LINE_COLOURS["licence"] if line is not None else QColor("#37474f")
        path, previous = QPainterPath(), 0.0
        path.moveTo(self.position(run[0][0], 0.0))
        for day, total in run:
            path.lineTo(self.position(day, previous))
            path.lineTo(self.position(day, total))
            previous = total
        path.lineTo(QPointF(self.plot_rect().right(), self.position(run[-1][0], previous).y()))
        painter.setPen(QPen(colour, 1.2))
        painter.drawPath(path)
        rect, end = self.plot_rect(), self.position(run[-1][0], previous)
        painter.drawText(QRectF(rect.left(), end.y() + 2, rect.width() - 6, 16), Qt.AlignmentFlag.AlignRight,
                         self.tr("total {kg}").format(kg=format_kg(previous)))

    def _point(self, painter: QPainter, p: ShipmentPoint) -> None:
        spot = self.position(p.shipped, p.net_kg or 0.0)
        if p.case_id in self.data.highlight:
            painter.setPen(QPen(QColor("#00b8d4"), 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(spot, POINT_RADIUS + 4, POINT_RADIUS + 4)
        painter.setPen(QPen(QColor("#263238"), 1.0))
        painter.setBrush(lane_colour(p.lane))
        painter.drawEllipse(spot, POINT_RADIUS, POINT_RADIUS)

    def _legend(self, painter: QPainter) -> None:
        x = self.plot_rect().left()
        for lane, name in ((None, self.tr("lane not known")), ("green", self.tr("green lane")),
                           ("yellow", self.tr("yellow lane")), ("red", self.tr("red lane"))):
            if lane is None and all(p.lane in LANE_COLOURS for p in self.data.plotted):
                continue
            painter.setPen(QPen(QColor("#263238"), 1.0))
            painter.setBrush(lane_colour(lane))
            painter.drawEllipse(QPointF(x + 5, 14), POINT_RADIUS, POINT_RADIUS)
            painter.setPen(self.palette().text().color())
            width = painter.fontMetrics().horizontalAdvance(name)
            painter.drawText(QRectF(x + 14, 5, width + 4, 18), Qt.AlignmentFlag.AlignLeft, name)
            x += width + 34

    # --- mouse --------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Show the shipment under the mouse."""
        p = self.nearest(event.position())
        if p is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.tr("{case}: {date}, {kg}").format(
            case=p.case_id, date=format_date(p.shipped), kg=format_kg(p.net_kg)), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Pick the case under the mouse."""
        p = self.nearest(event.position())
        if p is not None:
            self.pointClicked.emit(p.case_id)


def quantity_label(line: QuantityLine) -> str:
    """What a quantity line is, for its label."""
    if line.kind == "licence":
        text = QCoreApplication.translate("ShipmentChart", "licence {number}: {kg}")
        return text.format(number=line.source, kg=format_kg(line.kg))
    text = QCoreApplication.translate("ShipmentChart", "threshold {kg} ({source})")
    return text.format(kg=format_kg(line.kg), source=threshold_source(line.source))


def threshold_source(source: str) -> str:
    """Where a threshold comes from, in the current language when it is the engine's own wording (an
    office's source is shown as the office wrote it)."""
    if source == "round quantity":  # inspector.history.fragmentation.Threshold's default
        return QCoreApplication.translate("ShipmentChart", "round quantity")
    return source
