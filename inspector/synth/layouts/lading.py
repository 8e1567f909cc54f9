"""Ocean bill of lading: party blocks, routing boxes, the container/goods band, on-board notation."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, Column, Sheet
from inspector.synth.layouts import common as c
from inspector.synth.layouts import marks
from inspector.synth.shipment import Party, Shipment, totals
from inspector.synth.truth import ItemTruth

_RECEIVED = ("RECEIVED in external apparent good order and condition except as otherwise noted the total number "
             "of containers or other packages or units enumerated below for transportation from the place of "
             "receipt to the place of delivery subject to the terms and conditions hereof.")


def carrier(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A carrier's bill of lading form filled in for the shipment."""
    _record(sheet, ship)
    y = _parties(sheet, ship, rng, 150)
    y = _routing(sheet, ship, rng, y)
    y = _goods(sheet, ship, rng, y + 30)
    _bottom(sheet, ship, rng, y + 30)


def _record(sheet: Sheet, ship: Shipment) -> None:
    _, gross, count = totals(ship.lines)
    for name, value in (("document_number", ship.bl_number), ("date", ship.shipped_date.isoformat()),
                        ("exporter", ship.exporter.name), ("consignee", ship.bl_consignee.name),
                        ("port_of_loading", ship.origin_port.name),
                        ("port_of_discharge", ship.destination_port.name), ("vessel", ship.vessel),
                        ("container_numbers", list(ship.bl_containers)), ("packages", count),
                        ("total_gross_weight_kg", gross)):
        sheet.put(name, value)


def _parties(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    half, h = c.WIDTH // 2 + 100, 310
    notify = ["SAME AS CONSIGNEE"] if rng.random() < 0.4 else c.party_lines(ship.bl_consignee, upper=True)
    blocks = (("Shipper", ship.exporter), ("Consignee", ship.bl_consignee))
    for i, (label, party) in enumerate(blocks):
        sheet.cell(MARGIN, y + i * h, half, h, label, c.party_lines(party, upper=True), 32)
    sheet.cell(MARGIN, y + 2 * h, half, h, "Notify Party", notify, 32)
    rx, rw = MARGIN + half, c.WIDTH - half
    sheet.cell(rx, y, rw, 130, "B/L No.", [ship.bl_number], 40)
    sheet.text(rx + rw // 2, y + 190, ship.carrier, 44, bold=True, anchor="mt")
    sheet.text(rx + rw // 2, y + 280, "BILL OF LADING", 60, bold=True, anchor="mt")
    sheet.text(rx + rw // 2, y + 370, "FOR PORT TO PORT SHIPMENT OR COMBINED TRANSPORT", 24, anchor="mt")
    sheet.lines(rx + 30, y + 450, sheet.wrap(_RECEIVED, rw - 60, 22), 22)
    sheet.rect(rx, y, rw, 3 * h, width=2)
    return y + 3 * h


def _routing(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    q, h = c.WIDTH // 4, 120
    cells = [("Pre-carriage by", ""), ("Place of Receipt", f"{ship.origin_port.name.upper()} CY"),
             ("Ocean Vessel / Voy. No.", f"{ship.vessel} {ship.voyage}"),
             ("Port of Loading", c.port_text(ship.origin_port, rng).upper()),
             ("Port of Discharge", c.port_text(ship.destination_port, rng).upper()),
             ("Place of Delivery", f"{ship.destination_port.name.upper()} CY"),
             ("Freight payable at", "ORIGIN" if ship.incoterm != "FOB" else "DESTINATION"),
             ("Number of original B(s)/L", "THREE (3)")]
    for i, (label, value) in enumerate(cells):
        sheet.cell(MARGIN + (i % 4) * q, y + (i // 4) * h, q, h, label, [value] if value else [], 30)
    return y + 2 * h


def _goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    _, gross, count = totals(ship.lines)
    pkg_text, _ = c.packages_text(ship.lines)
    cols = [Column("Container No. / Seal No.\nMarks & Nos.", 560), Column("No. of Containers\nor Packages", 330),
            Column("Kind of Packages; Description of Goods", 760), Column("Gross Weight\n(kg)", 280, "r"),
            Column("Measurement\n(m3)", 250, "r")]
    marks = "\n".join([f"{n} / {s}" for n, s in zip(ship.bl_containers, ship.seals, strict=False)] + ["", "N/M"])
    size = rng.choice(("20'GP", "40'GP", "40'HC"))
    boxes = f"{len(ship.bl_containers)} X {size}\n\n{pkg_text}"
    desc = ["SHIPPER'S LOAD, COUNT AND SEAL", "SAID TO CONTAIN:"]
    for line in ship.lines:
        shown, digits = c.hs_display(line.spec, rng)
        desc += [c.goods_description(line), f"HS CODE: {shown}"]
        sheet.items.append(ItemTruth(c.goods_description(line), digits))
    desc += ["", f"FREIGHT {'PREPAID' if ship.incoterm != 'FOB' else 'COLLECT'}"]
    cbm = count * rng.uniform(0.08, 0.2)
    row = [marks, boxes, "\n".join(desc), fmt.weight(gross, rng.choice(("kgs", "kgs", "plain"))), f"{cbm:.3f}"]
    y = sheet.table(MARGIN, y, cols, [row], size=30)
    words = f"TOTAL NUMBER OF PACKAGES (IN WORDS): SAY {fmt.words(count)} ({count}) {pkg_text.split(' ', 1)[1]} ONLY"
    return sheet.lines(MARGIN, y + 25, sheet.wrap(words, c.WIDTH, 30), 30)


def _bottom(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> None:
    half = c.WIDTH // 2
    on_board = fmt.date(ship.shipped_date, rng.choice(fmt.DATE_STYLES))
    sheet.cell(MARGIN, y, half, 330, "LADEN ON BOARD THE VESSEL",
               [f"Shipped on board date: {on_board}", f"Vessel: {ship.vessel}", f"Port: {ship.origin_port.name.upper()}"], 32)
    issue = f"{ship.origin_port.name.upper()}  {on_board}"
    sheet.cell(MARGIN + half, y, half, 330, "Place and Date of Issue", [issue, "", f"FOR {ship.carrier}"], 32)
    x = A4_300DPI[0] - MARGIN - 600
    sheet.hline(x, x + 520, y + 290, width=2)
    sheet.text(x + 150, y + 295, "AS CARRIER", 24)


def master(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A master bill of lading in two columns of boxes (parties left, references right), agent's stamp."""
    sealed = c.start(sheet, rng, ("sans", "condensed"), colour=0.5)
    _record(sheet, ship)
    sheet.put("invoice_number", ship.invoice_number)  # printed as "INV NO." under EXPORT REFERENCES
    y = 330
    marks.logo(sheet, MARGIN, 120, 150, Party(ship.carrier, (), ""), rng)
    sheet.text(MARGIN + 190, 140, ship.carrier, 48, bold=True)
    sheet.text(A4_300DPI[0] - MARGIN, 140, "BILL OF LADING", 56, bold=True, anchor="ra")
    sheet.text(A4_300DPI[0] - MARGIN, 225, "FOR COMBINED TRANSPORT OR PORT TO PORT SHIPMENT", 24, anchor="ra")
    left = [("SHIPPER / EXPORTER", c.party_lines(ship.exporter, upper=True)),
            ("CONSIGNEE (NOT NEGOTIABLE UNLESS CONSIGNED TO ORDER)", c.party_lines(ship.bl_consignee, upper=True)),
            ("NOTIFY PARTY", ["SAME AS CONSIGNEE"])]
    right = [("BOOKING NO. / BILL OF LADING NO.", [f"{rng.randint(10**8, 10**9 - 1)}  /  {ship.bl_number}"]),
             ("EXPORT REFERENCES", [f"INV NO. {ship.invoice_number}", f"S/C NO. {ship.contract_number}"]),
             ("FORWARDING AGENT - REFERENCES", [rng.choice(("SINOTRANS LTD.", "JIUFANG LOGISTICS CO., LTD.",
                                                            "KERRY LOGISTICS (CHINA)"))])]
    for i, ((ll, lv), (rl, rv)) in enumerate(zip(left, right, strict=False)):
        h = 300 if i < 2 else 250
        c.boxes(sheet, y, h, [(0.5, ll, lv), (0.5, rl, rv)], 30)
        y += h
    on_board = fmt.date(ship.shipped_date, rng.choice(fmt.DATE_STYLES))
    y = c.boxes(sheet, y, 120, [(0.25, "PRE-CARRIAGE BY", ["TRUCK"]),
                                (0.25, "PLACE OF RECEIPT", [f"{ship.origin_port.name.upper()} CY"]),
                                (0.5, "ORIGINAL  -  MASTER BILL OF LADING", [f"SHIPPED ON BOARD {on_board}"])], 30)
    y = c.boxes(sheet, y, 120, [(0.25, "VESSEL", [ship.vessel]), (0.25, "VOYAGE NO.", [ship.voyage]),
                                (0.25, "PORT OF LOADING", [c.port_text(ship.origin_port, rng).upper()]),
                                (0.25, "PORT OF DISCHARGE", [c.port_text(ship.destination_port, rng).upper()])], 30)
    y = _goods(sheet, ship, rng, y + 30)
    _master_bottom(sheet, ship, rng, y + 30, on_board, sealed)


def _master_bottom(sheet: Sheet, ship: Shipment, rng: random.Random, y: int, on_board: str, sealed: bool) -> None:
    half = c.WIDTH // 2
    freight = "PREPAID" if ship.incoterm != "FOB" else "COLLECT"
    cols = [Column("FREIGHT & CHARGES", 520), Column("PREPAID", 280, "c"), Column("COLLECT", 290, "c")]
    sheet.table(MARGIN, y, cols, [["OCEAN FREIGHT", "X" if freight == "PREPAID" else "", "X" if freight ==
                                   "COLLECT" else ""], ["THC / DOC FEE", "X", ""]], size=28)
    sheet.cell(MARGIN + half, y, half, 360, "PLACE AND DATE OF ISSUE",
               [f"{ship.origin_port.name.upper()}, {on_board}", f"SIGNED FOR {ship.carrier}", "AS CARRIER"], 30)
    marks.signature(sheet, MARGIN + half + 200, y + 280, rng, 360)
    if sealed:
        agent = Party(f"{ship.carrier} {ship.origin_port.name.upper()} AGENCY", (), "")
        marks.seal(sheet, MARGIN + half + 800, y + 190, agent, rng, centre="AS AGENT", radius=160)
    sheet.text(MARGIN, y + 400, "NUMBER OF ORIGINAL B(S)/L: THREE (3)", 28, bold=True)


def waybill(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A non-negotiable sea waybill: parties, routing line, one row per container, no originals."""
    c.start(sheet, rng, ("sans", "serif", "condensed"), colour=0.0)
    _record(sheet, ship)
    sheet.text(MARGIN, 130, ship.carrier, 48, bold=True)
    sheet.text(A4_300DPI[0] - MARGIN, 130, "SEA WAYBILL", 60, bold=True, anchor="ra")
    sheet.text(A4_300DPI[0] - MARGIN, 215, "NON-NEGOTIABLE  -  NO ORIGINALS ISSUED", 28, anchor="ra")
    sheet.hline(MARGIN, MARGIN + c.WIDTH, 270, width=5)
    y = c.boxes(sheet, 300, 130, [(0.5, "Waybill No.", [ship.bl_number]),
                                  (0.5, "Shipper's Reference", [ship.invoice_number])], 34)
    y = c.boxes(sheet, y, 290, [(0.5, "Shipper", c.party_lines(ship.exporter)),
                                (0.5, "Consignee", c.party_lines(ship.bl_consignee))], 30)
    on_board = fmt.date(ship.shipped_date, rng.choice(fmt.DATE_STYLES))
    y = c.boxes(sheet, y, 120, [(0.3, "Vessel / Voyage", [c.vessel_text(ship, rng)]),
                                (0.25, "Port of Loading", [c.port_text(ship.origin_port, rng)]),
                                (0.25, "Port of Discharge", [c.port_text(ship.destination_port, rng)]),
                                (0.2, "Shipped on Board", [on_board])], 30)
    y = _container_table(sheet, ship, rng, y + 40)
    y = _waybill_goods(sheet, ship, rng, y + 30)
    sheet.lines(MARGIN, y + 30, sheet.wrap("Delivery will be made to the Consignee named above, or to its authorised "
                                           "agent, on production of proof of identity, without surrender of this "
                                           "waybill.", c.WIDTH, 26), 26)
    sheet.text(A4_300DPI[0] - MARGIN, y + 200, f"Issued at {ship.origin_port.name} on {on_board}", 30, anchor="ra")
    marks.signature(sheet, A4_300DPI[0] - MARGIN - 500, y + 320, rng, 380)
    sheet.text(A4_300DPI[0] - MARGIN, y + 420, f"for {ship.carrier}, as Carrier", 28, anchor="ra")


def _container_table(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    _, gross, count = totals(ship.lines)
    n = len(ship.bl_containers)
    shares = [round(gross / n, 2)] * (n - 1)
    shares.append(round(gross - sum(shares), 2))
    pkgs = [count // n] * (n - 1) + [count - (count // n) * (n - 1)]
    kind = rng.choice(("20'GP", "40'GP", "40'HC"))
    cols = [Column("Container No.", 480), Column("Seal No.", 400), Column("Size/Type", 300, "c"),
            Column("Packages", 400, "r"), Column("Gross Weight (KGS)", 600, "r")]
    rows = [[cn, seal, kind, str(p), fmt.number(g)] for cn, seal, p, g in zip(ship.bl_containers, ship.seals, pkgs,
                                                                             shares, strict=False)]
    return sheet.table(MARGIN, y, cols, rows, ["", "", "TOTAL", str(count), fmt.number(gross)], size=30)


def _waybill_goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    sheet.text(MARGIN, y, "Description of Goods (said to contain, shipper's load, stow, count and seal)", 28, bold=True)
    y += 50
    for line in ship.lines:
        shown, digits = c.hs_display(line.spec, rng)
        sheet.items.append(ItemTruth(c.goods_description(line), digits))
        sheet.text(MARGIN + 30, y, f"{line.packages} {line.spec.package} {c.goods_description(line)}", 30)
        sheet.text(MARGIN + 30, y + 45, f"HS CODE {shown}", 30)
        y += 100
    return y
