"""Background work for the window, run on a QThreadPool: one check of a case (with progress and
cancel), and short tasks (open a case, record a correction or a decision, export a report)."""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage

from inspector.config import Config
from inspector.errors import CancelledError, InspectorError, UsageError
from inspector.models import BBox, CaseResult, CleanPage, Message
from inspector.progress import CancelToken
from ui.convert import ndarray_to_qimage
from ui.texts import pick

logger = logging.getLogger(__name__)

# File kinds the window picks up from a folder or a drop; other files (notes, JSON) are left out.
SUPPORTED_SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
THUMBNAIL_WIDTH = 120

CheckFunction = Callable[..., CaseResult]

# Modules the engine imports on first use that hold the GIL for long while they load (pypinyin parses
# its phrase tables, 0.3-0.5 s of C code that no other thread can interrupt): imported on the GUI
# thread before the window shows, so that a check in the worker never freezes the window with them.
SLOW_IMPORTS = ("pypinyin",)


@dataclass(frozen=True)
class CheckRequest:
    """What one check needs, validated before a worker starts."""

    paths: tuple[str, ...]
    data_dir: Path | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class CaseView:
    """A case ready to show: the result with its pages converted for display (off the GUI thread),
    the OCR word boxes of each page, and the casework state (decision, sign-off, corrections) when
    the case is recorded."""

    result: CaseResult
    images: tuple[QImage, ...]
    thumbnails: tuple[QImage, ...]
    words: tuple[tuple[BBox, ...], ...] = ()
    state: Any = None  # inspector.casework.CaseState, None for an unsaved case




@dataclass(frozen=True)
class ErrorInfo:
    """A failure to show: a sentence for the inspector and the details for support. `expected` is
    True for the engine's own errors (InspectorError), False for a bug."""

    message: str
    details: str
    expected: bool = True


def expand_paths(paths: Iterable[str | Path]) -> tuple[str, ...]:
    """The given files, with each folder replaced by its supported files in name order."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir()) if _is_supported(p))
        else:
            out.append(str(raw))
    return tuple(out)


def _is_supported(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES


def prepare_request(
    paths: Iterable[str | Path], data_dir: str | Path | None = None, case_id: str | None = None
) -> CheckRequest:
    """Validate the inputs of a check; raises UsageError with a message for the inspector."""
    files = expand_paths(paths)
    if not files:
        message = QCoreApplication.translate(
            "workers", "There are no documents to check: choose PDF, TIFF, PNG or JPEG files."
        )
        raise UsageError(message)
    return CheckRequest(files, Path(data_dir) if data_dir else None, case_id)


@functools.cache
def preload_engine() -> None:
    """Once per process: import SLOW_IMPORTS now, then move every object alive to the garbage collector's permanent
    generation (gc.freeze): Python's full collections stop every thread, and walking the hundreds of
    thousands of objects of Qt, numpy and the engine took 200-250 ms in the middle of a check; after
    the freeze a collection walks only what was made since."""
    for name in SLOW_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            logger.warning("could not preload %s: %s", name, exc)
    gc.collect()
    gc.freeze()


def default_check() -> CheckFunction:
    """The engine's check_case, imported only when a check runs."""
    from inspector.pipeline import check_case

    return check_case


def display_pages(pages: Sequence[CleanPage]) -> tuple[tuple[QImage, ...], tuple[QImage, ...]]:
    """Page images in the screen's format (so showing them costs the GUI thread no conversion)
    and their thumbnails."""
    images = tuple(display_image(p.image) for p in pages)
    return images, tuple(_thumbnail(img) for img in images)


def display_image(gray: np.ndarray) -> QImage:
    """An RGB32 QImage of a grayscale page, its pixels written by numpy: Qt's own conversion holds
    Python's GIL for ~50 ms a page (freezing the window), numpy lets the GUI thread run meanwhile."""
    if gray.ndim != 2:
        return ndarray_to_qimage(gray).convertToFormat(QImage.Format.Format_RGB32)
    height, width = gray.shape
    image = QImage(width, height, QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.bits(), np.uint32).reshape(height, image.bytesPerLine() // 4)
    pixels = rows[:, :width]
    np.multiply(gray, np.uint32(0x010101), out=pixels, dtype=np.uint32)
    np.bitwise_or(pixels, np.uint32(0xFF000000), out=pixels)
    return image


def _thumbnail(image: QImage) -> QImage:
    return image.scaledToWidth(THUMBNAIL_WIDTH, Qt.TransformationMode.SmoothTransformation)


def case_view(result: CaseResult, words: Sequence[Sequence[BBox]] = (), state: Any = None) -> CaseView:
    """A CaseView of a result: pages converted for display (call it in the worker)."""
    images, thumbnails = display_pages(result.pages)
    return CaseView(result, images, thumbnails, tuple(tuple(w) for w in words), state)


class WorkerSignals(QObject):
    """Signals of a CheckWorker; emitted from the pool thread, delivered queued to the GUI."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # CaseView
    failed = Signal(object)  # ErrorInfo
    cancelled = Signal()


class SignalProgress:
    """The engine's Progress protocol, forwarded to a Qt signal."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals

    def update(self, done: int, total: int, message: str) -> None:
        """Emit the progress signal (thread-safe: delivery is queued)."""
        self._signals.progress.emit(done, total, message)


class CheckWorker(QRunnable):
    """Runs check_case for one request; every outcome ends in exactly one terminal signal.

    `after` turns the result into the CaseView to show (page words, casework state); it runs in the
    worker too. The default converts the pages only."""

    def __init__(
        self,
        request: CheckRequest,
        check: CheckFunction | None = None,
        after: Callable[[CaseResult, CheckRequest], CaseView] | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.request = request
        self.config = config
        self.signals = WorkerSignals()
        self.token = CancelToken()
        self._check = check
        self._after = after

    def cancel(self) -> None:
        """Ask the running check to stop at its next step."""
        self.token.cancel()

    def run(self) -> None:
        """Run the check; catches everything so nothing escapes into the thread pool."""
        try:
            self.signals.finished.emit(self._outcome(self._run_check()))
        except CancelledError:
            self.signals.cancelled.emit()
        except InspectorError as exc:
            logger.warning("check failed: %s", exc)
            self.signals.failed.emit(ErrorInfo(engine_error_text(exc), traceback.format_exc()))
        except BaseException as exc:  # noqa: BLE001 - a worker must never raise
            logger.exception("unexpected error during the check")
            self.signals.failed.emit(ErrorInfo(_unexpected(exc), traceback.format_exc(), False))

    def _run_check(self) -> CaseResult:
        from inspector.paths import data_paths

        check = self._check or default_check()
        config = self.config or Config(data=data_paths(self.request.data_dir).ensure())
        progress = SignalProgress(self.signals)
        return check(
            list(self.request.paths),
            config,
            case_id=self.request.case_id,
            progress=progress,
            cancel=self.token,
        )

    def _outcome(self, result: CaseResult) -> CaseView:
        self.token.raise_if_cancelled()
        if self._after is not None:
            return self._after(result, self.request)
        return case_view(result)


def _unexpected(exc: BaseException) -> str:
    text = QCoreApplication.translate(
        "workers", "The check stopped on an unexpected error ({kind}: {error}). See the log."
    )
    return text.format(kind=type(exc).__name__, error=exc)


class TaskSignals(QObject):
    """Signals of a TaskWorker: exactly one of them is emitted."""

    finished = Signal(object)  # what the function returned
    failed = Signal(object)  # ErrorInfo


class TaskWorker(QRunnable):
    """Runs one function off the GUI thread (it opens its own database sessions) and reports its
    return value or its error; catches everything so nothing escapes into the thread pool."""

    def __init__(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.name = name
        self.signals = TaskSignals()
        self._call = (fn, args, kwargs)

    def run(self) -> None:
        """Call the function and emit finished(result) or failed(ErrorInfo)."""
        fn, args, kwargs = self._call
        try:
            result = fn(*args, **kwargs)
        except InspectorError as exc:
            logger.warning("%s failed: %s", self.name, exc)
            self.signals.failed.emit(ErrorInfo(engine_error_text(exc), traceback.format_exc()))
        except BaseException as exc:  # noqa: BLE001 - a worker must never raise
            logger.exception("%s: unexpected error", self.name)
            self.signals.failed.emit(error_info(exc))
        else:
            self.signals.finished.emit(result)


def engine_error_text(exc: InspectorError) -> str:
    """An engine error's message in the chosen language (casework errors carry both)."""
    message = getattr(exc, "message", None)
    if isinstance(message, Message):
        return pick(message)
    return str(exc)


def error_info(exc: BaseException) -> ErrorInfo:
    """The ErrorInfo of an unexpected exception (call it inside the `except` block)."""
    text = QCoreApplication.translate(
        "workers", "Inspector stopped on an unexpected error ({kind}: {error})."
    )
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return ErrorInfo(text.format(kind=type(exc).__name__, error=exc), details, expected=False)
