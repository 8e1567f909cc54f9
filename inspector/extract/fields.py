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

_HOW_ORDER = {"inline": 0, "right": 1, "below": 2}
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
    cleaned = re.sub(r"\s+", " ", text).strip(" ,.;:")
    return cleaned if sum(c.isalpha() for c in cleaned) >= 2 else None


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
    "integer": nz.parse_int,
}
_PLACE_FIELDS = {"port_of_loading", "port_of_discharge", "vessel"}


def _parser_for(name: str, label: str) -> Callable[[str], Any]:
    kind = FIELD_KINDS[name]
    if name in _PLACE_FIELDS:
        return _place
    if kind == "weight":
        unit = nz.weight_unit(label) or "kg"
        return lambda text: nz.parse_weight(text, default_unit=unit)
    return _PARSERS[kind]


def _best(cands: list[Candidate], name: str) -> FieldValue | None:
    ordered = sorted(cands, key=lambda c: (c.rank, _HOW_ORDER[c.how]))
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
               "value": "total_value"}


def _from_tables(tables: list[Table]) -> dict[str, FieldValue]:
    out: dict[str, FieldValue] = {}
    for table in tables:
        for key, (value, box) in table.totals.items():
            if key in _TOTAL_KEYS:
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
