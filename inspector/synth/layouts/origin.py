"""Certificate of origin in the CCPIT (China Council for the Promotion of International Trade) form."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, SMALL, Column, Sheet
from inspector.synth.layouts import common as c
from inspector.synth.shipment import Shipment, totals
from inspector.synth.truth import ItemTruth

_DECLARATION = ("The undersigned hereby declares that the above details and statements are correct, that all "
                "the goods were produced in China and that they comply with the Rules of Origin of the "
                "People's Republic of China.")
_CERTIFIED = "It is hereby certified that the declaration by the exporter is correct."


def ccpit(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """Numbered boxes 1-12 of the non-preferential certificate of origin."""
    _record(sheet, ship)
    y = _top(sheet, ship, rng, 200)
    y = _goods(sheet, ship, rng, y)
    _signatures(sheet, ship, rng, y)


def _record(sheet: Sheet, ship: Shipment) -> None:
    _, _, count = totals(ship.lines)
    for name, value in (("document_number", ship.co_number), ("date", ship.co_date.isoformat()),
                        ("exporter", ship.exporter.name), ("consignee", ship.consignee.name),
                        ("country_of_origin", "CN"), ("country_of_destination", ship.destination_country),
                        ("port_of_loading", ship.origin_port.name),
                        ("port_of_discharge", ship.destination_port.name),
                        ("invoice_number", ship.invoice_number), ("packages", count)):
        sheet.put(name, value)


def _top(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    half, h = c.WIDTH // 2, 300
    sheet.text(A4_300DPI[0] - MARGIN, 130, "ORIGINAL", 36, bold=True, anchor="ra")
    sheet.cell(MARGIN, y, half, h, "1. Exporter", c.party_lines(ship.exporter, upper=True), 30, SMALL)
    sheet.cell(MARGIN, y + h, half, h, "2. Consignee", c.party_lines(ship.consignee, upper=True), 30, SMALL)
    dest = fmt.country(ship.destination_country).upper()
    route = (f"FROM {ship.origin_port.name.upper()}, CHINA TO {ship.destination_port.name.upper()}, {dest} "
             "BY SEA")
    sheet.cell(MARGIN, y + 2 * h, half, 200, "3. Means of transport and route", sheet.wrap(route, half - 40, 30),
               30, SMALL)
    sheet.cell(MARGIN, y + 2 * h + 200, half, 130, "4. Country / region of destination", [dest], 30, SMALL)
    rx = MARGIN + half
    sheet.cell(rx, y, half, 2 * h, f"Certificate No. {ship.co_number}", [], 30, 30)
    for i, text in enumerate(("CERTIFICATE OF ORIGIN", "OF", "THE PEOPLE'S REPUBLIC OF CHINA")):
        sheet.text(rx + half // 2, y + 200 + i * 80, text, 44 if i != 1 else 32, bold=True, anchor="mt")
    sheet.cell(rx, y + 2 * h, half, 330, "5. For certifying authority use only", [], 30, SMALL)
    return y + 2 * h + 330


def _goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("6. Marks and\nnumbers", 280), Column("7. Number and kind of packages;\ndescription of goods", 900),
            Column("8. H.S. Code", 250, "c"), Column("9. Quantity", 330, "r"),
            Column("10. Number and date\nof invoices", 420)]
    invoice = f"{ship.invoice_number}\n{fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES)).upper()}"
    rows = []
    for i, line in enumerate(ship.lines):
        shown, digits = c.hs_display(line.spec, rng)
        desc = f"{fmt.words(line.packages)} ({line.packages}) {line.spec.package} OF {c.goods_description(line)}"
        sheet.items.append(ItemTruth(c.goods_description(line), digits, line.quantity, line.unit))
        rows.append(["N/M" if i == 0 else "", desc, shown, f"{fmt.quantity(line.quantity)} {line.unit}S",
                     invoice if i == 0 else ""])
    rows.append(["", "*" * 30, "", "", ""])
    return sheet.table(MARGIN, y, cols, rows, size=30, min_rows=4)


def _signatures(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> None:
    half, h = c.WIDTH // 2, 520
    date = fmt.date(ship.co_date, rng.choice(fmt.DATE_STYLES)).upper()
    place = ship.origin_port.name.upper()
    sheet.cell(MARGIN, y, half, h, "11. Declaration by the exporter", sheet.wrap(_DECLARATION, half - 40, 28), 28, SMALL)
    sheet.cell(MARGIN + half, y, half, h, "12. Certification", sheet.wrap(_CERTIFIED, half - 40, 28), 28, SMALL)
    for x in (MARGIN, MARGIN + half):
        sheet.hline(x + 60, x + half - 60, y + h - 80, width=2)
        sheet.text(x + 60, y + h - 70, f"{place}, CHINA   {date}", 28)
    sheet.text(MARGIN + half + 60, y + 300, "CHINA COUNCIL FOR THE PROMOTION", 28, bold=True)
    sheet.text(MARGIN + half + 60, y + 340, "OF INTERNATIONAL TRADE", 28, bold=True)
