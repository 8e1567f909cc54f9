"""The two databases of one data directory, opened (and migrated) once per window and then shared by
the jobs of its worker thread. Opening runs the Alembic migrations: a tenth of a second of work that
holds the GIL (and must not run in two threads at once), too much to repeat for every query or edit.
An Engine is thread-safe; every job makes its own Session on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inspector.paths import DataPaths, data_paths

Which = Literal["cases", "rules"]


class Databases:
    """Engines on the case and rules databases below one data directory, made on first use."""

    def __init__(self, data: DataPaths | str | Path | None) -> None:
        """`data`: the DataPaths, or a data directory (None: the per-user default)."""
        self.paths: DataPaths = data if isinstance(data, DataPaths) else data_paths(data)
        self._lock = threading.Lock()
        self._engines: dict[Which, Engine] = {}

    def engine(self, which: Which) -> Engine:
        """The engine of one database, opened and migrated the first time it is asked for."""
        with self._lock:
            if which not in self._engines:
                self._engines[which] = _open(which, self.paths.ensure())
            return self._engines[which]

    @contextmanager
    def cases(self) -> Iterator[Session]:
        """A Session on the case database, for the calling thread only."""
        with Session(self.engine("cases")) as s:
            yield s

    @contextmanager
    def both(self) -> Iterator[tuple[Session, Session]]:
        """(cases, rules) Sessions, for the calling thread only."""
        with Session(self.engine("cases")) as cases, Session(self.engine("rules")) as rules:
            yield cases, rules

    @contextmanager
    def sessions(self, *, rules: bool = True, cases: bool = True) -> Iterator[tuple[Session | None, Session | None]]:
        """(rules, cases) Sessions for the calling thread, None for a database not asked for."""
        with ExitStack() as stack:
            out = [stack.enter_context(Session(self.engine(which))) if wanted else None
                   for which, wanted in (("rules", rules), ("cases", cases))]
            yield out[0], out[1]

    def dispose(self) -> None:
        """Close every connection (the window is closing, or its data directory changed)."""
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


def _open(which: Which, paths: DataPaths) -> Engine:
    if which == "cases":
        from inspector.db.cases.repository import open_cases

        return open_cases(paths)
    from inspector.db.rules.seed import open_rules

    return open_rules(paths)
