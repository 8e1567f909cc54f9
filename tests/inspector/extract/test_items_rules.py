"""Line-item rules on hand-built word boxes: goods blocks with HS notes, numbered goods lines, wrapped
rows, continuation lines, totals rows, and reconciling table items with the ones found in text."""

from __future__ import annotations

from inspector.extract.items import hs_after_label, listed_items, noted_items, read_items, reconcile
from inspector.extract.layout import PageLayout, page_layout
from inspector.extract.tables import read_table
from inspector.models import DocType, LineItem, OcrPage, Word

CHAR = 18  # pixels per character of the hand-built words


def page(*lines: tuple[int, list[tuple[int, str]]]) -> PageLayout:
    """A page from lines of (y, [(x, phrase), ...]); a phrase's words sit one space apart."""
    words = []
    for y, phrases in lines:
        for x, phrase in phrases:
            for token in phrase.split():
                words.append(Word(token, 95.0, (x, y, CHAR * len(token), 30)))
                x += CHAR * (len(token) + 1)
    return page_layout(OcrPage(1, 2480, 3508, tuple(words)))


def test_hs_after_label_reads_dotted_and_plain_codes_and_skips_a_bare_label() -> None:
    assert hs_after_label("HS CODE: 2846.90")[0] == "284690"
    assert hs_after_label("H.S. CODE 2846.9019")[0] == "28469019"
    assert hs_after_label("商品编码：2846901920")[0] == "2846901920"
    assert hs_after_label("description of goods (incl. HS code)") is None
    assert hs_after_label("HS Code") is None
    assert hs_after_label("THIS 2846.90 HAS NO LABEL") is None


def test_goods_block_gives_one_item_per_hs_note_with_the_description_above_it() -> None:
    layout = page(
        (100, [(150, "Description of Goods (said to contain, shipper's load, stow, count and seal)")]),
        (160, [(180, "69 CARTONS MEN'S COTTON KNITTED T-SHIRTS")]),
        (205, [(180, "HS CODE 6109.10")]),
        (260, [(180, "38 CARTONS STEEL HEX BOLTS")]),
        (305, [(180, "HS CODE: 731815")]),
        (400, [(150, "Delivery will be made to the Consignee named above.")]),
    )
    items = noted_items(layout)
    assert [i.hs_code for i in items] == ["610910", "731815"]
    assert items[0].description == "69 CARTONS MEN'S COTTON KNITTED T-SHIRTS"
    assert items[1].description == "38 CARTONS STEEL HEX BOLTS"
    assert all(i.gross_weight_kg is None and i.net_weight_kg is None for i in items)


def test_goods_cell_with_wrapped_description_takes_the_weight_of_its_row() -> None:
    layout = page(
        (100, [(170, "5. Item"), (540, "7. Number and type of packages,"), (1600, "9. Gross weight")]),
        (135, [(540, "description of goods (incl. HS code)"), (1600, "or other quantity")]),
        (200, [(210, "1"), (540, "SIXTY-NINE (69) CARTONS OF MEN'S"), (1600, "1,324.80 KGS G.W."),
               (2000, "2026285362")]),
        (240, [(540, "COTTON KNITTED T-SHIRTS"), (2000, "2026-04-05")]),
        (280, [(540, "HS CODE: 6109.10")]),
        (330, [(210, "2"), (540, "THIRTY-EIGHT (38) CARTONS OF BOLTS"), (1600, "972.80 KGS G.W.")]),
        (370, [(540, "HS CODE: 7318.15")]),
    )
    items = noted_items(layout)
    assert [(i.hs_code, i.gross_weight_kg) for i in items] == [("610910", 1324.8), ("731815", 972.8)]
    assert items[0].description == "SIXTY-NINE (69) CARTONS OF MEN'S COTTON KNITTED T-SHIRTS"


def test_numbered_goods_lines_must_count_from_one() -> None:
    layout = page(
        (100, [(150, "项号 商品编号 商品名称 / 数量 / 总价")]),
        (160, [(150, "01 2846901920 氧化镝 DYSPROSIUM OXIDE")]),
        (205, [(570, "150 千克 USD 237,690.00 原产国 中国")]),
        (270, [(150, "02 8112921010 未锻轧镓 GALLIUM")]),
        (315, [(570, "20 千克 USD 9,000.00")]),
    )
    items = listed_items(layout)
    assert [(i.hs_code, i.quantity, i.unit, i.value) for i in items] == [
        ("2846901920", 150.0, "KG", 237690.0), ("8112921010", 20.0, "KG", 9000.0)]
    assert items[0].description == "氧化镝 DYSPROSIUM OXIDE"
    # A line that merely starts with a small number and a long figure is not an item.
    assert listed_items(page((100, [(150, "12 2026041500 REFERENCE")]))) == []
    assert listed_items(page((100, [(150, "2 Invoice 2026041500")]))) == []


def test_reconcile_fills_twins_prefers_more_hs_codes_and_keeps_a_complete_table() -> None:
    table = [LineItem("SHIPPER'S LOAD, COUNT AND SEAL BOLTS", gross_weight_kg=5000.0)]
    found = [LineItem("BOLTS", hs_code="731815")]
    assert reconcile(table, found) == [LineItem("SHIPPER'S LOAD, COUNT AND SEAL BOLTS", hs_code="731815",
                                                gross_weight_kg=5000.0)]
    three = [LineItem(f"G{i}", hs_code=f"28469{i}") for i in range(3)]
    assert reconcile(table, three) == three
    full = [LineItem("A", hs_code="284690"), LineItem("B", hs_code="610910")]
    assert reconcile(full, [LineItem("A", hs_code="999999")]) == full
    assert reconcile(table, []) == table


def test_document_without_hs_notes_keeps_its_table_items() -> None:
    layout = page(
        (100, [(150, "Description of Goods"), (900, "Quantity"), (1300, "N.W. (kg)"), (1700, "G.W. (kg)")]),
        (160, [(150, "GALLIUM INGOTS"), (900, "20 KG"), (1300, "20.00"), (1700, "22.50")]),
        (205, [(150, "TOTAL"), (1300, "20.00"), (1700, "22.50")]),
    )
    table = read_table(layout)
    assert table is not None
    items = read_items(DocType.PACKING_LIST, [layout], [table])
    assert [(i.description, i.net_weight_kg, i.gross_weight_kg) for i in items] == [("GALLIUM INGOTS", 20.0, 22.5)]
    assert table.totals["net_weight_kg"][0] == 20.0  # the totals row is kept apart, not an item


HEADER = (100, [(150, "No."), (300, "HS Code"), (600, "Description"), (1200, "Quantity"), (1600, "Total value")])


def test_a_second_line_of_figures_without_hs_code_continues_the_item() -> None:
    table = read_table(page(
        HEADER,
        (160, [(160, "1"), (300, "2825600001"), (600, "二氧化锗"), (1200, "150千克"), (1600, "1,584.60")]),
        (200, [(600, "GERMANIUM DIOXIDE GeO2 99.999%"), (1200, "150千克"), (1600, "237,690.00")]),
        (240, [(600, "合计 Total"), (1600, "237,690.00")]),
    ))
    assert table is not None and len(table.items) == 1
    assert table.items[0].hs_code == "2825600001" and table.items[0].quantity == 150.0
    assert "GERMANIUM DIOXIDE" in table.items[0].description
    assert table.totals["value"][0] == 237690.0


def test_a_row_with_its_own_hs_code_or_item_number_is_a_new_item() -> None:
    table = read_table(page(
        HEADER,
        (160, [(160, "1"), (300, "2825600001"), (600, "GERMANIUM DIOXIDE"), (1200, "150 KG"), (1600, "1,584.60")]),
        (200, [(160, "2"), (300, "8112921010"), (600, "GALLIUM"), (1200, "20 KG"), (1600, "9,000.00")]),
    ))
    assert table is not None and [i.hs_code for i in table.items] == ["2825600001", "8112921010"]


def test_rows_of_a_table_without_hs_codes_stay_separate_items() -> None:
    table = read_table(page(
        (100, [(150, "Description of Goods"), (900, "Quantity"), (1300, "N.W. (kg)"), (1700, "G.W. (kg)")]),
        (160, [(150, "GALLIUM INGOTS"), (900, "20 KG"), (1300, "20.00"), (1700, "22.50")]),
        (200, [(150, "GERMANIUM INGOTS"), (900, "30 KG"), (1300, "30.00"), (1700, "33.00")]),
    ))
    assert table is not None and [i.net_weight_kg for i in table.items] == [20.0, 30.0]


def test_wrapped_description_without_figures_joins_the_item_above() -> None:
    table = read_table(page(
        (100, [(150, "Description of Goods"), (900, "Quantity"), (1300, "N.W. (kg)"), (1700, "G.W. (kg)")]),
        (160, [(150, "DYSPROSIUM OXIDE Dy2O3"), (900, "500 KG"), (1300, "500.00"), (1700, "520.00")]),
        (200, [(150, "99.9% MIN, IN DRUMS")]),
        (240, [(150, "TERBIUM OXIDE"), (900, "10 KG"), (1300, "10.00"), (1700, "11.00")]),
    ))
    assert table is not None
    assert [i.description for i in table.items] == ["DYSPROSIUM OXIDE Dy2O3 99.9% MIN, IN DRUMS", "TERBIUM OXIDE"]
