"""Line-item tables: find the header row, map its columns, read items and the totals row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from inspector.extract.labels import TOTAL_ROW, is_label
from inspector.extract.layout import PageLayout, Segment, join_words, union_box
from inspector.extract.normalise import (
    normalise_hs,
    parse_int,
    parse_number,
    parse_weight,
    weight_unit,
)
from inspector.models import BBox, LineItem, Word

_COLUMNS: dict[str, str] = {
    "no": r"^(no\.?|item|s/?n|序号|项号)$",
    "description": r"description|goods|commodity|品名|商品名称|货物|名称|规格",
    "hs_code": r"h\.?\s?s\.?\s*(code)?$|^h\.?s\.?\s*code|tariff|商品编[号码]|海关编码|hs\s*编码|税号",
    "quantity": r"^(quantity|qty|q'ty|数量)",
    "unit": r"^(unit|单位)$",
    "unit_price": r"unit\s*price|^price|单价",
    "net_weight_kg": r"net|n\.\s?w|净重",
    "gross_weight_kg": r"gross|g\.\s?w|毛重",
    "value": r"amount|total\s*(value|price)|^value|总价|总值|金额",
    "packages": r"packages|pkgs|cartons|件数|包装",
    "currency": r"^(currency|curr\.?|币制|币种)$",
    "origin": r"origin|原产国|原产地",
    "destination": r"destination|目的国",
    "invoice": r"invoice",
    "other": r"marks|measurement|container|seal|remarks|唛",
}
_COLUMN_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _COLUMNS.items()}
_NUMERIC = ("quantity", "net_weight_kg", "gross_weight_kg", "value")


@dataclass(frozen=True)
class Column:
    """One column of a table: its key, header box and the x-range it owns."""

    key: str
    header: BBox
    x0: float
    x1: float
    unit: str | None = None  # weight unit named in the header, e.g. "kg" or "t"


@dataclass
class Table:
    """A line-item table read from one page."""

    page: int
    columns: list[Column]
    items: list[LineItem] = field(default_factory=list)
    totals: dict[str, tuple[float, BBox]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)  # visual line indexes the table covers
    column_cells: dict[str, list[tuple[str, BBox]]] = field(default_factory=dict)  # origin, invoice...


_PER_PACKAGE = re.compile(r"(/|\bper)\s*(pkg|package|bag|drum|ctn|carton|unit|pc)|每件|单件", re.IGNORECASE)


def _header_key(text: str) -> str | None:
    text = re.sub(r"^\s*\d{1,2}\s*[.)]\s*", "", text.strip())
    if _PER_PACKAGE.search(text):
        return "other"  # "N.W. / Pkg": a weight per package, not the item's weight
    for key, rx in _COLUMN_RE.items():
        if rx.search(text):
            return key
    return None


def _header_score(line: tuple[Segment, ...]) -> tuple[int, list[tuple[str, Segment]]]:
    keys = [(_header_key(s.text) or "other", s) for s in line]
    distinct = {k for k, _ in keys} - {"other"}
    weights = {"net_weight_kg", "gross_weight_kg"}
    ok = (len(distinct) >= 3 and distinct & {"description", "hs_code"} and distinct & set(_NUMERIC)) or (
        "description" in distinct and distinct & weights) or ("packages" in distinct and distinct & weights)
    return (len(distinct) if ok else 0), keys


def _merge_lines(upper: tuple[Segment, ...], lower: tuple[Segment, ...]) -> tuple[Segment, ...]:
    """A header printed on two lines: each upper segment takes the lower words under it."""
    merged = []
    for seg in upper:
        x0, x1 = seg.bbox[0], seg.bbox[0] + seg.bbox[2]
        below = [w for s in lower for w in s.words if w.bbox[0] < x1 and w.bbox[0] + w.bbox[2] > x0]
        merged.append(Segment(seg.page, seg.line, seg.words + tuple(below)))
    return tuple(merged)


def _is_header_tail(line: tuple[Segment, ...], upper: tuple[Segment, ...]) -> bool:
    """Whether a line continues the header above it: words only, each under a header cell."""
    if any(re.search(r"\d{2,}", s.text) for s in line):
        return False
    return all(any(s.bbox[0] < u.bbox[0] + u.bbox[2] and s.bbox[0] + s.bbox[2] > u.bbox[0] for u in upper)
               for s in line)


def _find_header(layout: PageLayout) -> tuple[int, list[tuple[str, Segment]]] | None:
    """The header line with the most recognised columns, merged with a second header line
    printed under it ("Number and kind of packages;" / "description of goods")."""
    lines = list(layout.lines)
    best: tuple[int, int, list[tuple[str, Segment]]] = (0, -1, [])
    for li, line in enumerate(lines):
        candidates = [(li, line)]
        if li + 1 < len(lines) and _is_header_tail(lines[li + 1], line):
            candidates.append((li + 1, _merge_lines(line, lines[li + 1])))
        for end, merged in candidates:
            score, keys = _header_score(merged)
            if score > best[0] or (score == best[0] and score and end == best[1] + 1):
                best = (score, end, keys)
    return (best[1], best[2]) if best[0] else None


def _header_lines(keys: list[tuple[str, Segment]], end: int) -> set[int]:
    """Visual lines the header occupies (one or two)."""
    return {end} | {seg.line for _, seg in keys}


def _occupancy(layout: PageLayout, start: int, width: int, lines: int = 15) -> np.ndarray:
    """How many words of the lines below the header cover each x position."""
    occ = np.zeros(width + 1, dtype=np.int32)
    for line in layout.lines[start: start + lines]:
        text = " ".join(s.text for s in line)
        if TOTAL_ROW.match(text) or is_label(text):
            break
        for seg in line:
            for w in seg.words:
                occ[max(0, w.bbox[0]): min(width, w.bbox[0] + w.bbox[2]) + 1] += 1
    return occ


def _gutter(occ: np.ndarray, lo: float, hi: float) -> float:
    """The middle of the widest empty x-run between two header centres (the cell border is there);
    the midpoint when the rows leave no gap."""
    a, b = int(lo), int(hi)
    best, best_len, run_start = (lo + hi) / 2, 0, None
    for x in range(a, b + 1):
        empty = x < len(occ) and occ[x] == 0
        if empty and run_start is None:
            run_start = x
        if (not empty or x == b) and run_start is not None:
            length = x - run_start
            if length > best_len:
                best, best_len = (run_start + x) / 2, length
            run_start = None
    return best


def _columns(keyed: list[tuple[str, Segment]], width: int, occ: np.ndarray) -> list[Column]:
    keyed = sorted(keyed, key=lambda ks: ks[1].bbox[0])
    seen: set[str] = set()
    for i, (key, seg) in enumerate(keyed):  # a second "value" column (in USD) is not the value
        keyed[i] = (key if key not in seen else "other", seg)
        seen.add(key)
    centres = [s.bbox[0] + s.bbox[2] / 2 for _, s in keyed]
    bounds = [_gutter(occ, centres[i], centres[i + 1]) for i in range(len(keyed) - 1)]
    edges = [0.0, *bounds, float(width)]
    return [Column(key, seg.bbox, edges[i], edges[i + 1], weight_unit(seg.text))
            for i, (key, seg) in enumerate(keyed)]


def _column_at(x0: float, x1: float, cols: list[Column]) -> tuple[Column | None, float]:
    """The column a horizontal extent overlaps most, and the share of the extent inside it."""
    best, share = None, 0.0
    for col in cols:
        overlap = min(x1, col.x1) - max(x0, col.x0)
        if overlap > 0 and overlap / max(1.0, x1 - x0) > share:
            best, share = col, overlap / max(1.0, x1 - x0)
    return best, share


def _assign(segments: tuple[Segment, ...], cols: list[Column]) -> dict[str, list[Word]]:
    """Words of a row by column: a segment goes whole to the column holding most of it; one that
    straddles columns is split word by word."""
    cells: dict[str, list[Word]] = {}
    for seg in segments:
        x0, _, w, _ = seg.bbox
        col, share = _column_at(x0, x0 + w, cols)
        if col is not None and share >= 0.5:
            cells.setdefault(col.key, []).extend(seg.words)
            continue
        for word in seg.words:
            wcol, _ = _column_at(word.bbox[0], word.bbox[0] + word.bbox[2], cols)
            if wcol is not None:
                cells.setdefault(wcol.key, []).append(word)
    return cells


def _cell_value(key: str, text: str, col: Column) -> float | str | int | None:
    if key in ("net_weight_kg", "gross_weight_kg"):
        return parse_weight(text, default_unit=col.unit or "kg")
    if key in ("quantity", "value"):
        return parse_number(text) if parse_number(text) is not None else _leading_number(text)
    if key == "packages":
        return parse_int(text)
    if key == "hs_code":
        return normalise_hs(text)
    return text.strip() or None


def _leading_number(text: str) -> float | None:
    """The number at the start of a cell such as '3150 千克' or '3,150 KG'."""
    m = re.match(r"\s*([\d.,]+\d)", text)
    return parse_number(m.group(1)) if m else None


def _row(cells: dict[str, list[Word]], cols: dict[str, Column]) -> dict[str, float | str | None]:
    return {k: _cell_value(k, join_words(ws), cols[k]) for k, ws in cells.items() if k in cols}


_BOILERPLATE = re.compile(
    r"shipper'?s\s*load,?\s*(count|stow)[\w\s,&]*?seal|said\s*to\s*contain:?|freight\s*(collect|prepaid)"
    r"|\bstc\b", re.IGNORECASE)
_HS_IN_TEXT = re.compile(r"(?:h\.?s\.?\s*(?:code)?|商品编码)\s*[:：]?\s*([\dOo][\d.\sOo]{3,14}\d)", re.IGNORECASE)


_FORMULA_ZERO = re.compile(
    r"\b(Dy|Tb|Nd|Pr|Sm|Gd|Y|Lu|Sc|La|Ce|Eu|Er|Ho|Sb|Ge|Ga|W|In|Bi|Te|Mo)(\d?)0(\d?)\b")


def fix_formulas(text: str) -> str:
    """OCR reads the O of oxide formulas as zero: Dy203 -> Dy2O3, Ge02 -> GeO2, W03 -> WO3."""
    return _FORMULA_ZERO.sub(lambda m: f"{m.group(1)}{m.group(2)}O{m.group(3)}", text)


def _description(parts: list[str]) -> tuple[str, str | None]:
    """Item description without carrier boilerplate, and an HS code written inside it, if any."""
    text = " ".join(parts)
    m = _HS_IN_TEXT.search(text)
    hs = normalise_hs(m.group(1)) if m else None
    if m:
        text = text[: m.start()] + text[m.end():]
    text = re.sub(r"\s+", " ", _BOILERPLATE.sub(" ", text)).strip(" ,;:")
    return fix_formulas(text), hs


_UNITS = {"KG": "KG", "KGS": "KG", "千克": "KG", "公斤": "KG", "MT": "MT", "TON": "MT", "TONS": "MT",
          "吨": "MT", "PCS": "PCS", "PC": "PCS", "件": "PCS", "个": "PCS", "SQM": "SQM", "M2": "SQM",
          "平方米": "SQM", "SETS": "SET", "SET": "SET", "套": "SET", "LBS": "LB", "LB": "LB"}


def quantity_unit(text: str | None) -> str | None:
    """A quantity unit in its usual short form (千克 -> KG), from a unit or quantity cell."""
    if not text:
        return None
    m = re.search(r"([A-Za-z]+|[\u3400-\u9fff]+)\.?\s*$", text.strip())
    return _UNITS.get(m.group(1).upper()) if m else None


def _make_item(row: dict, parts: list[str], page: int, cells: dict[str, list[Word]]) -> LineItem:
    boxes = {k: union_box([w.bbox for w in ws]) for k, ws in cells.items()}
    unit = quantity_unit(row.get("unit") if isinstance(row.get("unit"), str) else None) or quantity_unit(
        join_words(cells.get("quantity", [])))
    desc, hs_in_text = _description(parts)
    return LineItem(
        description=desc, hs_code=row.get("hs_code") or hs_in_text, quantity=row.get("quantity"),
        unit=unit,
        net_weight_kg=row.get("net_weight_kg"), gross_weight_kg=row.get("gross_weight_kg"),
        value=row.get("value"), page=page, bbox=union_box(list(boxes.values())), boxes=boxes,
    )


def _numbers_in(row: dict) -> int:
    return sum(1 for k in _NUMERIC if isinstance(row.get(k), float))


def _is_item(row: dict, cells: dict[str, list[Word]]) -> bool:
    numbers = _numbers_in(row)
    return numbers >= 2 or (numbers >= 1 and (bool(row.get("hs_code")) or "description" in cells))


_COUNTED = re.compile(r"(\d[\d,]*)\s*(big\s*bags?|bags?|drums?|cartons?|ctns?|pallets?|cases?|boxes|crates|"
                      r"packages|pkgs|cylinders|吨袋|袋|桶|箱|件|托)\b", re.IGNORECASE)


def _totals(row: dict, cells: dict[str, list[Word]]) -> dict[str, tuple[float, BBox]]:
    keys = (*_NUMERIC, "packages")
    out = {k: (float(v), union_box([w.bbox for w in cells[k]])) for k, v in row.items()
           if k in keys and isinstance(v, (int, float))}
    words = [w for ws in cells.values() for w in ws]
    if "packages" not in out and words and (m := _COUNTED.search(join_words(words))):
        out["packages"] = (float(m.group(1).replace(",", "")), union_box([w.bbox for w in words]))
    return out


def read_table(layout: PageLayout) -> Table | None:
    """The line-item table of a page, or None when the page has none.

    Columns are first bounded by the gaps of the lines under the header; once the table's rows are
    known, the gaps of those rows alone (text below the table no longer fills them) bound them again.
    """
    found = _find_header(layout)
    if found is None:
        return None
    header_li, keyed = found
    table = _read_rows(layout, header_li, keyed, _occupancy(layout, header_li + 1, layout.width))
    rows = sorted(table.lines - _header_lines(keyed, header_li))
    if rows:
        occ = _occupancy(layout, rows[0], layout.width, lines=rows[-1] - rows[0] + 1)
        again = _read_rows(layout, header_li, keyed, occ)
        if len(again.items) >= len(table.items):
            table = again
    return table if table.items or table.totals else None


def _continues(row: dict, cells: dict[str, list[Word]], item_row: dict) -> bool:
    """Whether a row with figures still belongs to the item above: the items carry an HS code and
    this row has none, nor an item number of its own (a second quantity line, the value line)."""
    if not item_row.get("hs_code") or row.get("hs_code") or "hs_code" in cells:
        return False
    number = row.get("no")
    return not (isinstance(number, str) and re.fullmatch(r"\d{1,3}", number.strip()))


def _read_rows(layout: PageLayout, header_li: int, keyed: list[tuple[str, Segment]], occ: np.ndarray) -> Table:
    cols = _columns(keyed, layout.width, occ)
    by_key = {c.key: c for c in cols}
    table = Table(layout.page, cols, lines=_header_lines(keyed, header_li))
    pending: list[tuple[dict, list[str], dict[str, list[Word]]]] = []
    last_bottom = max(s.bbox[1] + s.bbox[3] for s in layout.lines[header_li])
    for li in range(header_li + 1, len(layout.lines)):
        words = tuple(w for seg in layout.lines[li] for w in seg.words)
        top = min(w.bbox[1] for w in words)
        if top - last_bottom > layout.text_height * 10:
            break
        text = join_words(words)
        cells = _assign(layout.lines[li], cols)
        row = _row(cells, by_key)
        desc_text = join_words(cells.get("description", []))
        if TOTAL_ROW.match(text) or TOTAL_ROW.match(desc_text) or (
                not row.get("hs_code") and re.search(r"\b(total|合计|总计)\b", desc_text, re.IGNORECASE)):
            table.totals = _totals(row, cells)
            break
        if pending and is_label(text):
            break
        if _is_item(row, cells) and not (pending and _continues(row, cells, pending[-1][0])):
            desc = join_words(cells.get("description", []))
            pending.append((row, [desc] if desc else [], cells))
            for key in ("origin", "destination", "invoice"):
                if isinstance(row.get(key), str):
                    box = union_box([w.bbox for w in cells[key]])
                    table.column_cells.setdefault(key, []).append((str(row[key]), box))
        elif pending and cells.get("description") and (_numbers_in(row) == 0 or _is_item(row, cells)):
            pending[-1][1].append(join_words(cells["description"]))
        elif pending and _is_item(row, cells):
            pass  # figures of the item above on a line of their own
        elif pending and len(words) == 1 and len(words[0].text) <= 3:
            pass  # a torn-off scrap of a wrapped figure ("04" of "30,124.04" on a photo): not the table's end
        elif pending or li > header_li + 2:
            break
        table.lines.add(li)
        last_bottom = max(w.bbox[1] + w.bbox[3] for w in words)
    table.items = [_make_item(row, d, layout.page, cells) for row, d, cells in pending]
    return table
