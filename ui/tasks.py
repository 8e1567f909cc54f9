"""Short background work for the views (database queries, imports, saving images), off the event loop.

A `TaskRunner` runs one function at a time on its own thread pool and delivers the result of the
latest call only: a view that asks again before an answer came (typing in a search box) never shows
an outdated one. The function runs on the pool thread, so it opens its own database sessions.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from inspector.errors import InspectorError
from inspector.paths import DataPaths, data_paths

logger = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 30_000


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    """Runs one function; every outcome ends in exactly one signal, nothing escapes into the pool."""

    def __init__(self, serial: int, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.serial, self.work, self.signals = serial, work, signals

    def run(self) -> None:
        try:
            result = self.work()
        except InspectorError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must never raise
            logger.exception("background task failed")
            text = QCoreApplication.translate("tasks", "Unexpected error ({kind}: {error}). See the log.")
            self._emit(self.signals.failed, text.format(kind=type(exc).__name__, error=exc))
        else:
            self._emit(self.signals.done, result)

    def _emit(self, signal: Any, value: object) -> None:
        try:
            signal.emit(self.serial, value)
        except RuntimeError:  # the view went away while this ran: nobody to tell
            logger.debug("task %d ended after its view was closed", self.serial)


class TaskRunner(QObject):
    """Runs functions one at a time off the GUI thread; `finished(result)` or `failed(message)` for the
    latest call only (queued to the GUI thread)."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._serial = 0
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._callbacks: dict[int, Callable[[Any], None] | None] = {}

    def run(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None) -> int:
        """Start `work()`; `then(result)` runs on the GUI thread if no later call was made meanwhile."""
        self._serial += 1
        self._callbacks = {self._serial: then}
        self._pool.start(_Task(self._serial, work, self._signals))
        return self._serial

    @property
    def busy(self) -> bool:
        """Whether the latest call has not answered yet."""
        return bool(self._callbacks)

    def wait(self, msecs: int = SHUTDOWN_WAIT_MS) -> bool:
        """Wait for the running work to end (closing, tests); True when it did."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, serial: int, result: object) -> None:
        if serial not in self._callbacks:
            return  # an answer to an earlier call
        then = self._callbacks.pop(serial)
        if then is not None:
            then(result)
        self.finished.emit(result)

    def _on_failed(self, serial: int, message: str) -> None:
        if serial in self._callbacks:
            del self._callbacks[serial]
            self.failed.emit(message)


def as_data_paths(value: DataPaths | str | os.PathLike[str] | None) -> DataPaths:
    """DataPaths for a DataPaths, a data directory, or None (the per-user default)."""
    return value if isinstance(value, DataPaths) else data_paths(value)
