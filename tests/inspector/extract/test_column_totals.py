"""Totals read from a table's totals row, gross and net under one label whose slash OCR read as a 1, a
torn-off scrap inside a goods table, and item HS codes mended from the other documents: each rule on
hand-built word boxes, with the case where it must not fire."""

from __future__ import annotations

from inspector.extract.consensus import corroborate_hs
from inspector.extract.fields import _slash_read_as_one, extract_document
from inspector.models import DocType, Document, LineItem, OcrPage, Word

CHAR = 15


def _words(x: int, y: int, text: str, line: int, conf: dict[str, float]) -> list[Word]:
    out = []
    for token in text.split():
        out.append(Word(token, conf.get(token, 93.0), (x, y, CHAR * len(token), 30), 1, 1, line))
        x += CHAR * len(token) + 18
    return out


def _page(rows: list[list[tuple[int, str]]], conf: dict[str, float] | None = None) -> OcrPage:
    """One visual line per row of (x, text) spots, 60 px apart; `conf` gives some words their own
    confidence (93 otherwise)."""
    words = [w for i, row in enumerate(rows) for x, text in row for w in _words(x, 200 + 60 * i, text, i, conf or {})]
    return OcrPage(1, 2480, 3508, tuple(words), ())


def _waybill(total_row: list[tuple[int, str]] | None, conf: dict[str, float] | None = None) -> OcrPage:
    rows = [[(120, "BILL OF LADING")],
            [(120, "Container No."), (900, "Packages"), (1400, "Gross Weight (KGS)")],
            [(120, "OOLU4766244"), (960, "12"), (1450, "12,042.00")],
            [(120, "CSLU1234567"), (960, "12"), (1450, "12,042.00")],
            [(120, "TGHU7654321"), (960, "12"), (1450, "12,042.00")]]
    return _page(rows + ([total_row] if total_row else []), conf)


def test_a_column_header_takes_the_figure_on_the_tables_total_row() -> None:
    fields = extract_document([_waybill([(120, "TOTAL"), (960, "36"), (1450, "36,126.00")])]).fields
    assert fields["total_gross_weight_kg"].value == 36126.0
    assert fields["packages"].value == 36


def test_a_doubtful_total_that_its_rows_add_up_to_is_as_sure_as_the_rows() -> None:
    total = [(120, "TOTAL"), (960, "36"), (1450, "36,126.00")]
    sure = extract_document([_waybill(total, {"36,126.00": 9.0})]).fields["total_gross_weight_kg"]
    assert sure.value == 36126.0 and sure.confidence > 0.9
    wrong = [(120, "TOTAL"), (960, "36"), (1450, "37,126.00")]
    doubtful = extract_document([_waybill(wrong, {"37,126.00": 9.0})]).fields["total_gross_weight_kg"]
    assert doubtful.value == 37126.0 and doubtful.confidence < 0.2


def test_without_a_total_row_the_value_under_the_header_is_read_as_before() -> None:
    fields = extract_document([_waybill(None)]).fields
    assert fields["total_gross_weight_kg"].value == 12042.0


def test_a_slash_read_as_a_one_splits_gross_from_net() -> None:
    assert _slash_read_as_one("777.61720", gross_first=True) == ("777.6", "720")
    assert _slash_read_as_one("24084 | 24000", gross_first=True) == ("24084", "24000")
    assert _slash_read_as_one("7201777.6", gross_first=False) == ("777.6", "720")
    page = _page([[(120, "EXPORT DECLARATION 出口报关单")],
                  [(120, "毛重/净重 Gross/Net (kg)"), (900, "777.61720")]])
    fields = extract_document([page]).fields
    assert fields["total_gross_weight_kg"].value == 777.6
    assert fields["total_net_weight_kg"].value == 720.0


def test_a_figure_with_ones_in_it_is_not_split_unless_exactly_one_split_is_plausible() -> None:
    assert _slash_read_as_one("20110", gross_first=True) is None  # 20 / 10: packing is not half the gross
    assert _slash_read_as_one("1200", gross_first=True) is None
    assert _slash_read_as_one("1111", gross_first=True) is None  # 1 / 11, 11 / 1: none fits


def test_a_torn_scrap_of_a_figure_does_not_end_the_goods_table() -> None:
    header = [(120, "Description of Goods"), (900, "Pkgs"), (1200, "Net Weight (kg)"), (1700, "Gross Weight (kg)")]
    rows = [[(120, "PACKING LIST")], header,
            [(120, "LED BULB LAMPS"), (920, "120"), (1250, "660.00"), (1750, "768.00")],
            [(1800, "04")],
            [(120, "PORCELAIN FLOOR TILES"), (920, "29"), (1250, "29,399.04"), (1750, "30,124.")],
            [(120, "TOTAL"), (920, "149"), (1250, "30,059.04"), (1750, "30,892.04")]]
    doc = extract_document([_page(rows)])
    assert [it.net_weight_kg for it in doc.items] == [660.0, 29399.04]
    assert doc.fields["total_net_weight_kg"].value == 30059.04


def test_a_line_of_words_after_the_items_still_ends_the_table() -> None:
    header = [(120, "Description of Goods"), (900, "Pkgs"), (1200, "Net Weight (kg)"), (1700, "Gross Weight (kg)")]
    rows = [[(120, "PACKING LIST")], header,
            [(120, "LED BULB LAMPS"), (920, "120"), (1250, "660.00"), (1750, "768.00")],
            [(120, "Shipping marks as per invoice, made in China")],
            [(120, "PORCELAIN FLOOR TILES"), (920, "29"), (1250, "29,399.04"), (1750, "30,124.00")]]
    assert [it.net_weight_kg for it in extract_document([_page(rows)]).items] == [660.0]


def _doc(index: int, doc_type: DocType, *codes: str) -> Document:
    return Document(index, f"{index}.png", doc_type, 1, None, 0.9, {},
                    tuple(LineItem(f"goods {c}", hs_code=c) for c in codes))


def test_an_unknown_hs_code_one_digit_off_another_documents_code_takes_its_digit() -> None:
    docs = (_doc(0, DocType.COMMERCIAL_INVOICE, "282580"), _doc(1, DocType.EXPORT_DECLARATION, "7825800010"))
    mended = corroborate_hs(docs)
    assert mended[1].items[0].hs_code == "2825800010"
    assert mended[0] is docs[0]


def test_an_unknown_hs_code_far_from_or_between_known_codes_stays_as_read() -> None:
    far = (_doc(0, DocType.COMMERCIAL_INVOICE, "282580"), _doc(1, DocType.EXPORT_DECLARATION, "7835800010"))
    assert corroborate_hs(far)[1].items[0].hs_code == "7835800010"
    # 280510 (not in the nomenclature) is one digit from both 280511 and 280512: nothing is chosen
    two = (_doc(0, DocType.COMMERCIAL_INVOICE, "280511", "280512"), _doc(1, DocType.EXPORT_DECLARATION, "280510"))
    assert corroborate_hs(two)[1].items[0].hs_code == "280510"
    # a known code is never changed, and a document does not mend itself from its own items
    alone = (_doc(0, DocType.EXPORT_DECLARATION, "282580", "782580"),)
    assert corroborate_hs(alone)[0].items[1].hs_code == "782580"


def test_a_stray_mark_in_a_blank_box_is_not_an_unread_value_but_garbage_is() -> None:
    blank = _page([[(120, "COMMERCIAL INVOICE")], [(120, "Licence No,"), (900, ",")], [(120, "Total Amount: ~#@%")]])
    unread = extract_document([blank]).unread
    assert "licence_number" not in unread and "total_value" in unread


def test_a_label_behind_the_garbled_chinese_half_of_another_label_is_not_a_value() -> None:
    rows = [[(120, "EXPORT DECLARATION 出口报关单")],
            [(120, "境内发货人 Domestic exporter"), (900, "出需关别 Customs of exit")],
            [(120, "Zhuzhou Xinhai Hardware Co., Ltd.")]]
    assert extract_document([_page(rows)]).fields["exporter"].value == "Zhuzhou Xinhai Hardware Co., Ltd."
    counted = [[(120, "PACKING LIST")], [(120, "Packages:"), (900, "55 PACKAGES")]]
    assert extract_document([_page(counted)]).fields["packages"].value == 55


def test_one_garbled_word_makes_a_name_a_doubtful_reading() -> None:
    rows = [[(120, "PACKING LIST")], [(120, "Exporter:"), (900, "Ganzhou Hengtai jware Co., Ltd.")]]
    sure = extract_document([_page(rows)]).fields["exporter"]
    doubtful = extract_document([_page(rows, {"jware": 9.0})]).fields["exporter"]
    assert sure.confidence > 0.9 and doubtful.confidence < 0.6


def test_the_total_row_of_another_table_further_down_is_not_this_columns_total() -> None:
    rows = [[(120, "EXPORT DECLARATION 出口报关单")],
            [(120, "Packages"), (900, "Gross weight (kg)"), (1400, "Net weight (kg)")],
            [(140, "36"), (920, "563.2"), (1420, "550")],
            [(120, "No."), (400, "HS code"), (900, "Description"), (1400, "Total value")],
            [(120, "1"), (400, "7318151001"), (900, "STEEL HEX BOLTS"), (1420, "1,463.00")],
            [(120, "TOTAL"), (1420, "1,463.00")]]
    assert extract_document([_page(rows)]).fields["total_net_weight_kg"].value == 550.0
