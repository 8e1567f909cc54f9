"""China's dual-use items and technologies export licence (两用物项和技术出口许可证)."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, SMALL, Column, Sheet
from inspector.synth.catalogue import COUNTRIES, CUSTOMS_CODES
from inspector.synth.layouts import common as c
from inspector.synth.layouts.declaration import CN_UNITS, plain
from inspector.synth.shipment import Shipment
from inspector.synth.truth import ItemTruth

USD_PER_EUR = 1.08


def cn_dual_use(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """The licence form: bilingual title, numbered boxes, goods table, issuing authority."""
    assert ship.licence_number is not None
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 160, "中华人民共和国两用物项和技术出口许可证", 58, bold=True, anchor="mt")
    sheet.text(cx, 255, "Dual-use items and technologies export licence of the People's Republic of China",
               30, anchor="mt")
    sheet.text(A4_300DPI[0] - MARGIN, 330, f"No. {ship.licence_number}", 34, bold=True, anchor="ra")
    _record(sheet, ship)
    y = _boxes(sheet, ship, rng, 400)
    y = _goods(sheet, ship, y + 20)
    _authority(sheet, ship, rng, y + 20)


def _record(sheet: Sheet, ship: Shipment) -> None:
    for name, value in (("document_number", ship.licence_number), ("licence_number", ship.licence_number),
                        ("date", ship.licence_date.isoformat()), ("exporter", ship.exporter.name),
                        ("consignee", ship.consignee.name), ("end_user", ship.end_user.name),
                        ("country_of_destination", ship.destination_country), ("currency", ship.currency),
                        ("total_value", ship.total_value)):
        sheet.put(name, value)


def _boxes(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> int:
    half = c.WIDTH // 2
    dest_en, dest_cn = COUNTRIES[ship.destination_country]
    valid = fmt.date(ship.licence_valid_to, rng.choice(("cn", "iso")))
    pairs = [
        (("1. 出口商 Exporter", [ship.exporter.name]), ("3. 出口许可证号 Export licence No.", [ship.licence_number or ""])),
        (("2. 发货人 Consignor", [ship.exporter.name]), ("4. 出口许可证有效截止日期 Valid until", [valid])),
        (("5. 贸易方式 Trade mode", ["一般贸易 General trade"]), ("8. 进口国(地区) Country of import", [f"{dest_cn} {dest_en}"])),
        (("6. 合同号 Contract No.", [ship.contract_number]), ("9. 付款方式 Payment", [ship.payment_terms.split(",")[0]])),
        (("7. 报关口岸 Customs of clearance", [CUSTOMS_CODES[ship.origin_port.locode][1]]),
         ("10. 运输方式 Mode of transport", ["海上运输 By sea"])),
    ]
    for left, right in pairs:
        for x, (label, values) in ((MARGIN, left), (MARGIN + half, right)):
            sheet.cell(x, y, half, 150, label, [w for v in values for w in sheet.wrap(v, half - 40, 32)][:2],
                       32, SMALL)
        y += 150
    for x, label, party in ((MARGIN, "11. 收货人 Consignee", ship.consignee),
                            (MARGIN + half, "12. 最终用户 End user", ship.end_user)):
        sheet.cell(x, y, half, 260, label, c.party_lines(party), 30, SMALL)
    return y + 260


def _goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("13. 商品名称\nDescription", 620), Column("14. 商品编码\nHS code", 270, "c"),
            Column("15. 单位\nUnit", 150, "c"), Column("16. 数量\nQuantity", 250, "r"),
            Column("17. 单价\nUnit price", 220, "r"), Column(f"18. 总值\nValue ({ship.currency})", 320, "r"),
            Column("19. 总值折美元\nValue in USD", 350, "r")]
    rate = 1.0 if ship.currency == "USD" else USD_PER_EUR
    rows = []
    for line in ship.lines:
        desc = f"{line.spec.cn_name} {line.spec.description}"
        sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
        rows.append([desc, line.spec.hs10, CN_UNITS[line.unit], plain(line.quantity), fmt.number(line.unit_price),
                     fmt.number(line.value), fmt.number(line.value * rate)])
    total = ["20. 总计 Total", "", "", "", "", fmt.number(ship.total_value), fmt.number(ship.total_value * rate)]
    return sheet.table(MARGIN, y, cols, rows, total, size=28, min_rows=2)


def _authority(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> None:
    half = c.WIDTH // 2
    sheet.cell(MARGIN, y, half, 330, "21. 备注 Remarks", ["一批一证 One shipment only", "非一次性使用需注明"], 30, SMALL)
    issued = fmt.date(ship.licence_date, rng.choice(("cn", "iso")))
    sheet.cell(MARGIN + half, y, half, 330, "22. 发证机关签章 Issuing authority   23. 发证日期 Date of issue",
               ["中华人民共和国商务部", "Ministry of Commerce of the P.R. China", f"发证日期 Date of issue: {issued}"],
               30, SMALL)
    sheet.draw.ellipse((MARGIN + half + 700, y + 60, MARGIN + half + 960, y + 320), outline=90, width=6)
