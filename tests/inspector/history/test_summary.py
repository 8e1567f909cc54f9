"""The history's reading of a case: the majority reading of each field, weighed by confidence."""

from __future__ import annotations

import datetime as dt

from inspector.history.summary import family_of_findings, majority, summarise
from inspector.models import DocType, Document, FieldValue, Finding, LineItem, Severity


def doc(index: int, doc_type: DocType, conf: float = 0.95, **fields) -> Document:
    return Document(index, f"d{index}.png", doc_type, 1,
                    fields={k: FieldValue(v, str(v), 1, None, conf) for k, v in fields.items()},
                    items=(LineItem("GALLIUM METAL 4N", "8112925000", 490.0, "KG", 490.0),))


def test_the_majority_reading_wins_and_a_misread_minority_does_not() -> None:
    docs = (doc(0, DocType.COMMERCIAL_INVOICE, consignee="Straits Trading Pte. Ltd.", invoice_number="INV-0384",
                vessel="EVER GLORY", port_of_loading="Ningbo", container_numbers=["MSCU4893309"]),
            doc(1, DocType.PACKING_LIST, consignee="STRAITS TRADING PTE LTD", invoice_number="INV-0384",
                port_of_loading="NINGBO"),
            doc(2, DocType.BILL_OF_LADING, conf=0.5, consignee="Stoaits Tradlng", document_number="EGLV 1234",
                port_of_loading="Nlngbo", vessel="EVER GLORY", voyage="031W"))
    s = summarise(docs, dt.date(2026, 3, 1), "", 490.0)
    assert s.consignee in ("Straits Trading Pte. Ltd.", "STRAITS TRADING PTE LTD")
    assert s.invoice_number == "INV0384" and s.bl_number == "EGLV1234" and s.port_of_loading == "NINGBO"
    assert s.vessel_voyage == "EVER GLORY 031W" and s.containers == {"MSCU4893309"}
    assert s.family == "hs:8112" and s.hs_headings == ("8112",)  # no control family: the HS heading stands for it
    assert s.lot("c", 1, 2).net_kg == 490.0 and summarise(docs, None, "", 490.0).lot("c", 1, 2) is None


def test_a_vessel_without_a_voyage_is_no_link_and_the_family_comes_from_the_findings() -> None:
    s = summarise((doc(0, DocType.BILL_OF_LADING, vessel="EVER GLORY"),), dt.date(2026, 3, 1), "gallium", 490.0)
    assert s.vessel_voyage is None and s.family == "gallium"
    assert family_of_findings([Finding("CONTROLLED_GOODS", Severity.INFO, "x", evidence={"family": "antimony"})]) == (
        "antimony")
    assert majority([("a", 0.4), ("b", 0.3), ("b", 0.3)]) == "b" and majority([]) is None
