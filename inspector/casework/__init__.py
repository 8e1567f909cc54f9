"""Casework on recorded cases: corrections re-checked at once, decisions, supervisor sign-off (then
read-only), exports, the kept original files, and the hash-chained audit trail (docs/casework.md).

Every function takes a Session on the case database first and commits its own transaction; the UI
calls them from its workers, one session per thread.
"""

from inspector.casework.audit import Action, AuditEntry, AuditProblem, verify
from inspector.casework.correct import PAGE_CHECKS, Recheck, correct_field, correct_item, recheck
from inspector.casework.errors import CaseLockedError, CaseworkError
from inspector.casework.load import load_case, stored_documents
from inspector.casework.originals import keep_originals, original_file
from inspector.casework.record import default_actor, record_check
from inspector.casework.state import (
    CaseState,
    CaseStatus,
    Correction,
    Decision,
    DecisionRecord,
    case_state,
    decide,
    record_export,
    sign_off,
)
from inspector.casework.values import ITEM_KINDS, ParsedValue, parse_field, parse_item_cell

__all__ = [
    "ITEM_KINDS",
    "PAGE_CHECKS",
    "Action",
    "AuditEntry",
    "AuditProblem",
    "CaseLockedError",
    "CaseState",
    "CaseStatus",
    "CaseworkError",
    "Correction",
    "Decision",
    "DecisionRecord",
    "ParsedValue",
    "Recheck",
    "case_state",
    "correct_field",
    "correct_item",
    "decide",
    "default_actor",
    "keep_originals",
    "load_case",
    "original_file",
    "parse_field",
    "parse_item_cell",
    "recheck",
    "record_check",
    "record_export",
    "sign_off",
    "stored_documents",
    "verify",
]
