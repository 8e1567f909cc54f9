"""LICENCE_MISMATCH and LICENCE_EXCEEDED: the papers and the case history against the licence registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from inspector.checks import licences
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import (
    licence_ledger,
    licence_shipped_kg,
    record_case,
)
from inspector.models import CaseResult, DocType, Document, FieldValue, Lane, LineItem, Severity
from inspector.paths import DataPaths
from tests.inspector.registry import registry_sessions

INV, DEC, LIC, BL = (DocType.COMMERCIAL_INVOICE, DocType.EXPORT_DECLARATION, DocType.EXPORT_LICENCE,
                     DocType.BILL_OF_LADING)
NUMBER = "2026AA000042"
WHEN = dt.date(2026, 5, 10)
HOLDER, CONSIGNEE, END_USER = ("Ganzhou Rare Earth Co., Ltd.", "Rhein Materials Trading GmbH",
                               "Hanse Advanced Materials GmbH")


@pytest.fixture
def sessions(tmp_path: Path):
    """A rules database with one licence (2,000 kg of dysprosium oxide to DE) and an empty case database."""
    with registry_sessions(DataPaths(tmp_path),
                           f'{NUMBER},"{HOLDER}",{CONSIGNEE},{END_USER},DE,2846901920,2000,2026-01-01,2026-12-31') as s:
        yield s


def item(kg: float | None = 500.0, hs: str | None = "2846901920", desc: str = "DYSPROSIUM OXIDE Dy2O3 99.9%",
         quantity: float | None = None, unit: str | None = "KG") -> LineItem:
    return LineItem(desc, hs, quantity if quantity is not None else kg, unit, kg, None, 150000.0, 1,
                    (10, 500, 900, 30))


def doc(index: int, doc_type: DocType, items: tuple[LineItem, ...] = (), conf: float = 0.95,
        hashes: tuple[str, ...] = (), **fields) -> Document:
    values = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), conf) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values, items=items, page_hashes=hashes)


def papers(net: float = 500.0, hashes: tuple[str, ...] = (), **override) -> tuple[Document, ...]:
    """A consistent invoice, declaration and licence paper for the licence; `override` changes the invoice
    and the declaration (the licence paper keeps the registry's values)."""
    base = {"exporter": HOLDER, "consignee": CONSIGNEE, "end_user": END_USER, "country_of_destination": "DE",
            "licence_number": NUMBER, "total_net_weight_kg": net, "date": WHEN.isoformat()}
    shipped = {**base, **override}
    return (doc(0, INV, (item(net),), hashes=hashes, **shipped),
            doc(1, DEC, (item(net),), **shipped),
            doc(2, LIC, (item(net),), **{k: v for k, v in base.items() if k != "total_net_weight_kg"}))


def run(sessions, docs: tuple[Document, ...], date: dt.date = WHEN) -> list:
    rules, cases = sessions
    return [f for f in licences.check(CheckContext(docs, Config(), rules, cases, date))
            if f.code in ("LICENCE_MISMATCH", "LICENCE_EXCEEDED")]


def record(sessions, case_id: str, docs: tuple[Document, ...], date: dt.date) -> None:
    _, cases = sessions
    record_case(cases, CaseResult(case_id, Lane.GREEN, 0, date, docs, ()))
    cases.commit()


# ---------------------------------------------------------------- LICENCE_MISMATCH

def test_papers_that_match_the_registry_raise_nothing(sessions) -> None:
    variants = {"consignee": "RHEIN MATERIALS TRADING G.m.b.H.", "exporter": "Ganzhou Rare Earth Company Limited"}
    assert run(sessions, papers()) == []
    assert run(sessions, papers(**variants)) == []


@pytest.mark.parametrize(("attribute", "field", "other"), [
    ("holder", "exporter", "Baotou Northern Metals Co., Ltd."),
    ("consignee", "consignee", "Hokuyo Trading Co., Ltd."),
    ("end_user", "end_user", "Nippon Advanced Materials Co., Ltd."),
    ("destination_country", "country_of_destination", "JP"),
])
def test_each_attribute_that_differs_is_one_finding(sessions, attribute: str, field: str, other: str) -> None:
    docs = papers(**{field: other})
    docs = (*docs[:2], doc(2, LIC, (item(),), **{field: other, "licence_number": NUMBER}))
    found = run(sessions, docs)
    assert [f.evidence["attribute"] for f in found] == [attribute]
    f = found[0]
    assert f.severity == Severity.HIGH and f.field == field and f.document == 2  # the licence paper first
    assert f.evidence["papers_value"] == other and f.evidence["licence_value"] != other
    assert sorted(d["document"] for d in f.evidence["documents"]) == [0, 1, 2]


def test_the_goods_go_elsewhere_than_licensed_even_if_the_licence_paper_agrees(sessions) -> None:
    found = run(sessions, papers(consignee="Hokuyo Trading Co., Ltd."))  # 2 papers against the licence's 1
    assert [f.evidence["attribute"] for f in found] == ["consignee"] and found[0].document == 1


def test_one_misread_document_is_not_a_licence_mismatch(sessions) -> None:
    docs = papers()
    docs = (doc(0, INV, (item(),), **{**{k: v.value for k, v in docs[0].fields.items()},
                                      "country_of_destination": "DK"}), *docs[1:])
    assert run(sessions, docs) == []


def test_a_doubtful_reading_weighs_less(sessions) -> None:
    docs = (doc(0, INV, (item(),), conf=0.3, consignee="Hokuyo Trading Co., Ltd.", licence_number=NUMBER),)
    found = run(sessions, docs)
    assert [f.evidence["attribute"] for f in found] == ["consignee"]
    assert found[0].severity == Severity.MEDIUM and found[0].evidence["low_confidence"]
    assert "low confidence" in found[0].message


def test_goods_of_another_heading_and_family_are_a_mismatch(sessions) -> None:
    gallium = item(hs="8112921010", desc="GALLIUM METAL INGOTS 99.99%")
    found = run(sessions, (doc(0, INV, (gallium,), licence_number=NUMBER),))
    assert [f.evidence["attribute"] for f in found] == ["goods"]
    assert found[0].evidence["licence_value"] == "2846901920" and found[0].field == "items[0].hs_code"


def test_goods_of_the_licence_heading_or_family_match(sessions) -> None:
    six_digits = item(hs="284690")
    assert run(sessions, (doc(0, INV, (six_digits,), licence_number=NUMBER),)) == []
    by_name = item(hs=None, desc="DYSPROSIUM OXIDE Dy2O3 99.9%")  # no HS code: the material family decides
    assert run(sessions, (doc(0, INV, (by_name,), licence_number=NUMBER),)) == []
    unknown = item(hs=None, desc="GOODS AS PER CONTRACT")  # nothing to compare
    assert run(sessions, (doc(0, INV, (unknown,), licence_number=NUMBER),)) == []


# ---------------------------------------------------------------- LICENCE_EXCEEDED

def test_a_shipment_alone_over_the_licence_quantity(sessions) -> None:
    assert run(sessions, papers(net=2000.0)) == []
    found = run(sessions, papers(net=2400.0))
    assert [f.code for f in found] == ["LICENCE_EXCEEDED"]
    ev = found[0].evidence
    assert ev["alone_exceeds"] and ev["earlier_cases"] == [] and ev["excess_kg"] == pytest.approx(400.0)
    assert found[0].field == "total_net_weight_kg" and found[0].severity == Severity.HIGH


def test_the_ledger_of_earlier_cases_counts(sessions) -> None:
    record(sessions, "C-1", papers(net=800.0), dt.date(2026, 3, 1))
    # the second case shows no net weight, only 0.5 MT of goods: 500 kg
    tonnes = item(kg=None, quantity=0.5, unit="MT")
    record(sessions, "C-2", (doc(0, INV, (tonnes,), licence_number="2026-aa-000042"),), dt.date(2026, 4, 1))
    record(sessions, "C-OTHER", (doc(0, INV, (item(5000.0),), licence_number="2026AA999999",
                                     total_net_weight_kg=5000.0),), dt.date(2026, 4, 2))
    record(sessions, "C-LATER", papers(net=900.0), dt.date(2026, 9, 1))  # after this shipment: not counted
    assert run(sessions, papers(net=650.0)) == []  # 800 + 500 + 650 = 1,950 of 2,000
    found = run(sessions, papers(net=800.0))  # 2,100
    assert [f.code for f in found] == ["LICENCE_EXCEEDED"]
    ev = found[0].evidence
    assert [e["case_id"] for e in ev["earlier_cases"]] == ["C-1", "C-2"]
    assert ev["shipped_before_kg"] == pytest.approx(1300.0) and ev["total_kg"] == pytest.approx(2100.0)
    assert not ev["alone_exceeds"] and "C-1" in found[0].message and "C-2" in found[0].message


def test_the_same_papers_checked_again_are_not_a_second_shipment(sessions) -> None:
    record(sessions, "C-1", papers(net=1200.0, hashes=("h1",)), dt.date(2026, 5, 10))
    record(sessions, "C-1-again", papers(net=1200.0, hashes=("h1",)), dt.date(2026, 5, 10))
    assert run(sessions, papers(net=1200.0, hashes=("h1",))) == []  # a third check of the same papers
    assert run(sessions, papers(net=700.0, hashes=("h2",))) == []  # 1,200 once + 700
    found = run(sessions, papers(net=900.0, hashes=("h2",)))
    assert [e["case_id"] for e in found[0].evidence["earlier_cases"]] == ["C-1"]


def test_ledger_api(sessions) -> None:
    _, cases = sessions
    record(sessions, "C-1", papers(net=800.0), dt.date(2026, 3, 1))
    record(sessions, "C-2", (doc(0, INV, (item(kg=None, quantity=1102.31, unit="LBS"),), licence_number=NUMBER),),
           dt.date(2026, 2, 1))
    ledger = licence_ledger(cases, NUMBER)
    assert [e.case_id for e in ledger] == ["C-2", "C-1"]  # oldest first
    assert ledger[0].net_kg == pytest.approx(500.0, abs=0.01)
    assert licence_shipped_kg(cases, NUMBER) == pytest.approx(1300.0, abs=0.01)
    assert licence_shipped_kg(cases, NUMBER, exclude_case_id="C-1") == pytest.approx(500.0, abs=0.01)
    assert licence_ledger(cases, NUMBER, before=dt.date(2026, 2, 15))[0].case_id == "C-2"
