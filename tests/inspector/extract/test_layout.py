"""Visual lines and segments from word boxes."""

from __future__ import annotations

from inspector.extract.layout import page_layout
from inspector.extract.tables import read_table
from inspector.models import OcrPage, Word


def w(text: str, x: int, y: int, width: int = 80) -> Word:
    return Word(text, 95.0, (x, y, width, 30))


def test_ruling_lines_split_segments_and_a_line_of_rules_is_dropped() -> None:
    page = OcrPage(1, 2480, 3508, (
        w("Shipper", 100, 100), w("|", 300, 100, 5), w("B/L", 320, 100), w("No.", 410, 100),
        w("|", 100, 200, 5), w("|", 900, 200, 5),
        w("Description", 100, 300), w("HS", 500, 300), w("Code", 590, 300), w("N.W.", 900, 300),
        w("(kg)", 990, 300), w("Value", 1300, 300),
        w("|", 100, 400, 5),
        w("Gallium", 100, 500), w("8112921010", 500, 500), w("1,000.00", 900, 500), w("650,000", 1300, 500),
    ))
    layout = page_layout(page)
    assert [[s.text for s in line] for line in layout.lines][:2] == [["Shipper", "B/L No."],
                                                                      ["Description", "HS Code", "N.W. (kg)", "Value"]]
    assert all(seg.line == i for i, line in enumerate(layout.lines) for seg in line)
    table = read_table(layout)
    assert table is not None and table.items[0].hs_code == "8112921010"
    assert table.items[0].net_weight_kg == 1000.0 and table.items[0].value == 650000.0


def test_label_debris_and_clauses_are_not_party_names() -> None:
    from inspector.extract.fields import _party

    for debris in ["2: Invoice Number", "BEA From", "装运港 From", "EXPORT REFFRENCES", "4. RAR End use",
                   "3. FORCE MAJEURE. Neither party shall be"]:
        assert _party(debris) is None, debris
    for name in ["Summit Resources Inc.", "Van der Berg Metals B.V.", "Lion City Materials Trading Pte. Ltd."]:
        assert _party(name) == name
