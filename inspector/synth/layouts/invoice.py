"""Commercial invoice layouts: label-value blocks, and a boxed header with a ruled item table."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import MARGIN, Column, Sheet
from inspector.synth.labels import pick
from inspector.synth.layouts import common as c
from inspector.synth.layouts import marks
from inspector.synth.shipment import Shipment, totals
from inspector.synth.truth import ItemTruth


def _record_header(sheet: Sheet, ship: Shipment) -> None:
    sheet.put("document_number", ship.invoice_number)
    sheet.put("invoice_number", ship.invoice_number)
    sheet.put("date", ship.invoice_date.isoformat())
    sheet.put("exporter", ship.exporter.name)
    sheet.put("consignee", ship.consignee.name)
    sheet.put("currency", ship.currency)


def blocks(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """Letterhead, party blocks on the left, 'Label: value' references on the right, simple table."""
    y = c.title(sheet, c.letterhead(sheet, ship.exporter, rng), "COMMERCIAL INVOICE")
    below = rng.random() < 0.5
    _record_header(sheet, ship)
    left = _party_column(sheet, ship, rng, y)
    right = _reference_column(sheet, ship, rng, y, below)
    y = _shipping_lines(sheet, ship, rng, max(left, right) + 40)
    y = _simple_table(sheet, ship, rng, y + 30)
    y = _totals(sheet, ship, rng, y + 50)
    c.signature(sheet, y + 80, ship.exporter)


def _party_column(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    y = sheet.label_value(MARGIN, y, pick(rng, "exporter"), c.party_lines(ship.exporter), below=True, width=1150)
    y = sheet.label_value(MARGIN, y + 30, pick(rng, "consignee"), c.party_lines(ship.consignee), below=True, width=1150)
    if ship.controlled:
        sheet.put("end_user", ship.end_user.name)
        y = sheet.label_value(MARGIN, y + 30, pick(rng, "end_user"), c.party_lines(ship.end_user), below=True, width=1150)
    return y


def _reference_column(sheet: Sheet, ship: Shipment, rng: random.Random, y: int, below: bool) -> int:
    x = 1400
    rows = [(pick(rng, "invoice_number"), ship.invoice_number),
            (pick(rng, "date"), fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES))),
            (pick(rng, "contract_number"), ship.contract_number)]
    if ship.licence_number:
        sheet.put("licence_number", ship.licence_number)
        rows.append((pick(rng, "licence_number"), ship.licence_number))
    rows += [(pick(rng, "terms"), f"{ship.incoterm} {_incoterm_place(ship)}"),
             (pick(rng, "payment"), sheet.wrap(ship.payment_terms, 900, 32))]
    for label, value in rows:
        y = sheet.label_value(x, y, label, value, below=below, size=32) + (25 if below else 12)
    return y


def _incoterm_place(ship: Shipment) -> str:
    port = ship.origin_port if ship.incoterm == "FOB" else ship.destination_port
    return port.name.upper()


def _shipping_lines(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    sheet.hline(MARGIN, MARGIN + c.WIDTH, y, width=2)
    for name in ("port_of_loading", "port_of_discharge"):
        sheet.put(name, getattr(ship, "origin_port" if name == "port_of_loading" else "destination_port").name)
    sheet.put("vessel", ship.vessel)
    sheet.put("country_of_origin", "CN")
    sheet.put("country_of_destination", ship.destination_country)
    pairs = [(pick(rng, "port_of_loading"), c.port_text(ship.origin_port, rng)),
             (pick(rng, "port_of_discharge"), c.port_text(ship.destination_port, rng)),
             (pick(rng, "vessel"), c.vessel_text(ship, rng)),
             (pick(rng, "country_of_origin"), rng.choice(("China", "CHINA", "P.R. China"))),
             (pick(rng, "country_of_destination"), fmt.country(ship.destination_country))]
    y += 30
    for i, (label, value) in enumerate(pairs):
        sheet.label_value(MARGIN + (i % 2) * 1120, y, label, value, size=32)
        y += 55 if i % 2 else 0
    return y + 55


def _simple_table(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("Description of Goods", 900), Column("HS Code", 300, "c"), Column("Quantity", 320, "r"),
            Column(f"Unit Price\n({ship.currency})", 320, "r"), Column(f"Amount\n({ship.currency})", 340, "r")]
    rows = []
    for line in ship.lines:
        shown, digits = c.hs_display(line.spec, rng)
        rows.append([c.goods_description(line), shown, f"{fmt.quantity(line.quantity)} {line.unit}",
                     fmt.number(line.unit_price), fmt.number(line.value)])
        sheet.items.append(ItemTruth(c.goods_description(line), digits, line.quantity, line.unit,
                                     value=line.value))
    return sheet.table(MARGIN, y, cols, rows, min_rows=2)


def _totals(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    net, gross, _ = totals(ship.lines)
    pkg_text, count = c.packages_text(ship.lines)
    sheet.put("total_value", ship.total_value)
    sheet.put("total_net_weight_kg", net)
    sheet.put("total_gross_weight_kg", gross)
    sheet.put("packages", count)
    style = fmt.pick_weight_style(rng, net) if fmt.pick_weight_style(rng, gross) == "mt" else "kgs"
    rows = [(pick(rng, "total_value"), fmt.money(ship.total_value, ship.currency)),
            (pick(rng, "total_net"), fmt.weight(net, style)),
            (pick(rng, "total_gross"), fmt.weight(gross, style)),
            (pick(rng, "packages"), pkg_text)]
    for label, value in rows:
        sheet.label_value(1200, y, label, value, label_w=520)
        y += 55
    words = f"SAY {_currency_words(ship.currency)} {fmt.words(int(ship.total_value))} ONLY"
    return sheet.lines(MARGIN, y + 30, sheet.wrap(words, c.WIDTH, 30), 30)


def _currency_words(currency: str) -> str:
    return {"USD": "US DOLLARS", "EUR": "EUROS"}.get(currency, currency)


def table(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A boxed header grid and a ruled line-item table with weights and a TOTAL row."""
    y = c.letterhead(sheet, ship.exporter, rng) if rng.random() < 0.6 else 200
    y = c.title(sheet, y, rng.choice(("COMMERCIAL INVOICE", "INVOICE")))
    _record_header(sheet, ship)
    y = _header_grid(sheet, ship, rng, y)
    y = _item_table(sheet, ship, rng, y + 40)
    pkg_text, count = c.packages_text(ship.lines)
    sheet.put("packages", count)
    sheet.put("country_of_origin", "CN")
    y = sheet.label_value(MARGIN, y + 40, pick(rng, "packages"), pkg_text)
    y = sheet.label_value(MARGIN, y + 10, pick(rng, "country_of_origin"), "CHINA")
    words = f"TOTAL: SAY {_currency_words(ship.currency)} {fmt.words(int(ship.total_value))} ONLY"
    y = sheet.lines(MARGIN, y + 30, sheet.wrap(words, c.WIDTH, 30), 30)
    c.signature(sheet, y + 80, ship.exporter)


def _header_grid(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    half, h1, h2 = c.WIDTH // 2, 300, 110
    sheet.cell(MARGIN, y, half, h1, pick(rng, "exporter"), c.party_lines(ship.exporter), 32)
    refs = [(pick(rng, "invoice_number"), ship.invoice_number),
            (pick(rng, "date"), fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES))),
            (pick(rng, "contract_number"), ship.contract_number)]
    if ship.licence_number:
        sheet.put("licence_number", ship.licence_number)
        refs.append((pick(rng, "licence_number"), ship.licence_number))
    else:
        refs.append((pick(rng, "payment"), ship.payment_terms.split(",")[0]))
    for i, (label, value) in enumerate(refs):
        sheet.cell(MARGIN + half + (i % 2) * half // 2, y + (i // 2) * (h1 // 2), half // 2, h1 // 2,
                   label, [value], 32)
    y += h1
    sheet.cell(MARGIN, y, half, h1, pick(rng, "consignee"), c.party_lines(ship.consignee), 32)
    sheet.cell(MARGIN + half, y, half, h1, pick(rng, "terms"),
               [f"{ship.incoterm} {_incoterm_place(ship)}", *sheet.wrap(ship.payment_terms, half - 40, 30)], 30)
    y += h1
    return _route_cells(sheet, ship, rng, y, half, h2)


def _route_cells(sheet: Sheet, ship: Shipment, rng: random.Random, y: int, half: int, h: int) -> int:
    sheet.put("port_of_loading", ship.origin_port.name)
    sheet.put("port_of_discharge", ship.destination_port.name)
    sheet.put("vessel", ship.vessel)
    sheet.put("country_of_destination", ship.destination_country)
    cells = [(pick(rng, "port_of_loading"), c.port_text(ship.origin_port, rng)),
             (pick(rng, "port_of_discharge"), c.port_text(ship.destination_port, rng)),
             (pick(rng, "vessel"), c.vessel_text(ship, rng)),
             (pick(rng, "country_of_destination"), fmt.country(ship.destination_country).upper())]
    for i, (label, value) in enumerate(cells):
        sheet.cell(MARGIN + i * half // 2, y, half // 2, h, label, [value], 30)
    return y + h


def _item_table(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("No.", 90, "c"), Column("Description of goods", 640), Column("HS Code", 250, "c"),
            Column("Qty", 200, "r"), Column("Unit", 110, "c"), Column("N.W.\n(kg)", 250, "r"),
            Column("G.W.\n(kg)", 250, "r"), Column(f"Amount\n({ship.currency})", 390, "r")]
    rows = []
    for i, line in enumerate(ship.lines, 1):
        shown, digits = c.hs_display(line.spec, rng)
        rows.append([str(i), c.goods_description(line), shown, fmt.quantity(line.quantity), line.unit,
                     fmt.number(line.net_kg), fmt.number(line.gross_kg), fmt.number(line.value)])
        sheet.items.append(ItemTruth(c.goods_description(line), digits, line.quantity, line.unit,
                                     line.net_kg, line.gross_kg, line.value))
    net, gross, _ = totals(ship.lines)
    sheet.put("total_net_weight_kg", net)
    sheet.put("total_gross_weight_kg", gross)
    sheet.put("total_value", ship.total_value)
    total = ["", "TOTAL", "", "", "", fmt.number(net), fmt.number(gross), fmt.number(ship.total_value)]
    return sheet.table(MARGIN, y, cols, rows, total, min_rows=3)


def grid(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A boxed grid form with numbered boxes, a weights-and-value table, signature and company seal."""
    sealed = c.start(sheet, rng, ("sans", "condensed", "serif"))
    y = c.letterhead_logo(sheet, ship.exporter, rng)
    y = c.title(sheet, y + 10, rng.choice(("COMMERCIAL INVOICE", "INVOICE")), 60)
    _record_header(sheet, ship)
    y = _numbered_boxes(sheet, ship, rng, y)
    y = _grid_items(sheet, ship, rng, y + 30)
    words = f"SAY TOTAL {_currency_words(ship.currency)} {fmt.words(int(ship.total_value))} ONLY."
    y = sheet.lines(MARGIN, y + 25, sheet.wrap(words, c.WIDTH, 30), 30)
    c.sign_and_seal(sheet, c.WIDTH + MARGIN - 820, y + 70, ship.exporter, rng, sealed)


def _numbered_boxes(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    date = fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES))
    y = c.boxes(sheet, y, 300, [(0.5, "1. Seller / Exporter", c.party_lines(ship.exporter)),
                                (0.25, f"2. {pick(rng, 'invoice_number')}", [ship.invoice_number]),
                                (0.25, f"3. {pick(rng, 'date')}", [date])], 30)
    buyer = ("5. End User", c.party_lines(ship.end_user)) if ship.controlled else (
        "5. Notify Party", ["SAME AS CONSIGNEE"])
    if ship.controlled:
        sheet.put("end_user", ship.end_user.name)
    y = c.boxes(sheet, y, 300, [(0.5, "4. Consignee / Buyer", c.party_lines(ship.consignee)), (0.5, *buyer)], 30)
    sheet.put("port_of_loading", ship.origin_port.name)
    sheet.put("port_of_discharge", ship.destination_port.name)
    sheet.put("vessel", ship.vessel)
    y = c.boxes(sheet, y, 130, [(0.25, "6. Port of Loading", [c.port_text(ship.origin_port, rng)]),
                                (0.25, "7. Port of Discharge", [c.port_text(ship.destination_port, rng)]),
                                (0.3, "8. Vessel / Voyage", [c.vessel_text(ship, rng)]),
                                (0.2, "9. Sailing on or about", [fmt.date(ship.shipped_date, "upper")])], 30)
    sheet.put("country_of_origin", "CN")
    sheet.put("country_of_destination", ship.destination_country)
    licence = [ship.licence_number] if ship.licence_number else ["NOT REQUIRED"]
    if ship.licence_number:
        sheet.put("licence_number", ship.licence_number)
    return c.boxes(sheet, y, 130, [(0.18, "10. Country of Origin", ["CHINA"]),
                                   (0.22, "11. Final Destination", [fmt.country(ship.destination_country).upper()]),
                                   (0.2, "12. Terms of Delivery", [f"{ship.incoterm} {_incoterm_place(ship)}"]),
                                   (0.2, "13. Contract No.", [ship.contract_number]),
                                   (0.2, "14. Export Licence No.", licence)], 30)


def _grid_items(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("Marks & Nos.", 250), Column("Description of Goods", 550), Column("HS Code", 240, "c"),
            Column("Quantity", 250, "r"), Column(f"Unit Price\n{ship.currency}", 230, "r"),
            Column("N.W.\nKGS", 200, "r"), Column("G.W.\nKGS", 200, "r"), Column(f"Amount\n{ship.currency}", 170 + 90, "r")]
    rows = []
    for i, line in enumerate(ship.lines):
        shown, digits = c.hs_display(line.spec, rng)
        pkgs = f"{line.packages} {line.spec.package}"
        rows.append(["N/M" if i == 0 else "", f"{c.goods_description(line)}\n{pkgs}", shown,
                     f"{fmt.quantity(line.quantity)} {line.unit}", fmt.number(line.unit_price),
                     fmt.number(line.net_kg), fmt.number(line.gross_kg), fmt.number(line.value)])
        sheet.items.append(ItemTruth(c.goods_description(line), digits, line.quantity, line.unit,
                                     line.net_kg, line.gross_kg, line.value))
    net, gross, count = totals(ship.lines)
    pkg_text, _ = c.packages_text(ship.lines)
    for name, value in (("total_net_weight_kg", net), ("total_gross_weight_kg", gross),
                        ("total_value", ship.total_value), ("packages", count)):
        sheet.put(name, value)
    total = ["", f"TOTAL: {pkg_text}", "", "", "", fmt.number(net), fmt.number(gross), fmt.number(ship.total_value)]
    return sheet.table(MARGIN, y, cols, rows, total, size=30, min_rows=2)


def bilingual(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A Chinese/English invoice (商业发票 / COMMERCIAL INVOICE) with bilingual labels and a red seal."""
    sealed = c.start(sheet, rng, ("sans", "serif"), colour=0.9)
    cn_name = marks.chinese_name(ship.exporter)
    y = c.letterhead_logo(sheet, ship.exporter, rng, cn_name)
    cx = c.A4_300DPI[0] // 2
    sheet.text(cx, y + 10, "商 业 发 票", 64, bold=True, anchor="mt")
    sheet.text(cx, y + 105, "COMMERCIAL INVOICE", 44, bold=True, anchor="mt")
    _record_header(sheet, ship)
    y = _bilingual_refs(sheet, ship, rng, y + 200)
    y = _bilingual_items(sheet, ship, rng, y + 30)
    y = _bilingual_totals(sheet, ship, rng, y + 40)
    c.sign_and_seal(sheet, c.WIDTH + MARGIN - 820, y + 40, ship.exporter, rng, sealed,
                    centre=rng.choice(("", "合同专用章", "业务专用章")))


def _bilingual_refs(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    left = sheet.label_value(MARGIN, y, "卖方 Seller", c.party_lines(ship.exporter), below=True, width=1100, size=32)
    left = sheet.label_value(MARGIN, left + 20, "买方 Buyer", c.party_lines(ship.consignee), below=True, width=1100,
                             size=32)
    if ship.controlled:
        sheet.put("end_user", ship.end_user.name)
        left = sheet.label_value(MARGIN, left + 20, "最终用户 End User", c.party_lines(ship.end_user), below=True,
                                 width=1100, size=32)
    date = fmt.date(ship.invoice_date, rng.choice(("cn", "iso", "slash", "upper")))
    refs = [("发票号 Invoice No.", ship.invoice_number), ("日期 Date", date),
            ("合同号 Contract No.", ship.contract_number)]
    if ship.licence_number:
        sheet.put("licence_number", ship.licence_number)
        refs.append(("出口许可证号 Licence No.", ship.licence_number))
    sheet.put("port_of_loading", ship.origin_port.name)
    sheet.put("port_of_discharge", ship.destination_port.name)
    sheet.put("vessel", ship.vessel)
    sheet.put("country_of_origin", "CN")
    sheet.put("country_of_destination", ship.destination_country)
    dest_en, dest_cn = fmt.COUNTRIES[ship.destination_country]
    refs += [("装运港 From", f"{ship.origin_port.cn_name} {ship.origin_port.name.upper()}"),
             ("目的港 To", f"{ship.destination_port.cn_name} {ship.destination_port.name.upper()}"),
             ("船名 Vessel", c.vessel_text(ship, rng)), ("原产国 Origin", "中国 CHINA"),
             ("目的国 Destination", f"{dest_cn} {dest_en.upper()}"),
             ("价格条款 Price Terms", f"{ship.incoterm} {_incoterm_place(ship)}")]
    right = y
    for label, value in refs:
        sheet.text(1330, right, label, 28, bold=True)
        sheet.text(1720, right, value, 30)
        right += 56
    return max(left, right) + 10


def _bilingual_items(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("唛头\nMarks", 200), Column("货物名称及规格\nDescription", 760), Column("商品编码\nHS Code", 260, "c"),
            Column("数量\nQuantity", 300, "r"), Column(f"单价\nUnit Price ({ship.currency})", 330, "r"),
            Column(f"金额\nAmount ({ship.currency})", 330, "r")]
    rows = []
    for line in ship.lines:
        shown, digits = c.hs_display(line.spec, rng)
        desc = f"{line.spec.cn_name} {c.goods_description(line)}"
        rows.append(["N/M", desc, shown, f"{fmt.quantity(line.quantity)} {line.unit}", fmt.number(line.unit_price),
                     fmt.number(line.value)])
        sheet.items.append(ItemTruth(desc, digits, line.quantity, line.unit, value=line.value))
    sheet.put("total_value", ship.total_value)
    total = ["", "合计 TOTAL", "", "", "", fmt.money(ship.total_value, ship.currency)]
    return sheet.table(MARGIN, y, cols, rows, total, size=30, min_rows=3)


def _bilingual_totals(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    net, gross, count = totals(ship.lines)
    pkg_text, _ = c.packages_text(ship.lines)
    sheet.put("total_net_weight_kg", net)
    sheet.put("total_gross_weight_kg", gross)
    sheet.put("packages", count)
    style = rng.choice(("kgs", "kg"))
    rows = [("总件数 Total Packages", pkg_text), ("总净重 Total N.W.", fmt.weight(net, style)),
            ("总毛重 Total G.W.", fmt.weight(gross, style)), ("付款方式 Payment", ship.payment_terms)]
    for label, value in rows:
        sheet.text(MARGIN, y, label, 28, bold=True)
        y = sheet.lines(MARGIN + 420, y, sheet.wrap(value, c.WIDTH - 420, 30), 30) + 12
    words = f"大写金额 SAY {_currency_words(ship.currency)} {fmt.words(int(ship.total_value))} ONLY"
    return sheet.lines(MARGIN, y + 10, sheet.wrap(words, c.WIDTH, 30), 30)
