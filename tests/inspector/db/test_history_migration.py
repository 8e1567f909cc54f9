"""Migration cases_0004 (the history) and rules_0004 (its settings): an old database upgrades in place,
keeps every case and gets the summaries of its recorded cases; the hot queries probe indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.cases.models import CaseShipment
from inspector.db.cases.repository import licence_ledger, list_cases, open_cases
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.db.rules.history import fragmentation_settings
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths

FIELDS = (("exporter", '"Ganzhou Rare Earth Co., Ltd."'), ("consignee", '"Straits Trading Pte. Ltd."'),
          ("total_net_weight_kg", "985.0"), ("licence_number", '"LIC-2026-000077"'),
          ("invoice_number", '"INV-2026-0100"'), ("port_of_loading", '"Ningbo"'))


def _at_0003(paths: DataPaths) -> None:
    engine = make_engine(paths.cases_db)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), "cases_0003")
    with Session(engine) as s:  # two cases recorded at 0003, written through SQL
        for n, case in enumerate(("OLD-1", "OLD-2"), 1):
            s.execute(text("INSERT INTO cases (id, created_at, shipment_date, lane, risk_score, rules_version, "
                           "engine_version, status, net_weight_kg) VALUES (:id, '2026-12-01 10:00:00', :d, 'green', "
                           "0, 'r', '0.1', 'recorded', 985.0)"), {"id": case, "d": f"2026-03-0{n}"})
            s.execute(text("INSERT INTO case_document (id, case_id, idx, path, type, pages) "
                           "VALUES (:n, :id, 0, 'inv.png', 'commercial_invoice', 1)"), {"n": n, "id": case})
            for name, value in FIELDS:
                s.execute(text("INSERT INTO case_field (document_id, name, value, raw, confidence) "
                               "VALUES (:n, :name, :value, '', 0.9)"), {"n": n, "name": name, "value": value})
            s.execute(text("INSERT INTO case_finding (case_id, code, severity, message, evidence) VALUES "
                           "(:id, 'CONTROLLED_GOODS', 'info', 'x', '{\"family\": \"rare_earth_dy\"}')"), {"id": case})
        s.commit()
    engine.dispose()


def test_a_0003_database_upgrades_in_place_keeps_its_cases_and_gets_their_history(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    _at_0003(paths)
    engine = open_cases(paths)
    assert current_revision(engine, "cases") == head_revision("cases") == "cases_0007"
    with Session(engine) as s:
        assert {c.id for c in list_cases(s)} == {"OLD-1", "OLD-2"}
        one, two = s.get(CaseShipment, "OLD-1"), s.get(CaseShipment, "OLD-2")
        assert one.family == "rare_earth_dy" and one.net_kg == 985.0 and one.invoice_number == "INV20260100"
        assert one.consignee_entity == two.consignee_entity is not None and one.shipment_date == dt.date(2026, 3, 1)
        assert [e.case_id for e in licence_ledger(s, "LIC 2026 000077")] == ["OLD-1", "OLD-2"]
    with engine.begin() as c:
        command.downgrade(alembic_config("cases", c), "cases_0003")
    assert "case_shipment" not in inspect(engine).get_table_names()
    with Session(engine) as s:
        assert set(s.scalars(text("SELECT id FROM cases"))) == {"OLD-1", "OLD-2"}  # at 0003: SQL
    engine.dispose()


def test_the_hot_queries_probe_indexes_and_never_scan(tmp_path: Path) -> None:
    engine = open_cases(DataPaths(tmp_path))
    queries = {
        "ix_case_shipment_parties": "SELECT case_id, net_kg FROM case_shipment WHERE exporter_entity = 1 AND "
        "consignee_entity = 2 AND family = 'x' AND shipment_date >= '2026-01-01' AND shipment_date <= '2026-04-01'",
        "ix_case_licence_key": "SELECT case_id FROM case_licence WHERE licence_key = 'LIC1'",
        "sqlite_autoindex_party_alias_1": "SELECT id, entity_id FROM party_alias WHERE key = 'abc'",
        "ix_case_container_number": "SELECT case_id FROM case_container WHERE number IN ('MSCU1234565')",
    }
    with engine.connect() as c:
        for index, sql in queries.items():
            plan = " ".join(r[-1] for r in c.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            assert index in plan and "SCAN" not in plan, plan
    engine.dispose()


def test_the_rules_database_holds_the_windows_and_round_quantities_with_their_source(tmp_path: Path) -> None:
    engine = open_rules(DataPaths(tmp_path))
    assert current_revision(engine, "rules") == head_revision("rules") == "rules_0004"
    with Session(engine) as s:
        settings = fragmentation_settings(s)
        assert settings.windows_days == (30, 90) and 500.0 in settings.round_kg and settings.thresholds == ()
        assert s.execute(text("SELECT count(*) FROM history_setting WHERE source = ''")).scalar() == 0
    engine.dispose()
