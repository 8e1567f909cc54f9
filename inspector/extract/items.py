"""The line items of a document: the goods it lists, from its tables and from goods written as text.

Most documents list goods in a table (read by `tables`). A bill of lading or a certificate of origin
describes them in a free-text block instead ("69 CARTONS MEN'S T-SHIRTS" / "HS CODE: 6109.10"), and a
print-out of a declaration lists them as numbered lines ("01  2846901920  氧化镝 ..."). Those are
found here from the HS code each one carries, and reconciled with whatever the table reader found.
"""

from __future__ import annotations

import re
from dataclasses import replace

from inspector.extract.layout import PageLayout, Segment, join_words, union_box
from inspector.extract.normalise import normalise_hs, parse_number, parse_weight
from inspector.extract.tables import Table, fix_formulas, quantity_unit
from inspector.models import DocType, LineItem

# "HS CODE: 2846.90", "H.S. CODE 284690", "HS NO. 2846.90.19", "商品编码：2846901920"
# OCR garbles the label on poor scans ("Is COD: 2825600001"), so H may be read as I or l, S as 5.
_HS_LABEL = re.compile(r"(?<![A-Za-z])(?:h\.?\s?s\.?\s*(?:code|no\.?)?|[hil|][.,]?\s?[s5][.,]?\s*c[o0]de?"
                       r"|商品编[码号]|海关编码)\s*[:：.]?\s*", re.IGNORECASE)
_HS_DIGITS = re.compile(r"[\dOoIlSB][\dOoIlSB.\-\s]{4,14}[\dOoIlSB]")
# Lines of carrier boilerplate that open a goods block: a description never runs up past them.
_BLOCK_START = re.compile(r"said\s+to\s+contain|shipper'?s\s+load|description\s+of\s+goods|kind\s+of\s+packages"
                          r"|品名|货物名称|商品名称", re.IGNORECASE)
_MARKED_WEIGHT = re.compile(r"(\d[\d,.]*\d|\d)\s*(kgs?|千克|公斤|mt|tons?)\.?\s*(g\.?\s?w|n\.?\s?w|gross|net)?",
                            re.IGNORECASE)
_NET_MARK = re.compile(r"n\.?\s?w\.?|\bnet\b|净重", re.IGNORECASE)
_GROSS_MARK = re.compile(r"g\.?\s?w\.?|\bgross\b|毛重", re.IGNORECASE)
_MAX_DESCRIPTION_LINES = 4


def read_items(doc_type: DocType, layouts: list[PageLayout], tables: list[Table]) -> list[LineItem]:
    """All items of a document, in reading order: the table's, completed or replaced by the goods
    written as text when those name more items by HS code."""
    table_items = [item for t in tables for item in t.items]
    found = [item for layout in layouts for item in noted_items(layout) or listed_items(layout)]
    return reconcile(table_items, found)


def reconcile(table_items: list[LineItem], found: list[LineItem]) -> list[LineItem]:
    """One list from the table's items and the items found by their HS codes in text.

    The same number of each: the same goods, so each table item takes the HS code (and weights) it
    lacks from its text twin. Otherwise the text wins when it names more items by HS code than the
    table does (a goods block read as one table row, a table that lost a row).
    """
    if not found:
        return table_items
    if len(table_items) == len(found):
        return [_complete(t, f) for t, f in zip(table_items, found, strict=True)]
    if sum(1 for i in table_items if i.hs_code) >= len(found):
        return table_items
    by_code = {i.hs_code: i for i in table_items if i.hs_code}
    return [_complete(f, by_code[f.hs_code]) if f.hs_code in by_code else f for f in found]


def _complete(item: LineItem, twin: LineItem) -> LineItem:
    """A table item with the values only its text twin has."""
    filled = {k: getattr(twin, k) for k in ("hs_code", "net_weight_kg", "gross_weight_kg", "quantity", "unit",
                                            "value") if getattr(item, k) is None and getattr(twin, k) is not None}
    if not item.description and twin.description:
        filled["description"] = twin.description
    return replace(item, **filled) if filled else item


def hs_after_label(text: str) -> tuple[str, int, int] | None:
    """An HS code written after its label in running text, with the span of label and code."""
    for label in _HS_LABEL.finditer(text):
        m = _HS_DIGITS.match(text, label.end())
        if m is None:
            continue
        code = normalise_hs(m.group().strip())
        if code is not None:
            return code, label.start(), m.end()
    return None


def _marked_weights(text: str) -> dict[str, float]:
    """Weights with a unit in a goods line: '1,324.80 KGS G.W.' is gross, 'N.W. 1,200 KG' net;
    one without a mark is taken as gross (what carriers and chambers print)."""
    out: dict[str, float] = {}
    for m in _MARKED_WEIGHT.finditer(text):
        weight = parse_weight(m.group(0), default_unit=None)
        if weight is None:
            continue
        around = text[max(0, m.start() - 8): m.end()]
        key = "net_weight_kg" if _NET_MARK.search(around) and not _GROSS_MARK.search(m.group(0)) else (
            "gross_weight_kg")
        out.setdefault(key, weight)
    return out


def _same_column(seg: Segment, anchor: Segment, tol: float) -> bool:
    """Whether a segment starts where the anchor's column starts (left-aligned text of one cell)."""
    return abs(seg.bbox[0] - anchor.bbox[0]) <= tol


def noted_items(layout: PageLayout) -> list[LineItem]:
    """Items of a free-text goods block, one per 'HS CODE: ...' note: the description is the text
    above the note in its column (back to the previous note or the block's opening line), the weights
    those lines carry with a unit."""
    items: list[LineItem] = []
    tol = layout.text_height * 3
    previous_note = -1
    for li, line in enumerate(layout.lines):
        for seg in line:
            found = hs_after_label(seg.text)
            if found is None:
                continue
            code, start, _ = found
            parts, first = [], li
            before = seg.text[:start].strip(" ,;:")
            if before:
                parts.append(before)
            else:
                parts, first = _description_above(layout, li, seg, previous_note, tol)
            texts = [join_words(s.words) for i in range(first, li + 1) for s in layout.lines[i]
                     if not _same_column(s, seg, tol) or i == li]
            weights = _marked_weights(" | ".join(texts))
            desc = fix_formulas(re.sub(r"\s+", " ", " ".join(parts)).strip(" ,;:"))
            boxes = {"hs_code": seg.bbox}
            items.append(LineItem(description=desc, hs_code=code, page=layout.page, bbox=seg.bbox, boxes=boxes,
                                  **weights))
            previous_note = li
            break
    return items


def _description_above(layout: PageLayout, li: int, anchor: Segment, stop: int,
                       tol: float) -> tuple[list[str], int]:
    """The description lines over an HS note, top-down, and the index of the first one."""
    parts: list[str] = []
    first = li
    bottom = anchor.bbox[1]
    for i in range(li - 1, max(stop, li - 1 - _MAX_DESCRIPTION_LINES), -1):
        segs = [s for s in layout.lines[i] if _same_column(s, anchor, tol)]
        if not segs:
            break
        seg = segs[0]
        if _BLOCK_START.search(seg.text) or bottom - (seg.bbox[1] + seg.bbox[3]) > layout.text_height * 2.5:
            break
        parts.insert(0, seg.text)
        first, bottom = i, seg.bbox[1]
    return parts, first


# "01  2846901920  氧化镝 DYSPROSIUM OXIDE": an item number, a tariff code, the description.
_LISTED = re.compile(r"^[^\w]*(\d{1,2}|[oO0-9tlIi|]{1,2})[.)]?\s+(\d{4}[.\s]?\d{2}(?:[.\s]?\d{2}){0,2})(?!\d)\s*(.*)$")
_VALUE = re.compile(r"\b(USD|EUR|CNY|RMB|JPY|HKD|GBP)\s*([\d.,]+\d)")


def listed_items(layout: PageLayout) -> list[LineItem]:
    """Goods printed as numbered lines, each with its tariff code, the quantity and value on the
    indented line under it. The numbers must run 1, 2, 3...: dates and references are not items."""
    items: list[LineItem] = []
    for li, line in enumerate(layout.lines):
        text = join_words([w for s in line for w in s.words])
        m = _LISTED.match(text)
        if m is None or (m.group(1).isdigit() and int(m.group(1)) != len(items) + 1):
            continue  # a garbled number ("ot" for "01") is let through on the strength of its code
        code = normalise_hs(m.group(2))
        if code is None or len(code) < 8:
            continue
        below = join_words([w for s in layout.lines[li + 1] for w in s.words]) if li + 1 < len(layout.lines) else ""
        qty = re.match(r"\s*([\d.,]+\d|\d)(?:\s*([A-Za-z]+|[\u3400-\u9fff]+))?", below)
        value = _VALUE.search(below)
        box = union_box([w.bbox for s in line for w in s.words])
        items.append(LineItem(
            description=fix_formulas(m.group(3).strip()), hs_code=code,
            quantity=parse_number(qty.group(1)) if qty else None,
            unit=quantity_unit(qty.group(2)) if qty and qty.group(2) else None,
            value=parse_number(value.group(2)) if value else None,
            page=layout.page, bbox=box, boxes={"hs_code": box}))
    return items
