"""The window's casework, each call run in a worker thread with its own database sessions: open a
recorded case, correct a field (the engine re-runs the checks and commits at once, so an edit is
never lost), record a decision, sign off, record a report export. Every call returns what the window
shows next; the engine decides everything (inspector.casework)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from inspector import casework
from inspector.config import Config, Tolerances
from inspector.errors import InspectorError
from inspector.models import CaseResult, Document
from inspector.paths import DataPaths, data_paths
from inspector.progress import CancelToken
from ui.case_query import CaseFilter, CaseRow
from ui.case_query import find_cases as query_cases
from ui.databases import Databases
from ui.page_source import reread_pages, result_words, with_pages
from ui.workers import CaseView, CheckRequest, case_view

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Desk:
    """Where and as whom the window works: the data directory (its databases, opened once), the
    inspector's name and the tolerances the preferences set."""

    data_dir: str | Path | None
    actor: str
    tolerances: Tolerances | None = None  # None: the engine's defaults
    databases: Databases | None = field(default=None, compare=False)

    @property
    def paths(self) -> DataPaths:
        """The data directory's paths (made if missing)."""
        return data_paths(self.data_dir).ensure()

    @property
    def db(self) -> Databases:
        """The shared databases (a private set when the desk was made without)."""
        if self.databases is None:
            object.__setattr__(self, "databases", Databases(self.data_dir))
        return self.databases  # type: ignore[return-value]

    def config(self) -> Config:
        """The engine's settings for this data directory (and the preferred tolerances)."""
        if self.tolerances is None:
            return Config(data=self.paths)
        return Config(data=self.paths, tolerances=self.tolerances)


def state_or_none(desk: Desk, case_id: str) -> Any:
    """The casework state of a recorded case, None for a case that is not recorded (an unsaved
    check)."""
    with desk.db.cases() as s:
        try:
            return casework.case_state(s, case_id)
        except casework.CaseworkError:
            return None


def checked_view(desk: Desk, result: CaseResult, _request: CheckRequest | None = None) -> CaseView:
    """After a check: its pages for display, the words OCR read on them, its casework state."""
    try:
        words = result_words(desk.config(), result)
    except InspectorError as exc:  # no Tesseract to name the cache's entries: no word boxes
        log.warning("no word boxes: %s", exc)
        words = ()
    return case_view(result, words, state_or_none(desk, result.case_id))


def open_case(desk: Desk, case_id: str, cancel: CancelToken | None = None) -> CaseView:
    """A recorded case with its pages rendered again from the files kept at record time."""
    paths = desk.paths
    with desk.db.cases() as s:
        result = casework.load_case(s, case_id)
        state = casework.case_state(s, case_id)
        files = {d.index: _original(paths, s, case_id, d.index) for d in result.documents}
    pages = reread_pages(desk.config(), result, files.get, cancel)
    return case_view(with_pages(result, pages), pages.words, state)


def find_cases(desk: Desk, flt: CaseFilter) -> list[CaseRow]:
    """The case list's query."""
    with desk.db.cases() as s:
        return query_cases(s, flt)


def _original(paths: DataPaths, s: Session, case_id: str, document: int) -> Path | None:
    try:
        return casework.original_file(paths, case_id, document, s=s)
    except casework.CaseworkError as exc:
        log.warning("case %s document %d: %s", case_id, document + 1, exc)
        return None


@dataclass(frozen=True)
class Corrected:
    """The case after a correction: the new result (pages kept from before) and the new state."""

    result: CaseResult
    state: Any


def correct(desk: Desk, shown: CaseResult, document: int, field: str, value: str) -> Corrected:
    """Record a correction; the engine re-runs the checks and commits before this returns."""
    with desk.db.both() as (cases, rules):
        new = casework.correct_field(cases, shown.case_id, document, field, value,
                                     actor=desk.actor, rules=rules, config=desk.config())  # fmt: skip
        state = casework.case_state(cases, shown.case_id)
    return Corrected(keep_pages(shown, new), state)


def correct_line(desk: Desk, shown: CaseResult, document: int, line: int, column: str,
                 value: str) -> Corrected:  # fmt: skip
    """Record the correction of a goods line's cell; re-checked and committed like a field."""
    with desk.db.both() as (cases, rules):
        new = casework.correct_item(cases, shown.case_id, document, line, column, value,
                                    actor=desk.actor, rules=rules, config=desk.config())  # fmt: skip
        state = casework.case_state(cases, shown.case_id)
    return Corrected(keep_pages(shown, new), state)


def keep_pages(shown: CaseResult, new: CaseResult) -> CaseResult:
    """The new result with the pages already shown and, per document, the forensic signals of the
    check (the database does not keep them: they only feed the heat-map overlays)."""
    documents = tuple(_with_signals(doc, shown.documents) for doc in new.documents)
    return replace(new, documents=documents, pages=shown.pages, page_map=shown.page_map)


def _with_signals(doc: Document, before: Sequence[Document]) -> Document:
    if doc.signals or not 0 <= doc.index < len(before):
        return doc
    return replace(doc, signals=before[doc.index].signals)


def decide(desk: Desk, case_id: str, decision: str, note: str) -> Any:
    """Record a decision with its note; returns the new state."""
    with desk.db.cases() as s:
        casework.decide(s, case_id, casework.Decision(decision), note, actor=desk.actor)
        return casework.case_state(s, case_id)


def needs_password() -> bool:
    """Whether the sign-off asks for a password (the engine has user accounts)."""
    try:
        from inspector import accounts
    except ImportError:
        return False
    return hasattr(accounts, "authenticate")


def sign_off(desk: Desk, case_id: str, supervisor: str, password: str | None) -> Any:
    """Sign the case off as `supervisor` (authenticated as a supervisor when accounts exist); returns
    the new state, in which the case is read-only."""
    with desk.db.cases() as s:
        name = _supervisor(s, supervisor, password) if needs_password() else supervisor
        casework.sign_off(s, case_id, supervisor=name)
        return casework.case_state(s, case_id)


def _supervisor(s: Session, name: str, password: str | None) -> str:
    from inspector import accounts

    if not any(u.role == accounts.Role.SUPERVISOR and u.active for u in accounts.list_users(s)):
        raise accounts.AuthenticationError(QCoreApplication.translate(
            "casework", "No supervisor account exists yet, so nobody can sign off: create one with "
            "'inspector users add NAME --role supervisor'."))
    user = accounts.authenticate(s, name, password or "")
    accounts.require_role(user, accounts.Role.SUPERVISOR)
    return user.name


def record_export(desk: Desk, case_id: str, path: Path, sha256: str) -> Any:
    """Record that a report was exported (audit trail); returns the new state."""
    with desk.db.cases() as s:
        casework.record_export(s, case_id, actor=desk.actor, path=str(path), sha256=sha256)
        return casework.case_state(s, case_id)
