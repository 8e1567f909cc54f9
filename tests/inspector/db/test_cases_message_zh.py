"""Case database revision cases_0002: findings keep their Chinese message; a 0001 database upgrades in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.cases.repository import case_findings, list_cases, open_cases, record_case
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.models import CaseResult, Finding, Lane, Severity
from inspector.paths import DataPaths


def _at_0001(path: Path) -> None:
    """A case database created by the first release, holding one case with one finding."""
    engine = make_engine(path)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), "cases_0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO cases (id, created_at, shipment_date, lane, risk_score, rules_version, "
                       "engine_version, status, net_weight_kg) VALUES ('OLD-1', '2026-11-29 10:00:00', "
                       "'2026-11-20', 'red', 35, 'r1', '0.1.0', 'recorded', 3150.0)"))
        c.execute(text("INSERT INTO case_finding (case_id, code, severity, message, document_idx, field, page, "
                       "bbox, evidence) VALUES ('OLD-1', 'LICENCE_MISSING', 'high', 'No licence.', 0, NULL, 1, "
                       "'[1, 2, 3, 4]', '{\"announcements\": [\"2025 No.18\"]}')"))
    assert current_revision(engine, "cases") == "cases_0001"
    assert "message_zh" not in {col["name"] for col in inspect(engine).get_columns("case_finding")}
    engine.dispose()


def test_a_0001_database_upgrades_in_place_and_keeps_its_cases(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    _at_0001(paths.cases_db)
    engine = open_cases(paths)  # upgrades to head
    assert current_revision(engine, "cases") == head_revision("cases") == "cases_0007"
    assert "message_zh" in {col["name"] for col in inspect(engine).get_columns("case_finding")}
    with Session(engine) as s:
        assert [(c.id, c.lane, c.risk_score, c.shipment_date, c.findings) for c in list_cases(s)] == [
            ("OLD-1", "red", 35, dt.date(2026, 11, 20), 1)]
        old = case_findings(s, "OLD-1")
        assert old == [Finding("LICENCE_MISSING", Severity.HIGH, "No licence.", 0, None, 1, (1, 2, 3, 4),
                               {"announcements": ["2025 No.18"]}, "")]
        new = Finding("LICENCE_MISSING", Severity.HIGH, "No licence.", message_zh="单证中没有出口许可证。")
        record_case(s, CaseResult("NEW-1", Lane.RED, 35, None, (), (new,)))
        s.commit()
    engine.dispose()
    engine = open_cases(paths)  # opening again changes nothing
    with Session(engine) as s:
        assert [f.message_zh for f in case_findings(s, "NEW-1")] == ["单证中没有出口许可证。"]
        assert {c.id for c in list_cases(s)} == {"OLD-1", "NEW-1"}
    engine.dispose()


def test_downgrade_to_0001_drops_only_the_chinese_column(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    engine = open_cases(paths)
    with Session(engine) as s:
        record_case(s, CaseResult("C-1", Lane.YELLOW, 15, None, (), (
            Finding("HS_UNKNOWN", Severity.MEDIUM, "Unknown code.", message_zh="编码未知。"),)))
        s.commit()
    with engine.begin() as c:
        command.downgrade(alembic_config("cases", c), "cases_0001")
    assert "message_zh" not in {col["name"] for col in inspect(engine).get_columns("case_finding")}
    with engine.connect() as c:
        assert c.execute(text("SELECT message FROM case_finding")).scalars().all() == ["Unknown code."]
    engine.dispose()
