"""`inspector sync import`: a verified bundle merged into this case database in one transaction.

Everything is checked first (`bundle.read_bundle`); then, holding the writers' lock (SQLite's write
lock, a PostgreSQL advisory lock), each case record is merged:

- a case not seen before is added under its own id, or, when that id is taken here, under an id
  namespaced by its port ("QINGDAO-C-20270105-0001", then with the laptop's name too);
- the same version again (or an older one, by the laptop's audit sequence) changes nothing;
- a newer version replaces the case's content when nobody changed the case here since its last import
  (its digest is still the one noted then); when it was changed here too (a decision at the centre,
  say), both are kept: the newer version is added as "<id>~2" with `conflict_of` naming the case;
- its history rows are rebuilt, so the fragmentation check sees it, and the centre's own audit trail
  gets a `sync_import`, `sync_update` or `sync_conflict` row.

The laptop's audit rows are kept in `sync_audit` as they were written (each once, by its hash), tied
to the case here that holds the version they led to. The bundle is noted in `sync_bundle`, so the
same bundle a second time is recognised at once; either way nothing changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from inspector.casework import audit
from inspector.casework.originals import kept_path
from inspector.casework.record import default_actor
from inspector.db.cases.models import Case, CaseSync, SyncAudit, SyncBundle
from inspector.db.cases.repository import RECORD_LOCK, record_case_history
from inspector.models import Message
from inspector.paths import DataPaths
from inspector.sync.bundle import (
    DEFAULT_LIMITS,
    ORIGINAL_ENTRY,
    Bundle,
    Limits,
    copy_original,
    read_bundle,
)
from inspector.sync.errors import SyncError
from inspector.sync.records import insert_case, replace_case, version

log = logging.getLogger(__name__)

ID_MAX = 80  # cases.id
ACTIONS = {"imported": "sync_import", "updated": "sync_update", "conflict": "sync_conflict"}


@dataclass(frozen=True)
class CaseOutcome:
    """What happened to one case of a bundle."""

    origin_id: str  # its id on the laptop
    case_id: str  # the case here holding it
    action: str  # imported | updated | conflict | unchanged | older
    conflict_of: str | None = None


@dataclass(frozen=True)
class Imported:
    """What one import did."""

    path: Path
    sha256: str
    port: str
    laptop: str
    already: bool  # the very same bundle was imported before: nothing was done
    cases: tuple[CaseOutcome, ...] = ()
    audit_rows: int = 0  # audit rows new here
    audit_unverified: int = 0  # of them, rows whose hash does not match their content
    originals: int = 0  # original files new here

    @property
    def changed(self) -> tuple[CaseOutcome, ...]:
        """The cases added or changed by this import."""
        return tuple(c for c in self.cases if c.action in ACTIONS)


def import_bundle(engine: Engine, paths: DataPaths, path: Path, *, actor: str | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> Imported:
    """Verify the bundle, then merge it into the case database of `engine` in one transaction (the
    original files it carries go to the data directory first, content-addressed: a refused import
    leaves no other trace). Raises a SyncError subclass, having written nothing, for a bad bundle."""
    bundle = read_bundle(path, paths, limits)
    who = actor or default_actor()
    with Session(engine) as s:
        _writers_lock(s)
        if s.scalar(select(SyncBundle.id).where(SyncBundle.sha256 == bundle.sha256)) is not None:
            log.info("bundle %s was imported before: nothing to do", bundle.sha256[:12])
            return Imported(path, bundle.sha256, bundle.port, bundle.laptop, already=True)
        originals = _keep_originals(paths, bundle)
        try:
            outcomes = tuple(merge_case(s, bundle, record, who) for record in bundle.records)
            new_rows, unverified = _receive_audit(s, bundle, {o.origin_id: o.case_id for o in outcomes})
            s.add(SyncBundle(sha256=bundle.sha256, port=bundle.port, laptop=bundle.laptop,
                             key_id=str(bundle.manifest["key_id"]), created_at=str(bundle.manifest["created_at"])[:40],
                             counts=dict(bundle.manifest["counts"]), imported_by=who, imported_at=_now()))
            s.commit()
        except DBAPIError as exc:  # the transaction is rolled back: not one case of the bundle is kept
            raise SyncError(Message(
                f"The case database refused part of {path} ({exc.orig}); nothing of the bundle was imported. Keep "
                "the bundle and ask for support.",
                f"案件数据库拒绝了 {path} 的部分内容（{exc.orig}）；该数据包未导入任何内容。请保留数据包并联系技术支持。")) from exc
    log.info("bundle %s of %s/%s imported: %d case(s) changed", bundle.sha256[:12], bundle.port, bundle.laptop,
             sum(o.action in ACTIONS for o in outcomes))
    return Imported(path, bundle.sha256, bundle.port, bundle.laptop, False, outcomes, new_rows, unverified, originals)


def _writers_lock(s: Session) -> None:
    """One writer at a time for the whole import (new case ids, the audit chain)."""
    dialect = s.get_bind().dialect.name
    if dialect == "sqlite":
        s.execute(text("BEGIN IMMEDIATE"))
    elif dialect == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECORD_LOCK})


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# ---------------------------------------------------------------- one case

def merge_case(s: Session, bundle: Bundle, record: dict[str, Any], actor: str) -> CaseOutcome:
    """Merge one case record (see the module): add, update, keep both, or leave as it is."""
    origin_id, ver = record["id"], version(record)
    line = _versions(s, bundle.laptop, origin_id)
    if not line:
        case_id = _free_id(s, origin_id, bundle.port, bundle.laptop)
        insert_case(s, case_id, record, _origin(bundle, origin_id, None))
        return _settle(s, bundle, record, ver, CaseOutcome(origin_id, case_id, "imported"), actor)
    same = next((case_id for case_id, sync in line if sync.version == ver), None)
    if same is not None:
        return CaseOutcome(origin_id, same, "unchanged")
    newest, newest_sync = line[-1]
    if record["audit_seq"] < newest_sync.origin_seq:
        return CaseOutcome(origin_id, newest, "older")
    if audit.case_digest(s, newest) == newest_sync.synced_digest:  # not changed here since its import
        replace_case(s, newest, record)
        return _settle(s, bundle, record, ver, CaseOutcome(origin_id, newest, "updated"), actor)
    primary = line[0][0]
    case_id = _sibling_id(s, primary)
    insert_case(s, case_id, record, _origin(bundle, origin_id, primary))
    return _settle(s, bundle, record, ver, CaseOutcome(origin_id, case_id, "conflict", primary), actor)


def _versions(s: Session, laptop: str, origin_id: str) -> list[tuple[str, CaseSync]]:
    """The cases here holding versions of one laptop case, oldest version first."""
    rows = s.execute(select(Case.id, CaseSync).join(CaseSync, CaseSync.case_id == Case.id)
                     .where(Case.origin_laptop == laptop, Case.origin_id == origin_id)
                     .order_by(CaseSync.origin_seq, CaseSync.imported_at, Case.id)).all()
    return [(case_id, sync) for case_id, sync in rows]


def _origin(bundle: Bundle, origin_id: str, conflict_of: str | None) -> dict[str, str | None]:
    return {"port": bundle.port, "origin_laptop": bundle.laptop, "origin_id": origin_id, "conflict_of": conflict_of}


def _settle(s: Session, bundle: Bundle, record: dict[str, Any], ver: str, outcome: CaseOutcome,
            actor: str) -> CaseOutcome:
    """After a case was written: its history rows, the audit row here, and what was imported."""
    record_case_history(s, outcome.case_id)
    audit.append(s, case_id=outcome.case_id, action=ACTIONS[outcome.action], actor=actor, detail={
        "port": bundle.port, "laptop": bundle.laptop, "origin_id": outcome.origin_id, "version": ver,
        "origin_seq": record["audit_seq"], "bundle": bundle.sha256, "conflict_of": outcome.conflict_of})
    values = {"version": ver, "origin_seq": record["audit_seq"], "bundle_sha256": bundle.sha256,
              "synced_digest": audit.case_digest(s, outcome.case_id), "imported_at": _now()}
    sync = s.get(CaseSync, outcome.case_id)
    if sync is None:
        s.add(CaseSync(case_id=outcome.case_id, **values))
    else:
        for key, value in values.items():
            setattr(sync, key, value)
    s.flush()
    return outcome


def _taken(s: Session, case_id: str) -> bool:
    return s.scalar(select(Case.id).where(Case.id == case_id)) is not None


def _free_id(s: Session, origin_id: str, port: str, laptop: str) -> str:
    """The laptop's id when it is free here, else the same namespaced by port (then by laptop, then
    numbered); an id too long for the column is shortened with a hash."""
    candidates = [origin_id, f"{port}-{origin_id}", f"{port}-{laptop}-{origin_id}"]
    candidates += [f"{port}-{origin_id}-{n}" for n in range(2, 100)]
    for candidate in (_fit(c) for c in candidates):
        if not _taken(s, candidate):
            return candidate
    raise RuntimeError(f"no free case id for {origin_id} of {port}/{laptop}")  # 100 collisions: not by chance


def _sibling_id(s: Session, primary: str) -> str:
    """A free id for another version of `primary`: "<primary>~2", "~3"..."""
    for n in range(2, 1000):
        candidate = _fit(f"{primary}~{n}")
        if not _taken(s, candidate):
            return candidate
    raise RuntimeError(f"no free id for another version of {primary}")


def _fit(case_id: str) -> str:
    if len(case_id) <= ID_MAX:
        return case_id
    digest = hashlib.sha256(case_id.encode("utf-8")).hexdigest()[:16]
    return f"{case_id[:ID_MAX - 17]}-{digest}"


# ---------------------------------------------------------------- audit rows and originals

def _receive_audit(s: Session, bundle: Bundle, case_ids: dict[str, str]) -> tuple[int, int]:
    """Keep the bundle's audit rows not kept yet; (rows added, of them rows that do not verify)."""
    hashes = [r["hash"] for r in bundle.audit]
    known: set[str] = set()
    for i in range(0, len(hashes), 500):
        known |= set(s.scalars(select(SyncAudit.hash).where(SyncAudit.hash.in_(hashes[i:i + 500]))))
    added = unverified = 0
    for r in sorted(bundle.audit, key=lambda r: r["seq"]):
        if r["hash"] in known:
            continue
        known.add(r["hash"])
        if audit.row_hash(r["prev_hash"], r["seq"], r["at"], r["case_id"], r["action"], r["actor"],
                          r["detail"]) != r["hash"]:
            unverified += 1
        s.add(SyncAudit(port=bundle.port, laptop=bundle.laptop, seq=r["seq"], at=r["at"],
                        case_id=case_ids.get(r["case_id"] or ""), origin_case_id=r["case_id"], action=r["action"],
                        actor=r["actor"], detail=r["detail"], prev_hash=r["prev_hash"], hash=r["hash"]))
        added += 1
    s.flush()
    return added, unverified


def _keep_originals(paths: DataPaths, bundle: Bundle) -> int:
    """Write the bundle's original files not kept here yet (none beside an encrypted case database:
    they would be the documents in clear); returns how many were written."""
    if paths.passphrase:
        return 0
    written = 0
    for name in sorted(bundle.originals):
        match = ORIGINAL_ENTRY.match(name)
        assert match is not None  # read_bundle admitted no other name
        target = kept_path(paths, match.group(1), match.group(2) or "")
        if not target.exists():
            copy_original(bundle, name, target)
            written += 1
    return written
