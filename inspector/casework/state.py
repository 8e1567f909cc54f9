"""A case's decision, its supervisor's sign-off (after which it is read-only), its state and exports.

Every action here is one transaction with its audit row: it commits, or on any error rolls back and
leaves nothing of itself behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.errors import CaseLockedError, CaseworkError, unknown_case
from inspector.db.cases.models import Case, CaseCorrection, CaseDecision, CaseSignoff
from inspector.models import Message


class Decision(StrEnum):
    """What happens to the shipment."""

    RELEASE = "release"
    DOCUMENTARY_CHECK = "documentary_check"
    PHYSICAL_INSPECTION = "physical_inspection"
    HOLD = "hold"  # hold or seize

    @property
    def label(self) -> Message:
        """The decision in words, in both languages."""
        return _LABELS[self]


_LABELS = {
    Decision.RELEASE: Message("release", "放行"),
    Decision.DOCUMENTARY_CHECK: Message("documentary check", "单证审核"),
    Decision.PHYSICAL_INSPECTION: Message("physical inspection", "实货查验"),
    Decision.HOLD: Message("hold / seize", "扣留 / 查扣"),
}


class CaseStatus(StrEnum):
    """`cases.status`: recorded by a check, decided, then signed off (read-only)."""

    RECORDED = "recorded"
    DECIDED = "decided"
    SIGNED_OFF = "signed_off"


@dataclass(frozen=True)
class Correction:
    """One correction as kept: what was read, what the inspector wrote, who, when."""

    id: int
    document_index: int
    item_index: int | None  # the goods line; None for a field of the document
    field: str  # the field, or the goods line's column
    old_value: Any
    new_value: Any
    old_raw: str | None
    new_raw: str
    actor: str
    at: dt.datetime


@dataclass(frozen=True)
class DecisionRecord:
    """One decision taken on the case (the last one is in force)."""

    decision: Decision
    note: str
    actor: str
    at: dt.datetime


@dataclass(frozen=True)
class CaseState:
    """Where a case stands: its decision in force, the sign-off, and every correction and decision."""

    case_id: str
    status: CaseStatus
    decision: Decision | None
    note: str
    decided_by: str | None
    decided_at: dt.datetime | None
    signed_off_by: str | None
    signed_off_at: dt.datetime | None
    corrections: tuple[Correction, ...]
    decisions: tuple[DecisionRecord, ...]

    @property
    def locked(self) -> bool:
        """Signed off: read-only."""
        return self.signed_off_by is not None


def now() -> dt.datetime:
    """The time an action is stamped with (local time, to the second, as the other case tables)."""
    return dt.datetime.now().replace(microsecond=0)


@contextmanager
def transaction(s: Session) -> Iterator[None]:
    """Commit what the block did, or roll all of it back when it raises."""
    try:
        yield
        s.commit()
    except BaseException:
        s.rollback()
        raise


def open_case(s: Session, case_id: str) -> Case:
    """The case row, for a change: CaseworkError when unknown, CaseLockedError when signed off."""
    case = s.get(Case, case_id)
    if case is None:
        raise unknown_case(case_id)
    signed = s.get(CaseSignoff, case_id)
    if signed is not None:
        raise CaseLockedError(case_id, signed.supervisor, signed.signed_off_at)
    return case


def _name(who: str, role: Message) -> str:
    name = (who or "").strip()
    if not name:
        raise CaseworkError(Message(f"Say who you are: the {role.en}'s name is kept with the action.",
                                    f"请填写姓名：{role.zh}的姓名将随操作一并记录。"))
    return name


def _choice(decision: Decision | str) -> Decision:
    try:
        return Decision(decision)
    except ValueError:
        choices = ", ".join(d.value for d in Decision)
        raise CaseworkError(Message(f"'{decision}' is not a decision; choose one of: {choices}.",
                                    f"“{decision}”不是有效的处理决定；请选择：{choices}。")) from None


def _latest_decision(s: Session, case_id: str) -> CaseDecision | None:
    return s.scalars(select(CaseDecision).where(CaseDecision.case_id == case_id)
                     .order_by(CaseDecision.id.desc()).limit(1)).first()


def decide(s: Session, case_id: str, decision: Decision | str, note: str = "", *, actor: str) -> CaseState:
    """Take (or change) the decision on a case, with the inspector's note; allowed until sign-off."""
    with transaction(s):
        case = open_case(s, case_id)
        choice, who = _choice(decision), _name(actor, Message("inspector", "查验员"))
        before = _latest_decision(s, case_id)
        s.add(CaseDecision(case_id=case_id, decision=choice.value, note=note or "", actor=who, decided_at=now()))
        case.status = CaseStatus.DECIDED.value
        audit.append(s, case_id=case_id, action=audit.Action.DECISION, actor=who, detail={
            "decision": choice.value, "note": note or "", "previous": before.decision if before else None})
    return case_state(s, case_id)


def sign_off(s: Session, case_id: str, *, supervisor: str) -> CaseState:
    """The supervisor signs the decision in force: from now on the case is read-only (every change
    raises CaseLockedError). Refused while no decision was taken."""
    with transaction(s):
        case = open_case(s, case_id)
        who = _name(supervisor, Message("supervisor", "主管"))
        decision = _latest_decision(s, case_id)
        if decision is None:
            raise CaseworkError(Message(f"Case {case_id} has no decision yet: decide before signing off.",
                                        f"案件 {case_id} 尚无处理决定：请先作出决定再签批。"))
        s.add(CaseSignoff(case_id=case_id, decision_id=decision.id, supervisor=who, signed_off_at=now()))
        case.status = CaseStatus.SIGNED_OFF.value
        audit.append(s, case_id=case_id, action=audit.Action.SIGN_OFF, actor=who, detail={
            "decision": decision.decision, "note": decision.note, "decided_by": decision.actor})
    return case_state(s, case_id)


def record_export(s: Session, case_id: str, *, actor: str, path: str, sha256: str) -> audit.AuditEntry:
    """Note a report exported from a case (where, and the sha256 of the file written). Allowed after
    sign-off: exporting changes nothing of the case."""
    with transaction(s):
        if s.get(Case, case_id) is None:
            raise unknown_case(case_id)
        entry = audit.append(s, case_id=case_id, action=audit.Action.EXPORT,
                             actor=_name(actor, Message("inspector", "查验员")),
                             detail={"path": str(path), "sha256": sha256})
    return entry


def case_state(s: Session, case_id: str) -> CaseState:
    """The decision in force, the sign-off, and the case's corrections and decisions, oldest first."""
    case = s.get(Case, case_id, populate_existing=True)
    if case is None:
        raise unknown_case(case_id)
    decisions = tuple(DecisionRecord(Decision(d.decision), d.note, d.actor, d.decided_at) for d in s.scalars(
        select(CaseDecision).where(CaseDecision.case_id == case_id).order_by(CaseDecision.id)))
    corrections = tuple(Correction(c.id, c.document_idx, c.item_idx, c.field, c.old_value, c.new_value, c.old_raw,
                                   c.new_raw, c.actor, c.corrected_at) for c in s.scalars(
        select(CaseCorrection).where(CaseCorrection.case_id == case_id).order_by(CaseCorrection.id)))
    signed = s.get(CaseSignoff, case_id)
    last = decisions[-1] if decisions else None
    return CaseState(
        case_id, CaseStatus(case.status), last.decision if last else None, last.note if last else "",
        last.actor if last else None, last.at if last else None, signed.supervisor if signed else None,
        signed.signed_off_at if signed else None, corrections, decisions,
    )  # fmt: skip
