"""Intake from a camera and the clipboard: the page found in a synthetic camera frame (a drawn sheet in
perspective on a textured desk) by the engine's finder, warped upright; the capture dialog fed by a
fake frame source (the page detection and the warp are real); pasting an image."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QGuiApplication, QImage

from ui.capture import CaptureDialog, detect_page, page_image, save_clipboard_image
from ui.convert import ndarray_to_qimage

pytestmark = pytest.mark.gui

TIMEOUT = 10_000
CORNERS = np.float32([[430, 90], [880, 120], [900, 860], [400, 840]])  # the sheet in the frame, clockwise


def sheet(width: int = 840, height: int = 1188) -> np.ndarray:
    """An A4-proportioned page: a black marker top left, lines of print, a red seal bottom right."""
    page = np.full((height, width, 3), 245, np.uint8)
    cv2.rectangle(page, (40, 40), (140, 140), (0, 0, 0), -1)
    for i in range(20):
        cv2.putText(page, f"LINE {i}  Gallium metal 1,234.5 kg", (60, 220 + 45 * i), cv2.FONT_HERSHEY_SIMPLEX,
                    1.0, (30, 30, 30), 2)
    cv2.circle(page, (width - 180, height - 200), 90, (40, 40, 200), 8)  # BGR: red
    return page


def camera_frame(corners: np.ndarray = CORNERS, size: tuple[int, int] = (1280, 960), seed: int = 3) -> np.ndarray:
    """The sheet in perspective on a brown, noisy desk, as a camera sees it (BGR)."""
    rng = np.random.default_rng(seed)
    width, height = size
    desk = np.empty((height, width, 3), np.float32)
    desk[:] = (60, 80, 110)
    desk = np.clip(desk + rng.normal(0, 6, desk.shape), 0, 255).astype(np.uint8)
    page = sheet()
    h, w = page.shape[:2]
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]]), corners)
    return cv2.warpPerspective(page, matrix, size, dst=desk, borderMode=cv2.BORDER_TRANSPARENT)


class FakeSource:
    """Frames from memory instead of a camera; `opens` False plays a missing camera."""

    def __init__(self, frame: np.ndarray, opens: bool = True) -> None:
        self.frame, self.opens, self.reads, self.closed = frame, opens, 0, False

    def open(self) -> bool:
        return self.opens

    def read(self) -> np.ndarray:
        self.reads += 1
        return self.frame.copy()

    def close(self) -> None:
        self.closed = True


def test_the_page_is_found_and_warped_upright() -> None:
    frame = camera_frame()
    quad = detect_page(frame)
    assert quad is not None
    assert np.abs(quad - CORNERS).max() < 3.0  # corners within 3 px
    page = page_image(frame, quad)
    assert page.paper == "A4" and page.dpi == 300
    assert page.image.shape == (3508, 2480, 3)
    scale = 2480 / 840
    marker = page.image[int(50 * scale):int(130 * scale), int(50 * scale):int(130 * scale)]
    assert marker.mean() < 60  # the marker is at the top left: the page is upright, not mirrored
    assert page.image[int(40 * scale):int(140 * scale), -int(140 * scale):-int(40 * scale)].mean() > 200
    b, g, r = (page.image[-int(400 * scale):, -int(400 * scale):, i].astype(int) for i in range(3))
    assert np.count_nonzero((r > 150) & (g < 110) & (b < 110)) > 500  # the seal stays red


def test_a_small_frame_is_searched_too() -> None:
    corners = np.float32([[180, 40], [470, 55], [480, 450], [160, 440]])
    quad = detect_page(camera_frame(corners, size=(640, 480)))
    assert quad is not None and np.abs(quad - corners).max() < 4.0


def test_no_page_is_found_in_an_empty_desk_and_the_frame_is_kept() -> None:
    desk = camera_frame(np.float32([[-10, -10], [-5, -10], [-5, -5], [-10, -5]]))  # sheet out of view
    assert detect_page(desk) is None
    page = page_image(desk, None)
    assert page.paper == "frame" and page.dpi is None and page.image.shape == desk.shape


def test_the_capture_dialog_previews_and_saves_pages(qtbot, tmp_path: Path) -> None:
    source = FakeSource(camera_frame())
    dialog = CaptureDialog(tmp_path / "capture", source_factory=lambda: source)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.frames >= 2 and dialog.page_found, timeout=TIMEOUT)
    assert "Page found" in dialog.hint.text()
    assert not dialog.preview.pixmap().isNull()
    for _ in range(2):
        with qtbot.waitSignal(dialog.pageCaptured, timeout=TIMEOUT):
            assert dialog.capture()
    paths = dialog.captured_paths()
    assert [Path(p).name for p in paths] == ["page-001.png", "page-002.png"]
    with Image.open(paths[0]) as saved:
        assert saved.size == (2480, 3508) and round(saved.info["dpi"][0]) == 300
    assert dialog.pages.count() == 2
    with qtbot.waitSignal(dialog.captured, timeout=TIMEOUT) as captured:
        dialog.accept()
    assert captured.args == [paths]
    assert not dialog.thread_.isRunning() and source.closed


def test_a_missing_camera_is_reported(qtbot, tmp_path: Path) -> None:
    dialog = CaptureDialog(tmp_path / "capture", source_factory=lambda: FakeSource(camera_frame(), opens=False))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        pass
    assert "No camera" in failed.args[0] and "No camera" in dialog.hint.text()
    assert not dialog.capture()  # no frame: nothing saved
    dialog.reject()
    assert not (tmp_path / "capture").exists()


def test_an_image_pasted_from_the_clipboard_is_saved(qtbot, tmp_path: Path) -> None:
    clipboard = QGuiApplication.clipboard()
    image = ndarray_to_qimage(camera_frame()[:200, :300].copy())
    clipboard.setImage(image)
    path = save_clipboard_image(tmp_path)
    assert path is not None and path.name == "pasted-001.png"
    assert QImage(str(path)).size() == image.size()
    clipboard.setText("no image here")
    assert save_clipboard_image(tmp_path) is None
