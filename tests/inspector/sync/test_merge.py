"""Importing bundles: the same bundle twice (or the same cases in another bundle) changes nothing; a
newer version replaces a case nobody changed at the centre; a case changed on both sides keeps both
versions with their audit rows; kept original files travel with --with-pages; the history is rebuilt.
Each centre runs on SQLite and on PostgreSQL (`case_db_url`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.casework import Decision, audit, decide
from inspector.casework.originals import original_file
from inspector.db.cases.models import (
    AuditLog,
    Case,
    CaseDecision,
    CaseDocument,
    CaseField,
    CasePagePhash,
    CaseShipment,
    SyncAudit,
    SyncBundle,
)
from inspector.db.cases.phash_index import GUARANTEED_DISTANCE
from inspector.db.cases.repository import list_cases, open_cases, reuse_candidates
from inspector.sync import cases_since, import_bundle
from tests.inspector.history.test_fragmentation_check import papers
from tests.inspector.sync.builders import SINCE, laptop, record_lot, trusting

TABLES = (Case, CaseDocument, CaseField, CasePagePhash, CaseDecision, CaseShipment, AuditLog, SyncAudit)


def _counts(engine) -> dict[str, int]:
    with Session(engine) as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t)) for t in TABLES}


def test_the_same_bundle_twice_and_the_same_cases_again_change_nothing(tmp_path: Path, case_db_url: str) -> None:
    lap = laptop(tmp_path / "lap", "NANSHA", "nansha-01")
    record_lot(lap, "C-1", 985.0, 0, files=tmp_path / "scans", phash="8f3c0a5512e4b7d9")
    record_lot(lap, "C-2", 640.0, 40, invoice="INV-2026-0417", files=tmp_path / "scans")
    centre_paths = trusting(tmp_path / "centre", lap, case_db=case_db_url)
    centre = open_cases(centre_paths)
    bundle = lap.export(tmp_path / "a.bundle", with_pages=True)
    assert (bundle.cases, bundle.originals) == (2, 6)
    first = import_bundle(centre, centre_paths, bundle.path)
    assert [(c.case_id, c.action) for c in first.cases] == [("C-1", "imported"), ("C-2", "imported")]
    assert first.originals == 6 and first.audit_rows == 2 and first.audit_unverified == 0
    before = _counts(centre)
    assert before["case_shipment"] == 2 and before["case_page_phash"] == 1 and before["audit_log"] == 2
    again = import_bundle(centre, centre_paths, bundle.path)
    assert again.already and _counts(centre) == before
    other = lap.export(tmp_path / "b.bundle")  # the same cases in a new bundle
    assert other.sha256 != bundle.sha256
    third = import_bundle(centre, centre_paths, other.path)
    assert [c.action for c in third.cases] == ["unchanged", "unchanged"] and _counts(centre) == before
    with Session(centre) as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)) == 2
        assert original_file(centre_paths, "C-1", 0, s=s).read_bytes() == b"scan 0 of C-1"  # the kept copy came along
        # the page hash came along too: the same page shown at another port is found (bands index)
        again = replace(papers(985.0, 0)[0], page_phashes=("8f3c0a5512e4b7d8",))
        assert [(c.case_id, c.distance) for c in reuse_candidates(s, again, GUARANTEED_DISTANCE)] == [("C-1", 1)]
    centre.dispose()


def test_a_newer_version_replaces_an_unchanged_case_and_both_sides_edited_keep_both(
        tmp_path: Path, case_db_url: str) -> None:
    lap = laptop(tmp_path / "lap", "QINGDAO", "qingdao-02")
    record_lot(lap, "C-1", 985.0, 0)
    record_lot(lap, "C-2", 978.0, 12, invoice="INV-2026-0101")
    centre_paths = trusting(tmp_path / "centre", lap, case_db=case_db_url)
    centre = open_cases(centre_paths)
    import_bundle(centre, centre_paths, lap.export(tmp_path / "1.bundle").path)
    with Session(centre) as s:  # the centre takes a decision on C-2: it is changed on this side
        decide(s, "C-2", Decision.HOLD, "pooled pattern", actor="centre supervisor")
    with Session(lap.engine) as s:  # the laptop decides both afterwards
        decide(s, "C-1", Decision.RELEASE, "", actor="Li Wei")
        decide(s, "C-2", Decision.RELEASE, "papers fine", actor="Li Wei")
    second = lap.export(tmp_path / "2.bundle")
    done = import_bundle(centre, centre_paths, second.path)
    assert [(c.origin_id, c.case_id, c.action, c.conflict_of) for c in done.cases] == [
        ("C-1", "C-1", "updated", None), ("C-2", "C-2~2", "conflict", "C-2")]
    with Session(centre) as s:
        decisions = {cid: [d.decision for d in s.scalars(select(CaseDecision).where(CaseDecision.case_id == cid))]
                     for cid in ("C-1", "C-2", "C-2~2")}
        assert decisions == {"C-1": ["release"], "C-2": ["hold"], "C-2~2": ["release"]}
        listed = {c.id: (c.port, c.conflict_of) for c in list_cases(s)}
        assert listed["C-2~2"] == ("QINGDAO", "C-2") and listed["C-2"] == ("QINGDAO", None)
        # each version keeps its audit rows: the laptop's (received) and the centre's own
        received = {cid: sorted(r.action for r in s.scalars(select(SyncAudit).where(SyncAudit.case_id == cid)))
                    for cid in ("C-2", "C-2~2")}
        assert received == {"C-2": ["check"], "C-2~2": ["decision"]}
        own = [(e.case_id, e.action) for e in audit.entries(s) if e.case_id and e.case_id.startswith("C-2")]
        assert own == [("C-2", "sync_import"), ("C-2", "decision"), ("C-2~2", "sync_conflict")]
        assert s.get(CaseShipment, "C-2~2").net_kg == 978.0  # the history knows the new version too
        assert audit.verify(s) == []
    assert import_bundle(centre, centre_paths, lap.export(tmp_path / "3.bundle").path).changed == ()
    older = import_bundle(centre, centre_paths, tmp_path / "1.bundle")  # an older bundle after a newer one
    assert older.already
    centre.dispose()


def test_an_older_version_arriving_late_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    lap = laptop(tmp_path / "lap", "FUZHOU", "fuzhou-01")
    record_lot(lap, "C-1", 985.0, 0)
    old = lap.export(tmp_path / "old.bundle")
    with Session(lap.engine) as s:
        decide(s, "C-1", Decision.HOLD, "", actor="Li Wei")
    new = lap.export(tmp_path / "new.bundle")
    centre_paths = trusting(tmp_path / "centre", lap)
    centre = open_cases(centre_paths)
    assert [c.action for c in import_bundle(centre, centre_paths, new.path).cases] == ["imported"]
    assert [c.action for c in import_bundle(centre, centre_paths, old.path).cases] == ["older"]
    with Session(centre) as s:
        assert s.scalar(select(CaseDecision.decision).where(CaseDecision.case_id == "C-1")) == "hold"
    centre.dispose()


def test_export_takes_cases_recorded_or_acted_on_since_the_date_and_never_imported_ones(tmp_path: Path) -> None:
    lap = laptop(tmp_path / "lap", "NANSHA", "nansha-01")
    record_lot(lap, "C-1", 985.0, 0)
    with Session(lap.engine) as s:
        s.execute(Case.__table__.update().where(Case.id == "C-1").values(created_at=SINCE.replace(year=2025)))
        s.commit()
        assert cases_since(s, SINCE) == ["C-1"]  # its check's audit row is of today
        s.execute(AuditLog.__table__.update().values(at="2025-06-01T00:00:00+00:00"))
        s.commit()
        assert cases_since(s, SINCE) == []
        s.execute(Case.__table__.update().where(Case.id == "C-1").values(created_at=SINCE, origin_laptop="elsewhere"))
        s.commit()
        assert cases_since(s, SINCE) == []
