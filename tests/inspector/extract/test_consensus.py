"""Consensus across documents: agreeing readings gain confidence, disagreeing ones stay as read."""

from __future__ import annotations

from inspector.extract.consensus import MAX_CONFIDENCE, corroborate
from inspector.models import DocType, Document, FieldValue


def _doc(index: int, **fields: FieldValue) -> Document:
    return Document(index, f"doc{index}.png", DocType.COMMERCIAL_INVOICE, 1, fields=fields)


def test_agreeing_readings_gain_confidence_and_count_their_support() -> None:
    docs = corroborate((_doc(0, total_net_weight_kg=FieldValue(12000.0, "12,000.00", confidence=0.5)),
                        _doc(1, total_net_weight_kg=FieldValue(12000.0, "12000 KGS", confidence=0.6))))
    first, second = (d.fields["total_net_weight_kg"] for d in docs)
    assert first.confidence == second.confidence == 0.8  # 1 - 0.5 * 0.4
    assert first.support == second.support == 2
    assert first.raw == "12,000.00" and second.raw == "12000 KGS"  # each keeps what it read


def test_a_disagreeing_reading_keeps_its_value_and_confidence() -> None:
    docs = corroborate((_doc(0, invoice_number=FieldValue("INV-2026-0042", confidence=0.9)),
                        _doc(1, invoice_number=FieldValue("INV-2026-0042", confidence=0.9)),
                        _doc(2, invoice_number=FieldValue("1NV-2026-0042", confidence=0.55))))
    odd = docs[2].fields["invoice_number"]
    assert odd.value == "1NV-2026-0042" and odd.confidence == 0.55 and odd.support == 1
    assert docs[0].fields["invoice_number"].confidence == MAX_CONFIDENCE  # 1 - 0.1 * 0.1 = 0.99


def test_party_names_agree_across_case_and_legal_form() -> None:
    docs = corroborate((_doc(0, consignee=FieldValue("ELBE TRADING GMBH", confidence=0.5)),
                        _doc(1, consignee=FieldValue("Elbe Trading GmbH.", confidence=0.5))))
    assert all(d.fields["consignee"].support == 2 for d in docs)


def test_numbers_that_differ_do_not_corroborate_and_one_document_alone_is_untouched() -> None:
    alone = _doc(0, total_value=FieldValue(36840.0, confidence=0.4))
    docs = corroborate((alone, _doc(1, total_value=FieldValue(36480.0, confidence=0.4))))
    assert [d.fields["total_value"].confidence for d in docs] == [0.4, 0.4]
    assert corroborate((alone,))[0] is alone


def test_a_confidence_is_never_lowered() -> None:
    docs = corroborate((_doc(0, vessel=FieldValue("EVER ACE", confidence=0.999)),
                        _doc(1, vessel=FieldValue("EVER ACE", confidence=0.2))))
    assert docs[0].fields["vessel"].confidence == 0.999
