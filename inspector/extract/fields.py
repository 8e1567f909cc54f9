"""Turn one document's OCR pages into its contract fields and line items."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inspector.extract import normalise as nz
from inspector.extract.classify import classify
from inspector.extract.keyvalue import Candidate, find_candidates
from inspector.extract.layout import PageLayout, page_layout
from inspector.extract.tables import Table, read_table
from inspector.models import FIELD_KINDS, DocType, FieldValue, LineItem, OcrPage

_HOW_ORDER = {"inline": 0, "right": 1, "below": 2, "loose": 3}
_REF = re.compile(r"[A-Z0-9][A-Z0-9\-/.]{2,29}", re.IGNORECASE)


def _reference(text: str) -> str | None:
    """A document reference such as INV-2026-0042: the first token holding a digit."""
    for token in _REF.findall(text.replace(" ", " ")):
        token = token.strip(".-/")
        if any(c.isdigit() for c in token) and len(token) >= 3:
            return token.upper()
    return None


def _party(text: str) -> str | None:
    name = nz.clean_party(text)
    letters = sum(c.isalpha() for c in name)
    return name if letters >= 3 else None


def _place(text: str) -> str | None:
    """A port or place: English name when both scripts are printed, country suffix dropped,
    all-capitals turned to title case ("NANSHA, CHINA" -> "Nansha")."""
    cleaned = re.sub(r"\s+", " ", text).strip(" ,.;:")
    latin = re.sub(r"[\u3400-\u9fff]+", " ", cleaned).strip(" ,.;:")
    if sum(c.isalpha() for c in latin) >= 2:
        cleaned = re.sub(r"\s+", " ", latin)
    parts = [p.strip() for p in cleaned.split(",")]
    if len(parts) > 1 and nz.country_code(parts[-1]):
        cleaned = ", ".join(parts[:-1])
    cleaned = re.sub(r"\s+(CY|CFS|PORT)$", "", cleaned, flags=re.IGNORECASE)
    if cleaned.isupper():
        cleaned = cleaned.title()
    return cleaned if sum(c.isalpha() for c in cleaned) >= 2 else None


_VOYAGE = re.compile(r"(\s*[/\s]\s*|\s+)(V(OY)?\.?\s*)?[A-Z]{0,3}\d[\w-]*$", re.IGNORECASE)


def _vessel(text: str) -> str | None:
    """A vessel name without its voyage number ("EVER GLORY V.071E" -> "EVER GLORY")."""
    name = re.sub(r"\s+", " ", text).strip(" ,.;:/")
    name = _VOYAGE.sub("", name).strip(" ,.;:/")
    name = re.sub(r"[\u3400-\u9fff]+", " ", name).strip()
    letters = sum(c.isalpha() for c in name)
    return name if letters >= 3 and not re.search(r"\bvoy", name, re.IGNORECASE) else None


def _packages(text: str) -> int | None:
    """A package count: a figure in brackets wins ("SIXTY-THREE (63) DRUMS")."""
    bracket = re.search(r"\((\d{1,7})\)", text)
    if bracket:
        return int(bracket.group(1))
    count = nz.parse_int(text)
    return count if count is not None and count > 0 else None


def _date(text: str) -> str | None:
    parsed = nz.parse_date(text)
    return parsed.isoformat() if parsed else None


def _countries(text: str) -> list[str] | None:
    found = nz.countries_in(text)
    return found or None


# Parser per field kind: text -> normalised value, or None when the text is not such a value.
_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": _reference,
    "date": _date,
    "party": _party,
    "country": nz.country_code,
    "country_list": _countries,
    "currency": nz.normalise_currency,
    "number": nz.parse_number,
    "integer": _packages,
}
_PLACE_FIELDS = {"port_of_loading", "port_of_discharge"}


def _parser_for(name: str, label: str) -> Callable[[str], Any]:
    kind = FIELD_KINDS[name]
    if name in _PLACE_FIELDS:
        return _place
    if name == "vessel":
        return _vessel
    if kind == "weight":
        unit = nz.weight_unit(label) or "kg"
        return lambda text: nz.parse_weight(text, default_unit=unit)
    return _PARSERS[kind]


def _how(cand: Candidate) -> str:
    """A label glued to its value without a colon ("SHIPPER'S LOAD") is the weakest evidence."""
    if cand.how == "inline" and not cand.label.rstrip().endswith((":", "：")):
        return "loose"
    return cand.how


def _best(cands: list[Candidate], name: str) -> FieldValue | None:
    ordered = sorted(cands, key=lambda c: (c.rank, _HOW_ORDER[_how(c)]))
    for cand in ordered:
        value = _parser_for(name, cand.label)(cand.text)
        if value is not None:
            conf = cand.confidence * (1.0 if cand.how != "below" else 0.95)
            return FieldValue(value, cand.text, cand.page, cand.bbox, round(conf, 3))
    return None


@dataclass(frozen=True)
class Extraction:
    """What was read from one document."""

    type: DocType
    fields: dict[str, FieldValue]
    items: tuple[LineItem, ...]
    text: str


def _containers(pages: list[OcrPage]) -> FieldValue | None:
    found: list[str] = []
    first: tuple[int, Any, float] | None = None
    for page in pages:
        for w_idx, word in enumerate(page.words):
            window = " ".join(w.text for w in page.words[w_idx: w_idx + 3])
            for number in nz.containers_in(window):
                if number not in found and window.replace(" ", "").upper().startswith(number[:4]):
                    found.append(number)
                    first = first or (page.number, word.bbox, word.conf / 100)
    if not found or first is None:
        return None
    return FieldValue(found, " ".join(found), first[0], first[1], round(first[2], 3))


_TOTAL_KEYS = {"net_weight_kg": "total_net_weight_kg", "gross_weight_kg": "total_gross_weight_kg",
               "value": "total_value", "packages": "packages"}


def _table_totals(table: Table) -> dict[str, tuple[float, Any]]:
    """The totals row; a table of one item without one states its totals on that item's row."""
    if table.totals or len(table.items) != 1:
        return table.totals
    item = table.items[0]
    return {k: (getattr(item, k), item.boxes.get(k, item.bbox)) for k in _TOTAL_KEYS
            if k != "packages" and getattr(item, k) is not None}


def _from_tables(tables: list[Table]) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    for table in tables:
        for key, (value, box) in _table_totals(table).items():
            if key in _TOTAL_KEYS:
                value = int(value) if key == "packages" else value
                out.setdefault(_TOTAL_KEYS[key], FieldValue(value, str(value), table.page, box, 0.9))
    return out


def _currency_fallback(text: str) -> FieldValue | None:
    for code in re.findall(r"\b(USD|EUR|CNY|RMB|JPY|HKD|GBP|KRW|SGD)\b", text):
        norm = nz.normalise_currency(code)
        if norm:
            return FieldValue(norm, code, None, None, 0.7)
    return None


def extract_document(pages: list[OcrPage]) -> Extraction:
    """Classify a document and read its fields and line items from its OCR pages."""
    layouts: list[PageLayout] = [page_layout(p) for p in pages]
    text = "\n".join(p.text for p in pages)
    title = " ".join(s.text for s in layouts[0].segments()[:12]) if layouts else ""
    doc_type = classify(text, title).type
    tables = [t for t in (read_table(lay) for lay in layouts) if t is not None]
    skip = frozenset((t.page, li) for t in tables for li in t.lines)
    fields: dict[str, FieldValue] = {}
    for name in FIELD_KINDS:
        if name == "container_numbers":
            continue
        value = _best(find_candidates(layouts, name, doc_type, skip), name)
        if value is not None:
            fields[name] = value
    for name, value in _from_tables(tables).items():
        fields.setdefault(name, value)
    if "currency" not in fields and (cur := _currency_fallback(text)):
        fields["currency"] = cur
    if (containers := _containers(pages)) is not None:
        fields["container_numbers"] = containers
    items = tuple(item for t in tables for item in t.items)
    return Extraction(doc_type, fields, items, text)
