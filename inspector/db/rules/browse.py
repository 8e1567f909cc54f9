"""Read-only browsing of the rules database for the desktop app's rules view: search the HS
nomenclature, the control lines (with their dates and sources), the licences with what is left of
each, and the watchlists. Every function takes a Session first and returns frozen records."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from sqlalchemy import String, cast, literal, or_, select
from sqlalchemy.orm import Session

from inspector.db.cases.repository import licence_ledger
from inspector.db.rules.models import Control, HsCode, Licence, WatchlistEntry
from inspector.db.rules.records import HsEntry, LicenceRecord, WatchEntry
from inspector.db.rules.repository import _licence_record

DEFAULT_LIMIT = 500
_CODE = re.compile(r"^[\d.\s]+$")


@dataclass(frozen=True)
class ControlLine:
    """One control line as the rules database holds it."""

    announcement: str
    item: str
    hs_code: str | None
    family: str
    effective_date: dt.date
    status: str
    suspended_from: dt.date | None
    suspended_until: dt.date | None
    suspended_by: str | None
    source: str | None
    notes: str | None
    unsure: str | None


@dataclass(frozen=True)
class LicenceBalance:
    """A licence with what recorded cases shipped under it and what is left."""

    licence: LicenceRecord
    shipped_kg: float
    cases: tuple[str, ...]  # the recorded cases that used it, oldest first

    @property
    def remaining_kg(self) -> float:
        """The licence quantity less what was shipped (negative when over-used)."""
        return self.licence.quantity_kg - self.shipped_kg


def _like(text: str) -> str:
    return f"%{text.strip()}%"


def _digits(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


def search_hs(s: Session, text: str = "", limit: int = DEFAULT_LIMIT) -> list[HsEntry]:
    """Nomenclature entries whose code starts with the digits typed (dots allowed), or whose
    description contains the text; in code order."""
    stmt = select(HsCode)
    if text.strip():
        stmt = stmt.where(HsCode.code.startswith(_digits(text)) if _CODE.match(text)
                          else HsCode.description.ilike(_like(text)))
    return [HsEntry(r.code, r.description, r.level) for r in s.scalars(stmt.order_by(HsCode.code).limit(limit))]


def search_controls(s: Session, text: str = "", limit: int = DEFAULT_LIMIT) -> list[ControlLine]:
    """Control lines matching the text in their announcement, item, family, status or source, or (for
    digits) whose code and the typed code share their common prefix; newest announcements first."""
    c = Control
    stmt = select(c)
    if text.strip() and _CODE.match(text):
        code = _digits(text)
        stmt = stmt.where(or_(c.hs_code.startswith(code), literal(code, String).startswith(c.hs_code)))
    elif text.strip():
        like = _like(text)
        stmt = stmt.where(or_(c.announcement.ilike(like), c.item.ilike(like), c.family.ilike(like),
                              c.status.ilike(like), c.source.ilike(like), c.notes.ilike(like)))
    rows = s.scalars(stmt.order_by(c.effective_date.desc(), c.id).limit(limit))
    return [ControlLine(r.announcement, r.item, r.hs_code, r.family, r.effective_date, r.status, r.suspended_from,
                        r.suspended_until, r.suspended_by, r.source, r.notes, r.unsure) for r in rows]


def search_licences(s: Session, text: str = "", limit: int = DEFAULT_LIMIT) -> list[LicenceRecord]:
    """Licences whose number, holder, consignee, end user, country or HS code contains the text."""
    t = Licence
    stmt = select(t)
    if text.strip():
        like = _like(text)
        stmt = stmt.where(or_(t.licence_number.ilike(like), t.holder.ilike(like), t.consignee.ilike(like),
                              t.end_user.ilike(like), t.destination_country.ilike(like), t.hs_code.ilike(like)))
    return [_licence_record(r) for r in s.scalars(stmt.order_by(t.valid_to.desc(), t.licence_number).limit(limit))]


def licence_balances(rules: Session, cases: Session | None, text: str = "",
                     limit: int = DEFAULT_LIMIT) -> list[LicenceBalance]:
    """The licences matching the text, each with the net kg recorded cases shipped under it (the
    licence ledger: the same papers checked twice count once); nothing shipped without a case
    database."""
    out = []
    for record in search_licences(rules, text, limit):
        ledger = licence_ledger(cases, record.licence_number) if cases is not None else []
        out.append(LicenceBalance(record, sum(e.net_kg or 0.0 for e in ledger), tuple(e.case_id for e in ledger)))
    return out


def watchlist_names(s: Session) -> list[str]:
    """The names of the lists in the database, sorted."""
    return sorted(s.scalars(select(WatchlistEntry.list_name).distinct()))


def search_watchlist(s: Session, text: str = "", list_name: str | None = None,
                     limit: int = DEFAULT_LIMIT) -> list[WatchEntry]:
    """Watchlist entries whose name, aliases, country or reason contains the text, of one list or all."""
    w = WatchlistEntry
    stmt = select(w)
    if list_name:
        stmt = stmt.where(w.list_name == list_name)
    if text.strip():
        like, aliases = _like(text), cast(w.aliases, String)
        escaped = _like(json.dumps(text.strip())[1:-1])  # aliases are stored as JSON: Chinese as \uXXXX
        stmt = stmt.where(or_(w.name.ilike(like), aliases.ilike(like), aliases.ilike(escaped),
                              w.country.ilike(like), w.reason.ilike(like), w.source_id.ilike(like)))
    rows = s.scalars(stmt.order_by(w.list_name, w.name).limit(limit))
    return [WatchEntry(r.id, r.name, tuple(r.aliases or ()), r.country, r.list_name, r.reason, r.source_id,
                       bool(r.unsure)) for r in rows]
