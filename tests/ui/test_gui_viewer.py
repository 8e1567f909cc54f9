"""The page viewer: boxes, focus on a box, zoom and thumbnails."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from ui.convert import ndarray_to_qimage
from ui.style import severity_colour
from ui.viewer import PageBox, PageViewer

pytestmark = pytest.mark.gui

BOXES = [
    PageBox(0, (10, 20, 100, 50), "high"),
    PageBox(1, (300, 600, 80, 40), "critical"),
    PageBox(1, (50, 50, 10, 10), "info"),
    PageBox(2, (500, 900, 200, 100), "low"),
]


@pytest.fixture
def viewer(qtbot) -> PageViewer:
    widget = PageViewer()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    pages = [ndarray_to_qimage(np.full((2000, 1400), 230 - 20 * i, np.uint8)) for i in range(3)]
    widget.set_pages(pages)
    return widget


def test_draws_one_box_per_finding_with_its_colour(viewer: PageViewer) -> None:
    viewer.set_boxes(BOXES)
    items = viewer.box_items
    assert len(items) == len(BOXES)
    for item, box in zip(items, BOXES, strict=True):
        assert item.rect() == viewer.scene_rect(box.page, box.bbox)
        assert item.pen().color() == severity_colour(box.severity)


def test_boxes_are_replaced_and_unknown_pages_skipped(viewer: PageViewer) -> None:
    viewer.set_boxes(BOXES)
    viewer.set_boxes([PageBox(0, (1, 2, 3, 4), "low"), PageBox(9, (1, 2, 3, 4), "low")])
    assert len(viewer.box_items) == 1
    assert len([i for i in viewer.view.scene().items() if i in viewer.box_items]) == 1


def test_pages_stack_and_boxes_land_on_their_page(viewer: PageViewer) -> None:
    assert viewer.page_count == 3
    assert viewer.page_rect(1).top() > viewer.page_rect(0).bottom()
    assert viewer.page_rect(1).contains(viewer.scene_rect(1, (300, 600, 80, 40)))


def test_show_box_centres_and_zooms_on_it(viewer: PageViewer) -> None:
    viewer.show_page(0)
    before = viewer.view.zoom
    viewer.show_box(2, (600, 900, 200, 100))
    rect = viewer.scene_rect(2, (600, 900, 200, 100))
    visible = viewer.view.mapToScene(viewer.view.viewport().rect()).boundingRect()
    assert visible.contains(rect)
    assert abs(visible.center().x() - rect.center().x()) < 3 / viewer.view.zoom
    assert abs(visible.center().y() - rect.center().y()) < 3 / viewer.view.zoom
    assert viewer.view.zoom > before
    assert viewer.current_page == 2
    assert viewer.thumbnails.currentRow() == 2


def test_thumbnails_switch_pages(viewer: PageViewer) -> None:
    assert viewer.thumbnails.count() == 3
    viewer.thumbnails.setCurrentRow(1)
    assert viewer.current_page == 1
    viewer.thumbnails.setCurrentRow(0)
    assert viewer.current_page == 0


def test_ctrl_wheel_zooms_and_buttons_zoom(viewer: PageViewer) -> None:
    before = viewer.view.zoom
    centre = QPointF(viewer.view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        viewer.view.mapToGlobal(centre),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    viewer.view.wheelEvent(event)
    assert viewer.view.zoom == pytest.approx(before * 1.25)
    viewer.view.zoom_by(1 / 1.25)
    assert viewer.view.zoom == pytest.approx(before)


def test_clear_removes_everything(viewer: PageViewer) -> None:
    viewer.set_boxes(BOXES)
    viewer.show_box(1, (300, 600, 80, 40))
    viewer.clear()
    assert viewer.page_count == 0 and not viewer.box_items
    assert not viewer.view.scene().items() and viewer.thumbnails.count() == 0
