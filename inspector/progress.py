"""Progress reporting and cancellation for long work, independent of any UI toolkit."""

from __future__ import annotations

import threading
from typing import Protocol

from inspector.errors import CancelledError


class Progress(Protocol):
    """Receives progress of long work; the GUI adapts it to a Qt signal."""

    def update(self, done: int, total: int, message: str) -> None:
        """Report that `done` of `total` steps are finished."""


class NullProgress:
    """Progress sink that ignores every update (CLI default and tests)."""

    def update(self, done: int, total: int, message: str) -> None:
        """Ignore the update."""


class CancelToken:
    """A flag that long work polls between steps; set from any thread."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next step."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise CancelledError if cancel() was called."""
        if self._event.is_set():
            raise CancelledError("The check was cancelled.")
