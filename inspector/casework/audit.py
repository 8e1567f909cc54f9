"""The audit trail: every action on the case database appended to one hash-chained table.

Row n's hash is sha256(hash of row n-1 + canonical JSON of row n's content), its content being
seq, at, case_id, action, actor and detail (`row_hash`); the first row chains to GENESIS. Editing a
row breaks its own hash; rewriting its hash too breaks the next row's link; deleting a row leaves a
gap in the sequence numbers; moving rows puts the sequence out of the insertion order. `verify`
names each. A row is appended in the transaction of the action it records, so neither is kept
without the other. Rows carrying a `case_digest` (a hash of the case's recorded content after the
action, `case_digest`) also let `verify` find a case changed behind the trail's back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from inspector.db.cases.models import (
    AuditLog,
    Case,
    CaseCorrection,
    CaseDecision,
    CaseDocument,
    CaseField,
    CaseFinding,
    CaseItem,
    CaseSignoff,
)
from inspector.db.cases.repository import jsonable
from inspector.models import Message

GENESIS = "0" * 64  # the "previous hash" of the first row


class Action(StrEnum):
    """What an audit row records."""

    CHECK = "check"
    CORRECTION = "correction"
    DECISION = "decision"
    SIGN_OFF = "sign_off"
    EXPORT = "export"
    ENTITY_MERGE = "entity_merge"
    ENTITY_SPLIT = "entity_split"


@dataclass(frozen=True)
class AuditEntry:
    """One row of the trail as written."""

    id: int
    seq: int
    at: str  # ISO 8601 UTC
    case_id: str | None
    action: str
    actor: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    """What verify found wrong, and where: the row by sequence number and id (None for a row that is
    gone), or the case changed since its last audited action."""

    kind: str  # edited | relinked | deleted | reordered | duplicate | rewritten | case_changed
    seq: int | None
    row_id: int | None
    message: Message
    case_id: str | None = None


def canonical(value: Any) -> str:
    """The one JSON text of a value that is hashed: keys sorted, no spaces, UTF-8 as is, a whole float
    written as an integer (3150.0 and 3150 are one value, however a column returned it)."""
    return json.dumps(_normal(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return value


def row_hash(prev_hash: str, seq: int, at: str, case_id: str | None, action: str, actor: str,
             detail: dict[str, Any]) -> str:
    """sha256 over the previous row's hash and this row's canonical content, hex."""
    content = {"seq": seq, "at": at, "case_id": case_id, "action": action, "actor": actor, "detail": detail}
    return hashlib.sha256((prev_hash + canonical(content)).encode("utf-8")).hexdigest()


def append(s: Session, *, case_id: str | None, action: str, actor: str, detail: dict[str, Any]) -> AuditEntry:
    """Append one row after the chain's head, in the caller's transaction (the caller commits with the
    action itself). A row about a case carries the case's digest after the action (`case_digest`).
    The session is flushed first: the action's own writes take SQLite's write lock, so no other
    process can append between reading the head and writing this row (`seq` is unique besides). On
    PostgreSQL, whose writers do not exclude each other, the table is locked against other appenders
    until the commit, so that seq and id both follow the commit order."""
    s.flush()
    lock_for_append(s)
    detail = jsonable(detail)
    if case_id is not None:
        detail["case_digest"] = case_digest(s, case_id)
    last = s.execute(select(AuditLog.seq, AuditLog.hash).order_by(AuditLog.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    digest = row_hash(prev, seq, at, case_id, str(action), actor, detail)
    row = AuditLog(seq=seq, at=at, case_id=case_id, action=str(action), actor=actor, detail=detail,
                   prev_hash=prev, hash=digest)
    s.add(row)
    s.flush()
    return _entry(row)


def lock_for_append(s: Session) -> None:
    """On PostgreSQL, take the trail's append lock for the rest of the transaction (readers go on);
    on SQLite the transaction's write lock already excludes every other writer."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE"))


def _entry(r: AuditLog) -> AuditEntry:
    return AuditEntry(r.id, r.seq, r.at, r.case_id, r.action, r.actor, dict(r.detail or {}), r.prev_hash, r.hash)


def entries(s: Session, case_id: str | None = None) -> list[AuditEntry]:
    """The trail in chain order: all of it, or one case's rows."""
    stmt = select(AuditLog).order_by(AuditLog.seq)
    if case_id is not None:
        stmt = stmt.where(AuditLog.case_id == case_id)
    return [_entry(r) for r in s.scalars(stmt)]


def head(s: Session) -> AuditEntry | None:
    """The newest row: note its seq and hash elsewhere, and a later truncation of the trail shows."""
    row = s.scalars(select(AuditLog).order_by(AuditLog.seq.desc()).limit(1)).first()
    return _entry(row) if row else None


# ---------------------------------------------------------------- verification

def verify(s: Session, *, cases: bool = True, anchor: tuple[int, str] | None = None) -> list[AuditProblem]:
    """Everything wrong with the trail, each naming its row: edited (its content no longer gives its
    hash), relinked (its hash was recomputed after an edit, so the next row no longer links to it),
    deleted (a sequence number is missing), reordered (rows out of insertion order), duplicate. With
    `cases`, each case is also compared with the digest of its last audited action (case_changed).

    The chain has no secret: whoever rewrites every row from an edited one to the end leaves a chain
    that holds. `anchor` (seq, hash), a head noted elsewhere earlier (`head`), catches that and a
    truncated end (rewritten)."""
    rows = [_entry(r) for r in s.scalars(select(AuditLog).order_by(AuditLog.id))]
    problems = _order_problems(rows) + _chain_problems(sorted(rows, key=lambda r: (r.seq, r.id)))
    if anchor is not None:
        problems += _anchor_problems(rows, *anchor)
    if cases:
        problems += _case_problems(s, rows)
    return problems


def _anchor_problems(rows: list[AuditEntry], seq: int, digest: str) -> list[AuditProblem]:
    """The row noted as the head then must still be there with the same hash."""
    found = [r for r in rows if r.seq == seq]
    if any(r.hash == digest for r in found):
        return []
    row_id = found[0].id if found else None
    return [AuditProblem("rewritten", seq, row_id, Message(
        f"Audit row {seq} no longer has the hash noted for it ({digest[:12]}...): the trail was rewritten or cut "
        "short from there on.", f"审计记录 {seq} 的哈希值与此前记下的（{digest[:12]}...）不符：自该记录起审计记录被改写或截断。"))]


def _order_problems(rows: list[AuditEntry]) -> list[AuditProblem]:
    """Missing, repeated and out-of-order sequence numbers, in insertion (id) order."""
    out = []
    seqs = [r.seq for r in rows]
    for seq in sorted(set(range(1, max(seqs, default=0) + 1)) - set(seqs)):
        out.append(AuditProblem("deleted", seq, None, Message(
            f"Audit row {seq} is missing: it was deleted.", f"审计记录 {seq} 缺失：已被删除。")))
    for seq in sorted(q for q, n in Counter(seqs).items() if n > 1):
        ids = [r.id for r in rows if r.seq == seq]
        out.append(AuditProblem("duplicate", seq, ids[-1], Message(
            f"Audit row {seq} appears {len(ids)} times (ids {ids}): a row was inserted.",
            f"审计记录 {seq} 出现 {len(ids)} 次（id {ids}）：有记录被插入。")))
    for before, row in zip(rows, rows[1:], strict=False):
        if row.seq < before.seq:
            out.append(AuditProblem("reordered", row.seq, row.id, Message(
                f"Audit row {row.seq} (id {row.id}) stands after row {before.seq} (id {before.id}): rows were "
                "reordered.", f"审计记录 {row.seq}（id {row.id}）位于记录 {before.seq}（id {before.id}）之后："
                "记录顺序被调换。")))
    return out


def _chain_problems(rows: list[AuditEntry]) -> list[AuditProblem]:
    """Rows whose content does not give their hash, and links that do not hold (in chain order); a link
    broken by a deleted row is already reported as the deletion."""
    out = []
    prev: AuditEntry | None = None
    for row in rows:
        if row_hash(row.prev_hash, row.seq, row.at, row.case_id, row.action, row.actor, row.detail) != row.hash:
            out.append(AuditProblem("edited", row.seq, row.id, Message(
                f"Audit row {row.seq} (id {row.id}, {row.action}) was edited: its content no longer matches its "
                "hash.", f"审计记录 {row.seq}（id {row.id}，{row.action}）被修改：内容与其哈希值不符。"),
                row.case_id))
        expected = prev.hash if prev is not None else GENESIS
        gap = prev is not None and row.seq > prev.seq + 1 or prev is None and row.seq > 1
        if row.prev_hash != expected and not gap:
            where = prev.seq if prev is not None else 0
            out.append(AuditProblem("relinked", where, prev.id if prev else None, Message(
                f"Audit row {row.seq} does not link to row {where}: row {where} was rewritten (its hash "
                "recomputed) or replaced.", f"审计记录 {row.seq} 与记录 {where} 的链接断开：记录 {where} "
                "被改写（哈希值被重算）或替换。"), prev.case_id if prev else None))
        prev = row
    return out


def _case_problems(s: Session, rows: Iterable[AuditEntry]) -> list[AuditProblem]:
    """Cases whose recorded content differs from the digest of their last audited action."""
    last: dict[str, AuditEntry] = {}
    for row in sorted(rows, key=lambda r: r.seq):
        if row.case_id and "case_digest" in row.detail:
            last[row.case_id] = row
    out = []
    for case_id, row in sorted(last.items()):
        if case_digest(s, case_id) != row.detail["case_digest"]:
            out.append(AuditProblem("case_changed", row.seq, row.id, Message(
                f"Case {case_id} was changed outside the application after audit row {row.seq} ({row.action}).",
                f"案件 {case_id} 在审计记录 {row.seq}（{row.action}）之后被绕过本程序修改。"), case_id))
    return out


# ---------------------------------------------------------------- case digests

def case_digest(s: Session, case_id: str) -> str:
    """sha256 of a case's recorded content: its verdict and status, documents, fields, goods lines,
    findings, corrections, decisions and sign-off (not the history's summaries, which rebuilds and
    entity merges rewrite). Read with column queries, so it sees what the database holds."""
    return hashlib.sha256(canonical(_case_content(s, case_id)).encode("utf-8")).hexdigest()


def _rows(s: Session, *columns: Any, where: Any, order: Any) -> list[list[Any]]:
    return [[jsonable(v) for v in r] for r in s.execute(select(*columns).where(where).order_by(*order))]


def _case_content(s: Session, case_id: str) -> dict[str, Any]:
    docs = select(CaseDocument.id).where(CaseDocument.case_id == case_id).scalar_subquery()
    d, f, i, fi = CaseDocument, CaseField, CaseItem, CaseFinding
    c, dec, so = CaseCorrection, CaseDecision, CaseSignoff
    return {
        "case": _rows(s, Case.id, Case.lane, Case.risk_score, Case.rules_version, Case.shipment_date, Case.status,
                      Case.net_weight_kg, where=Case.id == case_id, order=[Case.id]),
        "documents": _rows(s, d.idx, d.path, d.type, d.pages, d.error, d.sha256, where=d.case_id == case_id,
                           order=[d.idx]),
        "fields": _rows(s, f.document_id, f.name, f.value, f.raw, f.page, f.bbox, f.confidence,
                        where=f.document_id.in_(docs), order=[f.document_id, f.name, f.id]),
        "items": _rows(s, i.document_id, i.idx, i.description, i.hs_code, i.quantity, i.unit, i.net_weight_kg,
                       i.gross_weight_kg, i.value, i.page, i.bbox, where=i.document_id.in_(docs),
                       order=[i.document_id, i.idx]),
        "findings": _rows(s, fi.code, fi.severity, fi.message, fi.message_zh, fi.document_idx, fi.field, fi.page,
                          fi.bbox, fi.evidence, where=fi.case_id == case_id, order=[fi.id]),
        "corrections": _rows(s, c.document_idx, c.item_idx, c.field, c.old_value, c.new_value, c.old_raw,
                             c.new_raw, c.actor, c.corrected_at, where=c.case_id == case_id, order=[c.id]),
        "decisions": _rows(s, dec.decision, dec.note, dec.actor, dec.decided_at, where=dec.case_id == case_id,
                           order=[dec.id]),
        "sign_off": _rows(s, so.supervisor, so.signed_off_at, so.decision_id, where=so.case_id == case_id,
                          order=[so.case_id]),
    }
