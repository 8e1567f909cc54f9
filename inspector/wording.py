"""The names the findings use, in English and Simplified Chinese: document types and contract fields.

The checks name a document or a field through these tables instead of spelling the identifier
(`commercial_invoice` -> "commercial invoice" / "商业发票"), so both languages say the same thing.
"""

from __future__ import annotations

import re

from inspector.models import DocType, Message

DOC_TYPES: dict[DocType, Message] = {
    DocType.COMMERCIAL_INVOICE: Message("commercial invoice", "商业发票"),
    DocType.PACKING_LIST: Message("packing list", "装箱单"),
    DocType.EXPORT_DECLARATION: Message("export declaration", "出口报关单"),
    DocType.BILL_OF_LADING: Message("bill of lading", "提单"),
    DocType.EXPORT_LICENCE: Message("export licence", "出口许可证"),
    DocType.CERTIFICATE_OF_ORIGIN: Message("certificate of origin", "原产地证书"),
    DocType.UNKNOWN: Message("unknown", "未知文件"),
}

# Every field of the contract (inspector.models.FIELD_KINDS), the party roles a check may read, and
# the keys of a goods line. English as the checks have always written it (the identifier, spaced).
FIELDS: dict[str, Message] = {
    "document_number": Message("document number", "单据编号"),
    "date": Message("date", "日期"),
    "exporter": Message("exporter", "出口商"),
    "consignee": Message("consignee", "收货人"),
    "end_user": Message("end user", "最终用户"),
    "country_of_origin": Message("country of origin", "原产国"),
    "country_of_destination": Message("country of destination", "目的国"),
    "transit_countries": Message("transit countries", "过境国"),
    "port_of_loading": Message("port of loading", "装货港"),
    "port_of_discharge": Message("port of discharge", "卸货港"),
    "vessel": Message("vessel", "船名"),
    "container_numbers": Message("container numbers", "集装箱号"),
    "licence_number": Message("licence number", "许可证号"),
    "invoice_number": Message("invoice number", "发票号"),
    "currency": Message("currency", "币种"),
    "total_value": Message("total value", "总金额"),
    "total_net_weight_kg": Message("total net weight kg", "总净重"),
    "total_gross_weight_kg": Message("total gross weight kg", "总毛重"),
    "packages": Message("packages", "件数"),
    # party roles outside the contract's fields
    "notify_party": Message("notify party", "通知方"),
    "notify": Message("notify", "通知方"),
    "holder": Message("holder", "持证人"),
    "destination_country": Message("destination country", "目的国"),
    # goods-line keys
    "description": Message("description", "货物描述"),
    "hs_code": Message("HS code", "HS 编码"),
    "quantity": Message("quantity", "数量"),
    "unit": Message("unit", "单位"),
    "net_weight_kg": Message("net weight", "净重"),
    "gross_weight_kg": Message("gross weight", "毛重"),
    "value": Message("value", "金额"),
}

_ITEM = re.compile(r"items\[(\d+)\]\.(\w+)")


def doc_name(doc_type: DocType | str) -> Message:
    """The name of a document type ("packing list" / "装箱单")."""
    try:
        return DOC_TYPES[DocType(doc_type)]
    except ValueError:
        return DOC_TYPES[DocType.UNKNOWN]


def field_name(name: str) -> Message:
    """The name of a field ("total net weight kg" / "总净重"); a goods-line field "items[2].hs_code"
    is "item 3 HS code" / "第 3 项货物的 HS 编码"; an unknown name is spelt out in both languages."""
    if m := _ITEM.fullmatch(name):
        key = field_name(m.group(2))
        n = int(m.group(1)) + 1
        gap = " " if key.zh[:1].isascii() else ""
        return Message(f"item {n} {key.en}", f"第 {n} 项货物的{gap}{key.zh}")
    return FIELDS.get(name) or Message(name.replace("_", " "), name.replace("_", " "))
