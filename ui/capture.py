"""Intake from a document camera or webcam, and from the clipboard: pages saved as PNG files for a check.

Frames come from a `FrameSource` (`CameraSource`: OpenCV's VideoCapture; tests inject their own), read
on a QThread. Each frame is searched for the page with the finder the engine uses on phone photos
(`inspector.imaging.page_quad.find_page_quad`: the bright sheet on a darker desk, its four corners) and
shown with its outline. Capturing warps the page upright (`inspector.imaging.perspective.warp_page`:
A4 or Letter at 300 dpi, in colour, so seals stay red) and saves it as PNG on a pool thread; when no page
is found the whole frame is saved and the engine looks for the page again when it reads the file.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QSize, Qt, QThread, Signal
from PySide6.QtGui import (
    QClipboard,
    QColor,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.imaging.page_quad import WORK_SIDE, find_page_quad
from inspector.imaging.perspective import paper_for, warp_page
from inspector.imaging.photo import EDGE_MARGIN
from inspector.models import TARGET_DPI
from inspector.paths import data_paths
from ui.convert import ndarray_to_qimage
from ui.tasks import TaskRunner

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 960  # px: frames are scaled to this for display (in the capture thread)
MAX_FPS = 15.0
READ_FAILURES = 30  # consecutive failed reads before the camera is taken as gone
DETECT_SIDE = 960  # px: small frames are enlarged to this long side before the page search
PRINT_CLOSE = 5  # px at the frame's resolution: print closed away before the page search
THUMB_SIZE = 96
OUTLINE = QColor("#00e676")
translate = QCoreApplication.translate  # texts of this module share the "Capture" context


class FrameSource(Protocol):
    """Where frames come from: a camera, or a fake in tests."""

    def open(self) -> bool:
        """Start; False when the device cannot be opened."""

    def read(self) -> np.ndarray | None:
        """The next frame (BGR uint8), None when none came."""

    def close(self) -> None:
        """Release the device."""


class CameraSource:
    """A camera through OpenCV's VideoCapture (device index), asked for a high resolution."""

    def __init__(self, index: int = 0, width: int = 1920, height: int = 1080) -> None:
        self.index, self.width, self.height = index, width, height
        self.capture: cv2.VideoCapture | None = None

    def open(self) -> bool:
        """Open the device; False when it is missing or busy."""
        self.capture = cv2.VideoCapture(self.index)
        if not self.capture.isOpened():
            return False
        self.capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        self.capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        return True

    def read(self) -> np.ndarray | None:
        """One frame, None when the device gave none."""
        if self.capture is None:
            return None
        ok, frame = self.capture.read()
        return frame if ok else None

    def close(self) -> None:
        """Release the device."""
        if self.capture is not None:
            self.capture.release()
            self.capture = None


def detect_page(frame: np.ndarray) -> np.ndarray | None:
    """The page's corners in the frame (4x2 float32, clockwise from top left), None when no sheet on a
    darker background is seen.

    A camera frame has far fewer pixels than the phone photos the engine's finder was made for, so its
    print is coarse against the finder's closing: it is closed away at the frame's own resolution first
    (a closing leaves the edges of the bright, convex sheet where they are), and a frame too small for
    the finder is enlarged."""
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame
    gray = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (PRINT_CLOSE,) * 2))
    scale = 1.0
    if max(gray.shape[:2]) <= WORK_SIDE:
        scale = DETECT_SIDE / max(gray.shape[:2])
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    quad = find_page_quad(gray)
    return None if quad is None else (quad / scale).astype(np.float32)


@dataclass(frozen=True)
class PageImage:
    """A captured page ready to save: the upright page (or the whole frame) and its paper."""

    image: np.ndarray  # BGR uint8
    paper: str  # "A4", "Letter", "other", or "frame" when no page was found
    dpi: int | None  # 300 for a warped page; None for a frame (its resolution is not known)


def page_image(frame: np.ndarray, quad: np.ndarray | None) -> PageImage:
    """The page of a frame warped upright at 300 dpi, or the frame itself without a quad."""
    if quad is None:
        return PageImage(frame.copy(), "frame", None)
    paper = paper_for(quad)
    page = warp_page(frame, quad, paper)
    m = EDGE_MARGIN  # slivers of desk along the edges, not print (as the engine does for photos)
    page[:m], page[-m:], page[:, :m], page[:, -m:] = 255, 255, 255, 255
    return PageImage(page, paper.name, TARGET_DPI)


def next_path(folder: Path, stem: str) -> Path:
    """`folder/stem-001.png`, the first number not taken."""
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while (folder / f"{stem}-{number:03d}.png").exists():
        number += 1
    return folder / f"{stem}-{number:03d}.png"


def save_page(page: PageImage, folder: Path, stem: str = "page") -> Path:
    """Save a page as PNG (with its dpi when known) under the next free name; returns the path."""
    path = next_path(folder, stem)
    rgb = cv2.cvtColor(page.image, cv2.COLOR_BGR2RGB) if page.image.ndim == 3 else page.image
    extra = {"dpi": (page.dpi, page.dpi)} if page.dpi else {}
    Image.fromarray(rgb).save(path, "PNG", compress_level=1, **extra)
    logger.info("captured %s (%s)", path, page.paper)
    return path


def save_with_thumbnail(page: PageImage, folder: Path) -> tuple[Path, QImage]:
    """Save a page (pool thread) and make its thumbnail there too: decoding the PNG again on the GUI
    thread would stall it."""
    path = save_page(page, folder)
    scale = THUMB_SIZE / max(page.image.shape[:2])
    thumb = cv2.resize(page.image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return path, ndarray_to_qimage(np.ascontiguousarray(thumb))


def capture_folder(root: Path, now: dt.datetime | None = None) -> Path:
    """A new folder for one capture session: root/capture/YYYYmmdd-HHMMSS (made)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder, n = root / "capture" / stamp, 1
    while folder.exists():
        n += 1
        folder = root / "capture" / f"{stamp}-{n}"
    folder.mkdir(parents=True)
    return folder


def save_clipboard_image(folder: Path, clipboard: QClipboard | None = None) -> Path | None:
    """Save the image on the clipboard as PNG in `folder` (pasted-001.png...); None when the clipboard
    holds no image. OSError when the file cannot be written."""
    image = (clipboard or QGuiApplication.clipboard()).image()
    if image.isNull():
        return None
    path = next_path(folder, "pasted")
    if not image.save(str(path), "PNG"):
        raise OSError(translate("Capture", "The pasted image could not be saved as {path}.").format(path=path))
    return path


def outlined_preview(frame: np.ndarray, quad: np.ndarray | None, width: int = PREVIEW_WIDTH) -> QImage:
    """A display copy of the frame, scaled to `width`, with the page's outline drawn."""
    scale = min(1.0, width / frame.shape[1])
    small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else frame
    image = ndarray_to_qimage(np.ascontiguousarray(small))
    if quad is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(OUTLINE, 3.0))
        painter.drawPolygon(QPolygonF([QPointF(float(x) * scale, float(y) * scale) for x, y in quad]))
        painter.end()
    return image


class CaptureThread(QThread):
    """Reads frames, finds the page in each, and sends a preview; keeps the latest frame for capture."""

    frameReady = Signal(QImage, bool)  # the preview, and whether a page was found
    failed = Signal(str)

    def __init__(self, source_factory: Callable[[], FrameSource], parent: QWidget | None = None,
                 max_fps: float = MAX_FPS) -> None:
        super().__init__(parent)
        self.source_factory = source_factory
        self.period = 1.0 / max_fps
        self._lock = threading.Lock()
        self._latest: tuple[np.ndarray, np.ndarray | None] | None = None

    def latest(self) -> tuple[np.ndarray, np.ndarray | None] | None:
        """The last frame read and its page quad (None before the first frame)."""
        with self._lock:
            return self._latest

    def run(self) -> None:
        """The capture loop, until `stop()`; every failure ends in `failed`."""
        try:
            source = self.source_factory()
            if not source.open():
                self.failed.emit(translate("Capture", "No camera could be opened: check that it is plugged in "
                                                      "and not used by another program."))
                return
            try:
                self._loop(source)
            finally:
                source.close()
        except Exception as exc:  # noqa: BLE001 - a thread must never raise
            logger.exception("camera capture failed")
            self.failed.emit(translate("Capture", "The camera stopped: {error}").format(error=exc))

    def _loop(self, source: FrameSource) -> None:
        misses = 0
        while not self.isInterruptionRequested():
            started = time.monotonic()
            frame = source.read()
            if frame is None:
                misses += 1
                if misses >= READ_FAILURES:
                    self.failed.emit(translate("Capture", "The camera sends no pictures any more."))
                    return
                self.msleep(20)
                continue
            misses = 0
            quad = detect_page(frame)
            with self._lock:
                self._latest = (frame, quad)
            self.frameReady.emit(outlined_preview(frame, quad), quad is not None)
            rest = self.period - (time.monotonic() - started)
            if rest > 0:
                self.msleep(int(rest * 1000))

    def stop(self) -> None:
        """End the loop and wait for the thread."""
        self.requestInterruption()
        self.wait()


class CaptureDialog(QDialog):
    """Live preview with the page outlined; Capture (Space) saves the page; OK returns the files."""

    pageCaptured = Signal(str)  # the saved file
    captured = Signal(list)  # OK with pages captured: their files, in order (to check as one case)
    failed = Signal(str)

    def __init__(self, folder: Path | None = None, source_factory: Callable[[], FrameSource] | None = None,
                 parent: QWidget | None = None, data_dir: str | os.PathLike[str] | None = None) -> None:
        super().__init__(parent)
        self._folder = Path(folder) if folder is not None else None
        self.data_dir = data_dir
        self.paths: list[str] = []
        self.frames = 0
        self.page_found = False
        self.tasks = TaskRunner(self)
        self.tasks.failed.connect(self._on_failed)
        self.thread_ = CaptureThread(source_factory or CameraSource, self)
        self.thread_.frameReady.connect(self._on_frame)
        self.thread_.failed.connect(self._on_failed)
        self._build()
        self.retranslate()
        self.resize(1100, 720)
        self.thread_.start()

    def _build(self) -> None:
        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(480, 360)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.capture_button = QPushButton(self)
        self.capture_button.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.capture_button.clicked.connect(self.capture)
        self.pages = QListWidget(self)
        self.pages.setViewMode(QListWidget.ViewMode.IconMode)
        self.pages.setIconSize(QSize(THUMB_SIZE, THUMB_SIZE))
        self.pages.setMaximumHeight(THUMB_SIZE + 40)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.capture_button)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(translate("Capture", "Capture pages with the camera"))
        self.capture_button.setText(translate("Capture", "Capture page (Space)"))
        self._hint()

    def _hint(self) -> None:
        if self.frames == 0:
            text = translate("Capture", "Waiting for the camera...")
        elif self.page_found:
            text = translate("Capture", "Page found: hold still and capture.")
        else:
            text = translate("Capture", "No page found: lay the page flat on a darker surface, all four corners "
                                        "in view. Capturing now saves the whole picture.")
        self.hint.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow a language switch."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_frame(self, image: QImage, found: bool) -> None:
        self.frames += 1
        if found != self.page_found or self.frames == 1:
            self.page_found = found
            self._hint()
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def capture(self) -> bool:
        """Save the page of the latest frame (on a pool thread); False when no frame came yet."""
        latest = self.thread_.latest()
        if latest is None:
            self._on_failed(translate("Capture", "No picture from the camera yet."))
            return False
        frame, quad = latest
        folder = self.folder()
        self.capture_button.setEnabled(False)
        self.tasks.run(lambda: save_with_thumbnail(page_image(frame, quad), folder), self._saved)
        return True

    def _saved(self, saved: tuple[Path, QImage]) -> None:
        path, thumb = saved
        self.capture_button.setEnabled(True)
        self.paths.append(str(path))
        item = QListWidgetItem(QPixmap.fromImage(thumb), path.name)
        item.setToolTip(str(path))
        self.pages.addItem(item)
        self.pageCaptured.emit(str(path))

    def _on_failed(self, message: str) -> None:
        self.capture_button.setEnabled(True)
        self.hint.setText(message)
        self.failed.emit(message)

    def folder(self) -> Path:
        """Where the pages go: the folder given, else a new one below the data directory (made on the
        first capture, so an empty session leaves nothing behind)."""
        if self._folder is None:
            self._folder = capture_folder(data_paths(self.data_dir).root)
        return self._folder

    def accept(self) -> None:
        """Close and hand over the captured files."""
        super().accept()
        if self.paths:
            self.captured.emit(self.captured_paths())

    def captured_paths(self) -> list[str]:
        """The files saved so far, in capture order."""
        return list(self.paths)

    def done(self, result: int) -> None:
        """Stop the camera and wait for a capture being saved, then close."""
        self.thread_.stop()
        self.tasks.wait()
        super().done(result)
