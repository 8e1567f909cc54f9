"""Migration cases_0005: a case database of the previous release (cases_0004) with a recorded case
upgrades in place, keeps the case, and the case can then be corrected, decided and signed off."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from inspector.casework import Decision, case_state, correct_field, decide, load_case, sign_off
from inspector.casework.audit import entries, verify
from inspector.db.base import make_engine
from inspector.db.cases.repository import list_cases, open_cases
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.paths import DataPaths

FIELDS = {0: (("total_net_weight_kg", "3105.0"), ("invoice_number", '"2026441833"'), ("date", '"2026-05-14"')),
          1: (("total_net_weight_kg", "3150.0"), ("total_gross_weight_kg", "3433.5"), ("date", '"2026-05-14"')),
          2: (("total_net_weight_kg", "3150.0"), ("total_gross_weight_kg", "3433.5"), ("date", '"2026-05-14"'))}
TYPES = ("commercial_invoice", "packing_list", "export_declaration")


def _at_0004(paths: DataPaths) -> None:
    """A case database at cases_0004 holding one case, written as that release wrote it (through SQL)."""
    engine = make_engine(paths.cases_db)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), "cases_0004")
    with engine.begin() as c:
        c.execute(text("INSERT INTO cases (id, created_at, shipment_date, lane, risk_score, rules_version, "
                       "engine_version, status, net_weight_kg) VALUES ('OLD-1', '2026-12-01 10:00:00', '2026-05-14', "
                       "'yellow', 15, 'r-old', '0.1', 'recorded', 3150.0)"))
        for idx, doc_type in enumerate(TYPES):
            c.execute(text("INSERT INTO case_document (id, case_id, idx, path, type, pages, numbers) VALUES "
                           "(:id, 'OLD-1', :idx, :path, :type, 1, '[\"2026441833\"]')"),
                      {"id": idx + 1, "idx": idx, "path": f"/gone/{doc_type}.png", "type": doc_type})
            for name, value in FIELDS[idx]:
                c.execute(text("INSERT INTO case_field (document_id, name, value, raw, page, bbox, confidence) VALUES "
                               "(:doc, :name, :value, :value, 1, '[10, 20, 300, 30]', 0.9)"),
                          {"doc": idx + 1, "name": name, "value": value})
        c.execute(text("INSERT INTO case_finding (case_id, code, severity, message, document_idx, field, evidence) "
                       "VALUES ('OLD-1', 'WEIGHT_INCONSISTENT', 'medium', 'Net weight differs.', 0, "
                       "'total_net_weight_kg', '{}')"))
    engine.dispose()


def test_a_0004_database_upgrades_in_place_and_its_case_can_be_worked(config, rules_engine) -> None:
    paths = config.data
    _at_0004(paths)
    engine = open_cases(paths)
    assert current_revision(engine, "cases") == head_revision("cases")  # through cases_0005 (and any later)
    assert {"case_correction", "case_decision", "case_signoff", "audit_log"} <= set(inspect(engine).get_table_names())
    with Session(engine) as s:
        assert [c.id for c in list_cases(s)] == ["OLD-1"]
        old = load_case(s, "OLD-1")
        assert [f.code for f in old.findings] == ["WEIGHT_INCONSISTENT"] and old.rules_version == "r-old"
        assert [d.value("total_net_weight_kg") for d in old.documents] == [3105.0, 3150.0, 3150.0]
        assert old.documents[0].text == "2026441833"  # no stored text before 0005: its number tokens
        assert case_state(s, "OLD-1").status == "recorded" and entries(s) == []
        with Session(rules_engine) as rules:
            after = correct_field(s, "OLD-1", 0, "total_net_weight_kg", "3150", actor="Li Wei", rules=rules,
                                  config=config)
        assert "WEIGHT_INCONSISTENT" not in [f.code for f in after.findings]
        decide(s, "OLD-1", Decision.RELEASE, "weights agree on the paper", actor="Li Wei")
        assert sign_off(s, "OLD-1", supervisor="Wang Fang").locked
        assert [e.action for e in entries(s)] == ["correction", "decision", "sign_off"] and verify(s) == []
    with engine.begin() as c:
        command.downgrade(alembic_config("cases", c), "cases_0004")
    assert "audit_log" not in inspect(engine).get_table_names()
    with engine.connect() as c:
        assert c.execute(text("SELECT id, status FROM cases")).all() == [("OLD-1", "signed_off")]
        assert c.execute(text("SELECT count(*) FROM case_field")).scalar() == 9
    engine.dispose()
