"""Ocean bill of lading: party blocks, routing boxes, the container/goods band, on-board notation."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, Column, Sheet
from inspector.synth.layouts import common as c
from inspector.synth.shipment import Shipment, totals
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
