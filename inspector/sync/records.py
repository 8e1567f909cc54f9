"""A recorded case as a bundle carries it (one JSON document), read from the case database and
written back into one, and checked field by field before anything is written.

The record holds the case row, its documents (pages, perceptual hashes, fields, goods lines), findings,
corrections, decisions and sign-off: everything `audit.case_digest` covers and what the reuse and
history checks read. Database ids are not carried (they differ between installations): a sign-off names
its decision by position. `version` is the sha256 of the record's canonical JSON, so the same case
exported twice has one version and a changed case another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector.casework.audit import canonical
from inspector.db.cases.models import (
    Case,
    CaseCorrection,
    CaseDecision,
    CaseDocument,
    CaseField,
    CaseFinding,
    CaseItem,
    CasePage,
    CasePagePhash,
    CaseSignoff,
)
from inspector.db.cases.phash_index import bands
from inspector.db.cases.repository import jsonable
from inspector.models import Message
from inspector.sync.errors import BundleUnsafeError

CASE_COLUMNS = ("id", "created_at", "shipment_date", "lane", "risk_score", "rules_version", "engine_version",
                "status", "net_weight_kg")
DOCUMENT_COLUMNS = ("idx", "path", "type", "pages", "error", "ocr_confidence", "numbers", "sha256", "text")
PAGE_COLUMNS = ("number", "image_hash", "width", "height")
PHASH_COLUMNS = ("page", "phash", "grid", "regions")
FIELD_COLUMNS = ("name", "value", "raw", "page", "bbox", "confidence")
ITEM_COLUMNS = ("idx", "description", "hs_code", "quantity", "unit", "net_weight_kg", "gross_weight_kg", "value",
                "page", "bbox")
FINDING_COLUMNS = ("code", "severity", "message", "message_zh", "document_idx", "field", "page", "bbox", "evidence")
CORRECTION_COLUMNS = ("document_idx", "item_idx", "field", "old_value", "new_value", "old_raw", "new_raw",
                      "old_confidence", "actor", "corrected_at")
DECISION_COLUMNS = ("decision", "note", "actor", "decided_at")
COUNTED = ("documents", "pages", "phashes", "fields", "items", "findings", "corrections", "decisions", "sign_offs")


def _row(obj: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    return {c: jsonable(getattr(obj, c)) for c in columns}


# ---------------------------------------------------------------- from the database

def case_record(s: Session, case_id: str, audit_seq: int) -> dict[str, Any]:
    """The record of one recorded case; `audit_seq` is the newest audit sequence number of the case
    here (the order of its versions)."""
    case = s.get(Case, case_id)
    if case is None:
        raise KeyError(case_id)
    documents = [_document(d) for d in s.scalars(
        select(CaseDocument).where(CaseDocument.case_id == case_id).order_by(CaseDocument.idx))]
    decisions = list(s.scalars(select(CaseDecision).where(CaseDecision.case_id == case_id)
                               .order_by(CaseDecision.id)))
    signoff = s.get(CaseSignoff, case_id)
    record = _row(case, CASE_COLUMNS) | {
        "audit_seq": audit_seq,
        "documents": documents,
        "findings": [_row(f, FINDING_COLUMNS) for f in s.scalars(
            select(CaseFinding).where(CaseFinding.case_id == case_id).order_by(CaseFinding.id))],
        "corrections": [_row(c, CORRECTION_COLUMNS) for c in s.scalars(
            select(CaseCorrection).where(CaseCorrection.case_id == case_id).order_by(CaseCorrection.id))],
        "decisions": [_row(d, DECISION_COLUMNS) for d in decisions],
        "sign_off": None if signoff is None else {
            "supervisor": signoff.supervisor, "signed_off_at": jsonable(signoff.signed_off_at),
            "decision": next((i for i, d in enumerate(decisions) if d.id == signoff.decision_id), None)},
    }
    return record


def _document(d: CaseDocument) -> dict[str, Any]:
    return _row(d, DOCUMENT_COLUMNS) | {
        "page_rows": [_row(p, PAGE_COLUMNS) for p in d.page_rows],
        "phash_rows": [_row(p, PHASH_COLUMNS) for p in d.phash_rows],
        "field_rows": [_row(f, FIELD_COLUMNS) for f in d.field_rows],
        "item_rows": [_row(i, ITEM_COLUMNS) for i in d.item_rows],
    }


def version(record: Mapping[str, Any]) -> str:
    """The sha256 of the record's canonical JSON: one version per content."""
    return hashlib.sha256(canonical(record).encode("utf-8")).hexdigest()


def counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """How many rows of each kind the records carry (the manifest's counts)."""
    out = dict.fromkeys(("cases", *COUNTED), 0)
    for r in records:
        docs = r["documents"]
        out["cases"] += 1
        out["documents"] += len(docs)
        for kind, key in (("pages", "page_rows"), ("phashes", "phash_rows"), ("fields", "field_rows"),
                          ("items", "item_rows")):
            out[kind] += sum(len(d[key]) for d in docs)
        for kind in ("findings", "corrections", "decisions"):
            out[kind] += len(r[kind])
        out["sign_offs"] += r["sign_off"] is not None
    return out


# ---------------------------------------------------------------- checking a record before anything is written

_T = {"s": str, "i": int, "f": (int, float), "b": bool, "l": list, "d": dict}
_CASE = {"id": "s", "created_at": "s", "shipment_date": "s?", "lane": "s", "risk_score": "i", "rules_version": "s",
         "engine_version": "s", "status": "s", "net_weight_kg": "f?", "audit_seq": "i", "documents": "l",
         "findings": "l", "corrections": "l", "decisions": "l", "sign_off": "d?"}
_DOCUMENT = {"idx": "i", "path": "s", "type": "s", "pages": "i", "error": "s?", "ocr_confidence": "f?",
             "numbers": "l?", "sha256": "s?", "text": "s?", "page_rows": "l", "phash_rows": "l", "field_rows": "l",
             "item_rows": "l"}
_PAGE = {"number": "i", "image_hash": "s", "width": "i?", "height": "i?"}
_PHASH = {"page": "i", "phash": "s", "grid": "i", "regions": "l"}
_FIELD = {"name": "s", "value": "*", "raw": "s", "page": "i?", "bbox": "l?", "confidence": "f"}
_ITEM = {"idx": "i", "description": "s", "hs_code": "s?", "quantity": "f?", "unit": "s?", "net_weight_kg": "f?",
         "gross_weight_kg": "f?", "value": "f?", "page": "i?", "bbox": "l?"}
_FINDING = {"code": "s", "severity": "s", "message": "s", "message_zh": "s?", "document_idx": "i?", "field": "s?",
            "page": "i?", "bbox": "l?", "evidence": "d"}
_CORRECTION = {"document_idx": "i", "item_idx": "i?", "field": "s", "old_value": "*", "new_value": "*",
               "old_raw": "s?", "new_raw": "s", "old_confidence": "f?", "actor": "s", "corrected_at": "s"}
_DECISION = {"decision": "s", "note": "s", "actor": "s", "decided_at": "s"}
_SIGNOFF = {"supervisor": "s", "signed_off_at": "s", "decision": "i"}
# the lengths of the columns that stay VARCHAR on PostgreSQL, which enforces them (SQLite does not)
_LIMITS = {"id": 80, "status": 20, "lane": 10, "code": 40, "severity": 10, "name": 60, "type": 40, "decision": 30,
           "phash": 16, "image_hash": 128, "sha256": 64, "engine_version": 40, "field": 80}


def check_record(record: Any, where: str) -> dict[str, Any]:
    """The record, refused (BundleUnsafeError naming `where`) unless every key is there with its type."""
    _shape(record, _CASE, where)
    for d in record["documents"]:
        _shape(d, _DOCUMENT, f"{where}: document")
        for rows, spec in ((d["page_rows"], _PAGE), (d["phash_rows"], _PHASH), (d["field_rows"], _FIELD),
                           (d["item_rows"], _ITEM)):
            for r in rows:
                _shape(r, spec, f"{where}: document {d['idx']}")
        for p in d["phash_rows"]:
            _phash(p["phash"], where)
    for rows, spec, what in ((record["findings"], _FINDING, "finding"),
                             (record["corrections"], _CORRECTION, "correction"),
                             (record["decisions"], _DECISION, "decision")):
        for r in rows:
            _shape(r, spec, f"{where}: {what}")
    if record["sign_off"] is not None:
        _shape(record["sign_off"], _SIGNOFF, f"{where}: sign-off")
        if not 0 <= record["sign_off"]["decision"] < len(record["decisions"]):
            _refuse(where, "its sign-off names a decision it does not hold")
    signed = [record["sign_off"]["signed_off_at"]] if record["sign_off"] is not None else []
    for text in (record["created_at"], *(r["decided_at"] for r in record["decisions"]),
                 *(r["corrected_at"] for r in record["corrections"]), *signed):
        _datetime(text, where)
    if record["shipment_date"] is not None:
        _date(record["shipment_date"], where)
    return record


def _shape(row: Any, spec: Mapping[str, str], where: str) -> None:
    if not isinstance(row, dict) or set(row) != set(spec):
        keys = sorted(row) if isinstance(row, dict) else type(row).__name__
        _refuse(where, f"a row has the keys {keys}, not {sorted(spec)}")
    for key, kind in spec.items():
        value = row[key]
        if kind == "*" or (kind.endswith("?") and value is None):
            continue
        wanted = _T[kind[0]]
        if isinstance(value, bool) and kind[0] != "b" or not isinstance(value, wanted):
            _refuse(where, f"{key} is {type(value).__name__}, not {kind}")
        if isinstance(value, str) and len(value) > _LIMITS.get(key, 1_000_000):
            _refuse(where, f"{key} is longer than {_LIMITS.get(key, 1_000_000)} characters")


def _phash(text: str, where: str) -> None:
    try:
        bands(text)
    except ValueError:
        _refuse(where, f"{text!r} is not a page hash")


def _datetime(text: str, where: str) -> None:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        _refuse(where, f"{text!r} is not a date and time")


def _date(text: str, where: str) -> None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        _refuse(where, f"{text!r} is not a date")


def _refuse(where: str, why: str) -> None:
    raise BundleUnsafeError(Message(f"The bundle's {where} is malformed ({why}): nothing was imported.",
                                    f"数据包中的 {where} 格式不正确（{why}）：未导入任何内容。"))


# ---------------------------------------------------------------- into the database

def _when(text: str | None) -> dt.datetime | None:
    """A stored datetime (naive, as the case database keeps them) from its ISO text."""
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.UTC).replace(tzinfo=None)


def insert_case(s: Session, case_id: str, record: Mapping[str, Any], origin: Mapping[str, str | None]) -> None:
    """Write the record as case `case_id` (the case row and every child row); `origin` holds the
    port, origin_laptop, origin_id and conflict_of columns. The caller checked the id is free."""
    row = Case(id=case_id, **_case_columns(record), **origin)
    s.add(row)
    s.flush()
    _children(s, case_id, record)


def replace_case(s: Session, case_id: str, record: Mapping[str, Any]) -> None:
    """Put the record's content in place of case `case_id`'s (its origin columns stay)."""
    delete_children(s, case_id)
    row = s.get(Case, case_id)
    for key, value in _case_columns(record).items():
        setattr(row, key, value)
    s.flush()
    _children(s, case_id, record)


def _case_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"created_at": _when(record["created_at"]),
            "shipment_date": dt.date.fromisoformat(record["shipment_date"]) if record["shipment_date"] else None,
            **{k: record[k] for k in CASE_COLUMNS if k not in ("id", "created_at", "shipment_date")}}


def delete_children(s: Session, case_id: str) -> None:
    """Delete every row of a case's content (the case row and its history rows stay)."""
    docs = select(CaseDocument.id).where(CaseDocument.case_id == case_id).scalar_subquery()
    for table in (CasePagePhash, CasePage, CaseField, CaseItem):
        s.execute(delete(table).where(table.document_id.in_(docs)))
    for table in (CaseSignoff, CaseCorrection, CaseDecision, CaseFinding, CaseDocument):
        s.execute(delete(table).where(table.case_id == case_id))
    s.expire_all()


def _children(s: Session, case_id: str, record: Mapping[str, Any]) -> None:
    for d in record["documents"]:
        doc = CaseDocument(case_id=case_id, **{k: d[k] for k in DOCUMENT_COLUMNS})
        doc.page_rows = [CasePage(**p) for p in d["page_rows"]]
        doc.field_rows = [CaseField(**f) for f in d["field_rows"]]
        doc.item_rows = [CaseItem(**i) for i in d["item_rows"]]
        doc.phash_rows = [_phash_row(case_id, p) for p in d["phash_rows"]]
        s.add(doc)
    s.add_all(CaseFinding(case_id=case_id, **f) for f in record["findings"])
    s.add_all(CaseCorrection(case_id=case_id, **_dated(c, "corrected_at")) for c in record["corrections"])
    decisions = [CaseDecision(case_id=case_id, **_dated(d, "decided_at")) for d in record["decisions"]]
    s.add_all(decisions)
    s.flush()
    signed = record["sign_off"]
    if signed is not None:
        s.add(CaseSignoff(case_id=case_id, decision_id=decisions[signed["decision"]].id,
                          supervisor=signed["supervisor"], signed_off_at=_when(signed["signed_off_at"])))
    s.flush()


def _dated(row: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {**row, key: _when(row[key])}


def _phash_row(case_id: str, p: Mapping[str, Any]) -> CasePagePhash:
    b0, b1, b2, b3 = bands(p["phash"])
    return CasePagePhash(case_id=case_id, page=p["page"], phash=p["phash"], band0=b0, band1=b1, band2=b2, band3=b3,
                         grid=p["grid"], regions=p["regions"])

