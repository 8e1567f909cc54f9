"""What casework adds when a check records a case: each file's sha256 and the "check" audit row."""

from __future__ import annotations

import getpass
import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.originals import file_sha256
from inspector.db.cases.models import CaseDocument
from inspector.models import CaseResult

log = logging.getLogger(__name__)


def default_actor() -> str:
    """Who acts when nobody said: the operating-system login (accounts come with their own names)."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no login name in a container
        return "unknown"


def record_check(s: Session, result: CaseResult, *, actor: str | None = None) -> audit.AuditEntry:
    """Note the sha256 of every file of a case being recorded (the kept copy's name, see originals) and
    append its "check" audit row, in the recording's transaction."""
    documents = []
    for row in s.scalars(select(CaseDocument).where(CaseDocument.case_id == result.case_id)
                         .order_by(CaseDocument.idx)):
        row.sha256 = _sha256(row.path)
        documents.append({"index": row.idx, "path": row.path, "sha256": row.sha256})
    return audit.append(s, case_id=result.case_id, action=audit.Action.CHECK, actor=actor or default_actor(), detail={
        "lane": str(result.lane), "risk_score": result.risk_score, "rules_version": result.rules_version,
        "documents": documents, "findings": sorted(f.code for f in result.findings)})


def _sha256(path: str) -> str | None:
    if not Path(path).is_file():
        return None
    try:
        return file_sha256(path)
    except OSError as exc:
        log.warning("%s: not hashed (%s)", path, exc)
        return None
