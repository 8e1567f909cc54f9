"""The journal of checks under way: a check killed before its case is recorded is found on the next start.

A saving check writes a marker `DataPaths.journal/<token>.json` (its input files, start time and,
once known, its case id) and fsyncs it before it reads anything; it removes the marker when the case
is recorded or when the check ends with an error or a cancel. Only a check that never got to finish
(kill -9, power cut, a crash of the process) leaves its marker behind. While the check runs it holds
an OS lock on `<token>.lock`, so another process never mistakes a running check for an interrupted
one; the OS drops the lock when the process dies, however it dies.

A marker whose case id is already in the case database belongs to a check killed between the commit
and the removal: the case is safe, and `pending()` sweeps the marker away instead of reporting it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from inspector import __version__
from inspector.errors import InputUnreadableError, UsageError
from inspector.paths import DataPaths

if TYPE_CHECKING:
    from inspector.config import Config
    from inspector.models import CaseResult
    from inspector.progress import CancelToken, Progress

log = logging.getLogger(__name__)

_MARKER, _LOCK, _TMP = ".json", ".lock", ".tmp"


@dataclass(frozen=True)
class Entry:
    """One check under way or interrupted: what it was given and when it started."""

    token: str
    paths: tuple[str, ...]  # absolute paths of the input files
    started_at: str  # ISO 8601, local time
    case_id: str | None  # the inspector's --case-id, or the id generated just before the commit
    requested: bool  # whether case_id was the inspector's own (a re-run keeps it)
    pid: int
    engine_version: str
    reruns: int = 0


class Run:
    """A check's hold on its marker: `assign` the case id before the commit, `close` after."""

    def __init__(self, paths: DataPaths, entry: Entry, lock: IO[bytes]) -> None:
        self.entry = entry
        self._paths = paths
        self._lock = lock

    def assign(self, case_id: str) -> None:
        """Write the case id into the marker (durably) before the case is committed under it."""
        if self.entry.case_id != case_id:
            self.entry = replace(self.entry, case_id=case_id)
            _write_marker(_marker(self._paths, self.entry.token), self.entry)

    def close(self) -> None:
        """Remove the marker and release the lock: the check ended, one way or the other. A marker that
        cannot be removed is only logged: it must not hide how the check ended."""
        try:
            _marker(self._paths, self.entry.token).unlink(missing_ok=True)
            _fsync_dir(self._paths.journal)
        except OSError as exc:
            log.warning("journal: the marker of %s could not be removed (%s)", self.entry.token, exc)
        _release(self._paths, self.entry.token, self._lock)


class NoRun:
    """The stand-in when nothing is journalled (a check that records nothing)."""

    entry = None

    def assign(self, case_id: str) -> None:
        """Nothing to write."""

    def close(self) -> None:
        """Nothing to remove."""


@contextmanager
def watch(paths: DataPaths, files: Sequence[str], case_id: str | None, *, enabled: bool = True,
          token: str | None = None) -> Iterator[Run | NoRun]:
    """Journal one check for the length of the block; the marker is removed however the block ends,
    except when the process itself dies. `token` re-runs an interrupted check under its own marker."""
    run: Run | NoRun = begin(paths, files, case_id, token=token) if enabled else NoRun()
    try:
        yield run
    finally:
        run.close()


def begin(paths: DataPaths, files: Sequence[str], case_id: str | None, *, token: str | None = None) -> Run:
    """Lock a new (or the given interrupted) token and write its marker, fsync'd, before any work."""
    paths.journal.mkdir(parents=True, exist_ok=True)
    old = _read(_marker(paths, token)) if token else None
    token = token or _new_token()
    lock = _acquire(paths, token)
    if lock is None:
        raise UsageError(f"The check {token} is running in another window or process; wait for it to end.")
    entry = Entry(token, tuple(os.path.abspath(f) for f in files), _now(), case_id, case_id is not None,
                  os.getpid(), __version__, old.reruns + 1 if old else 0)
    try:
        _write_marker(_marker(paths, token), entry)
    except OSError:
        _release(paths, token, lock)
        raise
    return Run(paths, entry, lock)


def pending(paths: DataPaths) -> list[Entry]:
    """The interrupted checks, oldest first. Markers of checks still running are left alone; markers
    of checks whose case was recorded after all are swept away (the case is safe)."""
    found = [e for e in _stale(paths) if e is not None]
    recorded = _recorded(paths, {e.case_id for e in found if e.case_id})
    out = []
    for entry in found:
        if entry.case_id in recorded:
            log.info("journal: the check %s recorded case %s before it stopped", entry.token, entry.case_id)
            forget(paths, entry.token)
        else:
            out.append(entry)
    return sorted(out, key=lambda e: (e.started_at, e.token))


def find(paths: DataPaths, token: str) -> Entry:
    """The interrupted check of a token (or of a prefix that names one only); UsageError otherwise."""
    entries = [e for e in pending(paths) if e.token.startswith(token)] if token else []
    if len(entries) != 1:
        what = "names several" if entries else "is not"
        raise UsageError(f"{token!r} {what} an interrupted check; `inspector journal list` shows them.")
    return entries[0]


def forget(paths: DataPaths, token: str) -> bool:
    """Remove the marker of an interrupted check (not of a running one); whether one was removed."""
    lock = _acquire(paths, token)
    if lock is None:
        return False
    marker = _marker(paths, token)
    existed = marker.exists()
    with suppress(FileNotFoundError):
        marker.unlink()
    with suppress(FileNotFoundError):
        marker.with_suffix(_TMP).unlink()
    _release(paths, token, lock)
    return existed


def clear(paths: DataPaths) -> int:
    """Forget every interrupted check; how many were forgotten."""
    return sum(forget(paths, e.token) for e in pending(paths))


def rerun(token: str, config: Config, *, progress: Progress | None = None,
          cancel: CancelToken | None = None) -> CaseResult:
    """Check the files of an interrupted check again under its own marker (and its own case id, when
    the inspector gave one); the marker goes once the case is recorded."""
    # imported here: the pipeline journals its checks through this module
    from inspector.pipeline import check_case

    entry = find(config.data, token)
    missing = [p for p in entry.paths if not os.path.exists(p)]
    if missing:
        raise InputUnreadableError(
            f"The files of the interrupted check {entry.token} are gone ({', '.join(missing)}): put them back, "
            f"or forget the check with `inspector journal clear {entry.token}`.")
    return check_case(list(entry.paths), config, case_id=entry.case_id if entry.requested else None,
                      progress=progress, cancel=cancel, journal_token=entry.token)


def describe(entry: Entry) -> str:
    """One line for the inspector: when, which files, how to re-run or forget it."""
    names = ", ".join(os.path.basename(p) for p in entry.paths[:3])
    more = f" and {len(entry.paths) - 3} more" if len(entry.paths) > 3 else ""
    case = f", case {entry.case_id}" if entry.case_id else ""
    return (f"interrupted check {entry.token} (started {entry.started_at[:19].replace('T', ' ')}{case}: "
            f"{names}{more}): `inspector journal rerun {entry.token}` checks it again, "
            f"`inspector journal clear {entry.token}` forgets it")


def _stale(paths: DataPaths) -> Iterator[Entry | None]:
    """The markers no live process holds (None for one that cannot be read); the half-written temp file
    or lone lock file of a check killed while it started is removed."""
    if not paths.journal.is_dir():
        return
    for file in sorted(paths.journal.iterdir()):
        token, suffix = file.stem, file.suffix
        lone_lock = suffix == _LOCK and not _marker(paths, token).exists()
        if suffix not in (_MARKER, _TMP) and not lone_lock:
            continue
        lock = _acquire(paths, token)
        if lock is None:
            continue  # running
        try:
            if suffix == _TMP:
                file.unlink(missing_ok=True)
            elif suffix == _MARKER:
                yield _read(file)
        finally:
            _release(paths, token, lock)  # removes the lock file


def _recorded(paths: DataPaths, case_ids: set[str]) -> set[str]:
    """Which of these case ids are in the case database (none when it cannot be opened)."""
    if not case_ids or not paths.cases_db.exists():
        return set()
    from sqlalchemy import select

    from inspector.db.cases.models import Case
    from inspector.db.cases.repository import open_cases

    try:
        engine = open_cases(paths)
    except Exception as exc:  # noqa: BLE001 - listing must work even when the database does not
        log.warning("journal: the case database could not be opened (%s)", exc)
        return set()
    try:
        with engine.connect() as c:
            return set(c.scalars(select(Case.id).where(Case.id.in_(sorted(case_ids)))))
    finally:
        engine.dispose()


def _read(path: Path) -> Entry | None:
    """The entry of a marker file, None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text("utf-8"))
        data["paths"] = tuple(data["paths"])
        return Entry(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("journal: marker %s cannot be read (%s)", path.name, exc)
        return None


def _write_marker(path: Path, entry: Entry) -> None:
    """Write the marker through a temp file, fsync it and its folder: it is there after a power cut.
    ASCII JSON, so a file name that is not valid UTF-8 (kept as surrogate escapes) survives."""
    tmp = path.with_suffix(_TMP)
    with tmp.open("w", encoding="ascii") as fh:
        json.dump(asdict(entry), fh, ensure_ascii=True, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename or a removal in `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name == "nt":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _marker(paths: DataPaths, token: str) -> Path:
    return paths.journal / f"{token}{_MARKER}"


def _new_token() -> str:
    return f"{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="microseconds")  # orders checks started in one second


def _acquire(paths: DataPaths, token: str) -> IO[bytes] | None:
    """An exclusive, non-blocking OS lock on the token's lock file; None while another holds it."""
    paths.journal.mkdir(parents=True, exist_ok=True)
    file = paths.journal / f"{token}{_LOCK}"
    for _attempt in range(3):
        handle = file.open("a+b")
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                return handle
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            if file.exists() and os.stat(file).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except OSError:
            handle.close()
            return None
        handle.close()  # locked a file its holder removed meanwhile: lock the new one
    return None


def _release(paths: DataPaths, token: str, handle: IO[bytes]) -> None:
    """Remove the lock file (while still holding it, so nobody locks a file about to vanish), unlock."""
    if os.name != "nt":
        with suppress(FileNotFoundError):
            (paths.journal / f"{token}{_LOCK}").unlink()
    handle.close()
    if os.name == "nt":
        with suppress(OSError):
            (paths.journal / f"{token}{_LOCK}").unlink()
