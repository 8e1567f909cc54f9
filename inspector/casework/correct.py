"""An inspector's correction of a field or a goods-line cell, and the re-check it triggers at once.

The re-check runs the engine's checks (`pipeline.evaluate`) on the recorded documents with the
corrected value (confidence 1.0: the inspector read the paper), without OCR: the checks that need the
pages themselves (`PAGE_CHECKS`: forensic signals, PDF text layers) are not run again and their
findings are kept as recorded, since a typed value changes nothing on the paper. While the checks
run, the case is taken out of the history's indexes (in a savepoint rolled back afterwards), so it
is compared with the other recorded cases as when it was first checked, never with itself. Its
findings, lane, score and history summary are then replaced, the correction kept with the value as
read, and an audit row appended: one transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.errors import CaseworkError
from inspector.casework.load import load_case, stored_documents
from inspector.casework.state import now, open_case, transaction
from inspector.casework.values import ParsedValue, parse_field, parse_item_cell
from inspector.config import Config
from inspector.db.cases.models import (
    Case,
    CaseContainer,
    CaseCorrection,
    CaseDocument,
    CaseField,
    CaseFinding,
    CaseLicence,
    CasePagePhash,
    CaseSeal,
    CaseShipment,
)
from inspector.db.cases.repository import case_findings, jsonable, shipment_net_kg
from inspector.db.rules.repository import rules_version
from inspector.history.store import record_history
from inspector.history.summary import family_of_findings, summarise
from inspector.models import CaseResult, Document, Finding, Message
from inspector.pipeline import evaluate
from inspector.verdict import lane, risk_score, sort_findings

PAGE_CHECKS = frozenset({"forensics", "text_layer"})  # they need the pages or reopen the file
KEPT_CODES = frozenset({"TAMPER_SUSPECTED"})  # what those checks find: kept as recorded
_HISTORY_INDEXES = (CaseShipment, CaseLicence, CaseContainer, CaseSeal)


@dataclass(frozen=True)
class Recheck:
    """The checks' outcome on a recorded case as it now stands."""

    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    risk_score: int
    lane: str
    shipment_date: Any
    rules_version: str


def correct_field(s: Session, case_id: str, document_index: int, field: str, value: Any, *, actor: str,
                  rules: Session, config: Config) -> CaseResult:
    """Correct one field of a recorded document (a typed text is read with the field kind's
    normaliser; "" clears it), re-check the case at once and return it as it now stands. The value as
    read is kept in the correction; an unchanged value that is already sure changes nothing.
    Raises CaseworkError (unknown case, document or field, unreadable value; nothing changed) or
    CaseLockedError (signed off)."""
    with transaction(s):
        open_case(s, case_id)
        parsed = parse_field(field, value)
        doc = _document_row(s, case_id, document_index)
        row = next((f for f in doc.field_rows if f.name == field), None)
        if row is not None and row.value == jsonable(parsed.value) and row.confidence >= 1.0:
            return load_case(s, case_id)
        correction = _correction(case_id, document_index, None, field, row, parsed, actor)
        s.add(correction)
        _set_field(doc, row, field, parsed)
        _recheck_and_store(s, case_id, actor, rules, config, {
            "document": document_index, "field": field, "old": correction.old_value, "new": correction.new_value,
            "old_raw": correction.old_raw, "new_raw": parsed.raw})
    return load_case(s, case_id)


def correct_item(s: Session, case_id: str, document_index: int, item_index: int, column: str, value: Any, *,
                 actor: str, rules: Session, config: Config) -> CaseResult:
    """Correct one cell of a goods line (description, hs_code, quantity, unit, net_weight_kg,
    gross_weight_kg, value) and re-check the case, as `correct_field` does for a field."""
    with transaction(s):
        open_case(s, case_id)
        parsed = parse_item_cell(column, value)
        doc = _document_row(s, case_id, document_index)
        item = next((i for i in doc.item_rows if i.idx == item_index), None)
        if item is None:
            raise CaseworkError(Message(f"Document {document_index} of case {case_id} has no goods line {item_index}.",
                                        f"案件 {case_id} 第 {document_index} 号单据没有第 {item_index} 行货物。"))
        old = getattr(item, column)
        if column == "description" and parsed.value is None:
            parsed = ParsedValue("", "")  # a goods line always has a description, if empty
        if old == parsed.value:
            return load_case(s, case_id)
        s.add(CaseCorrection(case_id=case_id, document_idx=document_index, item_idx=item_index, field=column,
                             old_value=jsonable(old), new_value=jsonable(parsed.value), old_raw=None,
                             new_raw=parsed.raw, old_confidence=None, actor=_actor(actor), corrected_at=now()))
        setattr(item, column, parsed.value)
        _recheck_and_store(s, case_id, actor, rules, config, {
            "document": document_index, "item": item_index, "field": column, "old": jsonable(old),
            "new": jsonable(parsed.value), "new_raw": parsed.raw})
    return load_case(s, case_id)


def _actor(actor: str) -> str:
    name = (actor or "").strip()
    if not name:
        raise CaseworkError(Message("Say who corrects: the inspector's name is kept with the correction.",
                                    "请填写更正人姓名：查验员姓名将随更正一并记录。"))
    return name


def _document_row(s: Session, case_id: str, index: int) -> CaseDocument:
    row = s.scalars(select(CaseDocument).where(CaseDocument.case_id == case_id, CaseDocument.idx == index)).first()
    if row is None:
        count = len(s.scalars(select(CaseDocument.idx).where(CaseDocument.case_id == case_id)).all())
        raise CaseworkError(Message(
            f"Case {case_id} has no document {index}: its documents are numbered 0 to {count - 1}.",
            f"案件 {case_id} 没有第 {index} 号单据：其单据编号为 0 至 {count - 1}。"))
    return row


def _correction(case_id: str, index: int, item: int | None, field: str, row: CaseField | None,
                parsed: ParsedValue, actor: str) -> CaseCorrection:
    return CaseCorrection(
        case_id=case_id, document_idx=index, item_idx=item, field=field, old_value=row.value if row else None,
        new_value=jsonable(parsed.value), old_raw=row.raw if row else None, new_raw=parsed.raw,
        old_confidence=row.confidence if row else None, actor=_actor(actor), corrected_at=now(),
    )  # fmt: skip


def _set_field(doc: CaseDocument, row: CaseField | None, name: str, parsed: ParsedValue) -> None:
    """The field row holds the corrected value, sure, where it was read (its page and box kept); a
    cleared field is removed."""
    if parsed.value is None:
        if row is not None:
            doc.field_rows.remove(row)
        return
    if row is None:
        doc.field_rows.append(CaseField(name=name, value=jsonable(parsed.value), raw=parsed.raw, page=None,
                                        bbox=None, confidence=1.0))
        return
    row.value, row.raw, row.confidence = jsonable(parsed.value), parsed.raw, 1.0


# ---------------------------------------------------------------- the re-check

def recheck(s: Session, case_id: str, rules: Session, config: Config) -> Recheck:
    """The checks on a recorded case as it stands in the database (nothing is written)."""
    recorded = case_findings(s, case_id)
    documents = stored_documents(s, case_id, recorded)
    kept = [f for f in recorded if f.code in KEPT_CODES]
    s.flush()
    savepoint = s.begin_nested()
    try:
        for table in (*_HISTORY_INDEXES, CasePagePhash):  # the case out of sight: not compared with itself
            s.execute(delete(table).where(table.case_id == case_id))
        found, _, _, date = evaluate(documents, config, rules, s, skip=PAGE_CHECKS)
    finally:
        savepoint.rollback()
    findings = tuple(sort_findings([*found, *kept]))
    return Recheck(documents, findings, risk_score(findings), lane(findings).value, date, rules_version(rules))


def _recheck_and_store(s: Session, case_id: str, actor: str, rules: Session, config: Config,
                       detail: dict[str, Any]) -> None:
    """Re-check the case, replace its findings, verdict and history summary, and audit the correction."""
    case = s.get(Case, case_id)
    assert case is not None
    before = (case.lane, case.risk_score, _keys(case_findings(s, case_id)))
    outcome = recheck(s, case_id, rules, config)
    _store(s, case, outcome)
    added, removed = outcome_changes(before[2], _keys(outcome.findings))
    audit.append(s, case_id=case_id, action=audit.Action.CORRECTION, actor=_actor(actor), detail={
        **detail, "lane": [before[0], outcome.lane], "risk_score": [before[1], outcome.risk_score],
        "findings_added": added, "findings_removed": removed})


def _store(s: Session, case: Case, outcome: Recheck) -> None:
    case.findings = [_finding_row(f) for f in outcome.findings]  # the old rows go as orphans
    case.lane, case.risk_score, case.shipment_date = outcome.lane, outcome.risk_score, outcome.shipment_date
    case.rules_version = outcome.rules_version
    case.net_weight_kg = shipment_net_kg(outcome.documents)
    for table in _HISTORY_INDEXES:
        s.execute(delete(table).where(table.case_id == case.id))
    record_history(s, case.id, summarise(outcome.documents, outcome.shipment_date,
                                         family_of_findings(outcome.findings), case.net_weight_kg))


def _finding_row(f: Finding) -> CaseFinding:
    return CaseFinding(
        code=f.code, severity=str(f.severity), message=f.message, message_zh=f.message_zh or None,
        document_idx=f.document, field=f.field, page=f.page, bbox=jsonable(f.bbox), evidence=jsonable(dict(f.evidence)),
    )  # fmt: skip


def _keys(findings: Any) -> list[str]:
    """A finding as the audit names it: CODE, or CODE@document.field."""
    out = []
    for f in findings:
        where = "" if f.document is None else f"@{f.document}" + (f".{f.field}" if f.field else "")
        out.append(f"{f.code}{where}")
    return out


def outcome_changes(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The findings a re-check added and removed (as `_keys` names them)."""
    b, a = Counter(before), Counter(after)
    return sorted((a - b).elements()), sorted((b - a).elements())
