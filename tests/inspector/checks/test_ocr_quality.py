"""OCR_LOW_CONFIDENCE weighs low when nothing else gives the field, info when another document reads
it clearly."""

from __future__ import annotations

from inspector.checks import ocr_quality
from inspector.checks.context import CheckContext, shipment_date
from inspector.config import Config
from inspector.models import DocType, Document, FieldValue, Severity

SPOT = FieldValue(None, "a)", 1, (400, 900, 180, 30), 0.35)


def _ctx(sessions, *docs: Document) -> CheckContext:
    rules, cases = sessions
    return CheckContext(docs, Config(), rules, cases, shipment_date(docs))


def _bill(**fields: FieldValue) -> Document:
    return Document(0, "bl.png", DocType.BILL_OF_LADING, 1, ocr_confidence=0.9, fields=fields,
                    unread={"packages": SPOT})


def test_an_unread_field_no_other_document_gives_is_low(sessions) -> None:
    invoice = Document(1, "inv.png", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9)
    found = list(ocr_quality.check(_ctx(sessions, _bill(), invoice)))
    assert [(f.code, f.severity) for f in found] == [("OCR_LOW_CONFIDENCE", Severity.LOW)]


def test_an_unread_field_another_document_reads_clearly_is_info_and_says_where(sessions) -> None:
    invoice = Document(1, "inv.png", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9,
                       fields={"packages": FieldValue(55, "55 DRUMS", 1, (10, 10, 90, 30), 0.95)})
    found = list(ocr_quality.check(_ctx(sessions, _bill(), invoice)))
    assert [(f.code, f.severity) for f in found] == [("OCR_LOW_CONFIDENCE", Severity.INFO)]
    assert found[0].evidence["read_elsewhere"]["document"] == 1 and "55 DRUMS" in found[0].message
    assert "商业发票" in found[0].message_zh


def test_a_doubtful_reading_elsewhere_does_not_vouch_for_the_field(sessions) -> None:
    weak = FieldValue(480.0, "48O", 1, (1, 1, 5, 5), 0.31)
    invoice = Document(1, "inv.png", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9,
                       fields={"total_net_weight_kg": weak})
    packing = Document(2, "pl.png", DocType.PACKING_LIST, 1, ocr_confidence=0.9,
                       fields={"total_net_weight_kg": FieldValue(480.0, "480", 1, (1, 1, 5, 5), 0.45)})
    found = list(ocr_quality.check(_ctx(sessions, invoice, packing)))
    assert [f.severity for f in found] == [Severity.LOW, Severity.LOW]
