"""Page viewer: the clean pages of a case with finding boxes, zoom, pan and page thumbnails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QPainter, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector.models import BBox
from ui.style import FOCUS_COLOUR, severity_colour

PAGE_GAP = 60  # scene pixels between stacked pages
SCENE_MARGIN = 30  # scene pixels around the pages
MIN_SCALE, MAX_SCALE = 0.02, 8.0
ZOOM_STEP = 1.25
FOCUS_CONTEXT = QSize(900, 600)  # at least this much of the page around a focused box
BOX_Z, FOCUS_Z = 10, 20


@dataclass(frozen=True)
class PageBox:
    """A box to draw: which page, where on it (page pixels), how serious, and its tooltip."""

    page: int
    bbox: BBox
    severity: str
    tooltip: str = ""


class PageView(QGraphicsView):
    """The graphics view: pages stacked top to bottom; Ctrl+wheel zooms, dragging pans."""

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setBackgroundBrush(QBrush(QColor("#9e9e9e")))
        # always on, so fitting to the width does not change the width it fitted to
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    @property
    def zoom(self) -> float:
        """The current scale, 1.0 being one screen pixel per page pixel."""
        return self.transform().m11()

    def set_zoom(self, scale: float) -> None:
        """Scale the view, clamped to a sensible range."""
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        factor = scale / self.zoom
        self.scale(factor, factor)
        self.zoomChanged.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        """Multiply the zoom by `factor`."""
        self.set_zoom(self.zoom * factor)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Ctrl+wheel zooms around the mouse; the plain wheel scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP ** (event.angleDelta().y() / 120))
            event.accept()
        else:
            super().wheelEvent(event)

    def fit_width(self, rect: QRectF) -> None:
        """Scale so `rect` fills the view's width and show its top."""
        scale = max(1, self.viewport().width() - 4) / (rect.width() + 2 * SCENE_MARGIN)
        self.set_zoom(scale)
        visible_height = self.viewport().height() / self.zoom
        self.centerOn(QPointF(rect.center().x(), rect.top() + visible_height / 2 - SCENE_MARGIN))

    def focus(self, rect: QRectF) -> None:
        """Zoom on `rect` with some page around it and centre it."""
        context = QRectF(rect)
        grow_x = max(0.0, FOCUS_CONTEXT.width() - rect.width()) / 2
        grow_y = max(0.0, FOCUS_CONTEXT.height() - rect.height()) / 2
        context.adjust(-grow_x, -grow_y, grow_x, grow_y)
        self.fitInView(context, Qt.AspectRatioMode.KeepAspectRatio)
        self.set_zoom(self.zoom)  # clamp and announce
        self.centerOn(rect.center())


class PageViewer(QWidget):
    """Thumbnails on the left, the page view with zoom buttons on the right."""

    pageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PageView(self)
        self.thumbnails = _thumbnail_list(self)
        self._pages: list[QGraphicsPixmapItem] = []
        self._boxes: list[QGraphicsRectItem] = []
        self._focus: QGraphicsRectItem | None = None
        self._build_layout()
        self.thumbnails.currentRowChanged.connect(self._on_thumbnail)
        self.view.verticalScrollBar().valueChanged.connect(self._sync_thumbnail)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for text, tip, slot in (
            ("−", self.tr("Zoom out (Ctrl+wheel)"), lambda: self.view.zoom_by(1 / ZOOM_STEP)),
            ("+", self.tr("Zoom in (Ctrl+wheel)"), lambda: self.view.zoom_by(ZOOM_STEP)),
            (self.tr("Fit width"), self.tr("Fit the page to the width"), self.fit_width),
        ):
            buttons.addWidget(_tool_button(text, tip, slot, self))
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.view, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnails)
        layout.addLayout(right, 1)

    # --- content -----------------------------------------------------------------------------

    def clear(self) -> None:
        """Remove every page, box and thumbnail."""
        self.view.scene().clear()
        self.thumbnails.clear()
        self._pages, self._boxes, self._focus = [], [], None

    def set_pages(self, images: Sequence[QImage], thumbnails: Sequence[QImage] = ()) -> None:
        """Show these page images stacked, with a thumbnail each (scaled here if not given)."""
        self.clear()
        y, m = 0.0, SCENE_MARGIN
        for image in images:
            item = self.view.scene().addPixmap(QPixmap.fromImage(image))
            item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            item.setPos(0, y)
            self._pages.append(item)
            y += image.height() + PAGE_GAP
        self.view.scene().setSceneRect(self.view.scene().itemsBoundingRect().adjusted(-m, -m, m, m))
        self._add_thumbnails(thumbnails or [img.scaledToWidth(120) for img in images])
        if self._pages:
            self.show_page(0)

    def _add_thumbnails(self, thumbnails: Sequence[QImage]) -> None:
        self.thumbnails.blockSignals(True)
        for number, thumb in enumerate(thumbnails, start=1):
            item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), str(number))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbnails.addItem(item)
        self.thumbnails.blockSignals(False)

    def set_boxes(self, boxes: Sequence[PageBox]) -> None:
        """Draw these boxes (replacing earlier ones); boxes on unknown pages are skipped."""
        for item in self._boxes:
            self.view.scene().removeItem(item)
        self._boxes = [self._add_box(b) for b in boxes if 0 <= b.page < len(self._pages)]

    def _add_box(self, box: PageBox) -> QGraphicsRectItem:
        colour = severity_colour(box.severity)
        fill = QColor(colour)
        fill.setAlpha(40)
        pen = QPen(colour, 3)
        pen.setCosmetic(True)
        item = self.view.scene().addRect(self.scene_rect(box.page, box.bbox), pen, QBrush(fill))
        item.setZValue(BOX_Z)
        item.setToolTip(box.tooltip)
        return item

    # --- queries -----------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        """How many pages are shown."""
        return len(self._pages)

    @property
    def box_items(self) -> tuple[QGraphicsRectItem, ...]:
        """The finding boxes drawn (not the focus frame)."""
        return tuple(self._boxes)

    @property
    def current_page(self) -> int:
        """The page at the centre of the view, -1 when there are none."""
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        for index, item in enumerate(self._pages):
            if centre.y() < item.sceneBoundingRect().bottom() + PAGE_GAP / 2:
                return index
        return len(self._pages) - 1

    def page_rect(self, page: int) -> QRectF:
        """Where a page sits in the scene."""
        return self._pages[page].sceneBoundingRect()

    def scene_rect(self, page: int, bbox: BBox) -> QRectF:
        """The scene rectangle of a bbox given in pixels of a page."""
        x, y, w, h = bbox
        origin = self._pages[page].pos()
        return QRectF(origin.x() + x, origin.y() + y, w, h)

    # --- navigation --------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        """Scroll to the top of a page, fitted to the width."""
        if 0 <= page < len(self._pages):
            self.view.fit_width(self.page_rect(page))
            self._select_thumbnail(page)

    def fit_width(self) -> None:
        """Fit the current page to the width."""
        self.show_page(max(0, self.current_page))

    def show_box(self, page: int, bbox: BBox | None) -> None:
        """Show a page and, given a bbox, frame it, zoom on it and centre it."""
        if not 0 <= page < len(self._pages):
            return
        if bbox is None:
            self._set_focus(None)
            self.show_page(page)
            return
        rect = self.scene_rect(page, bbox)
        self._set_focus(rect)
        self.view.focus(rect)
        self._select_thumbnail(page)

    def _set_focus(self, rect: QRectF | None) -> None:
        if self._focus is not None:
            self.view.scene().removeItem(self._focus)
            self._focus = None
        if rect is not None:
            pen = QPen(FOCUS_COLOUR, 3, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._focus = self.view.scene().addRect(rect.adjusted(-8, -8, 8, 8), pen)
            self._focus.setZValue(FOCUS_Z)
            self._focus.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)

    def _on_thumbnail(self, row: int) -> None:
        if row >= 0:
            self.show_page(row)

    def _select_thumbnail(self, page: int) -> None:
        if self.thumbnails.currentRow() != page:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(page)
            self.thumbnails.blockSignals(False)
        self.pageChanged.emit(page)

    def _sync_thumbnail(self) -> None:
        page = self.current_page
        if page >= 0 and page != self.thumbnails.currentRow():
            self._select_thumbnail(page)


def _thumbnail_list(parent: QWidget) -> QListWidget:
    thumbs = QListWidget(parent)
    thumbs.setViewMode(QListWidget.ViewMode.IconMode)
    thumbs.setFlow(QListWidget.Flow.TopToBottom)
    thumbs.setWrapping(False)
    thumbs.setMovement(QListWidget.Movement.Static)
    thumbs.setIconSize(QSize(110, 156))
    thumbs.setFixedWidth(150)
    thumbs.setSpacing(6)
    return thumbs


def _tool_button(text: str, tip: str, slot: object, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button
