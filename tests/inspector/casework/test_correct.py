"""Corrections: kept with the value as read, re-checked at once without OCR, findings and verdict
replaced; unreadable values refused with nothing changed; the case never compared with itself."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector.casework import (
    CaseworkError,
    case_state,
    correct_field,
    correct_item,
    load_case,
)
from inspector.casework.audit import entries
from inspector.db.cases.models import CaseCorrection, CasePagePhash, CaseShipment
from inspector.models import CaseResult, DocType, Document, FieldValue
from inspector.pipeline import evaluate
from tests.inspector.casework.builders import codes, record, shipment

NET = "total_net_weight_kg"


def test_correcting_a_misread_weight_removes_the_weight_findings_and_is_kept(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    first = record(rules, cases, config, "C-1", shipment(tmp_path))
    assert "WEIGHT_INCONSISTENT" in codes(first) and first.lane == "red"
    started = time.perf_counter()
    after = correct_field(cases, "C-1", 0, NET, "3,150 kg", actor="Li Wei", rules=rules, config=config)
    elapsed = time.perf_counter() - started
    assert "WEIGHT_INCONSISTENT" not in codes(after) and "WEIGHT_SUM_MISMATCH" not in codes(after)
    assert codes(after) == ["CONTROLLED_GOODS", "LICENCE_MISSING"]
    assert after.risk_score < first.risk_score
    assert elapsed < 1.0, f"a correction took {elapsed:.2f} s"
    corrected = after.documents[0].fields[NET]
    assert (corrected.value, corrected.raw, corrected.confidence) == (3150.0, "3,150 kg", 1.0)
    assert (corrected.page, corrected.bbox) == (1, (120, 340, 420, 36))  # still points where it was read
    # the stored case is what load_case reads back
    assert codes(load_case(cases, "C-1")) == codes(after) and load_case(cases, "C-1").risk_score == after.risk_score
    (c,) = case_state(cases, "C-1").corrections
    assert (c.document_index, c.field, c.old_value, c.new_value, c.old_raw, c.new_raw, c.actor) == (
        0, NET, 3105.0, 3150.0, "3105.0", "3,150 kg", "Li Wei")
    row = entries(cases, "C-1")[-1]
    assert row.action == "correction" and row.actor == "Li Wei"
    assert "WEIGHT_INCONSISTENT@0.total_net_weight_kg" in row.detail["findings_removed"]
    assert row.detail["risk_score"] == [first.risk_score, after.risk_score]


def test_a_wrong_licence_number_raises_a_licence_finding(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path, invoice_net=3150.0))
    assert codes(load_case(cases, "C-1")) == ["CONTROLLED_GOODS", "LICENCE_MISSING"]
    after = correct_field(cases, "C-1", 2, "licence_number", "lic-2026-999999", actor="Li Wei", rules=rules,
                          config=config)
    assert codes(after) == ["CONTROLLED_GOODS", "LICENCE_NOT_FOUND"]
    assert after.documents[2].value("licence_number") == "LIC-2026-999999"
    found = next(f for f in after.findings if f.code == "LICENCE_NOT_FOUND")
    assert "LIC-2026-999999" in found.message and found.message_zh and found.document == 2
    # clearing the field again brings the missing licence back
    again = correct_field(cases, "C-1", 2, "licence_number", "", actor="Li Wei", rules=rules, config=config)
    assert codes(again) == ["CONTROLLED_GOODS", "LICENCE_MISSING"]
    assert "licence_number" not in again.documents[2].fields
    assert [c.new_value for c in case_state(cases, "C-1").corrections] == ["LIC-2026-999999", None]


def test_correcting_a_goods_line_rechecks_the_sums(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path, invoice_net=3150.0))
    after = correct_item(cases, "C-1", 1, 0, "net_weight_kg", "3.05 MT", actor="Li Wei", rules=rules, config=config)
    assert after.documents[1].items[0].net_weight_kg == 3050.0
    assert "WEIGHT_SUM_MISMATCH" in codes(after)
    (c,) = case_state(cases, "C-1").corrections
    assert (c.item_index, c.field, c.old_value, c.new_value) == (0, "net_weight_kg", 3150.0, 3050.0)


@pytest.mark.parametrize(("field", "value"), [(NET, "about three tonnes"), ("date", "32/13/2026"),
                                              ("container_numbers", "MSCU1234565, NOT-A-BOX"), ("no_such", "1")])
def test_an_unreadable_value_is_refused_in_both_languages_and_nothing_changes(sessions, config, tmp_path, field,
                                                                             value) -> None:
    rules, cases = sessions
    first = record(rules, cases, config, "C-1", shipment(tmp_path))
    with pytest.raises(CaseworkError) as refused:
        correct_field(cases, "C-1", 0, field, value, actor="Li Wei", rules=rules, config=config)
    assert refused.value.message.en and refused.value.message.zh and refused.value.message.en != refused.value.message.zh
    assert cases.scalar(select(func.count()).select_from(CaseCorrection)) == 0
    assert codes(load_case(cases, "C-1")) == codes(first) and [e.action for e in entries(cases)] == ["check"]


def test_unknown_case_and_document_are_refused(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    with pytest.raises(CaseworkError, match="No case C-9"):
        correct_field(cases, "C-9", 0, NET, "3150", actor="x", rules=rules, config=config)
    with pytest.raises(CaseworkError, match="0 to 2"):
        correct_field(cases, "C-1", 7, NET, "3150", actor="x", rules=rules, config=config)
    with pytest.raises(CaseworkError, match="name"):
        correct_field(cases, "C-1", 0, NET, "3150", actor=" ", rules=rules, config=config)


def test_the_history_summary_follows_the_correction(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path, invoice_net=3150.0))
    correct_field(cases, "C-1", 0, NET, "3000", actor="x", rules=rules, config=config)
    correct_field(cases, "C-1", 1, NET, "3000", actor="x", rules=rules, config=config)
    correct_field(cases, "C-1", 2, NET, "3000", actor="x", rules=rules, config=config)
    assert cases.get(CaseShipment, "C-1").net_kg == 3000.0
    assert cases.scalar(select(func.count()).select_from(CaseShipment)) == 1


# ---------------------------------------------------------------- never compared with itself

TILES = tuple(f"{i:04x}{i:04x}{i:04x}{i:04x}" for i in range(1, 17))
NUMBERS = "INV-2026-0042 2026-02-19 3,150.00 819,630.00 LOT-7781 BL-550021 SEAL-99812"


def _twins(tmp_path: Path) -> tuple[Document, ...]:
    """Two certificates of one case on the same template (same page hash) whose texts differ by one
    number: compared with each other they look like a reused page."""
    docs = []
    for i, number in enumerate(("CCPIT26C3702A2593/00781", "CCPIT26C3702A2593/00999")):
        path = tmp_path / f"co{i}.png"
        path.write_bytes(f"certificate {i}".encode())
        fields = {"document_number": FieldValue(number, number, 1, (100, 200, 300, 40), 0.9)}
        docs.append(Document(i, str(path), DocType.CERTIFICATE_OF_ORIGIN, 1, fields=fields, page_hashes=(f"img-{i}",),
                             text=f"Certificate No. {number} {NUMBERS}", page_phashes=("f0e1d2c3b4a59687",),
                             region_phashes=(TILES,)))
    return tuple(docs)


def test_a_recheck_never_finds_the_case_reusing_its_own_pages(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    docs = _twins(tmp_path)
    record(rules, cases, config, "C-1", docs)
    assert "DOCUMENT_REUSED" not in codes(load_case(cases, "C-1"))
    naive = evaluate(docs, config, rules, cases)[0]  # what comparing with its own recorded pages would give
    assert "DOCUMENT_REUSED" in [f.code for f in naive]
    after = correct_field(cases, "C-1", 0, "document_number", "CCPIT26C3702A2593/00782", actor="x", rules=rules,
                          config=config)
    assert "DOCUMENT_REUSED" not in codes(after)
    assert cases.scalar(select(func.count()).select_from(CasePagePhash)) == 2  # hidden only while checking
    later = record(rules, cases, config, "C-2", (docs[1],))  # another case still finds them
    assert "DOCUMENT_REUSED" in codes(later)


def test_a_sure_unchanged_value_records_nothing(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    correct_field(cases, "C-1", 0, NET, "3150", actor="x", rules=rules, config=config)
    same: CaseResult = correct_field(cases, "C-1", 0, NET, "3,150.00 KGS", actor="x", rules=rules, config=config)
    assert same.documents[0].value(NET) == 3150.0
    assert len(case_state(cases, "C-1").corrections) == 1
    assert [e.action for e in entries(cases)] == ["check", "correction"]


def test_a_field_the_paper_labels_but_ocr_could_not_read_stays_asked_for_until_corrected(sessions, config,
                                                                                       tmp_path) -> None:
    rules, cases = sessions
    docs = list(shipment(tmp_path, invoice_net=3150.0))
    unread = {"total_gross_weight_kg": FieldValue(None, "3,4#3.5", 1, (500, 600, 200, 30), 0.2)}
    fields = {k: v for k, v in docs[1].fields.items() if k != "total_gross_weight_kg"}
    docs[1] = Document(1, docs[1].path, docs[1].type, 1, ocr_confidence=0.9, fields=fields, items=docs[1].items,
                       unread=unread, text=docs[1].text)
    record(rules, cases, config, "C-1", tuple(docs))
    asked = [f for f in load_case(cases, "C-1").findings if f.code == "OCR_LOW_CONFIDENCE"]
    assert [(f.document, f.field) for f in asked] == [(1, "total_gross_weight_kg")]
    other = correct_field(cases, "C-1", 0, "currency", "US$", actor="x", rules=rules, config=config)
    assert [(f.document, f.field) for f in other.findings if f.code == "OCR_LOW_CONFIDENCE"] == [
        (1, "total_gross_weight_kg")]
    done = correct_field(cases, "C-1", 1, "total_gross_weight_kg", "3,433.5 kg", actor="x", rules=rules, config=config)
    assert "OCR_LOW_CONFIDENCE" not in codes(done)


def test_findings_of_the_pages_are_kept_as_recorded(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    first = record(rules, cases, config, "C-1", shipment(tmp_path))
    from inspector.db.cases.models import CaseFinding

    cases.add(CaseFinding(case_id="C-1", code="TAMPER_SUSPECTED", severity="high", message="Possible edit.",
                          message_zh="疑似改动。", document_idx=0, field=NET, page=1, bbox=[1, 2, 3, 4],
                          evidence={"method": "noise"}))
    cases.commit()
    after = correct_field(cases, "C-1", 0, NET, "3150", actor="x", rules=rules, config=config)
    tamper = [f for f in after.findings if f.code == "TAMPER_SUSPECTED"]
    assert len(tamper) == 1 and tamper[0].bbox == (1, 2, 3, 4) and after.lane == "red"
    assert "WEIGHT_INCONSISTENT" in codes(first) and "WEIGHT_INCONSISTENT" not in codes(after)


def test_load_case_gives_the_engine_dataclasses(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    first = record(rules, cases, config, "C-1", shipment(tmp_path))
    loaded = load_case(cases, "C-1")
    assert isinstance(loaded, CaseResult) and loaded.pages == ()
    assert (loaded.lane, loaded.risk_score, loaded.shipment_date, loaded.rules_version) == (
        first.lane, first.risk_score, first.shipment_date, first.rules_version)
    assert [d.path for d in loaded.documents] == [d.path for d in first.documents]
    assert loaded.documents[1].fields["packages"] == FieldValue(63, "63 DRUMS", 1, (120, 340, 420, 36), 0.92)
    assert loaded.documents[0].items[0].hs_code == "2846901920" and loaded.documents[0].text == first.documents[0].text
    assert {(f.code, f.message, f.message_zh, f.bbox) for f in loaded.findings} == {
        (f.code, f.message, f.message_zh, f.bbox) for f in first.findings}
