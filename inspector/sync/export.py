"""`inspector sync export`: the cases recorded on this laptop since a date, written into a signed bundle.

A case is exported when it was recorded on or after the date, or when anything was done to it since
(a correction, decision or sign-off: an audit row of that day or later), so that a later bundle carries
the newer version. Cases this installation imported from others are not exported again: each laptop
sends its own. Every audit row of an exported case goes with it, whenever written (the centre keeps
each row once). The export itself is noted in the audit trail (`sync_export`), with the bundle's
sha256: what left the laptop, and when.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.originals import kept_path
from inspector.casework.record import default_actor
from inspector.db.cases.models import AuditLog, Case, CaseDocument
from inspector.paths import DataPaths
from inspector.sync.bundle import write_bundle
from inspector.sync.identity import load_identity, signing_key
from inspector.sync.records import case_record

log = logging.getLogger(__name__)

EXPORT_ACTION = "sync_export"
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")


@dataclass(frozen=True)
class Exported:
    """What one export wrote."""

    path: Path
    sha256: str
    port: str
    laptop: str
    cases: int
    audit_rows: int
    originals: int


def cases_since(s: Session, since: dt.date) -> list[str]:
    """Ids of the cases recorded here on or after `since`, or acted on since (an audit row that day or
    later), oldest first."""
    start = dt.datetime.combine(since, dt.time())
    touched = select(AuditLog.case_id).where(AuditLog.case_id.is_not(None), AuditLog.at >= since.isoformat())
    stmt = (select(Case.id).where(Case.origin_laptop.is_(None), or_(Case.created_at >= start, Case.id.in_(touched)))
            .order_by(Case.created_at, Case.id))
    return list(s.scalars(stmt))


def export_bundle(s: Session, paths: DataPaths, out: Path, since: dt.date, *, with_pages: bool = False,
                  actor: str | None = None) -> Exported:
    """Write the bundle of the cases since `since` to `out` and note it in the audit trail (the caller
    commits). With `with_pages`, the kept original files of their documents go too."""
    identity = load_identity(paths)
    key = signing_key(paths, identity)
    ids = cases_since(s, since)
    seqs = dict(s.execute(select(AuditLog.case_id, func.max(AuditLog.seq)).where(AuditLog.case_id.in_(ids))
                          .group_by(AuditLog.case_id)).all()) if ids else {}
    records = [case_record(s, case_id, seqs.get(case_id, 0)) for case_id in ids]
    rows = [_audit_row(e) for e in s.scalars(select(AuditLog).where(AuditLog.case_id.in_(ids)).order_by(AuditLog.seq))]
    originals = _originals(s, paths, ids) if with_pages else {}
    sha = write_bundle(out, identity, key, records, rows, originals, since)
    audit.append(s, case_id=None, action=EXPORT_ACTION, actor=actor or default_actor(),
                 detail={"bundle": out.name, "sha256": sha, "since": since.isoformat(), "cases": ids,
                         "with_pages": with_pages})
    log.info("exported %d case(s) to %s", len(ids), out)
    return Exported(out, sha, identity.port, identity.laptop, len(ids), len(rows), len(originals))


def _audit_row(e: AuditLog) -> dict:
    return {"seq": e.seq, "at": e.at, "case_id": e.case_id, "action": e.action, "actor": e.actor,
            "detail": e.detail, "prev_hash": e.prev_hash, "hash": e.hash}


def _originals(s: Session, paths: DataPaths, ids: list[str]) -> dict[str, Path]:
    """Entry name -> kept file, for the documents of these cases whose original is kept here."""
    out: dict[str, Path] = {}
    rows = s.execute(select(CaseDocument.sha256, CaseDocument.path).where(
        CaseDocument.case_id.in_(ids), CaseDocument.sha256.is_not(None))) if ids else []
    for sha, path in rows:
        suffix = Path(path).suffix.lower()
        kept = kept_path(paths, sha, suffix)
        if kept.is_file() and re.fullmatch(r"[0-9a-f]{64}", sha):
            out[f"originals/{sha}{suffix if _SUFFIX.match(suffix) else ''}"] = kept
    return out
