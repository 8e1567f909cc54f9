"""China's dual-use items and technologies export licence (两用物项和技术出口许可证)."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, SMALL, Column, Sheet
from inspector.synth.catalogue import COUNTRIES, CUSTOMS_CODES
from inspector.synth.layouts import common as c
from inspector.synth.layouts import marks
from inspector.synth.layouts.declaration import CN_UNITS, plain
from inspector.synth.shipment import Party, Shipment
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
    sheet.draw.ellipse((MARGIN + half + 700, y + 60, MARGIN + half + 960, y + 320), outline=sheet.ink(90), width=6)


def _qr_block(sheet: Sheet, x: int, y: int, data: str, size: int = 300) -> None:
    """A QR-code-like block: finder squares in three corners and a module pattern seeded by `data`."""
    n = 25
    m = size // n
    gen = random.Random(data)
    for r in range(n):
        for col in range(n):
            if gen.random() < 0.5 and not _in_finder(r, col, n):
                sheet.draw.rectangle((x + col * m, y + r * m, x + col * m + m - 1, y + r * m + m - 1),
                                     fill=sheet.ink(0))
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        px, py = x + fx * m, y + fy * m
        sheet.draw.rectangle((px, py, px + 7 * m - 1, py + 7 * m - 1), fill=sheet.ink(0))
        sheet.draw.rectangle((px + m, py + m, px + 6 * m - 1, py + 6 * m - 1), fill=sheet.ink(255))
        sheet.draw.rectangle((px + 2 * m, py + 2 * m, px + 5 * m - 1, py + 5 * m - 1), fill=sheet.ink(0))


def _in_finder(r: int, col: int, n: int) -> bool:
    return (r < 8 and col < 8) or (r < 8 and col >= n - 8) or (r >= n - 8 and col < 8)


def cn_qr(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """The newer licence print: QR block, boxes numbered 1-24 in another order, red issuing seal."""
    assert ship.licence_number is not None
    sealed = c.start(sheet, rng, ("sans", "serif"), colour=1.0)
    _qr_block(sheet, MARGIN, 120, ship.licence_number, 275)
    cx = A4_300DPI[0] // 2 + 100
    sheet.text(cx, 150, "中华人民共和国两用物项和技术出口许可证", 54, bold=True, anchor="mt")
    sheet.text(cx, 235, "EXPORT LICENCE OF DUAL-USE ITEMS AND TECHNOLOGIES, P.R. CHINA", 30, anchor="mt")
    sheet.text(A4_300DPI[0] - MARGIN, 320, f"许可证编号 Licence No.: {ship.licence_number}", 34, bold=True, anchor="ra")
    _record(sheet, ship)
    half, y = c.WIDTH // 2, 420
    dest_en, dest_cn = COUNTRIES[ship.destination_country]
    issued = fmt.date(ship.licence_date, rng.choice(("iso", "cn", "compact")))
    valid = fmt.date(ship.licence_valid_to, rng.choice(("iso", "cn")))
    y = c.boxes(sheet, y, 250, [(0.5, "1. 出口经营者 Exporter", c.party_lines(ship.exporter)),
                                (0.5, "2. 进口商/收货人 Importer / Consignee", c.party_lines(ship.consignee))], 30)
    y = c.boxes(sheet, y, 250, [(0.5, "3. 最终用户 End user", c.party_lines(ship.end_user)),
                                (0.25, "4. 最终用途 End use", ["生产制造 Manufacturing"]),
                                (0.25, "5. 目的国(地区) Destination", [f"{dest_cn} {dest_en}"])], 30)
    y = c.boxes(sheet, y, 140, [(0.25, "6. 发证日期 Date of issue", [issued]),
                                (0.25, "7. 有效期至 Valid until", [valid]),
                                (0.25, "8. 合同号 Contract No.", [ship.contract_number]),
                                (0.25, "9. 报关口岸 Port of exit", [CUSTOMS_CODES[ship.origin_port.locode][1]])], 30)
    y = _goods_numbered(sheet, ship, y + 20)
    y = c.boxes(sheet, y + 20, 420, [(0.5, "17. 备注 Remarks", ["一批一证 Valid for one shipment only",
                                                                "本证不得转让 Not transferable"]),
                                     (0.5, "18. 发证机关 Issuing authority", ["中华人民共和国商务部",
                                                                          "Ministry of Commerce of the P.R. China"])], 30)
    if sealed:
        authority = Party("中华人民共和国商务部两用物项出口许可证专用章", (), "CN")
        marks.seal(sheet, MARGIN + half + 760, y - 170, authority, rng, radius=190)


def _goods_numbered(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("10. 商品编码\nHS code", 300, "c"), Column("11. 商品名称及规格\nDescription", 720),
            Column("12. 单位\nUnit", 150, "c"), Column("13. 数量\nQuantity", 260, "r"),
            Column("14. 单价\nUnit price", 240, "r"), Column(f"15. 总值\nValue ({ship.currency})", 510, "r")]
    rows = []
    for line in ship.lines:
        desc = f"{line.spec.cn_name} {line.spec.description}"
        sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
        rows.append([line.spec.hs10, desc, CN_UNITS[line.unit], plain(line.quantity), fmt.number(line.unit_price),
                     fmt.number(line.value)])
    total = ["16. 总计 Total", "", "", "", "", fmt.money(ship.total_value, ship.currency)]
    return sheet.table(MARGIN, y, cols, rows, total, size=28, min_rows=2)


def en_first(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """An English-first licence copy: English labels first, Chinese second, boxes in a single column."""
    assert ship.licence_number is not None
    sealed = c.start(sheet, rng, ("serif", "sans"), colour=0.9)
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 150, "EXPORT LICENCE", 70, bold=True, anchor="mt")
    sheet.text(cx, 250, "FOR DUAL-USE ITEMS AND TECHNOLOGIES", 40, bold=True, anchor="mt")
    sheet.text(cx, 320, "两用物项和技术出口许可证 (英文译本 English version)", 32, anchor="mt")
    _record(sheet, ship)
    y = 420
    dest_en, dest_cn = COUNTRIES[ship.destination_country]
    style = rng.choice(("iso", "dmy_text", "upper"))
    rows = [("Licence No. / 许可证号", [ship.licence_number]),
            ("Date of Issue / 发证日期", [fmt.date(ship.licence_date, style)]),
            ("Valid Until / 有效期至", [fmt.date(ship.licence_valid_to, style)]),
            ("Exporter / 出口商", [", ".join(c.party_lines(ship.exporter))]),
            ("Consignee / 收货人", [", ".join(c.party_lines(ship.consignee))]),
            ("End User / 最终用户", [", ".join(c.party_lines(ship.end_user))]),
            ("Country of Destination / 进口国", [f"{dest_en.upper()} {dest_cn}"]),
            ("Contract No. / 合同号", [ship.contract_number])]
    for i, (label, value) in enumerate(rows, 1):
        h = 140 if len(sheet.wrap(value[0], int(c.WIDTH * 0.64) - 40, 30)) < 2 else 180
        y = c.boxes(sheet, y, h, [(0.06, f"{i}.", []), (0.3, label, []), (0.64, "", value)], 30)
    y = _goods_numbered(sheet, ship, y + 30)
    sheet.text(MARGIN, y + 40, "Issued by the Ministry of Commerce of the People's Republic of China", 30, bold=True)
    sheet.text(MARGIN, y + 90, "中华人民共和国商务部 签发", 30)
    marks.signature(sheet, MARGIN + 1400, y + 170, rng, 380)
    sheet.hline(MARGIN + 1300, MARGIN + 2000, y + 260, width=2)
    sheet.text(MARGIN + 1300, y + 270, "Authorised official / 签发人", 26)
    if sealed:
        marks.seal(sheet, MARGIN + 1750, y + 160, Party("中华人民共和国商务部许可证专用章", (), "CN"), rng, radius=190)
