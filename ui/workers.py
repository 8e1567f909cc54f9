"""Background work for the window: one check of a case, run on a QThreadPool."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QImage

from inspector.errors import CancelledError, InspectorError, UsageError
from inspector.models import CaseResult
from inspector.progress import CancelToken
from ui.convert import ndarray_to_qimage

logger = logging.getLogger(__name__)

# File kinds the window picks up from a folder or a drop; other files (notes, JSON) are left out.
SUPPORTED_SUFFIXES = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
THUMBNAIL_WIDTH = 120

CheckFunction = Callable[..., CaseResult]


@dataclass(frozen=True)
class CheckRequest:
    """What one check needs, validated before a worker starts."""

    paths: tuple[str, ...]
    data_dir: Path | None = None
    case_id: str | None = None


@dataclass(frozen=True)
class CheckOutcome:
    """A finished check with its pages already converted for display (off the GUI thread)."""

    result: CaseResult
    images: tuple[QImage, ...]
    thumbnails: tuple[QImage, ...]


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


def default_check() -> CheckFunction:
    """The engine's check_case, imported only when a check runs."""
    from inspector.pipeline import check_case

    return check_case


class WorkerSignals(QObject):
    """Signals of a CheckWorker; emitted from the pool thread, delivered queued to the GUI."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # CheckOutcome
    failed = Signal(str)
    cancelled = Signal()


class SignalProgress:
    """The engine's Progress protocol, forwarded to a Qt signal."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals

    def update(self, done: int, total: int, message: str) -> None:
        """Emit the progress signal (thread-safe: delivery is queued)."""
        self._signals.progress.emit(done, total, message)


class CheckWorker(QRunnable):
    """Runs check_case for one request; every outcome ends in exactly one terminal signal."""

    def __init__(self, request: CheckRequest, check: CheckFunction | None = None) -> None:
        super().__init__()
        self.request = request
        self.signals = WorkerSignals()
        self.token = CancelToken()
        self._check = check

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
            self.signals.failed.emit(str(exc))
        except BaseException as exc:  # noqa: BLE001 - a worker must never raise
            logger.exception("unexpected error during the check")
            self.signals.failed.emit(_unexpected(exc))

    def _run_check(self) -> CaseResult:
        from inspector.config import Config
        from inspector.paths import data_paths

        check = self._check or default_check()
        config = Config(data=data_paths(self.request.data_dir).ensure())
        progress = SignalProgress(self.signals)
        return check(
            list(self.request.paths),
            config,
            case_id=self.request.case_id,
            progress=progress,
            cancel=self.token,
        )

    def _outcome(self, result: CaseResult) -> CheckOutcome:
        self.token.raise_if_cancelled()
        images = tuple(ndarray_to_qimage(page.image) for page in result.pages)
        return CheckOutcome(result, images, tuple(_thumbnail(img) for img in images))


def _thumbnail(image: QImage) -> QImage:
    return image.scaledToWidth(THUMBNAIL_WIDTH, Qt.TransformationMode.SmoothTransformation)


def _unexpected(exc: BaseException) -> str:
    text = QCoreApplication.translate(
        "workers", "The check stopped on an unexpected error ({kind}: {error}). See the log."
    )
    return text.format(kind=type(exc).__name__, error=exc)
