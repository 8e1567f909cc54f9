"""Page viewer: the clean pages of a case, zoomable and pannable, with thumbnails and three layers
drawn over the scans: the OCR word boxes, the finding boxes and a finding's forensic overlay."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyleOptionGraphicsItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector.models import BBox
from ui.overlay import OverlayImage
from ui.style import FOCUS_COLOUR, OTHER_COLOUR, WORD_COLOUR, severity_colour

PAGE_GAP = 60  # scene pixels between stacked pages
SCENE_MARGIN = 30  # scene pixels around the pages
MIN_SCALE, MAX_SCALE = 0.02, 8.0
ZOOM_STEP = 1.25
FOCUS_CONTEXT = QSize(900, 600)  # at least this much of the page (300 dpi pixels) around a box
WORDS_Z, BOX_Z, OVERLAY_Z, FOCUS_Z = 5, 10, 15, 20


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

    def visible_rect(self) -> QRectF:
        """The part of the scene the viewport shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

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
        """Zoom on `rect` with some page around it and centre it; a box larger than the view is
        shown whole (zoomed out as far as needed)."""
        context = QRectF(rect)
        grow_x = max(0.0, FOCUS_CONTEXT.width() - rect.width()) / 2
        grow_y = max(0.0, FOCUS_CONTEXT.height() - rect.height()) / 2
        context.adjust(-grow_x, -grow_y, grow_x, grow_y)
        self.fitInView(context, Qt.AspectRatioMode.KeepAspectRatio)
        self.set_zoom(self.zoom)  # clamp and announce
        self.centerOn(rect.center())


class RectsItem(QGraphicsItem):
    """Many thin rectangles (a page's OCR word boxes) drawn by one item: thousands of words cost one
    scene item, so showing them never stalls the window."""

    def __init__(self, rects: Sequence[QRectF], colour: QColor) -> None:
        super().__init__()
        self._rects = list(rects)
        self._bounds = QRectF()
        for rect in self._rects:
            self._bounds = self._bounds.united(rect)
        self._pen = QPen(colour, 1)
        self._pen.setCosmetic(True)

    @property
    def count(self) -> int:
        """How many rectangles the item draws."""
        return len(self._rects)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """The union of the rectangles."""
        return self._bounds.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Draw the rectangles (Qt clips those outside the exposed area)."""
        painter.setPen(self._pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRects(self._rects)


class PageViewer(QWidget):
    """Thumbnails on the left, the page view with zoom buttons and layer toggles on the right."""

    pageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PageView(self)
        self.thumbnails = _thumbnail_list(self)
        self._pages: list[QGraphicsPixmapItem] = []
        self._boxes: list[QGraphicsRectItem] = []
        self._words: list[RectsItem] = []
        self._overlay: list[QGraphicsItem] = []
        self._focus: list[QGraphicsRectItem] = []
        self._build_actions()
        self._build_layout()
        self.retranslate()
        self.thumbnails.currentRowChanged.connect(self._on_thumbnail)
        self.view.verticalScrollBar().valueChanged.connect(self._sync_thumbnail)

    def _build_actions(self) -> None:
        self.zoom_in_action = _action(self, QKeySequence.StandardKey.ZoomIn, self._zoom_in)
        self.zoom_out_action = _action(self, QKeySequence.StandardKey.ZoomOut, self._zoom_out)
        self.fit_action = _action(self, "Ctrl+0", self.fit_width)
        self.words_action = _action(self, "Ctrl+Shift+W", self.show_words, checked=False)
        self.boxes_action = _action(self, "Ctrl+Shift+B", self.show_finding_boxes, checked=True)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action,
                       self.words_action, self.boxes_action):  # fmt: skip
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.view, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnails)
        layout.addLayout(right, 1)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""
        texts = (
            (self.zoom_out_action, self.tr("Zoom out"), self.tr("Zoom out (Ctrl+wheel)")),
            (self.zoom_in_action, self.tr("Zoom in"), self.tr("Zoom in (Ctrl+wheel)")),
            (self.fit_action, self.tr("Fit width"), self.tr("Fit the page to the width")),
            (self.words_action, self.tr("Word boxes"), self.tr("Show the words OCR read")),
            (self.boxes_action, self.tr("Finding boxes"), self.tr("Show where the findings are")),
        )
        for action, text, tip in texts:
            action.setText(text)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Retranslate when the application's language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- content -----------------------------------------------------------------------------

    def clear(self) -> None:
        """Remove every page, box and thumbnail."""
        self._pages, self._boxes, self._words, self._overlay, self._focus = [], [], [], [], []
        self.view.scene().clear()
        self.thumbnails.blockSignals(True)
        self.thumbnails.clear()
        self.thumbnails.blockSignals(False)

    def set_pages(self, images: Sequence[QImage], thumbnails: Sequence[QImage] = ()) -> None:
        """Show these page images stacked, with a thumbnail each (scaled here if not given). Images
        already in a display format (RGB32, converted by the worker) are shown without a copy."""
        self.clear()
        y, m = 0.0, SCENE_MARGIN
        for image in images:
            pixmap = QPixmap.fromImage(image, Qt.ImageConversionFlag.NoFormatConversion)
            item = self.view.scene().addPixmap(pixmap)
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
        item.setVisible(self.boxes_action.isChecked())
        return item

    def set_words(self, words: Sequence[Sequence[BBox]]) -> None:
        """The OCR word boxes of each page (one sequence per page, in page order)."""
        for item in self._words:
            self.view.scene().removeItem(item)
        self._words = []
        for page, boxes in enumerate(words[: len(self._pages)]):
            item = RectsItem([self.scene_rect(page, b) for b in boxes], WORD_COLOUR)
            item.setZValue(WORDS_Z)
            item.setVisible(self.words_action.isChecked())
            self.view.scene().addItem(item)
            self._words.append(item)

    def set_overlay(self, page: int, overlay: OverlayImage | None) -> None:
        """Draw a finding's forensic overlay (heat-map and match lines) on a page; None removes it."""
        for item in self._overlay:
            self.view.scene().removeItem(item)
        self._overlay = []
        if overlay is None or not 0 <= page < len(self._pages):
            return
        if overlay.heatmap is not None:
            self._overlay.append(self._add_heatmap(page, overlay))
        for x1, y1, x2, y2 in overlay.lines:
            self._overlay.append(self._add_line(page, (x1, y1, x2, y2)))

    def _add_heatmap(self, page: int, overlay: OverlayImage) -> QGraphicsPixmapItem:
        area = self.page_rect(page) if overlay.box is None else self.scene_rect(page, overlay.box)
        heat = overlay.heatmap
        item = self.view.scene().addPixmap(QPixmap.fromImage(heat))
        item.setPos(area.topLeft())
        item.setTransform(item.transform().scale(area.width() / heat.width(),
                                                  area.height() / heat.height()))
        item.setZValue(OVERLAY_Z)
        return item

    def _add_line(self, page: int, line: tuple[int, int, int, int]) -> QGraphicsItem:
        origin = self._pages[page].pos()
        pen = QPen(OTHER_COLOUR, 2)
        pen.setCosmetic(True)
        x1, y1, x2, y2 = line
        item = self.view.scene().addLine(origin.x() + x1, origin.y() + y1,
                                         origin.x() + x2, origin.y() + y2, pen)  # fmt: skip
        item.setZValue(OVERLAY_Z)
        return item

    # --- layers ------------------------------------------------------------------------------

    def show_words(self, visible: bool) -> None:
        """Show or hide the OCR word boxes."""
        self.words_action.setChecked(visible)
        for item in self._words:
            item.setVisible(visible)

    def show_finding_boxes(self, visible: bool) -> None:
        """Show or hide the finding boxes."""
        self.boxes_action.setChecked(visible)
        for item in self._boxes:
            item.setVisible(visible)

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
    def word_items(self) -> tuple[RectsItem, ...]:
        """The word-box layer of each page."""
        return tuple(self._words)

    @property
    def focus_items(self) -> tuple[QGraphicsRectItem, ...]:
        """The frames around the chosen place (and the place it is compared with)."""
        return tuple(self._focus)

    @property
    def overlay_items(self) -> tuple[QGraphicsItem, ...]:
        """The items of the forensic overlay shown (heat-map, match lines)."""
        return tuple(self._overlay)

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

    def page_image(self, page: int) -> QImage:
        """The image of a page, for evidence crops."""
        return self._pages[page].pixmap().toImage()

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

    def show_box(self, page: int, bbox: BBox | None, other: tuple[int, BBox] | None = None) -> None:
        """Show a page and, given a bbox, frame it, zoom on it and centre it; `other` frames a
        second place (the value a finding compares with) without moving there."""
        self._set_focus([])
        if not 0 <= page < len(self._pages):
            return
        if bbox is None:
            self.show_page(page)
            return
        rect = self.scene_rect(page, bbox)
        frames = [(rect, FOCUS_COLOUR)]
        if other is not None and 0 <= other[0] < len(self._pages):
            frames.append((self.scene_rect(*other), OTHER_COLOUR))
        self._set_focus(frames)
        self.view.focus(rect)
        self._select_thumbnail(page)

    def _set_focus(self, frames: list[tuple[QRectF, QColor]]) -> None:
        for item in self._focus:
            self.view.scene().removeItem(item)
        self._focus = []
        for rect, colour in frames:
            pen = QPen(colour, 3, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            item = self.view.scene().addRect(rect.adjusted(-8, -8, 8, 8), pen)
            item.setZValue(FOCUS_Z)
            self._focus.append(item)

    def _zoom_in(self) -> None:
        self.view.zoom_by(ZOOM_STEP)

    def _zoom_out(self) -> None:
        self.view.zoom_by(1 / ZOOM_STEP)

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
    """A column of page thumbnails sized from the font (so it follows the screen's scaling)."""
    thumbs = QListWidget(parent)
    thumbs.setViewMode(QListWidget.ViewMode.IconMode)
    thumbs.setFlow(QListWidget.Flow.TopToBottom)
    thumbs.setWrapping(False)
    thumbs.setMovement(QListWidget.Movement.Static)
    em = thumbs.fontMetrics().height()
    thumbs.setIconSize(QSize(6 * em, 9 * em))
    thumbs.setMaximumWidth(9 * em)
    thumbs.setMinimumWidth(7 * em)
    thumbs.setSpacing(max(2, em // 3))
    return thumbs


def _action(parent: QWidget, shortcut: object, slot: object, *, checked: bool | None = None) -> QAction:
    action = QAction(parent)
    action.setShortcut(QKeySequence(shortcut))
    if checked is None:
        action.triggered.connect(slot)
    else:
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(slot)
    return action
