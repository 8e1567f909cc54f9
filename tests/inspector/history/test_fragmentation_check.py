"""FRAGMENTATION_SUSPECTED end to end: cases recorded into the history, a new case checked against it.
Each pattern fires, and its near miss does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.checks import fragmentation
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import record_case
from inspector.db.rules.history import fragmentation_settings, set_history_setting
from inspector.models import (
    CaseResult,
    DocType,
    Document,
    FieldValue,
    Finding,
    Lane,
    LineItem,
    Severity,
)
from inspector.paths import DataPaths
from tests.inspector.registry import registry_sessions

DAY = dt.date(2026, 3, 2)
EXPORTER = "Ganzhou Rare Earth Co., Ltd."
CONSIGNEES = ("Straits Trading Pte. Ltd.", "STRAITS TRADING PTE LTD", "Strait Trading Private Limited")
LICENCE = "2026AA000077"


@pytest.fixture
def sessions(tmp_path: Path, case_db_url: str):
    """A seeded rules database with one licence (3,000 kg of dysprosium oxide) and an empty case database
    (SQLite, then PostgreSQL)."""
    with registry_sessions(DataPaths(tmp_path, case_db=case_db_url),
                           f'{LICENCE},"{EXPORTER}",{CONSIGNEES[0]},{CONSIGNEES[0]},SG,2846901920,3000,2026-01-01,'
                           "2026-12-31") as s:
        yield s


def papers(kg: float, days: int, *, consignee: str = CONSIGNEES[0], invoice: str = "INV-2026-0100",
           port: str = "Ningbo", container: str | None = None, licence: str | None = None,
           conf: float = 0.95) -> tuple[Document, ...]:
    date = (DAY + dt.timedelta(days=days)).isoformat()
    item = LineItem("DYSPROSIUM OXIDE Dy2O3 99.9%", "2846901920", kg, "KG", kg, None, kg * 300.0, 1, (10, 500, 900, 30))
    common = {"exporter": EXPORTER, "consignee": consignee, "port_of_loading": port, "date": date,
              "total_net_weight_kg": kg, **({"licence_number": licence} if licence else {})}

    def doc(index: int, doc_type: DocType, **fields) -> Document:
        values = {k: FieldValue(v, str(v), 1, (10, 10 + 40 * i, 300, 30), conf if k == "total_net_weight_kg" else 0.95)
                  for i, (k, v) in enumerate({**common, **fields}.items())}
        return Document(index, f"doc{index}.png", doc_type, 1, fields=values, items=(item,))

    return (doc(0, DocType.COMMERCIAL_INVOICE, invoice_number=invoice, document_number=invoice),
            doc(1, DocType.PACKING_LIST, invoice_number=invoice, container_numbers=[container] if container else []),
            doc(2, DocType.BILL_OF_LADING, document_number=f"EGLV{7000 + days}",
                container_numbers=[container] if container else []))


def ctx_of(sessions, docs: tuple[Document, ...]) -> CheckContext:
    rules, cases = sessions
    return CheckContext(docs, Config(), rules, cases, dt.date.fromisoformat(docs[0].value("date")))


def record(sessions, case_id: str, docs: tuple[Document, ...]) -> None:
    rules, cases = sessions
    controlled = Finding("CONTROLLED_GOODS", Severity.INFO, "x", evidence={"family": "rare_earth_dy"})
    record_case(cases, CaseResult(case_id, Lane.GREEN, 0, dt.date.fromisoformat(docs[0].value("date")), docs,
                                  (controlled,), "test"))
    cases.commit()


def found(sessions, docs) -> list[Finding]:
    return list(fragmentation.check(ctx_of(sessions, docs)))


def test_lots_just_under_a_round_quantity_with_the_consignee_spelt_three_ways_are_linked(sessions) -> None:
    record(sessions, "case-01", papers(985.0, 0, consignee=CONSIGNEES[0], invoice="INV-2026-0100", port="Ningbo"))
    record(sessions, "case-02", papers(978.0, 12, consignee=CONSIGNEES[1], invoice="INV-2026-0101", port="Xiamen"))
    [f] = found(sessions, papers(990.0, 25, consignee=CONSIGNEES[2], invoice="INV-2026-0102", port="Qingdao"))
    assert f.code == "FRAGMENTATION_SUSPECTED" and f.severity == Severity.HIGH  # linked by invoices and ports too
    assert [x["case_id"] for x in f.evidence["linked_cases"]] == ["case-01", "case-02"]
    assert f.evidence["aggregate_kg"] == 985 + 978 + 990 and f.evidence["threshold_kg"] == 1000
    assert {"just_under_1000_kg", "sequential_invoices", "ports_vary"} <= set(f.evidence["cues"])
    assert f.evidence["settings"]["windows_days"] == [30, 90] and f.evidence["window_days"] == 30
    assert "case-01" in f.message and "合计" in f.message_zh and f.field == "total_net_weight_kg"


def test_two_honest_shipments_a_month_apart_are_not_linked(sessions) -> None:
    record(sessions, "case-01", papers(640.0, 0, invoice="INV-2026-0100"))
    assert found(sessions, papers(820.0, 31, invoice="INV-2026-0417")) == []
    # nor is the same case checked again
    record(sessions, "case-02", papers(495.0, 40, invoice="INV-2026-0500"))
    assert found(sessions, papers(495.0, 40, invoice="INV-2026-0500")) == []


def test_another_consignee_is_another_history(sessions) -> None:
    record(sessions, "case-01", papers(985.0, 0))
    assert found(sessions, papers(990.0, 10, consignee="Lion City Materials Trading Pte Ltd")) == []


def test_lots_together_over_the_licence_are_linked_and_a_licensed_exporter_within_it_is_not(sessions) -> None:
    record(sessions, "case-01", papers(1300.0, 0, licence=LICENCE, invoice="INV-2026-0100"))
    within = found(sessions, papers(1200.0, 20, licence=LICENCE, invoice="INV-2026-0300"))
    assert within == []  # 2,500 kg of 3,000: within the licence
    record(sessions, "case-02", papers(1200.0, 20, licence=LICENCE, invoice="INV-2026-0300"))
    [f] = found(sessions, papers(1100.0, 28, licence=LICENCE, invoice="INV-2026-0900"))
    assert "licence_exceeded" in f.evidence["cues"] and f.evidence["licence_kg"] == 3000
    assert f.severity == Severity.MEDIUM


def test_the_same_container_and_sequential_bills_alone_are_low(sessions) -> None:
    record(sessions, "case-01", papers(640.0, 0, container="MSCU4893309", invoice="INV-2026-0100"))
    [f] = found(sessions, papers(820.0, 3, container="MSCU4893309", invoice="INV-2026-0101"))
    assert f.severity == Severity.LOW and {"same_container", "sequential_invoices"} <= set(f.evidence["cues"])


def test_a_low_confidence_net_weight_lowers_the_severity_and_says_so(sessions) -> None:
    record(sessions, "case-01", papers(985.0, 0, invoice="INV-2026-0100"))
    [f] = found(sessions, papers(990.0, 20, invoice="INV-2026-0700", conf=0.4))
    assert f.severity == Severity.LOW and f.evidence["low_confidence"] and "low confidence" in f.message


def test_an_office_threshold_from_the_rules_database_comes_first_and_is_recorded(sessions) -> None:
    rules, _ = sessions
    set_history_setting(rules, "threshold_kg", 1500, "office: notice 12/2026", family="rare_earth_dy")
    assert fragmentation_settings(rules).thresholds[0].kg == 1500
    record(sessions, "case-01", papers(1450.0, 0, invoice="INV-2026-0100"))
    [f] = found(sessions, papers(1440.0, 15, invoice="INV-2026-0800"))
    assert f.evidence["threshold_kg"] == 1500 and f.evidence["threshold_source"].startswith("office")
    assert f.evidence["settings"]["thresholds"] == [{"kg": 1500.0, "family": "rare_earth_dy",
                                                     "source": "office: notice 12/2026"}]
