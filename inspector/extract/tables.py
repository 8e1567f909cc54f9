"""Line-item tables: find the header row, map its columns, read items and the totals row."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspector.extract.layout import PageLayout, Segment, join_words, union_box
from inspector.extract.normalise import normalise_hs, parse_number, parse_weight, weight_unit
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
    "value": r"amount|total\s*(value|price)|^value|总价|金额",
    "packages": r"packages|pkgs|cartons|件数|包装",
}
_COLUMN_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _COLUMNS.items()}
_TOTAL_RE = re.compile(r"^\s*(total|totals|sub-?total|grand\s*total|合\s*计|总\s*计)", re.IGNORECASE)
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


def _header_key(text: str) -> str | None:
    for key, rx in _COLUMN_RE.items():
        if rx.search(text.strip()):
            return key
    return None


def _find_header(layout: PageLayout) -> tuple[int, list[tuple[str, Segment]]] | None:
    for li, line in enumerate(layout.lines):
        keys = [(k, s) for s in line if (k := _header_key(s.text)) is not None]
        distinct = {k for k, _ in keys}
        if len(distinct) >= 3 and distinct & {"description", "hs_code"} and distinct & set(_NUMERIC):
            return li, keys
    return None


def _columns(keyed: list[tuple[str, Segment]], width: int) -> list[Column]:
    keyed = sorted(keyed, key=lambda ks: ks[1].bbox[0])
    centres = [s.bbox[0] + s.bbox[2] / 2 for _, s in keyed]
    cols = []
    for i, (key, seg) in enumerate(keyed):
        x0 = (centres[i - 1] + centres[i]) / 2 if i else 0.0
        x1 = (centres[i] + centres[i + 1]) / 2 if i + 1 < len(keyed) else float(width)
        cols.append(Column(key, seg.bbox, x0, x1, weight_unit(seg.text)))
    return cols


def _assign(words: tuple[Word, ...], cols: list[Column]) -> dict[str, list[Word]]:
    cells: dict[str, list[Word]] = {}
    for w in words:
        cx = w.bbox[0] + w.bbox[2] / 2
        col = next((c for c in cols if c.x0 <= cx < c.x1), None)
        if col is not None:
            cells.setdefault(col.key, []).append(w)
    return cells


def _cell_value(key: str, text: str, col: Column) -> float | str | None:
    if key in ("net_weight_kg", "gross_weight_kg"):
        return parse_weight(text, default_unit=col.unit or "kg")
    if key in ("quantity", "value"):
        return parse_number(text)
    if key == "hs_code":
        return normalise_hs(text)
    return text.strip() or None


def _row(cells: dict[str, list[Word]], cols: dict[str, Column]) -> dict[str, float | str | None]:
    return {k: _cell_value(k, join_words(ws), cols[k]) for k, ws in cells.items() if k in cols}


def _make_item(row: dict, desc: str, page: int, cells: dict[str, list[Word]]) -> LineItem:
    boxes = {k: union_box([w.bbox for w in ws]) for k, ws in cells.items()}
    unit = row.get("unit")
    return LineItem(
        description=desc, hs_code=row.get("hs_code"), quantity=row.get("quantity"),
        unit=unit if isinstance(unit, str) else None,
        net_weight_kg=row.get("net_weight_kg"), gross_weight_kg=row.get("gross_weight_kg"),
        value=row.get("value"), page=page, bbox=union_box(list(boxes.values())), boxes=boxes,
    )


def _numbers_in(row: dict) -> int:
    return sum(1 for k in _NUMERIC if isinstance(row.get(k), float))


def read_table(layout: PageLayout) -> Table | None:
    """The line-item table of a page, or None when the page has none."""
    found = _find_header(layout)
    if found is None:
        return None
    header_li, keyed = found
    cols = _columns(keyed, layout.width)
    by_key = {c.key: c for c in cols}
    table = Table(layout.page, cols, lines={header_li})
    pending: list[tuple[dict, list[str], dict[str, list[Word]]]] = []
    misses = 0
    for li in range(header_li + 1, len(layout.lines)):
        words = tuple(w for seg in layout.lines[li] for w in seg.words)
        text = join_words(words)
        cells = _assign(words, cols)
        row = _row(cells, by_key)
        if _TOTAL_RE.match(text) or (pending and _TOTAL_RE.match(join_words(cells.get("description", [])))):
            table.totals = {k: (v, union_box([w.bbox for w in cells[k]])) for k, v in row.items()
                            if k in _NUMERIC and isinstance(v, float)}
            table.lines.add(li)
            break
        if _numbers_in(row) >= 2 or (row.get("hs_code") and _numbers_in(row) >= 1):
            desc = join_words(cells.get("description", []))
            pending.append((row, [desc] if desc else [], cells))
            table.lines.add(li)
            misses = 0
        elif pending and cells.get("description") and len(cells) <= 2:
            pending[-1][1].append(join_words(cells["description"]))
            table.lines.add(li)
        else:
            misses += 1
            if misses >= 2 or not pending:
                if not pending and misses < 2:
                    continue
                break
    table.items = [_make_item(row, " ".join(d), layout.page, cells) for row, d, cells in pending]
    return table if table.items or table.totals else None
