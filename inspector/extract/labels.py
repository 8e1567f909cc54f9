"""Field labels as printed on export paperwork, in English and Chinese, with common variants."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspector.models import DocType

# Separators that may follow a label: colon (ASCII or full width), dots, dashes, slashes.
_AFTER = r"[\s:：.\-/#|)）]*"


def _en(label: str) -> str:
    """Regex for an English label: any spacing, optional dots, O/0 tolerant in 'No'."""
    parts = []
    for word in label.split():
        w = re.escape(word).replace(r"\.", r"\.?")
        w = w.replace("No", "N[o0°]")
        parts.append(w)
    return r"[\s.]*".join(parts)


def _zh(label: str) -> str:
    """Regex for a Chinese label; OCR may put spaces between characters and mix bracket widths."""
    chars = [re.escape(c) if c not in "()（）" else r"[(（)）]" for c in label]
    return r"\s*".join(chars)


@dataclass(frozen=True)
class Label:
    """One way a field is labelled; `types` limits it to some document types (empty: all)."""

    field: str
    pattern: re.Pattern[str]
    types: frozenset[DocType] = frozenset()
    weight: float = 1.0

    def applies_to(self, doc_type: DocType) -> bool:
        """Whether this label names the field on this document type."""
        return not self.types or doc_type in self.types


def _labels(field: str, en: list[str], zh: list[str], types: tuple[DocType, ...] = (),
            weight: float = 1.0) -> list[Label]:
    out = []
    for text, conv in [(t, _en) for t in en] + [(t, _zh) for t in zh]:
        stop = r"(?![a-z0-9'’])" if conv is _en and text[-1].isalnum() else ""
        pat = re.compile(rf"^(?:{conv(text)}){stop}{_AFTER}", re.IGNORECASE)
        out.append(Label(field, pat, frozenset(types), weight + len(text) / 100))
    return out


D = DocType
INV, PL, DEC, BL, LIC, COO = (D.COMMERCIAL_INVOICE, D.PACKING_LIST, D.EXPORT_DECLARATION,
                              D.BILL_OF_LADING, D.EXPORT_LICENCE, D.CERTIFICATE_OF_ORIGIN)

LABELS: list[Label] = [
    *_labels("document_number", ["Invoice No", "Invoice Number", "Inv No", "Invoice #", "Commercial Invoice No"],
             ["发票号码", "发票号", "发票编号"], (INV,)),
    *_labels("document_number", ["Packing List No", "P/L No", "Packing No", "PL No", "Ref No", "Reference No",
                                 "Our Ref"], ["装箱单号", "装箱单编号"], (PL,)),
    *_labels("document_number", ["Customs Declaration No", "Customs No", "Declaration No", "Entry No"],
             ["海关编号", "报关单号", "报关单编号"], (DEC,)),
    *_labels("document_number", ["Pre-entry No"], ["预录入编号"], (DEC,), weight=0.8),
    *_labels("document_number", ["B/L No", "B/L Number", "Bill of Lading No", "Bill of Lading Number", "BL No",
                                 "Sea Waybill No", "Waybill No", "Waybill Number", "SWB No",
                                 "B/L"], ["提单号", "提运单号"], (BL,)),
    *_labels("document_number", ["Licence No", "License No", "Licence Number", "License Number",
                                 "Export Licence No", "Export License No"], ["出口许可证号", "许可证号", "许可证编号"],
             (LIC,)),
    *_labels("document_number", ["Certificate No", "Certificate Number", "Cert No", "Reference No", "Ref No"],
             ["证书号", "证书编号"], (COO,)),
    *_labels("document_number", ["No"], [], (COO,), weight=0.3),
    *_labels("exporter", ["Goods consigned from", "Exporter's business name"], [], (COO,)),
    *_labels("consignee", ["Goods consigned to", "Consignee's name"], [], (COO,)),
    *_labels("invoice_number", ["Invoice No", "Invoice Number", "Inv No", "Commercial Invoice No", "Invoice #"],
             ["发票号码", "发票号", "发票编号"]),
    *_labels("invoice_number", ["Invoice No and Date", "Number and date of invoices", "Number and date"], [], (COO,)),
    *_labels("date", ["Invoice Date", "Date of Invoice"], ["发票日期"], (INV,)),
    *_labels("date", ["Packing Date", "Date of Packing"], [], (PL,)),
    *_labels("date", ["Invoice Date", "Date of Invoice"], ["发票日期"], (PL,), weight=0.8),
    *_labels("date", ["Shipped on Board Date", "Shipped on Board", "On Board Date", "Date of Issue",
                      "Place and Date of Issue", "Issue Date", "Laden on Board"], ["签发日期", "装船日期"], (BL,)),
    *_labels("date", ["Declaration Date", "Date of Declaration"], ["申报日期"], (DEC,)),
    *_labels("date", ["Date of Issue", "Issue Date", "Issuing Date"], ["发证日期", "签发日期"], (LIC, COO)),
    *_labels("date", ["Date of Issue", "Issue Date"], [], weight=0.6),
    *_labels("date", ["Date", "Dated"], ["日期"], weight=0.5),
    *_labels("exporter", ["Shipper/Exporter", "Shipper / Exporter", "Exporter/Shipper", "Seller/Exporter",
                          "Exporter", "Shipper", "Seller", "Consignor", "Beneficiary", "Licence Holder",
                          "License Holder", "Domestic Exporter", "Exporter's name"],
             ["境内发货人", "发货单位", "经营单位", "发货人", "出口商", "出口经营者", "卖方"]),
    *_labels("consignee", ["Buyer/Consignee", "Consignee/Buyer", "Consignee", "Buyer", "Sold to", "Messrs",
                           "Overseas Consignee", "Importer", "Ship to"],
             ["境外收货人", "收货人", "进口商", "买方"]),
    *_labels("end_user", ["Final End User", "End User", "End-User", "Ultimate Consignee", "Final User", "End user name"],
             ["最终用户", "最终使用者"]),
    *_labels("country_of_origin", ["Country of Origin", "Origin", "Country of Origin of Goods", "Made in"],
             ["原产国(地区)", "原产国", "原产地"]),
    *_labels("country_of_destination", ["Country of Destination", "Final Destination", "Destination Country",
                                        "Country of Final Destination", "Country / Region of Destination",
                                        "Country of Import", "Importing Country", "Destination"],
             ["运抵国(地区)", "运抵国", "目的国(地区)", "目的国", "最终目的国", "进口国(地区)", "进口国"]),
    *_labels("transit_countries", ["Transit Countries", "Transit Country", "Transit via", "Transit", "Via",
                                   "Transshipment via", "Transhipment"], ["途经国", "中转国", "经停"]),
    *_labels("port_of_loading", ["Port of Loading", "Loading Port", "Port of Shipment", "POL",
                                 "Port of Departure", "Place of Loading"],
             ["离境口岸", "装货港", "装运港", "起运港"]),
    *_labels("port_of_loading", ["From"], [], (INV, PL), weight=0.4),
    *_labels("port_of_discharge", ["Port of Discharge", "Discharge Port", "POD", "Port of Destination",
                                   "Place of Delivery", "Destination Port"], ["指运港", "卸货港", "目的港"]),
    *_labels("port_of_discharge", ["To"], [], (INV, PL), weight=0.4),
    *_labels("vessel", ["Ocean Vessel / Voy No", "Ocean Vessel/Voyage No", "Ocean Vessel/Voyage", "Vessel/Voyage No",
                        "Vessel/Voyage", "Vessel and Voyage", "Ocean Vessel", "Vessel Name", "Vessel",
                        "Name of Vessel", "Voy No", "Voyage No", "Voyage"],
             ["运输工具名称及航次号", "运输工具名称", "运输工具", "船名航次", "船名"]),
    *_labels("vessel", ["Carrier", "Shipped per", "Per"], [], (INV, PL), weight=0.5),
    *_labels("licence_number", ["Export Licence No", "Export License No", "Licence No", "License No",
                                "Licence Number", "License Number", "Permit No", "Export Licence",
                                "Export License", "Licence", "License"],
             ["许可证号", "许可证编号", "出口许可证号"]),
    *_labels("currency", ["Currency"], ["币制", "币种"]),
    *_labels("total_value", ["Total Amount", "Total Value", "Invoice Value", "Total Invoice Value", "Invoice Total",
                             "Grand Total",
                             "Amount", "Total Price"], ["总价", "总金额", "合计金额"]),
    *_labels("total_value", ["Total"], ["合计", "总计"], (DEC,), weight=0.5),
    *_labels("packages", ["Total"], [], (COO,), weight=0.5),
    *_labels("total_net_weight_kg", ["Gross/Net Weight", "Net/Gross Weight", "Gross/Net", "Net/Gross"],
             ["毛重/净重", "净重/毛重"]),
    *_labels("total_gross_weight_kg", ["Gross/Net Weight", "Net/Gross Weight", "Gross/Net", "Net/Gross"],
             ["毛重/净重", "净重/毛重"]),
    *_labels("total_net_weight_kg", ["Total Net Weight", "Total N.W", "Net Weight", "N.W", "Net Wt", "NW"],
             ["净重(千克)", "净重(公斤)", "总净重", "净重"]),
    *_labels("total_gross_weight_kg", ["Total Gross Weight", "Total G.W", "Gross Weight", "G.W", "Gross Wt", "GW"],
             ["毛重(千克)", "毛重(公斤)", "总毛重", "毛重"]),
    *_labels("packages", ["Total Number of Packages", "Total Packages", "Packed in", "Packing", "Number of Packages", "No of Packages", "Number and kind of Packages",
                          "Packages", "Total Pkgs", "Pkgs", "Quantity of Packages"], ["件数", "总件数", "包装件数"]),
]

# Labels of boxes that hold none of our fields: they bound values but are never values.
OTHER_LABELS = [
    *_labels("_other", ["Mode of Transport", "Trade Mode", "Levy Nature", "Record No", "Contract No",
                        "Trading Country", "Package Type", "Incoterms", "Freight", "Insurance",
                        "Attached Documents", "Marks and Remarks", "Customs of Exit", "Export Date",
                        "Producer/Seller", "Producer", "Price Terms", "Terms of Payment", "Payment Terms",
                        "Notify Party", "Pre-carriage by", "Place of Receipt", "Freight payable at",
                        "Number of original", "Shipping Marks", "Marks & Nos", "Tel", "Fax", "E-mail",
                        "Email", "Declarant", "Declaration agent", "Remarks", "P.O. No", "PO No", "S/C No",
                        "Sales Contract No", "Order No", "Terms of Delivery", "Delivery Terms", "Terms of Sale",
                        "Valid until", "Payment", "Booking No", "Booking Number", "Shipper's Reference",
                        "Export References", "Forwarding Agent",
                        "Customs of clearance", "Issuing authority",
                        "For certifying authority", "Declaration by the exporter", "Certification",
                        "Means of transport and route", "Means of transport", "Place and Date of Issue",
                        "H.S. Code", "HS Code", "Quantity", "Marks and numbers", "Description of goods",
                        "Unit price", "Unit", "Sailing on or about", "Sailing Date", "Sailing on",
                        "Date of Shipment", "ETD", "ETA", "Container No", "Seal No", "Type",
                        "Departure date", "Date of departure", "Valid Until", "Expiry Date", "Date of Expiry"],
             ["运输方式", "监管方式", "征免性质", "备案号", "合同协议号", "贸易国", "包装种类", "成交方式",
              "运费", "保费", "杂费", "随附单证", "标记唛码", "出境关别", "出口日期", "生产销售单位",
              "申报人员", "申报单位", "海关批注", "页码", "境内货源地", "特殊关系确认", "价格影响确认",
              "出口许可证有效截止日期", "有效截止日期", "付款方式", "报关口岸", "发证机关", "备注", "出口口岸", "批准文号",
              "结汇方式", "贸易方式", "集装箱号", "标记号码及备注"]),
]

# Words that open a label of some field: a segment starting with one is not a value.
ANY_LABEL = re.compile("|".join(f"(?:{lab.pattern.pattern[1:]})" for lab in LABELS + OTHER_LABELS),
                       re.IGNORECASE)


# Box numbers printed before labels on forms: "1. Exporter", "11. 收货人", "(3) Consignee".
ENUMERATOR = re.compile(r"^\s*\(?\d{1,2}\s*[.)）、]\s*")
# The totals row of a table: "TOTAL", "Grand total", "合计", "5. Total".
TOTAL_ROW = re.compile(r"^\s*(\d{1,2}[.)]\s*)?(total|totals|sub-?total|grand\s*total|合\s*计|总\s*计)", re.IGNORECASE)


def labels_for(field: str, doc_type: DocType) -> list[Label]:
    """Labels of a field that apply to a document type, most specific first."""
    found = [lab for lab in LABELS if lab.field == field and lab.applies_to(doc_type)]
    return sorted(found, key=lambda lab: (-bool(lab.types), -lab.weight))


def longest_label(text: str, doc_type: DocType, field: str | None = None) -> int:
    """Length of the longest label at the start of text naming another field than `field` (or none)."""
    ends = [m.end() for lab in LABELS + OTHER_LABELS
            if lab.field != field and lab.applies_to(doc_type) and (m := lab.pattern.match(text))]
    return max(ends, default=0)


def is_label(text: str) -> bool:
    """Whether a text starts with a known label (so it is not a value)."""
    text = ENUMERATOR.sub("", text.strip())
    return ANY_LABEL.match(text) is not None
