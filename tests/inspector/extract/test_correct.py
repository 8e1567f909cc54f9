"""Validation that corrects: each rule fixes a look-alike reading, leaves a valid one alone, and
keeps an ambiguous one as read (with lower confidence)."""

from __future__ import annotations

import pytest

from inspector.extract.correct import (
    alternatives,
    containers_recovered,
    correct_container,
    correct_date,
    correct_document,
    correct_hs,
    correct_licence,
    correct_number,
    correct_reference,
    hs_known,
    known_hs,
)
from inspector.extract.normalise import iso6346_valid
from inspector.models import DocType, FieldValue, LineItem


def test_alternatives_change_only_characters_out_of_their_class() -> None:
    assert list(alternatives("0OLU", "AAAA")) == ["OOLU", "DOLU"]
    assert list(alternatives("12S4", "9999")) == ["1254"]
    assert list(alternatives("12#4", "9999")) == []  # no look-alike for '#': no reading


# --- container numbers (ISO 6346) ---------------------------------------------------------------

def test_container_look_alike_fixed_by_check_digit() -> None:
    assert iso6346_valid("CSQU3054383")
    assert correct_container("C5QU3054383").value == "CSQU3054383"
    assert correct_container("CSQU3O54383").value == "CSQU3054383"
    assert containers_recovered("CNTR: C5QU 305438 3 / 40HC") == ["CSQU3054383"]


def test_container_rule_does_not_fire_on_valid_or_genuinely_wrong_numbers() -> None:
    assert correct_container("CSQU3054383").status == "valid"
    wrong = correct_container("CSQU3054384")  # a wrong check digit is a finding, not a misreading
    assert (wrong.status, wrong.value) == ("invalid", "CSQU3054384")
    assert containers_recovered("INVOICE 2026AA480824 B/L OOLU5613113171") == []


# --- references with a carrier or letter prefix --------------------------------------------------

def test_bl_number_with_digits_in_its_carrier_prefix() -> None:
    choice = correct_reference("00LU5613113171")
    assert (choice.status, choice.value) == ("corrected", "OOLU5613113171")
    # an unknown carrier is known when its containers are on the same document
    assert correct_reference("A8CU1234567890", owners=["ABCU1234565"]).value == "ABCU1234567890"


def test_letter_prefix_of_a_reference() -> None:
    assert correct_reference("1NV-2026-0422").value == "INV-2026-0422"


@pytest.mark.parametrize("ref", ["OOLU5613113171", "INV-2026-0042", "2026441833", "HX265749",
                                 "SC26-123", "516620260523560261", "CCPIT26C4227A1786/00718"])
def test_reference_rule_does_not_fire_on_valid_references(ref: str) -> None:
    assert correct_reference(ref).status in ("valid", "n/a")


def test_ambiguous_reference_is_kept_as_read() -> None:
    choice = correct_reference("0NV-2026-0422")  # ONV or DNV: both letters
    assert (choice.status, choice.value) == ("ambiguous", "0NV-2026-0422")


# --- licence numbers -----------------------------------------------------------------------------

def test_licence_number_look_alikes() -> None:
    assert correct_licence("2O26AA48O824").value == "2026AA480824"
    assert correct_licence("2026A8480824").value == "2026AB480824"


def test_licence_rule_does_not_fire_on_valid_or_other_forms() -> None:
    assert correct_licence("2026AA480824").status == "valid"
    assert correct_licence("LIC-2026-004465").status == "n/a"
    ambiguous = correct_licence("2026A0480824")  # AO or AD
    assert (ambiguous.status, ambiguous.value) == ("ambiguous", "2026A0480824")


# --- HS codes ------------------------------------------------------------------------------------

def test_hs_nomenclature_is_loaded_once_from_the_resource() -> None:
    assert "284690" in known_hs() and "2846" in known_hs()
    assert hs_known("2846901920") and not hs_known("7846901920")


def test_hs_code_from_look_alikes_in_the_cell() -> None:
    assert correct_hs(None, "Z846.9O").value == "284690"
    assert correct_hs("2846", "2846").status == "valid"  # a heading alone is a known code


def test_hs_rule_does_not_fire_on_a_known_code() -> None:
    assert correct_hs("2825600001", "2825.60 0001").status == "valid"
    unknown = correct_hs("7825800010", "7825.80 0010")  # no look-alike to try: stays as read
    assert (unknown.status, unknown.value) == ("invalid", "7825800010")


def test_hs_lookup_can_be_supplied() -> None:
    assert correct_hs("123456", lookup=lambda code: code == "123456").status == "valid"


# --- dates and numbers ---------------------------------------------------------------------------

def test_date_look_alikes_and_impossible_dates() -> None:
    assert correct_date("2O26-O5-2S").value == "2026-05-25"
    assert correct_date("2026-13-45").status == "invalid"


@pytest.mark.parametrize("raw", ["2026-05-25", "25 MAY 2026", "21st May 2026", "DOS 12/03/2026"])
def test_date_rule_does_not_fire_on_valid_dates(raw: str) -> None:
    assert correct_date(raw).status == "valid"


def test_number_look_alikes_between_digits() -> None:
    assert correct_number(None, "12,S42.00 KGS").value == 12542.0


def test_number_rule_does_not_fire_on_valid_numbers_or_pairs() -> None:
    assert correct_number(12042.0, "12,042.00 KGS").status == "valid"
    assert correct_number(24000.0, "24,O84 / 24,000").status == "n/a"  # which half is not known


# --- the rules applied to a document -------------------------------------------------------------

def test_correct_document_fixes_and_leaves_fields() -> None:
    fields = {
        "document_number": FieldValue("00LU5613113171", "B/L No.: 00LU5613113171", 1, (0, 0, 9, 9), 0.9),
        "invoice_number": FieldValue("INV-2026-0042", "INV-2026-0042", 1, (0, 0, 9, 9), 0.9),
        "container_numbers": FieldValue(["CSQU3054383"], "CSQU3054383", 1, (0, 0, 9, 9), 0.9),
        "licence_number": FieldValue("2026A0480824", "2026A0480824", 1, (0, 0, 9, 9), 0.9),
    }
    items = [LineItem("Terbium oxide", hs_code="2846901920"), LineItem("Bolts", hs_code="7825800010")]
    out, checked = correct_document(DocType.BILL_OF_LADING, fields, items, [])
    assert out["document_number"].value == "OOLU5613113171"
    assert out["invoice_number"] == fields["invoice_number"]
    assert out["container_numbers"] == fields["container_numbers"]
    assert out["licence_number"].value == "2026A0480824"  # ambiguous: kept, with less confidence
    assert out["licence_number"].confidence < 0.9
    assert [i.hs_code for i in checked] == ["2846901920", "7825800010"]
