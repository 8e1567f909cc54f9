"""DATE_INCONSISTENT on documents built by hand: each rule fires past its tolerance and not within it."""

from __future__ import annotations

from inspector.checks import dates
from inspector.checks.context import CheckContext, shipment_date
from inspector.config import Config
from inspector.models import DocType, Document, FieldValue, Severity

INV, PL, BL = DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.BILL_OF_LADING
DEC, LIC, COO = DocType.EXPORT_DECLARATION, DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN


def doc(index: int, doc_type: DocType, day: str, conf: float = 0.95) -> Document:
    return Document(index, f"doc{index}.png", doc_type, 1,
                    fields={"date": FieldValue(day, day, 1, (10, 10 + index, 100, 30), conf)})


def run(*docs: Document):
    # Dates need no database: the sessions are not used by this check.
    try:
        day = shipment_date(docs)
    except ValueError:
        day = None
    return list(dates.check(CheckContext(docs, Config(), None, None, day)))  # type: ignore[arg-type]


def case(inv="2026-05-02", pl="2026-05-02", dec="2026-05-08", bl="2026-05-10", lic="2026-04-01",
         coo="2026-05-07", conf=0.95):
    kinds = ((INV, inv), (PL, pl), (DEC, dec), (BL, bl), (LIC, lic), (COO, coo))
    return [doc(i, t, d, conf) for i, (t, d) in enumerate(kinds) if d]


def rules(found) -> list[str]:
    return [f.evidence["rule"] for f in found]


def test_plausible_order_raises_nothing() -> None:
    assert run(*case()) == []
    assert run(*case(inv="2026-05-12", pl="2026-05-11", coo="2026-05-11")) == []  # invoice 2 days after the B/L: tolerated


def test_licence_issued_after_the_shipment() -> None:
    found = run(*case(lic="2026-05-15"))
    assert rules(found) == ["licence_after_shipment"]
    assert found[0].severity == Severity.HIGH and found[0].document == 4 and found[0].evidence["other_document"] == 2
    assert run(*case(lic="2026-05-08")) == []  # issued the day of the declaration


def test_invoice_after_the_bill_of_lading() -> None:
    found = run(*case(inv="2026-05-14", pl="2026-05-14"))
    assert rules(found) == ["invoice_after_shipment", "invoice_after_shipment"]
    assert found[0].severity == Severity.MEDIUM and found[0].evidence["days"] == 4
    # without a B/L the declaration stands for the shipment
    found = run(*case(inv="2026-05-14", pl=None, bl=None, coo=None))
    assert rules(found) == ["invoice_after_shipment"]


def test_declaration_far_from_the_shipment() -> None:
    assert rules(run(*case(dec="2026-05-20", lic="2026-04-01"))) == ["declaration_after_shipment"]
    assert rules(run(*case(dec="2026-03-20", lic="2026-03-01", inv="2026-03-01", pl="2026-03-01",
                           coo="2026-03-21"))) == ["declaration_long_before_shipment"]
    assert run(*case(dec="2026-05-12")) == []  # 2 days after: tolerated


def test_certificate_before_the_invoice() -> None:
    found = run(*case(coo="2026-04-25"))
    assert rules(found) == ["certificate_before_invoice"] and found[0].severity == Severity.LOW
    assert run(*case(coo="2026-05-01")) == []  # 1 day before: tolerated
    # an invoice already flagged as late is not flagged again through the certificate
    assert "certificate_before_invoice" not in rules(run(*case(inv="2026-05-20", pl=None)))


def test_low_confidence_date_still_fires_one_step_lower() -> None:
    found = run(*case(lic="2026-05-15", conf=0.4))
    assert found and found[0].severity == Severity.MEDIUM and "low confidence" in found[0].message


def test_unparseable_or_single_dates_raise_nothing() -> None:
    assert run(doc(0, INV, "2026-05-20"), doc(1, BL, "not a date")) == []
    assert run(doc(0, INV, "2026-05-20")) == []
