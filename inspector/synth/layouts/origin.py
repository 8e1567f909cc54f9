"""Certificate of origin in the CCPIT (China Council for the Promotion of International Trade) form."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, SMALL, Column, Sheet
from inspector.synth.layouts import common as c
from inspector.synth.layouts import marks
from inspector.synth.shipment import Party, Shipment, totals
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


def _form_title(country: str) -> tuple[str, str]:
    if country == "SG":
        return "ASEAN-CHINA FREE TRADE AREA", "PREFERENTIAL TARIFF CERTIFICATE OF ORIGIN (FORM E)"
    if country in ("JP", "KR"):
        return "REGIONAL COMPREHENSIVE ECONOMIC PARTNERSHIP", "CERTIFICATE OF ORIGIN (FORM RCEP)"
    return "CERTIFICATE OF ORIGIN", "(Combined declaration and certificate)"


def form_e(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A preferential certificate in the Form E style: boxes 1-13, tick boxes, seal of the issuing body."""
    sealed = c.start(sheet, rng, ("sans", "serif"), colour=0.9)
    _record(sheet, ship)
    half = c.WIDTH // 2
    y = c.boxes(sheet, 150, 300, [(0.5, "1. Goods consigned from (Exporter's business name, address, country)",
                                   c.party_lines(ship.exporter, upper=True)),
                                  (0.5, f"Reference No. {ship.co_number}", [])], 30)
    head, sub = _form_title(ship.destination_country)
    for i, text in enumerate((head, sub, "Issued in THE PEOPLE'S REPUBLIC OF CHINA")):
        sheet.text(MARGIN + half + half // 2, 260 + i * 55, text, 30 if i < 2 else 26, bold=i < 2, anchor="mt")
    dest = fmt.country(ship.destination_country).upper()
    y = c.boxes(sheet, y, 300, [(0.5, "2. Goods consigned to (Consignee's name, address, country)",
                                 c.party_lines(ship.consignee, upper=True)),
                                (0.5, "4. For official use", [])], 30)
    marks.checkbox(sheet, MARGIN + half + 40, y - 200)
    sheet.text(MARGIN + half + 100, y - 200, "Preferential treatment given", 26)
    marks.checkbox(sheet, MARGIN + half + 40, y - 140)
    sheet.text(MARGIN + half + 100, y - 140, "Preferential treatment not given", 26)
    on_board = fmt.date(ship.shipped_date, rng.choice(fmt.DATE_STYLES)).upper()
    y = c.boxes(sheet, y, 260, [(0.5, "3. Means of transport and route (as far as known)",
                                 [f"Departure date: {on_board}", f"Vessel's name: {ship.vessel}",
                                  f"Port of loading: {ship.origin_port.name.upper()}, CHINA",
                                  f"Port of discharge: {ship.destination_port.name.upper()}, {dest}"]),
                                (0.5, "", [])], 28)
    marks.tick(sheet, MARGIN + half + 40, y - 200)
    sheet.text(MARGIN + half + 100, y - 200, "Issued retrospectively", 26)
    y = _form_goods(sheet, ship, rng, y + 20)
    _form_bottom(sheet, ship, rng, y, sealed)


def _form_goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("5. Item\nnumber", 140, "c"), Column("6. Marks and\nnumbers", 230),
            Column("7. Number and type of packages,\ndescription of goods (incl. HS code)", 820),
            Column("8. Origin\ncriterion", 200, "c"), Column("9. Gross weight\nor other quantity", 340, "r"),
            Column("10. Number and date\nof invoices", 450)]
    invoice = f"{ship.invoice_number}\n{fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES)).upper()}"
    rows = []
    for i, line in enumerate(ship.lines):
        shown, digits = c.hs_display(line.spec, rng)
        desc = (f"{fmt.words(line.packages)} ({line.packages}) {line.spec.package} OF {c.goods_description(line)}"
                f"\nHS CODE: {shown}")
        sheet.items.append(ItemTruth(c.goods_description(line), digits, gross_weight_kg=line.gross_kg))
        rows.append([str(i + 1), "N/M" if i == 0 else "", desc, '"WO"', f"{fmt.number(line.gross_kg)} KGS G.W.",
                     invoice if i == 0 else ""])
    rows.append(["", "", "*" * 30, "", "", ""])
    return sheet.table(MARGIN, y, cols, rows, size=28, min_rows=3)


def _form_bottom(sheet: Sheet, ship: Shipment, rng: random.Random, y: int, sealed: bool) -> None:
    half, h = c.WIDTH // 2, 560
    dest = fmt.country(ship.destination_country).upper()
    date = fmt.date(ship.co_date, rng.choice(fmt.DATE_STYLES)).upper()
    text11 = ("The undersigned hereby declares that the above details and statements are correct; that all the "
              f"goods were produced in CHINA and that they comply with the origin requirements for the goods "
              f"exported to {dest}.")
    sheet.cell(MARGIN, y, half, h, "11. Declaration by the exporter", sheet.wrap(text11, half - 40, 26), 26, SMALL)
    sheet.cell(MARGIN + half, y, half, h, "12. Certification", sheet.wrap(_CERTIFIED, half - 40, 26), 26, SMALL)
    for x in (MARGIN, MARGIN + half):
        marks.signature(sheet, x + 200, y + h - 160, rng, 320)
        sheet.hline(x + 60, x + half - 60, y + h - 80, width=2)
        sheet.text(x + 60, y + h - 70, f"{ship.origin_port.name.upper()}, CHINA   {date}", 26)
    if sealed:
        marks.seal(sheet, MARGIN + 520, y + h - 200, ship.exporter, rng, radius=170)
        body = Party("CHINA COUNCIL FOR THE PROMOTION OF INTERNATIONAL TRADE", (), "")
        marks.seal(sheet, MARGIN + half + 620, y + h - 230, body, rng, centre="CCPIT", radius=190)
    sheet.text(MARGIN, y + h + 20, "13. [ ] Third party invoicing   [ ] Exhibition   [ ] Back-to-back CO", 26)


def chamber(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A plain chamber-of-commerce certificate: letter-style text, a goods table, signature and seal."""
    sealed = c.start(sheet, rng, ("serif",), colour=0.9)
    _record(sheet, ship)
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 150, "CHINA CHAMBER OF INTERNATIONAL COMMERCE", 44, bold=True, anchor="mt")
    sheet.text(cx, 215, "中国国际商会", 40, bold=True, anchor="mt")
    sheet.hline(MARGIN, MARGIN + c.WIDTH, 290, width=4)
    sheet.text(cx, 340, "CERTIFICATE OF ORIGIN", 68, bold=True, anchor="mt")
    sheet.text(A4_300DPI[0] - MARGIN, 460, f"No. {ship.co_number}", 32, anchor="ra")
    date = fmt.date(ship.co_date, rng.choice(fmt.DATE_STYLES))
    sheet.text(A4_300DPI[0] - MARGIN, 510, f"Date: {date}", 32, anchor="ra")
    y = sheet.label_value(MARGIN, 580, "Exporter", c.party_lines(ship.exporter), below=True, size=32)
    y = sheet.label_value(MARGIN, y + 25, "Consignee", c.party_lines(ship.consignee), below=True, size=32)
    dest = fmt.country(ship.destination_country)
    route = (f"Shipped from {ship.origin_port.name}, China to {ship.destination_port.name}, {dest} by sea "
             f"per {c.vessel_text(ship, rng)}.")
    text = ("The China Chamber of International Commerce hereby certifies, on the basis of the declaration of the "
            "exporter and the documents produced, that the goods described below originate in the People's "
            f"Republic of China. {route}")
    y = sheet.lines(MARGIN, y + 40, sheet.wrap(text, c.WIDTH, 32), 32, gap=1.4)
    y = _chamber_goods(sheet, ship, y + 40)
    sheet.text(MARGIN, y + 60, f"Place and date of issue: {ship.origin_port.name}, {date}", 30)
    marks.signature(sheet, A4_300DPI[0] - MARGIN - 650, y + 230, rng, 420)
    sheet.hline(A4_300DPI[0] - MARGIN - 750, A4_300DPI[0] - MARGIN, y + 320, width=2)
    sheet.text(A4_300DPI[0] - MARGIN - 750, y + 335, "Authorised signatory, CCOIC", 28)
    if sealed:
        body = Party("CHINA CHAMBER OF INTERNATIONAL COMMERCE", (), "")
        marks.seal(sheet, A4_300DPI[0] - MARGIN - 330, y + 230, body, rng, centre="CCOIC", radius=190)


def _chamber_goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("Marks", 260), Column("Description of Goods", 960), Column("Packages", 400, "r"),
            Column("Quantity", 560, "r")]
    rows = []
    for i, line in enumerate(ship.lines):
        sheet.items.append(ItemTruth(c.goods_description(line), None, line.quantity, line.unit))
        rows.append(["N/M" if i == 0 else "", c.goods_description(line), f"{line.packages} {line.spec.package}",
                     f"{fmt.quantity(line.quantity)} {line.unit}"])
    _, _, count = totals(ship.lines)
    rows.append(["", f"Invoice No. {ship.invoice_number}", f"TOTAL {count}", ""])
    return sheet.table(MARGIN, y, cols, rows, size=30)
