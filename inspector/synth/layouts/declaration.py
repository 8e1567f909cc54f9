"""China's customs export goods declaration: a boxed grid with bilingual labels and a goods table."""

from __future__ import annotations

import random
from collections.abc import Sequence

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, MARGIN, SMALL, Column, Sheet
from inspector.synth.catalogue import COUNTRIES, CUSTOMS_CODES
from inspector.synth.layouts import common as c
from inspector.synth.shipment import GoodsLine, Shipment, totals
from inspector.synth.truth import ItemTruth

CN_UNITS = {"KG": "千克", "PCS": "个", "SQM": "平方米"}
CN_PACKAGES = {"DRUMS": "铁桶 Drums", "BAGS": "袋 Bags", "BIG BAGS": "吨袋 Big bags",
               "CARTONS": "纸箱 Cartons", "PALLETS": "托盘 Pallets"}
CellSpec = tuple[float, str, Sequence[str]]


def plain(x: float) -> str:
    """A number without thousands separators or trailing zeros, as the customs system prints it."""
    return f"{x:.3f}".rstrip("0").rstrip(".")


def cn_customs(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """The export declaration form (出口货物报关单) filled in for the shipment."""
    y = _title(sheet, ship, rng)
    _record(sheet, ship)
    for height, cells in _grid_rows(ship, rng):
        _row(sheet, y, height, cells)
        y += height
    y = _goods(sheet, ship, y + 20)
    _footer(sheet, ship, rng, y + 30)


def _title(sheet: Sheet, ship: Shipment, rng: random.Random) -> int:
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 160, "中华人民共和国海关出口货物报关单", 60, bold=True, anchor="mt")
    sheet.text(cx, 250, "EXPORT GOODS DECLARATION OF THE CUSTOMS OF THE PEOPLE'S REPUBLIC OF CHINA", 28, anchor="mt")
    pre_entry = f"{CUSTOMS_CODES[ship.origin_port.locode][0]}{rng.randint(10**13, 10**14 - 1)}"
    sheet.text(MARGIN, 340, f"预录入编号 Pre-entry No.: {pre_entry}", 30)
    sheet.text(1250, 340, f"海关编号 Customs No.: {ship.declaration_number}", 30)
    sheet.text(A4_300DPI[0] - MARGIN, 340, "页码/页数 1/1", 26, anchor="ra")
    return 400


def _record(sheet: Sheet, ship: Shipment) -> None:
    net, gross, count = totals(ship.lines)
    values = {
        "document_number": ship.declaration_number, "date": ship.declaration_date.isoformat(),
        "exporter": ship.exporter.name, "consignee": ship.consignee.name, "country_of_origin": "CN",
        "country_of_destination": ship.destination_country, "port_of_loading": ship.origin_port.name,
        "port_of_discharge": ship.destination_port.name, "vessel": ship.vessel,
        "licence_number": ship.licence_number, "invoice_number": ship.invoice_number,
        "currency": ship.currency, "total_value": ship.total_value, "total_net_weight_kg": net,
        "total_gross_weight_kg": gross, "packages": count,
    }
    for name, value in values.items():
        sheet.put(name, value)


def _grid_rows(ship: Shipment, rng: random.Random) -> list[tuple[int, list[CellSpec]]]:
    net, gross, count = totals(ship.lines)
    customs = CUSTOMS_CODES[ship.origin_port.locode]
    dest_en, dest_cn = COUNTRIES[ship.destination_country]
    date_style = rng.choice(("cn", "cn", "iso"))
    kinds = {line.spec.package for line in ship.lines}
    package = CN_PACKAGES.get(kinds.pop(), "其他 Other") if len(kinds) == 1 else "其他 Other"
    port_d = ship.destination_port
    return [
        (190, [(0.36, "境内发货人 Domestic exporter", [ship.exporter.name]),
               (0.16, "出境关别 Customs of exit", [f"{customs[1]} {customs[0]}"]),
               (0.16, "出口日期 Export date", []),
               (0.16, "申报日期 Declaration date", [fmt.date(ship.declaration_date, date_style)]),
               (0.16, "备案号 Record No.", [])]),
        (190, [(0.36, "境外收货人 Overseas consignee", [ship.consignee.name]),
               (0.16, "运输方式 Mode of transport", ["水路运输 Waterway"]),
               (0.28, "运输工具名称及航次号 Vessel/Voyage", [f"{ship.vessel}/{ship.voyage}"]),
               (0.20, "提运单号 B/L No.", [ship.bl_number])]),
        (190, [(0.36, "生产销售单位 Producer/seller", [ship.exporter.name]),
               (0.16, "监管方式 Trade mode", ["一般贸易 General trade"]),
               (0.16, "征免性质 Levy nature", ["一般征税 General"]),
               (0.32, "许可证号 Licence No.", [ship.licence_number or ""])]),
        (150, [(0.20, "合同协议号 Contract No.", [ship.contract_number]),
               (0.20, "贸易国(地区) Trading country", [f"{dest_cn} {dest_en}"]),
               (0.20, "运抵国(地区) Country of destination", [f"{dest_cn} {dest_en}"]),
               (0.20, "指运港 Port of destination", [f"{port_d.cn_name} {port_d.name}"]),
               (0.20, "离境口岸 Port of departure", [f"{ship.origin_port.cn_name} {ship.origin_port.name}"])]),
        (150, [(0.17, "包装种类 Package type", [package]), (0.10, "件数 Packages", [str(count)]),
               (0.17, "毛重(千克) Gross weight (kg)", [plain(gross)]),
               (0.17, "净重(千克) Net weight (kg)", [plain(net)]),
               (0.12, "成交方式 Incoterms", [ship.incoterm]), (0.09, "运费 Freight", []),
               (0.09, "保费 Insurance", []), (0.09, "杂费 Other", [])]),
        (150, [(1.0, "随附单证及编号 Attached documents",
                [f"发票 Invoice No. {ship.invoice_number}    代理报关委托协议(电子)"])]),
        (150, [(1.0, "标记唛码及备注 Marks and remarks", ["N/M"])]),
    ]


def _row(sheet: Sheet, y: int, height: int, cells: list[CellSpec]) -> None:
    x, width = MARGIN, c.WIDTH
    for frac, label, values in cells:
        w = round(frac * width)
        lines = [v for value in values for v in sheet.wrap(value, w - 40, 32)] if values else []
        sheet.cell(x, y, w, height, label, lines[:2], 32, SMALL - 2)
        x += w


def _goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("项号\nNo.", 90, "c"), Column("商品编号\nHS code", 260, "c"),
            Column("商品名称及规格型号\nDescription", 560), Column("数量及单位\nQuantity", 250, "r"),
            Column("单价\nUnit price", 200, "r"), Column("总价\nTotal value", 260, "r"),
            Column("币制\nCurrency", 150, "c"), Column("原产国(地区)\nOrigin", 200, "c"),
            Column("最终目的国(地区)\nDestination", 210, "c")]
    dest = COUNTRIES[ship.destination_country][1]
    rows = [_goods_row(sheet, i, line, ship.currency, dest) for i, line in enumerate(ship.lines, 1)]
    total = ["", "", "合计 Total", "", "", fmt.number(ship.total_value), ship.currency, "", ""]
    return sheet.table(MARGIN, y, cols, rows, total, size=28, min_rows=3)


def _goods_row(sheet: Sheet, i: int, line: GoodsLine, currency: str, dest: str) -> list[str]:
    desc = f"{line.spec.cn_name} {line.spec.description}"
    sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
    qty = f"{plain(line.quantity)}{CN_UNITS[line.unit]}"
    return [str(i), line.spec.hs10, desc, qty, fmt.number(line.unit_price), fmt.number(line.value),
            f"{currency}", "中国", dest]


def _footer(sheet: Sheet, ship: Shipment, rng: random.Random, y: int) -> None:
    agent = rng.choice(("上海华运报关有限公司", "厦门联合报关行有限公司", "青岛港通报关有限公司", "宁波中远报关有限公司"))
    half = c.WIDTH // 2
    sheet.cell(MARGIN, y, half, 260, "申报人员 Declarant    申报单位 Declaration agent",
               [f"{rng.choice(('王丽', '张伟', '李娜', '陈静'))}  证号 {rng.randint(10**7, 10**8 - 1)}", agent], 32)
    sheet.cell(MARGIN + half, y, half, 260, "海关批注及签章 Customs endorsement and seal", [], 32)
    sheet.text(MARGIN, y + 290, "兹申明对以上内容承担如实申报、依法纳税之法律责任 "
               "I declare that the above is true and accept legal responsibility.", 24)


def _cn_dest(ship: Shipment) -> str:
    return COUNTRIES[ship.destination_country][1]


def _package_kind(ship: Shipment) -> str:
    kinds = {line.spec.package for line in ship.lines}
    return CN_PACKAGES.get(kinds.pop(), "其他 Other").split()[0] if len(kinds) == 1 else "其他"


def cn_2017(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """The older (pre-2018) Chinese-only form: other box names and order, containers box, duty column."""
    sheet.family = rng.choice(("sans", "serif"))
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 160, "中华人民共和国海关出口货物报关单", 62, bold=True, anchor="mt")
    sheet.text(MARGIN, 290, f"预录入编号：{rng.randint(10**17, 10**18 - 1)}", 30)
    sheet.text(1300, 290, f"海关编号：{ship.declaration_number}", 30)
    _record(sheet, ship)
    sheet.put("container_numbers", list(ship.containers))
    y = 350
    for height, cells in _old_rows(ship, rng):
        _row(sheet, y, height, cells)
        y += height
    y = _old_goods(sheet, ship, y + 20)
    _footer(sheet, ship, rng, y + 30)


def _old_rows(ship: Shipment, rng: random.Random) -> list[tuple[int, list[CellSpec]]]:
    net, gross, count = totals(ship.lines)
    customs = CUSTOMS_CODES[ship.origin_port.locode]
    dest = ship.destination_port
    home = ship.exporter.address[-1].split(",")[0]
    company_code = f"{customs[0][:2]}{rng.randint(10**7, 10**8 - 1)}"
    return [
        (140, [(0.25, "出口口岸", [f"{customs[1]} {customs[0]}"]), (0.25, "备案号", []), (0.25, "出口日期", []),
               (0.25, "申报日期", [fmt.date(ship.declaration_date, rng.choice(("iso", "compact")))])]),
        (170, [(0.4, "经营单位", [f"{ship.exporter.name} {company_code}"]), (0.15, "运输方式", ["江海运输"]),
               (0.25, "运输工具名称", [f"{ship.vessel}/{ship.voyage}"]), (0.2, "提运单号", [ship.bl_number])]),
        (170, [(0.4, "发货单位", [ship.exporter.name]), (0.15, "贸易方式", ["一般贸易"]),
               (0.2, "征免性质", ["一般征税"]), (0.25, "结汇方式", ["电汇"])]),
        (140, [(0.3, "许可证号", [ship.licence_number or ""]), (0.2, "运抵国(地区)", [_cn_dest(ship)]),
               (0.25, "指运港", [f"{dest.cn_name} {dest.name}"]), (0.25, "境内货源地", [home])]),
        (140, [(0.25, "批准文号", []), (0.15, "成交方式", [ship.incoterm]), (0.2, "运费", []), (0.2, "保费", []),
               (0.2, "杂费", [])]),
        (140, [(0.25, "合同协议号", [ship.contract_number]), (0.15, "件数", [str(count)]),
               (0.2, "包装种类", [_package_kind(ship)]), (0.2, "毛重(千克)", [plain(gross)]),
               (0.2, "净重(千克)", [plain(net)])]),
        (140, [(0.5, "集装箱号", [" ".join(ship.containers)]), (0.5, "随附单证", [f"发票 {ship.invoice_number}"])]),
        (140, [(1.0, "标记唛码及备注", [f"N/M  装货港: {ship.origin_port.cn_name} {ship.origin_port.name}  原产国: 中国",
                                   f"境外收货人: {ship.consignee.name}"])]),
    ]


def _old_goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("项号", 90, "c"), Column("商品编号", 260, "c"), Column("商品名称、规格型号", 610),
            Column("数量及单位", 250, "r"), Column("最终目的国(地区)", 240, "c"), Column("单价", 200, "r"),
            Column("总价", 260, "r"), Column("币制", 120, "c"), Column("征免", 150, "c")]
    rows = []
    for i, line in enumerate(ship.lines, 1):
        desc = f"{line.spec.cn_name} {line.spec.description}"
        sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
        rows.append([str(i), line.spec.hs10, desc, f"{plain(line.quantity)}{CN_UNITS[line.unit]}", _cn_dest(ship),
                     fmt.number(line.unit_price), fmt.number(line.value), ship.currency, "照章征税"])
    total = ["", "", "合计", "", "", "", fmt.number(ship.total_value), ship.currency, ""]
    return sheet.table(MARGIN, y, cols, rows, total, size=28, min_rows=3)


def cn_brief(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """A simplified print-out of the declaration from the single-window system: label lines, goods list."""
    sheet.family = rng.choice(("mono", "sans", "condensed"))
    sheet.text(MARGIN, 150, "中国国际贸易单一窗口  China International Trade Single Window", 30)
    sheet.text(A4_300DPI[0] - MARGIN, 150, f"打印日期 {fmt.date(ship.declaration_date, 'iso')}", 26, anchor="ra")
    sheet.hline(MARGIN, MARGIN + c.WIDTH, 200, width=2)
    sheet.text(A4_300DPI[0] // 2, 240, "出口报关单  EXPORT DECLARATION (打印件 / PRINT)", 46, bold=True, anchor="mt")
    _record(sheet, ship)
    y = 340
    for label, value in _brief_lines(ship):
        sheet.text(MARGIN, y, label, 28, bold=True)
        y = sheet.lines(MARGIN + 700, y, sheet.wrap(value, c.WIDTH - 700, 30), 30, gap=1.3) + 8
    sheet.hline(MARGIN, MARGIN + c.WIDTH, y + 10, width=2)
    y = _brief_goods(sheet, ship, y + 40)
    sheet.hline(MARGIN, MARGIN + c.WIDTH, y + 10, width=2)
    sheet.text(MARGIN, y + 40, "本打印件仅供参考，以海关系统数据为准 (For reference only)", 24)


def _brief_lines(ship: Shipment) -> list[tuple[str, str]]:
    net, gross, count = totals(ship.lines)
    customs = CUSTOMS_CODES[ship.origin_port.locode]
    dest_en, dest_cn = COUNTRIES[ship.destination_country]
    lines = [("海关编号 Customs No.", ship.declaration_number),
             ("申报日期 Declaration date", fmt.date(ship.declaration_date, "iso")),
             ("出境关别 Customs of exit", f"{customs[1]} ({customs[0]})"),
             ("境内发货人 Exporter", ship.exporter.name), ("境外收货人 Consignee", ship.consignee.name),
             ("运输工具 Vessel", f"{ship.vessel} / {ship.voyage}"), ("提运单号 B/L No.", ship.bl_number),
             ("离境口岸 Port of departure", f"{ship.origin_port.cn_name} {ship.origin_port.name}"),
             ("指运港 Port of destination", f"{ship.destination_port.cn_name} {ship.destination_port.name}"),
             ("运抵国 Destination", f"{dest_cn} {dest_en}")]
    if ship.licence_number:
        lines.append(("许可证号 Licence No.", ship.licence_number))
    return lines + [("发票号 Invoice No.", ship.invoice_number),
                    ("件数/包装 Packages", f"{count} {_package_kind(ship)}"),
                    ("毛重/净重 Gross/Net (kg)", f"{plain(gross)} / {plain(net)}"),
                    ("总价 Total value", f"{ship.currency} {fmt.number(ship.total_value)}")]


def _brief_goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    sheet.text(MARGIN, y, "项号  商品编号      商品名称 / 数量 / 总价", 28, bold=True)
    y += 50
    for i, line in enumerate(ship.lines, 1):
        desc = f"{line.spec.cn_name} {line.spec.description}"
        sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
        sheet.text(MARGIN, y, f"{i:02d}    {line.spec.hs10}    {desc}", 30)
        sheet.text(MARGIN + 420, y + 45, f"{plain(line.quantity)}{CN_UNITS[line.unit]}    "
                   f"{ship.currency} {fmt.number(line.value)}    原产国 中国", 30)
        y += 110
    return y


def cn_continued(sheet: Sheet, ship: Shipment, rng: random.Random) -> None:
    """The current form with the goods on two lines each (legal and declared quantity) and another box order."""
    y = _title(sheet, ship, rng)
    _record(sheet, ship)
    rows = _grid_rows(ship, rng)
    for height, cells in [rows[1], rows[0], rows[2], rows[4], rows[3], rows[5]]:
        _row(sheet, y, height, cells)
        y += height
    y = _two_line_goods(sheet, ship, y + 20)
    _footer(sheet, ship, rng, y + 30)


def _two_line_goods(sheet: Sheet, ship: Shipment, y: int) -> int:
    cols = [Column("项号\nNo.", 90, "c"), Column("商品编号\nHS code", 260, "c"),
            Column("商品名称及规格型号\nDescription", 640), Column("数量及单位\nQuantity", 280, "r"),
            Column("单价/总价/币制\nPrice/Value", 360, "r"), Column("原产国\nOrigin", 180, "c"),
            Column("境内货源地\nSource", 220, "c"), Column("征免\nDuty", 150, "c")]
    home = ship.exporter.address[-1].split(",")[0]
    rows = []
    for i, line in enumerate(ship.lines, 1):
        desc = f"{line.spec.cn_name} {line.spec.description}"
        sheet.items.append(ItemTruth(desc, line.spec.hs10, line.quantity, line.unit, value=line.value))
        qty = f"{plain(line.quantity)}{CN_UNITS[line.unit]}"
        rows.append([str(i), line.spec.hs10, f"{line.spec.cn_name}\n{line.spec.description}", f"{qty}\n{qty}",
                     f"{fmt.number(line.unit_price)}\n{fmt.number(line.value)}\n{ship.currency}", "中国\nCHN",
                     home, "照章征税"])
    total = ["", "", "合计 Total", "", f"{fmt.number(ship.total_value)}\n{ship.currency}", "", "", ""]
    return sheet.table(MARGIN, y, cols, rows, total, size=28, min_rows=2)
