"""The truth of generated cases is internally consistent, and each planted problem is really there."""

from __future__ import annotations

import pytest

from inspector.models import FIELD_NAMES, DocType
from inspector.synth.iso6346 import check_digit, is_valid

BL = DocType.BILL_OF_LADING
INV = DocType.COMMERCIAL_INVOICE
PL = DocType.PACKING_LIST


def test_iso6346_known_number():
    assert check_digit("CSQU305438") == 3
    assert is_valid("CSQU3054383")
    assert not is_valid("CSQU3054384")


def test_every_document_has_every_contract_field(case):
    _, docs = case
    for doc in docs.values():
        assert tuple(doc.fields) == FIELD_NAMES


def test_gross_not_below_net_unless_planted(case):
    ship, docs = case
    for doc in docs.values():
        net, gross = doc.fields["total_net_weight_kg"], doc.fields["total_gross_weight_kg"]
        if net is not None and gross is not None:
            assert (gross < net) == (ship.problem == "gross_below_net")


@pytest.mark.parametrize("key,total", [("net_weight_kg", "total_net_weight_kg"),
                                       ("gross_weight_kg", "total_gross_weight_kg"), ("value", "total_value")])
def test_item_sums_equal_totals(case, key, total):
    ship, docs = case
    for doc_type, doc in docs.items():
        if ship.problem == "weight_sum_mismatch" and doc_type == PL and key != "value":
            continue  # planted: checked in test_problems.py
        values = [getattr(item, key) for item in doc.items]
        if values and None not in values and doc.fields[total] is not None:
            assert sum(values) == pytest.approx(doc.fields[total], abs=0.01)


def test_packages_agree_with_shipment(case):
    ship, docs = case
    expected = sum(line.packages for line in ship.lines)
    counts = {doc.fields["packages"] for doc in docs.values() if doc.fields["packages"] is not None}
    assert counts == {expected}


def test_container_check_digits(case):
    ship, docs = case
    for doc_type, doc in docs.items():
        valid = [is_valid(n) for n in doc.fields["container_numbers"]]
        if doc_type == BL and ship.problem == "bad_container":
            assert valid.count(False) == 1
        else:
            assert all(valid)
    assert docs[BL].fields["container_numbers"]


def test_licence_present_exactly_when_expected(case):
    ship, docs = case
    licences = {doc.fields["licence_number"] for doc in docs.values()} - {None}
    if ship.goods_kind == "controlled" and ship.problem != "licence_missing":
        assert licences == {ship.licence_number}
        assert DocType.EXPORT_LICENCE in docs
    else:
        assert licences == set()
        assert DocType.EXPORT_LICENCE not in docs


def test_weight_mismatch_is_3_to_10_percent(case):
    ship, docs = case
    inv, pl = docs[INV].fields["total_net_weight_kg"], docs[PL].fields["total_net_weight_kg"]
    ratio = abs(pl - inv) / inv
    if ship.problem == "weight_mismatch":
        assert 0.029 <= ratio <= 0.101
    else:
        assert ratio == 0


def test_party_mismatch_only_on_bill_of_lading(case):
    ship, docs = case
    consignees = {t: d.fields["consignee"] for t, d in docs.items()}
    others = {v for t, v in consignees.items() if t != BL}
    assert others == {ship.consignee.name}
    assert (consignees[BL] != ship.consignee.name) == (ship.problem == "party_mismatch")


def test_dates_are_in_order(case):
    ship, docs = case
    if ship.problem == "date_inconsistent":
        return  # planted: checked in test_problems.py
    assert docs[INV].fields["date"] <= docs[DocType.EXPORT_DECLARATION].fields["date"] < docs[BL].fields["date"]
    assert docs[BL].fields["date"] == ship.shipped_date.isoformat()
