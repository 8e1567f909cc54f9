"""Packing list layouts: label-value header with a table and totals lines, or a ruled table with TOTAL."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import MARGIN, Column, Sheet
from inspector.synth.labels import pick
from inspector.synth.layouts import common as c
from inspector.synth.shipment import Shipment, totals
from inspector.synth.truth import ItemTruth


def _record_header(sheet: Sheet, ship: Shipment) -> None:
    sheet.put("document_number", ship.packing_list_number)
    sheet.put("invoice_number", ship.invoice_number)
    sheet.put("date", ship.invoice_date.isoformat())
    sheet.put("exporter", ship.exporter.name)
    sheet.put("consignee", ship.consignee.name)
    sheet.put("port_of_loading", ship.origin_port.name)
    sheet.put("port_of_discharge", ship.destination_port.name)


def _references(ship: Shipment, rng: random.Random) -> list[tuple[str, str]]:
    refs = [(pick(rng, "invoice_number"), ship.invoice_number)]
    if ship.packing_list_number != ship.invoice_number:
        refs.append((pick(rng, "packing_list_number"), ship.packing_list_number))
    refs.append((pick(rng, "date"), fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES))))
    return refs


def blocks(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """Letterhead, parties and references as label-value blocks, goods table, totals as lines."""
    y = c.title(sheet, c.letterhead(sheet, ship.exporter, rng), "PACKING LIST")
    _record_header(sheet, ship)
    below = rng.random() < 0.5
    left = sheet.label_value(MARGIN, y, pick(rng, "consignee"), c.party_lines(ship.consignee), below=True, width=1150)
    right = y
    for label, value in _references(ship, rng):
        right = sheet.label_value(1400, right, label, value, below=below, size=32) + (25 if below else 12)
    y = max(left, right) + 40
    for label, value in ((pick(rng, "port_of_loading"), c.port_text(ship.origin_port, rng)),
                         (pick(rng, "port_of_discharge"), c.port_text(ship.destination_port, rng))):
        y = sheet.label_value(MARGIN, y, label, value, size=32) + 10
    y = _containers(sheet, ship, rng, y) + 30
    y = _goods(sheet, ship, rng, y)
    y = _total_lines(sheet, ship, rng, y + 50)
    c.signature(sheet, y + 80, ship.exporter)


def _containers(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    sheet.put("vessel", ship.vessel)
    y = sheet.label_value(MARGIN, y, pick(rng, "vessel"), c.vessel_text(ship, rng), size=32) + 10
    sheet.put("container_numbers", list(ship.containers))
    shown = [f"{n} / SEAL {s}" for n, s in zip(ship.containers, ship.seals, strict=False)]
    return sheet.label_value(MARGIN, y, pick(rng, "containers"), shown, size=32)


def _goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("Marks & Nos.", 300), Column("Description of Goods", 800), Column("Quantity", 300, "r"),
            Column("Packages", 300, "r"), Column("N.W. (kg)",240, "r"), Column("G.W. (kg)", 240, "r")]
    rows = []
    for line in ship.packing_lines:
        rows.append(["N/M", c.goods_description(line), f"{fmt.quantity(line.quantity)} {line.unit}",
                     f"{line.packages} {line.spec.package}", fmt.number(line.net_kg), fmt.number(line.gross_kg)])
        sheet.items.append(ItemTruth(c.goods_description(line), None, line.quantity, line.unit,
                                     line.net_kg, line.gross_kg))
    return sheet.table(MARGIN, y, cols, rows, min_rows=2)


def _total_lines(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    net, gross, count = totals(ship.packing_lines)
    pkg_text, _ = c.packages_text(ship.packing_lines)
    sheet.put("total_net_weight_kg", net)
    sheet.put("total_gross_weight_kg", gross)
    sheet.put("packages", count)
    style = rng.choice(("kgs", "kg"))
    cbm = sum(line.packages for line in ship.packing_lines) * rng.uniform(0.08, 0.2)
    rows = [(pick(rng, "packages"), pkg_text), (pick(rng, "total_net"), fmt.weight(net, style)),
            (pick(rng, "total_gross"), fmt.weight(gross, style)), ("Total Measurement", f"{cbm:.2f} CBM")]
    for label, value in rows:
        sheet.label_value(1100, y, label, value, label_w=560)
        y += 55
    return y


def table(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """Title, boxed header and a ruled table with a TOTAL row that carries the totals."""
    y = c.letterhead(sheet, ship.exporter, rng) if rng.random() < 0.5 else 200
    y = c.title(sheet, y, rng.choice(("PACKING LIST", "PACKING LIST / WEIGHT LIST")))
    _record_header(sheet, ship)
    half = c.WIDTH // 2
    sheet.cell(MARGIN, y, half, 300, pick(rng, "exporter"), c.party_lines(ship.exporter), 32)
    sheet.cell(MARGIN, y + 300, half, 300, pick(rng, "consignee"), c.party_lines(ship.consignee), 32)
    refs = _references(ship, rng) + [
        (pick(rng, "port_of_loading"), c.port_text(ship.origin_port, rng)),
        (pick(rng, "port_of_discharge"), c.port_text(ship.destination_port, rng))]
    for i, (label, value) in enumerate(refs[:6]):
        sheet.cell(MARGIN + half, y + i * 120, half, 120, label, [value], 32)
    y += max(600, len(refs) * 120)
    y = _ruled_goods(sheet, ship, rng, y + 50)
    pkg_text, _ = c.packages_text(ship.packing_lines)
    y = sheet.label_value(MARGIN, y + 40, "Packed in", pkg_text) + 10
    y = sheet.label_value(MARGIN, y, "Shipping Marks", "N/M")
    c.signature(sheet, y + 80, ship.exporter)


def _ruled_goods(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    cols = [Column("No.", 90, "c"), Column("Description of goods", 700), Column("HS Code", 250, "c"),
            Column("Qty", 230, "r"), Column("Unit", 110, "c"), Column("Pkgs", 160, "r"),
            Column("N.W. (kg)", 320, "r"), Column("G.W. (kg)", 320, "r")]
    rows = []
    for i, line in enumerate(ship.packing_lines, 1):
        shown, digits = c.hs_display(line.spec, rng)
        rows.append([str(i), c.goods_description(line), shown, fmt.quantity(line.quantity), line.unit,
                     str(line.packages), fmt.number(line.net_kg), fmt.number(line.gross_kg)])
        sheet.items.append(ItemTruth(c.goods_description(line), digits, line.quantity, line.unit,
                                     line.net_kg, line.gross_kg))
    net, gross, count = totals(ship.packing_lines)
    sheet.put("total_net_weight_kg", net)
    sheet.put("total_gross_weight_kg", gross)
    sheet.put("packages", count)
    total = ["", "TOTAL", "", "", "", str(count), fmt.number(net), fmt.number(gross)]
    return sheet.table(MARGIN, y, cols, rows, total, min_rows=3)


def weight_list(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A packing and weight list: per-package weights by package-number range, container rows, seal."""
    sealed = c.start(sheet, rng, ("sans", "condensed", "mono"), colour=0.6)
    y = c.letterhead_logo(sheet, ship.exporter, rng)
    y = c.title(sheet, y + 10, rng.choice(("PACKING / WEIGHT LIST", "WEIGHT AND PACKING LIST")), 56)
    _record_header(sheet, ship)
    sheet.put("vessel", ship.vessel)
    date = fmt.date(ship.invoice_date, rng.choice(fmt.DATE_STYLES))
    y = c.boxes(sheet, y, 290, [(0.5, pick(rng, "consignee"), c.party_lines(ship.consignee)),
                                (0.25, pick(rng, "packing_list_number"), [ship.packing_list_number]),
                                (0.25, pick(rng, "date"), [date])], 30)
    y = c.boxes(sheet, y, 130, [(0.25, pick(rng, "invoice_number"), [ship.invoice_number]),
                                (0.25, pick(rng, "port_of_loading"), [c.port_text(ship.origin_port, rng)]),
                                (0.25, pick(rng, "port_of_discharge"), [c.port_text(ship.destination_port, rng)]),
                                (0.25, pick(rng, "vessel"), [c.vessel_text(ship, rng)])], 30)
    y = _per_package(sheet, ship, y + 40)
    y = _container_rows(sheet, ship, rng, y + 40)
    c.sign_and_seal(sheet, c.WIDTH + MARGIN - 820, y + 60, ship.exporter, rng, sealed)


def _per_package(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("Package\nNos.", 220, "c"), Column("Description of Goods", 620), Column("Pkgs", 200, "r"),
            Column("N.W. / Pkg\n(kg)", 230, "r"), Column("G.W. / Pkg\n(kg)", 230, "r"),
            Column("Total N.W.\n(kg)", 340, "r"), Column("Total G.W.\n(kg)", 340, "r")]
    rows, first = [], 1
    for line in ship.packing_lines:
        last = first + line.packages - 1
        rows.append([f"{first}-{last}", f"{c.goods_description(line)}\n{fmt.quantity(line.quantity)} {line.unit}",
                     f"{line.packages} {line.spec.package}", fmt.number(line.net_kg / line.packages),
                     fmt.number(line.gross_kg / line.packages), fmt.number(line.net_kg), fmt.number(line.gross_kg)])
        sheet.items.append(ItemTruth(c.goods_description(line), None, line.quantity, line.unit,
                                     line.net_kg, line.gross_kg))
        first = last + 1
    net, gross, count = totals(ship.packing_lines)
    for name, value in (("total_net_weight_kg", net), ("total_gross_weight_kg", gross), ("packages", count)):
        sheet.put(name, value)
    total = ["", "TOTAL", str(count), "", "", fmt.number(net), fmt.number(gross)]
    return sheet.table(MARGIN, y, cols, rows, total, size=30, min_rows=2)


def _container_rows(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    sheet.put("container_numbers", list(ship.containers))
    kind = rng.choice(("20'GP", "40'GP", "40'HC"))
    cols = [Column("Container No.", 500), Column("Seal No.", 420), Column("Type", 260, "c"),
            Column("Shipping Marks", 1000)]
    rows = [[n, s, kind, "N/M" if i == 0 else ""] for i, (n, s) in enumerate(zip(ship.containers, ship.seals,
                                                                                  strict=False))]
    return sheet.table(MARGIN, y, cols, rows, size=30)
