"""Case database: recording a case, ids, listing, reopening, licence ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case, CaseDocument, CaseField, CaseFinding, CasePage
from inspector.db.cases.repository import (
    CaseExistsError,
    case_count,
    licence_shipped_kg,
    list_cases,
    new_case_id,
    open_cases,
    record_case,
)
from inspector.db.migrate import current_revision, head_revision
from inspector.errors import InspectorError
from inspector.models import (
    CaseResult,
    CleanPage,
    DocType,
    Document,
    FieldValue,
    Finding,
    Lane,
    LineItem,
    Severity,
)
from inspector.paths import DataPaths


def _result(
    case_id: str = "C-20261129-0001", licence: str = "CN-EL-2026-0001", net: float = 1000.0
) -> CaseResult:
    invoice = Document(
        index=0, path="invoice.pdf", type=DocType.COMMERCIAL_INVOICE, pages=2, ocr_confidence=0.91,
        fields={
            "date": FieldValue("2026-11-20", raw="20 Nov 2026", page=1, bbox=(10, 20, 300, 40), confidence=0.95),
            "licence_number": FieldValue(licence, raw=licence, page=1, bbox=(5, 5, 50, 10)),
            "transit_countries": FieldValue(["SG", "AE"], raw="Singapore, Dubai"),
            "total_net_weight_kg": FieldValue(net, raw=f"{net} KG", page=2),
            "shipment_day": FieldValue(dt.date(2026, 11, 21)),
        },
        items=(LineItem("Dysprosium oxide Dy2O3 99.5%", "2846901993", 40.0, "bags", net, net + 8.0, 250000.0,
                        page=1, bbox=(100, 400, 1500, 60)),),
        page_hashes=("a" * 16, "b" * 16),
    )  # fmt: skip
    broken = Document(index=1, path="scan.tif", error="could not decode TIFF")
    pages = (CleanPage("invoice.pdf", 1, np.zeros((3508, 2480), np.uint8), 300),
             CleanPage("invoice.pdf", 2, np.zeros((3500, 2400), np.uint8), 300))  # fmt: skip
    findings = (
        Finding("CONTROLLED_GOODS", Severity.INFO, "Dysprosium oxide is controlled.", 0, "items[0].description",
                1, (100, 400, 1500, 60), {"announcement": "MOFCOM/GAC 2025 No.18", "on": dt.date(2026, 11, 20)}),
        Finding("INPUT_UNREADABLE", Severity.HIGH, "scan.tif could not be read.", 1),
    )  # fmt: skip
    return CaseResult(
        case_id, Lane.RED, 72, dt.date(2026, 11, 21), (invoice, broken), findings,
        rules_version="seed-2026.11.29-abc", pages=pages, page_map={(0, 1): 0, (0, 2): 1},
    )  # fmt: skip


def test_record_case_round_trip(cases_engine: Engine) -> None:
    with Session(cases_engine) as s, s.begin():
        record_case(s, _result())
    with Session(cases_engine) as s:
        case = s.get(Case, "C-20261129-0001")
        assert (case.lane, case.risk_score, case.shipment_date) == (
            "red",
            72,
            dt.date(2026, 11, 21),
        )
        assert case.status == "recorded" and case.rules_version == "seed-2026.11.29-abc"
        assert case.engine_version and case.net_weight_kg == 1000.0
        inv, broken = case.documents
        assert (inv.type, inv.pages, inv.ocr_confidence) == ("commercial_invoice", 2, 0.91)
        assert broken.error == "could not decode TIFF" and broken.page_rows == []
        assert [(p.number, p.image_hash, p.width, p.height) for p in inv.page_rows] == [
            (1, "a" * 16, 2480, 3508), (2, "b" * 16, 2400, 3500)]  # fmt: skip
        fields = {f.name: f for f in inv.field_rows}
        assert fields["date"].value == "2026-11-20" and fields["date"].bbox == [10, 20, 300, 40]
        assert fields["transit_countries"].value == ["SG", "AE"]
        assert fields["shipment_day"].value == "2026-11-21"
        item = inv.item_rows[0]
        assert (item.hs_code, item.net_weight_kg, item.unit, item.bbox) == (
            "2846901993",
            1000.0,
            "bags",
            [100, 400, 1500, 60],
        )
        first, second = case.findings
        assert (first.code, first.severity, first.document_idx, first.field) == (
            "CONTROLLED_GOODS",
            "info",
            0,
            "items[0].description",
        )
        assert first.evidence == {"announcement": "MOFCOM/GAC 2025 No.18", "on": "2026-11-20"}
        assert second.bbox is None and second.evidence == {}


def test_page_hashes_are_searchable(cases_engine: Engine) -> None:
    with Session(cases_engine) as s, s.begin():
        record_case(s, _result())
    with Session(cases_engine) as s:
        stmt = select(CaseDocument.case_id).join(CasePage).where(CasePage.image_hash == "b" * 16)
        assert s.scalars(stmt).all() == ["C-20261129-0001"]


def test_existing_case_id_is_never_overwritten(cases_engine: Engine) -> None:
    with Session(cases_engine) as s, s.begin():
        record_case(s, _result())
    with Session(cases_engine) as s, pytest.raises(CaseExistsError, match="C-20261129-0001") as err:
        record_case(s, _result(net=1.0))
    assert isinstance(err.value, InspectorError)
    with Session(cases_engine) as s:
        assert s.get(Case, "C-20261129-0001").net_weight_kg == 1000.0
        assert case_count(s) == 1


def test_new_case_ids_count_up_per_day(cases_engine: Engine) -> None:
    day = dt.date(2026, 11, 29)
    with Session(cases_engine) as s, s.begin():
        assert new_case_id(s, day) == "C-20261129-0001"
        record_case(s, _result("C-20261129-0001"))
        record_case(s, _result("C-20261129-0007"))
        record_case(s, _result("MY-OWN-REF"))
    with Session(cases_engine) as s:
        assert new_case_id(s, day) == "C-20261129-0008"
        assert new_case_id(s, dt.date(2026, 11, 30)) == "C-20261130-0001"
        assert new_case_id(s).startswith(f"C-{dt.date.today():%Y%m%d}-")


def test_list_cases_and_count(cases_engine: Engine) -> None:
    with Session(cases_engine) as s, s.begin():
        for n in range(1, 4):
            record_case(s, _result(f"C-20261129-000{n}"))
    with Session(cases_engine) as s:
        assert case_count(s) == 3
        listed = list_cases(s, limit=2)
    assert [c.id for c in listed] == ["C-20261129-0003", "C-20261129-0002"]
    assert (listed[0].documents, listed[0].findings, listed[0].lane) == (2, 2, "red")


def test_reopening_keeps_cases_and_stays_at_head(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    engine = open_cases(paths)
    with Session(engine) as s, s.begin():
        record_case(s, _result())
    engine.dispose()
    engine = open_cases(paths)
    with Session(engine) as s:
        assert case_count(s) == 1
    assert current_revision(engine, "cases") == head_revision("cases")
    engine.dispose()


def test_licence_shipped_kg_sums_earlier_cases(cases_engine: Engine) -> None:
    with Session(cases_engine) as s, s.begin():
        record_case(s, _result("C-1", "CN-EL-2026-0001", 1000.0))
        record_case(s, _result("C-2", "cn el 2026 0001", 250.5))
        record_case(s, _result("C-3", "CN-EL-2026-0099", 7000.0))
    with Session(cases_engine) as s:
        assert licence_shipped_kg(s, "CN-EL-2026-0001") == pytest.approx(1250.5)
        assert licence_shipped_kg(s, "CN-EL-2026-0001", exclude_case_id="C-2") == pytest.approx(
            1000.0
        )
        assert licence_shipped_kg(s, "NOPE") == 0.0


def test_field_values_of_none_are_stored(cases_engine: Engine) -> None:
    doc = Document(0, "a.png", fields={"vessel": FieldValue(None, raw="")})
    result = CaseResult("C-N", Lane.GREEN, 0, None, (doc,), ())
    with Session(cases_engine) as s, s.begin():
        record_case(s, result)
    with Session(cases_engine) as s:
        field = s.scalars(select(CaseField)).one()
        assert field.value is None and s.get(Case, "C-N").net_weight_kg is None
        assert s.scalars(select(CaseFinding)).all() == []


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    paths.cases_db.write_bytes(b"these are not the cases you are looking for" * 100)
    before = paths.cases_db.read_bytes()
    with pytest.raises(InspectorError, match="left as it is"):
        open_cases(paths)
    assert paths.cases_db.read_bytes() == before
