"""The case list's query over the case database: search by id, party or port of origin, filter by lane,
shipment dates and party (on a laptop's SQLite file or the coordination centre's PostgreSQL database). No Qt here: it runs in a worker thread with the worker's own Session (and could move to the
engine unchanged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case, CaseShipment

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class CaseFilter:
    """What the inspector typed and chose above the case list; empty fields filter nothing."""

    text: str = ""  # part of a case id or of a party's name
    lane: str = ""  # "green", "yellow", "red" or "" for all
    party: str = ""  # part of the exporter's or consignee's name
    shipped_from: dt.date | None = None
    shipped_to: dt.date | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    case_id: str
    created_at: dt.datetime
    shipment_date: dt.date | None
    lane: str
    risk_score: int
    status: str
    exporter: str
    consignee: str
    port: str = ""  # the port of origin of a case synchronised from another laptop ("" recorded here)


def find_cases(s: Session, flt: CaseFilter, limit: int = DEFAULT_LIMIT) -> list[CaseRow]:
    """The recorded cases matching the filter, newest first (at most `limit`)."""
    stmt = _filtered(select(Case, CaseShipment.exporter_name, CaseShipment.consignee_name, Case.port), flt)
    stmt = stmt.order_by(Case.created_at.desc(), Case.id.desc()).limit(limit)
    return [_row(case, exporter, consignee, port) for case, exporter, consignee, port in s.execute(stmt)]


def _filtered(stmt: Select, flt: CaseFilter) -> Select:
    stmt = stmt.outerjoin(CaseShipment, CaseShipment.case_id == Case.id)
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(Case.id.ilike(like), Case.port.ilike(like), *_party_terms(like)))
    if flt.party.strip():
        stmt = stmt.where(or_(*_party_terms(f"%{flt.party.strip()}%")))
    if flt.lane:
        stmt = stmt.where(Case.lane == flt.lane)
    if flt.shipped_from is not None:
        stmt = stmt.where(Case.shipment_date >= flt.shipped_from)
    if flt.shipped_to is not None:
        stmt = stmt.where(Case.shipment_date <= flt.shipped_to)
    return stmt


def _party_terms(like: str) -> tuple:
    return (CaseShipment.exporter_name.ilike(like), CaseShipment.consignee_name.ilike(like))


def _row(case: Case, exporter: str | None, consignee: str | None, port: str | None = None) -> CaseRow:
    return CaseRow(
        case_id=case.id, created_at=case.created_at, shipment_date=case.shipment_date,
        lane=case.lane, risk_score=case.risk_score, status=case.status or "",
        exporter=exporter or "", consignee=consignee or "", port=port or "",
    )  # fmt: skip
