"""Look at a licence or watchlist file before importing it: what it holds, what it would add or replace,
and what deserves a second look; then import exactly the file that was previewed.

The file is parsed and validated by the importers the command line uses (`importers.parse_licences`,
`importers.parse_watchlist`): a bad row refuses the whole file with the same RulesImportError, naming its
line. A preview records the file's SHA-256 so `apply_import` refuses a file changed since.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.db.rules.importers import WatchRow, parse_licences, parse_watchlist, read_rows
from inspector.db.rules.models import Licence, WatchlistEntry
from inspector.db.rules.repository import import_licences, import_watchlist
from inspector.errors import RulesImportError
from inspector.models import Message


class ImportKind(StrEnum):
    """What a file holds."""

    LICENCES = "licences"
    WATCHLIST = "watchlist"


@dataclass(frozen=True)
class LicenceRow:
    """One licence of the file, and whether it replaces one the database holds."""

    licence_number: str
    holder: str
    consignee: str
    end_user: str
    destination_country: str
    hs_code: str
    quantity_kg: float
    valid_from: dt.date
    valid_to: dt.date
    replaces: bool


@dataclass(frozen=True)
class ListChange:
    """A watchlist the import replaces as a whole: its entries before and after."""

    list_name: str
    entries_now: int
    entries_after: int


@dataclass(frozen=True)
class ImportPreview:
    """What importing the file would do; nothing is written until `apply_import`."""

    kind: ImportKind
    path: Path
    digest: str  # SHA-256 of the file as previewed
    list_name: str | None = None  # the list name given for a watchlist (None: the file's own)
    licences: tuple[LicenceRow, ...] = ()
    entries: tuple[WatchRow, ...] = ()
    lists: tuple[ListChange, ...] = ()
    notes: tuple[Message, ...] = ()  # what deserves a second look before importing

    @property
    def rows(self) -> int:
        """How many licences or entries would be imported."""
        return len(self.licences) + len(self.entries)

    @property
    def replaced(self) -> int:
        """Licences replacing the database's, or entries of the replaced lists now in the database."""
        if self.kind == ImportKind.LICENCES:
            return sum(r.replaces for r in self.licences)
        return sum(c.entries_now for c in self.lists)


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, RulesImportError when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}") from exc


def preview_licences(s: Session, path: str | Path, today: dt.date | None = None) -> ImportPreview:
    """The licences of a registry CSV and which of them replace known ones (RulesImportError for a bad
    file, naming the first bad line)."""
    path = Path(path)
    digest = file_digest(path)
    parsed = parse_licences(path)
    known = set(s.scalars(select(Licence.number_key).where(Licence.number_key.in_([r["number_key"] for r in parsed]))))
    rows = tuple(LicenceRow(**{k: r[k] for k in LicenceRow.__dataclass_fields__ if k != "replaces"},
                            replaces=r["number_key"] in known) for r in parsed)
    notes = []
    duplicates = sum(1 for _ in read_rows(path)) - len(rows)
    if duplicates:
        notes.append(Message(f"{duplicates} row(s) repeat a licence number given above: the later row is kept.",
                             f"{duplicates} 行的许可证号与前面的重复：保留后出现的一行。"))
    expired = sum(r.valid_to < (today or dt.date.today()) for r in rows)
    if expired:
        notes.append(Message(f"{expired} licence(s) have already expired.", f"{expired} 份许可证已过期。"))
    return ImportPreview(ImportKind.LICENCES, path, digest, licences=rows, notes=tuple(notes))


def preview_watchlist(s: Session, path: str | Path, list_name: str | None = None) -> ImportPreview:
    """The entries of a watchlist CSV (any format the importer reads) and the lists it replaces."""
    path = Path(path)
    digest = file_digest(path)
    entries = tuple(parse_watchlist(path, list_name))
    after: dict[str, int] = {}
    for e in entries:
        after[e.list_name] = after.get(e.list_name, 0) + 1
    now = dict(s.execute(select(WatchlistEntry.list_name, func.count()).where(
        WatchlistEntry.list_name.in_(sorted(after))).group_by(WatchlistEntry.list_name)).all())
    lists = tuple(ListChange(name, int(now.get(name, 0)), n) for name, n in sorted(after.items()))
    notes = []
    unsure = sum(e.unsure for e in entries)
    if unsure:
        notes.append(Message(f"{unsure} entr(ies) are marked UNSURE.", f"{unsure} 条记录标为“不确定”（UNSURE）。"))
    if not entries:
        notes.append(Message("The file holds no entries: nothing would be imported.", "文件中没有记录：不会导入任何内容。"))
    return ImportPreview(ImportKind.WATCHLIST, path, digest, list_name=list_name, entries=entries, lists=lists,
                         notes=tuple(notes))


def apply_import(s: Session, preview: ImportPreview) -> int:
    """Import the previewed file (the caller commits); RulesImportError when it changed since."""
    if file_digest(preview.path) != preview.digest:
        raise RulesImportError(f"{preview.path.name} changed since it was previewed: open it again to see "
                               "what it holds now; nothing was imported.")
    if preview.kind == ImportKind.LICENCES:
        return import_licences(s, preview.path)
    return import_watchlist(s, preview.path, preview.list_name)
