"""The reading rules of boxed forms and bilingual labels, on hand-built word boxes: each rule, and the
case where it must not fire."""

from __future__ import annotations

import pytest

from inspector.extract.fields import _name_only, _party, _place, extract_document
from inspector.extract.keyvalue import _strip_labels
from inspector.models import BBox, DocType, OcrPage, Word

CHAR = 15  # pixels per character of the hand-built words


def _words(x: int, y: int, text: str, line: int) -> list[Word]:
    out = []
    for token in text.split():
        out.append(Word(token, 93.0, (x, y, CHAR * len(token), 30), 1, 1, line))
        x += CHAR * len(token) + 18
    return out


def _page(spots: list[tuple[int, int, str]], cells: tuple[BBox, ...] = ()) -> OcrPage:
    words = [w for i, (x, y, text) in enumerate(spots) for w in _words(x, y, text, i)]
    return OcrPage(1, 2480, 3508, tuple(words), cells)


# ---- boxed forms ------------------------------------------------------------------------------------

LEFT, RIGHT = (100, 300, 1100, 400), (1200, 300, 1100, 400)


def test_a_label_at_the_top_of_a_box_takes_the_rest_of_the_box() -> None:
    page = _page([(120, 320, "CERTIFICATE OF ORIGIN"),
                  (120, 360, "1. Goods consigned from (Exporter's business name, address, country)"),
                  (120, 420, "HONGDA RARE EARTH CO., LTD."), (120, 460, "NO. 5 XINGYE STREET"),
                  (1220, 360, "Reference No. CCPIT26C1234A5678/00001")], cells=(LEFT, RIGHT))
    fields = extract_document([page]).fields
    assert fields["exporter"].value == "HONGDA RARE EARTH CO., LTD."
    assert fields["document_number"].value == "CCPIT26C1234A5678/00001"


def test_a_label_alone_in_its_box_takes_the_box_beside_it() -> None:
    label, value = (100, 300, 500, 120), (600, 300, 1700, 120)
    page = _page([(120, 200, "EXPORT LICENCE"), (120, 320, "Consignee / 收货人"),
                  (620, 360, "Elbe Trading GmbH, Hafenweg 110, 70173 Stuttgart, Germany")], cells=(label, value))
    assert extract_document([page]).fields["consignee"].value == "Elbe Trading GmbH"


def test_a_box_does_not_lend_its_text_to_the_label_of_the_next_box() -> None:
    # The exporter's box holds a name; the box under it starts with another field's label.
    top, under = (100, 300, 1100, 200), (100, 500, 1100, 200)
    page = _page([(120, 200, "PACKING LIST"), (120, 320, "Exporter"), (120, 520, "Notify Party"),
                  (120, 560, "SAME AS CONSIGNEE")], cells=(top, under))
    assert "exporter" not in extract_document([page]).fields


def test_without_ruled_boxes_values_are_read_beside_and_below_as_before() -> None:
    page = _page([(120, 200, "COMMERCIAL INVOICE"), (120, 300, "Invoice No.:"), (600, 300, "INV-2026-0042"),
                  (120, 400, "Consignee"), (120, 440, "Rhein Metals GmbH")])
    fields = extract_document([page]).fields
    assert fields["invoice_number"].value == "INV-2026-0042" and fields["consignee"].value == "Rhein Metals GmbH"


# ---- bilingual labels with a misread Chinese half ------------------------------------------------------

@pytest.mark.parametrize(("text", "field", "label"), [
    ("ia 4 Port of destination", "port_of_discharge", "Port of destination"),
    ("812% Port of destination", "port_of_discharge", "Port of destination"),
    ("Aft Total value", "total_value", "Total value"),
    ("3275 Seller", "exporter", "Seller"),
])
def test_a_misread_chinese_half_before_a_label_is_skipped(text: str, field: str, label: str) -> None:
    assert _strip_labels(field, DocType.EXPORT_DECLARATION, text)[0].strip() == label


@pytest.mark.parametrize(("text", "field"), [
    ("Sold to / Consignee", "port_of_discharge"),  # "Sold" is a word: "to" belongs to "Sold to"
    ("Port of Destination: Rotterdam", "country_of_destination"),  # a longer label of another field
    ("55 PACKAGES", "packages"),  # a count and its unit, not a label
])
def test_words_of_another_label_or_a_value_are_not_taken_for_debris(text: str, field: str) -> None:
    assert _strip_labels(field, DocType.PACKING_LIST, text)[1] == 0


# ---- values ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Oranje Magnet Technik B.V., Industrieweg 8, 3011 AA Rotterdam", "Oranje Magnet Technik B.V."),
    ("Baotou Dingsheng Antimony Co., Ltd., No. 264 Xingye Street", "Baotou Dingsheng Antimony Co., Ltd."),
    ("Keppel Materials Trading Pte. Ltd.", "Keppel Materials Trading Pte. Ltd."),  # nothing after it
    ("Western Metals Inc.", "Western Metals Inc."),
])
def test_a_one_line_party_block_gives_the_name_without_the_address(text: str, name: str) -> None:
    assert _name_only(text) == name


def test_two_or_three_capitals_alone_are_label_debris_not_a_party() -> None:
    assert _party("WEA") is None and _party("HOB") is None
    assert _party("ABC Metals Ltd.") == "ABC Metals Ltd."


@pytest.mark.parametrize(("text", "place"), [
    ("EEFAL Rotterdam", "Rotterdam"), ("E# Shanghai", "Shanghai"), ("鹿特丹 ROTTERDAM", "Rotterdam"),
    ("NEW YORK", "New York"), ("Los Angeles", "Los Angeles"), ("PORT KLANG", "Port Klang"),
])
def test_a_place_loses_the_debris_of_its_misread_chinese_name(text: str, place: str) -> None:
    assert _place(text) == place


def test_debris_alone_is_no_place() -> None:
    assert _place("e3} 本") is None


# ---- certificates of origin and declarations ------------------------------------------------------------

def test_a_certificate_is_dated_in_its_certification_box_and_names_its_countries() -> None:
    declaration, certification = (100, 1000, 1100, 400), (1200, 1000, 1100, 400)
    page = _page([(120, 200, "CERTIFICATE OF ORIGIN"), (120, 300, "Departure date: 16-APR-2026"),
                  (120, 1020, "11. Declaration by the exporter"),
                  (120, 1060, "all the goods were produced in CHINA and that they comply with"),
                  (120, 1100, "the origin requirements for the goods exported to GERMANY."),
                  (120, 1300, "QINGDAO, CHINA 2026-04-12"),
                  (1220, 1020, "12. Certification"), (1220, 1300, "QINGDAO, CHINA 2026-04-15")],
                 cells=(declaration, certification))
    fields = extract_document([page]).fields
    assert fields["date"].value == "2026-04-15"  # not the departure date, not the exporter's date
    assert fields["country_of_origin"].value == "CN" and fields["country_of_destination"].value == "DE"


def test_a_declaration_takes_the_origin_every_priced_goods_line_names() -> None:
    lines = [(120, 200, "出口报关单 EXPORT DECLARATION"), (120, 300, "01 2825800010 ANTIMONY TRIOXIDE"),
             (120, 340, "23000 千克 USD 596,390.00 原产国 中国"), (120, 400, "02 7318151001 STEEL BOLTS"),
             (120, 440, "950 千克 USD 2,299.00 原产国 中国")]
    assert extract_document([_page(lines)]).fields["country_of_origin"].value == "CN"
    lines[-1] = (120, 440, "950 千克 USD 2,299.00 原产国 越南")  # two origins: no single one
    assert "country_of_origin" not in extract_document([_page(lines)]).fields


@pytest.mark.parametrize("text", ["装运港 From 青岛 QINGDAO", "发标号 Invoice No. 2026964252"])
def test_another_field_with_its_misread_chinese_label_is_not_a_party(text: str) -> None:
    assert _party(text) is None


def test_a_field_declared_not_applicable_is_not_unread() -> None:
    page = _page([(120, 200, "COMMERCIAL INVOICE"), (120, 300, "Export Licence No.: NOT REQUIRED"),
                  (120, 360, "Total Amount: ~#@%")])
    unread = extract_document([page]).unread
    assert "licence_number" not in unread and "total_value" in unread


def test_a_licence_without_a_readable_issue_label_is_dated_by_its_earliest_date() -> None:
    page = _page([(120, 200, "EXPORT LICENCE FOR DUAL-USE ITEMS"), (120, 300, "Licence No.: 2026AA480824"),
                  (120, 360, "Dxte of lssue: 2026-04-01"), (120, 420, "Valid until: 2027-03-31")])
    extraction = extract_document([page])
    assert extraction.type == DocType.EXPORT_LICENCE and extraction.fields["date"].value == "2026-04-01"


def test_a_licence_is_never_dated_by_the_end_of_its_validity() -> None:
    label, value = (100, 300, 900, 120), (1000, 300, 1300, 120)
    page = _page([(120, 200, "EXPORT LICENCE FOR DUAL-USE ITEMS"), (120, 320, "4. Valid until"),
                  (1020, 360, "2027-04-16"), (120, 600, "Date of issue: 2026 4 4 5 17 9")], cells=(label, value))
    assert "date" not in extract_document([page]).fields  # the issue date is unreadable; the expiry is not it
