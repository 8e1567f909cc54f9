"""Turn one document's OCR pages into its contract fields and line items."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from inspector.extract import normalise as nz
from inspector.extract.classify import classify
from inspector.extract.correct import Rereader, correct_document
from inspector.extract.items import read_items
from inspector.extract.keyvalue import Candidate, find_candidates
from inspector.extract.labels import ENUMERATOR, is_label
from inspector.extract.layout import PageLayout, Segment, page_layout
from inspector.extract.tables import Table, read_table
from inspector.models import FIELD_KINDS, BBox, DocType, FieldValue, LineItem, OcrPage

_HOW_ORDER = {"total": 0, "inline": 0, "cell": 1, "right": 2, "below": 3, "loose": 4}
# A party's name sits under its label far more often than in the next column.
_PARTY_ORDER = {"total": 0, "inline": 0, "cell": 1, "below": 2, "right": 3, "loose": 4}
_REF = re.compile(r"[A-Z0-9][A-Z0-9\-/.]{2,29}", re.IGNORECASE)


def _reference(text: str) -> str | None:
    """A document reference such as INV-2026-0042: the first token holding a digit."""
    for token in _REF.findall(text.replace(" ", " ")):
        token = token.strip(".-/")
        if any(c.isdigit() for c in token) and len(token) >= 3:
            return token.upper()
    return None


_NOT_A_NAME = re.compile(r"\b(from|to|no\.?|number|date|refs?|r\w{0,4}ences?)\W*$"
                         r"|force\s+majeure|jurisdiction|neither\s+party", re.IGNORECASE)
MAX_NAME_WORDS = 10


# A company's legal form, after which a one-line party block goes on with the address.
_LEGAL_FORM = re.compile(r"\b(?:co\.?,?\s*ltd|pte\.?\s*ltd|ltd|limited|gmbh|b\.\s?v|n\.\s?v|nv|bv|inc|llc|corp"
                         r"|corporation|plc|s\.\s?a|ag|kk|k\.k|co)\b\.?(?=\s*,\s*\S)", re.IGNORECASE)
# Two or three capitals alone: a Chinese label half misread ("收货人" read as "WEA"), not a name.
_LABEL_DEBRIS = re.compile(r"^[A-Z]{2,4}$")


def _name_only(name: str) -> str:
    """'Elbe Trading GmbH, Hafenweg 110, 70173 Stuttgart': the name, without the address after it."""
    for m in _LEGAL_FORM.finditer(name):
        rest = name[m.end():].lstrip(" ,")
        if not _LEGAL_FORM.match(rest) and not re.match(r"(?:ltd|limited)\b", rest, re.IGNORECASE):
            return name[: m.end()]
    return name


def _party(text: str) -> str | None:
    """A party's name; label debris ("2: Invoice Number", "BEA From") and clauses are not names."""
    name = _name_only(nz.clean_party(text))
    letters = sum(c.isalpha() for c in name)
    if letters < 3 or ENUMERATOR.match(name) or _NOT_A_NAME.search(name) or _LABEL_DEBRIS.match(name):
        return None
    first, _, rest = name.partition(" ")
    if rest and re.search(r"[\u3400-\u9fff]", first) and is_label(rest):
        return None  # "发标号 Invoice No. 2026964252": a misread Chinese label and its English half
    if is_label(name):
        return None
    return name if len(name.split()) <= MAX_NAME_WORDS else None


def _place(text: str) -> str | None:
    """A port or place: English name when both scripts are printed, country suffix dropped,
    all-capitals turned to title case ("NANSHA, CHINA" -> "Nansha")."""
    cleaned = re.sub(r"\s+", " ", text).strip(" ,.;:、，。")
    latin = re.sub(r"[\u3400-\u9fff]+", " ", cleaned).strip(" ,.;:")
    if sum(c.isalpha() for c in latin) >= 2:
        cleaned = re.sub(r"\s+", " ", latin)
    parts = [p.strip() for p in cleaned.split(",")]
    if len(parts) > 1 and nz.country_code(parts[-1]):
        cleaned = ", ".join(parts[:-1])
    cleaned = re.sub(r"\s+(CY|CFS|PORT)$", "", cleaned, flags=re.IGNORECASE)
    cleaned = _GARBLED_LEAD.sub("", cleaned)
    if cleaned.isupper():
        cleaned = cleaned.title()
    if not re.search(r"[A-Za-z]{3}|[\u3400-\u9fff]{2}", cleaned):
        return None  # "e3} 本": debris, not a place
    return cleaned


# Debris of a misread Chinese name before the English one: "14 Busan", "45 DS Antwerp", "Bl Xiamen".
_GARBLED_LEAD = re.compile(r"^(?:(?:\S*[\d#*{}|\\~^@$%&]\S*|[A-Z]{2,5}|(?!(?:La|Le|El|Al|St|De|Da|Do)\b)[A-Z][a-z])\s+)+"
                           r"(?=[A-Z][a-z]{2,})")
_VOYAGE = re.compile(r"(\s*[/\s]\s*|\s+)(V(OY)?\.?\s*)?[A-Z]{0,3}\d[\w-]*$", re.IGNORECASE)


def _vessel(text: str) -> str | None:
    """A vessel name without its voyage number ("EVER GLORY V.071E" -> "EVER GLORY")."""
    name = re.sub(r"\s+", " ", text).strip(" ,.;:/")
    name = _VOYAGE.sub("", name).strip(" ,.;:/")
    name = re.sub(r"\s+(V|VOY|VOYAGE)\.?$", "", name, flags=re.IGNORECASE).strip(" ,.;:/")
    name = re.sub(r"[\u3400-\u9fff]+", " ", name).strip()
    letters = sum(c.isalpha() for c in name)
    return name if letters >= 3 and not re.search(r"\bvoy", name, re.IGNORECASE) else None


def _packages(text: str) -> int | None:
    """A package count: a figure in brackets wins ("SIXTY-THREE (63) DRUMS")."""
    bracket = re.search(r"\((\d{1,7})\)", text)
    if bracket:
        return int(bracket.group(1))
    if re.match(r"^\s*[A-Z]{1,4}[-\s]?\d{4,}", text, re.IGNORECASE):
        return None  # a reference such as HX265749, not a count
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
    if cand.how == "inline" and not cand.label.rstrip().endswith((":", "：", ".")):
        return "loose"
    return cand.how


_SUFFIX_LINE = re.compile(r"^(co\.?,?\s*)?(ltd|limited|inc|gmbh|llc|corp|corporation|b\.?\s?v|n\.?\s?v)\s*\.?$"
                          r"|^(有限公司|股份有限公司)$", re.IGNORECASE)


def _unwrap(cand: Candidate) -> str:
    """A company name that wraps onto the next line ("... Materials Co.," / "Ltd.")."""
    if cand.block and (cand.text.rstrip().endswith(",") or _SUFFIX_LINE.match(cand.block[0].strip())):
        tail = re.sub(r"\s+\.", ".", cand.block[0].strip())
        return f"{cand.text.rstrip()} {tail}"
    return cand.text


_GROSS = re.compile(r"gross|g\.\s?w|毛重", re.IGNORECASE)
_NET = re.compile(r"net|n\.\s?w|净重", re.IGNORECASE)


_SLASH_LOOKALIKE = re.compile(r"(?<=\d) ?[1lI|] ?(?=\d)")


def _slash_read_as_one(text: str, gross_first: bool) -> tuple[str, str] | None:
    """(gross, net) under a shared label whose "/" OCR read as a 1 ("777.6 / 720" as "777.61720"):
    the one split at a 1 (or l, I, |) into two figures where gross is at least net and at most one and a half times
    it; None when no split, or more than one, fits."""
    fits = []
    for m in _SLASH_LOOKALIKE.finditer(text):
        first, second = text[:m.start()], text[m.end():]
        gross, net = (first, second) if gross_first else (second, first)
        g, n = nz.parse_number(gross), nz.parse_number(net)
        if g is not None and n is not None and 0 < n <= g <= 1.5 * n:
            fits.append((gross, net))
    return fits[0] if len(fits) == 1 else None


def _pair_part(name: str, cand: Candidate) -> str:
    """One half of a value under a shared label: "毛重/净重 Gross/Net (kg)" over "24084 / 24000"."""
    if cand.part >= 0 and len(halves := [p for p in cand.text.split("/") if p.strip()]) == 2:
        return halves[cand.part]
    if FIELD_KINDS[name] != "weight" or ("/" not in cand.text and not _SLASH_LOOKALIKE.search(cand.text)):
        return cand.text
    gross, net = _GROSS.search(cand.label), _NET.search(cand.label)
    if gross and net and "/" not in cand.text:
        split = _slash_read_as_one(cand.text, gross_first=gross.start() < net.start())
        return cand.text if split is None else split[0 if name == "total_gross_weight_kg" else 1]
    parts = [p for p in cand.text.split("/") if p.strip()]
    if not (gross and net) or len(parts) != 2:
        return cand.text
    gross_first = gross.start() < net.start()
    return parts[0 if gross_first == (name == "total_gross_weight_kg") else 1]


def _best(cands: list[Candidate], name: str) -> FieldValue | None:
    order = _PARTY_ORDER if FIELD_KINDS[name] == "party" else _HOW_ORDER
    ordered = sorted(cands, key=lambda c: (c.rank, order[_how(c)]))
    for cand in ordered:
        if is_label(cand.text):
            continue
        text = _pair_part(name, cand) if FIELD_KINDS[name] != "party" else _unwrap(cand)
        if name == "vessel" and cand.how == "cell" and cand.block and "/" not in text:
            text = f"{text} {cand.block[0]}"  # "CMA CGM" / "TROCADERO/160W" wrapped in a narrow box
        value = _parser_for(name, cand.label)(text)
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
    # Fields whose label was found but whose value could not be read: where the value should be.
    unread: dict[str, FieldValue] = field(default_factory=dict)


def _containers(layouts: list[PageLayout]) -> FieldValue | None:
    """Every container number on the document, in reading order."""
    found: list[str] = []
    first: tuple[int, Any, float] | None = None
    for layout in layouts:
        for seg in layout.segments():
            for number in nz.containers_in(seg.text):
                if number not in found:
                    found.append(number)
                    first = first or (layout.page, seg.bbox, seg.confidence)
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


def _table_columns(tables: list[Table]) -> dict[str, FieldValue]:
    """Origin, destination and invoice columns of a goods table, when every item agrees."""
    out: dict[str, FieldValue] = {}
    refs = [(_reference(t), box, tb.page) for tb in tables for t, box in tb.column_cells.get("invoice", [])]
    refs = [r for r in refs if r[0]]
    if refs:
        out["invoice_number"] = FieldValue(refs[0][0], refs[0][0], refs[0][2], refs[0][1], 0.85)
    for key, name in (("origin", "country_of_origin"), ("destination", "country_of_destination")):
        cells = [c for t in tables for c in t.column_cells.get(key, [])]
        codes = {nz.country_code(text) for text, _ in cells}
        if cells and len(codes) == 1 and None not in codes:
            text, box = cells[0]
            out[name] = FieldValue(codes.pop(), text, tables[0].page, box, 0.85)
    return out


_INVOICE_REF = re.compile(r"(?:invoice\s*n[o0]\.?|发票(?:号码?|编号)?)\s*[:：]?\s*([A-Z0-9][A-Z0-9\-/]{3,29})",
                          re.IGNORECASE)


def _invoice_reference(layouts: list[PageLayout]) -> FieldValue | None:
    """An invoice number cited anywhere in running text ("发票 Invoice No. 2026441833")."""
    for layout in layouts:
        for seg in layout.segments():
            m = _INVOICE_REF.search(seg.text)
            if m and any(c.isdigit() for c in m.group(1)):
                return FieldValue(m.group(1).upper(), m.group(0), layout.page, seg.bbox, seg.confidence)
    return None


def _currency_fallback(text: str) -> FieldValue | None:
    for code in re.findall(r"\b(USD|EUR|CNY|RMB|JPY|HKD|GBP|KRW|SGD)\b", text):
        norm = nz.normalise_currency(code)
        if norm:
            return FieldValue(norm, code, None, None, 0.7)
    return None


def extract_document(pages: list[OcrPage], *, reread: Rereader | None = None) -> Extraction:
    """Classify a document and read its fields and line items from its OCR pages."""
    layouts: list[PageLayout] = [page_layout(p) for p in pages]
    text = "\n".join(p.text for p in pages)
    title = " ".join(s.text for s in layouts[0].segments()[:12]) if layouts else ""
    doc_type = classify(text, title).type
    tables = [t for t in (read_table(lay) for lay in layouts) if t is not None]
    skip = frozenset((t.page, li) for t in tables for li in t.lines)
    fields: dict[str, FieldValue] = {}
    unread: dict[str, FieldValue] = {}
    for name in FIELD_KINDS:
        if name == "container_numbers":
            continue
        cands = find_candidates(layouts, name, doc_type, skip)
        value = _best(cands, name)
        if value is not None:
            fields[name] = value
        elif cands and not _NOT_APPLICABLE.match(cands[0].text) and not _STRAY_MARK.match(cands[0].text):
            first = cands[0]
            unread[name] = FieldValue(None, first.text, first.page, first.bbox, first.confidence)
    for name, value in {**_from_tables(tables), **_table_columns(tables)}.items():
        fields.setdefault(name, value)
    if "invoice_number" not in fields and (ref := _invoice_reference(layouts)) is not None:
        fields["invoice_number"] = ref
    if doc_type == DocType.PACKING_LIST and "document_number" not in fields and "invoice_number" in fields:
        fields["document_number"] = fields["invoice_number"]  # a packing list numbered by its invoice
    items = read_items(doc_type, layouts, tables)
    for name, value in _unlabelled(doc_type, layouts, skip, items).items():
        fields.setdefault(name, value)
    if "currency" not in fields and (cur := _currency_fallback(text)):
        fields["currency"] = cur
    if (containers := _containers(layouts)) is not None:
        fields["container_numbers"] = containers
    if (doc_type == DocType.BILL_OF_LADING and "consignee" not in fields and "exporter" in fields
            and (consignee := _box_under(layouts, fields["exporter"])) is not None):
        fields["consignee"] = consignee
    for name in NOT_DECLARED.get(doc_type, ()):
        fields.pop(name, None)
    items = tuple(_without_package_count(i) for i in items)
    fields, items = correct_document(doc_type, fields, items, layouts, reread)  # see correct.py
    missing = {name: fv for name, fv in unread.items()
               if name not in fields and name not in NOT_DECLARED.get(doc_type, ())}
    return Extraction(doc_type, fields, items, text, missing)


def items_of(tables: list[Table]) -> list[LineItem]:
    """All items of a document's tables."""
    return [item for t in tables for item in t.items]


_ROUTE = re.compile(r"\bfrom\s+(.+?)\s+to\s+(.+?)(?:\s+by\s+\w+)?\s*$", re.IGNORECASE)
_ORIGIN_TITLE = re.compile(r"certificate\s+of\s+origin\s+of\s+(?:the\s+)?([a-z'’. ]{4,40})", re.IGNORECASE)
_PACKAGE_COUNT = re.compile(r"^[A-Z\- ]*\((\d{1,6})\)\s+[A-Z]+\s+OF\s+", re.IGNORECASE)


def _segment_value(layouts: list[PageLayout], skip: frozenset, rx: re.Pattern[str]):
    """The first match of a pattern in a segment outside tables, with the segment."""
    for layout in layouts:
        for li, line in enumerate(layout.lines):
            if (layout.page, li) in skip:
                continue
            for seg in line:
                if (m := rx.search(seg.text)) is not None:
                    return m, seg
    return None


_DATE_TEXT = re.compile(r"\d{4}[/.\-年]\s*\d{1,2}[/.\-月]\s*\d{1,2}日?|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
                        r"|\d{1,2}[\s\-]+[A-Za-z]{3,9}\.?[\s\-]+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}")


_VALIDITY = re.compile(r"valid\s*(until|to|thru|through)|expir|有效(截止)?(日期|期)", re.IGNORECASE)


def _written_dates(layouts: list[PageLayout], skip: frozenset, without_validity: bool = False) -> list[FieldValue]:
    """Every date written outside the tables, in reading order; with `without_validity`, not the end of
    a validity ("Valid until", 有效截止日期: on the label's line, in the label's box or the box beside it)."""
    dates: list[FieldValue] = []
    for layout in layouts:
        expiry_cells: set[BBox | None] = set()
        if without_validity:
            labelled = {layout.cell_of(s.bbox) for s in layout.segments() if _VALIDITY.search(s.text)} - {None}
            expiry_cells = (labelled | {layout.cell_right(cell) for cell in labelled}) - {None}
        for li, line in enumerate(layout.lines):
            if (layout.page, li) in skip or (without_validity and _VALIDITY.search(line[0].text)):
                continue
            dates += [d for seg in line if layout.cell_of(seg.bbox) not in expiry_cells
                      and (d := _date_in(seg)) is not None]
    return dates


def _earliest_date(layouts: list[PageLayout], skip: frozenset) -> FieldValue | None:
    """A licence is dated by its issue: the earliest date that is not the end of its validity."""
    return min(_written_dates(layouts, skip, without_validity=True), key=lambda d: d.value, default=None)


def _latest_date(layouts: list[PageLayout], skip: frozenset) -> FieldValue | None:
    """A document without a dated label is dated where it is signed: its latest date."""
    return max(_written_dates(layouts, skip), key=lambda d: d.value, default=None)


_ORIGIN_SENTENCE = re.compile(r"(?:originat\w*\s+in|produced\s+in|issued\s+in|made\s+in)\s+(?:the\s+)?"
                              r"([A-Za-z'’ ]{4,40}?)(?=\s+and\b|\s*[.,;]|\s*$)|原产于\s*(\S{2,8}?)(?=[,，。]|$)",
                              re.IGNORECASE)
# "Shipped from Nansha, China to Hamburg, Germany by sea": the country after the port of destination.
_ROUTE_COUNTRY = re.compile(r"\bfrom\s+.+?\s+to\s+[A-Za-z .'’-]+?,\s*([A-Za-z'’ ]{4,40}?)(?=\s+by\b|\s*[.,;]|\s*$)",
                            re.IGNORECASE)
_EXPORTED_TO = re.compile(r"(?:exported|shipped|consigned)\s+to\s+(?:the\s+)?([A-Za-z'’ ]{4,40}?)(?=\s*[.,;]|\s*$)"
                          r"|出口至\s*(\S{2,8}?)(?=[,，。]|$)", re.IGNORECASE)


def _country_sentence(layouts: list[PageLayout], skip: frozenset, rx: re.Pattern[str]) -> FieldValue | None:
    """A country named in a certificate's running text ("... originate in the People's Republic of
    China", "... the goods exported to GERMANY")."""
    for text, seg in _sentences(layouts, skip):
        for m in rx.finditer(text):
            name = next(g for g in m.groups() if g)
            if (code := nz.country_code(name.strip())) is not None:
                return FieldValue(code, m.group(0), seg.page, seg.bbox, seg.confidence * 0.9)
    return None


def _sentences(layouts: list[PageLayout], skip: frozenset) -> Iterator[tuple[str, Segment]]:
    """Each segment's text, then the same run on into the next line (a sentence wraps)."""
    for layout in layouts:
        for li, line in enumerate(layout.lines):
            if (layout.page, li) in skip:
                continue
            nxt = layout.lines[li + 1][0].text if li + 1 < len(layout.lines) else ""
            for si, seg in enumerate(line):
                yield seg.text, seg
                if si == len(line) - 1 and nxt:
                    yield f"{seg.text} {nxt}", seg


_AMOUNT = re.compile(r"\d[\d,]*\.\d{2}\b")


def _item_origin(layouts: list[PageLayout]) -> FieldValue | None:
    """A declaration listing origin per item ("950 千克 USD 2,299.00 原产国 中国"): the country closing
    every priced goods line, when they all name the same one."""
    found: list[FieldValue] = []
    for layout in layouts:
        for line in layout.lines:
            text = " ".join(s.text for s in line)
            last = re.split(r"[\s:：]+", text.strip())[-1]
            if _AMOUNT.search(text) and len(last) >= 2 and (code := nz.country_code(last)) is not None:
                found.append(FieldValue(code, last, line[-1].page, line[-1].bbox, line[-1].confidence * 0.85))
    return found[0] if found and len({f.value for f in found}) == 1 else None


def _certificate_countries(layouts: list[PageLayout], skip: frozenset) -> dict[str, FieldValue]:
    """Origin and destination of a certificate of origin, from its title or its declaration text."""
    out: dict[str, FieldValue] = {}
    origin = (_title_country(layouts[0]) if layouts else None) or _country_sentence(layouts, skip, _ORIGIN_SENTENCE)
    if origin is not None:
        out["country_of_origin"] = origin
    destination = _country_sentence(layouts, skip, _EXPORTED_TO) or _country_sentence(layouts, skip, _ROUTE_COUNTRY)
    if destination is not None:
        out["country_of_destination"] = destination
    return out


def _title_country(layout: PageLayout) -> FieldValue | None:
    """'CERTIFICATE OF ORIGIN / OF / THE PEOPLE'S REPUBLIC OF CHINA': the country under the title."""
    for li, line in enumerate(layout.lines):
        for seg in line:
            if re.search(r"certificate\s+of\s+origin", seg.text, re.IGNORECASE):
                x0, x1 = seg.bbox[0] - seg.bbox[2] // 2, seg.bbox[0] + seg.bbox[2] * 3 // 2
                under = [s for ln in layout.lines[li: li + 4] for s in ln
                         if s.bbox[0] < x1 and s.bbox[0] + s.bbox[2] > x0]
                text = " ".join(s.text for s in under)
                if (m := _ORIGIN_TITLE.search(text)) and (code := nz.country_code(m.group(1))):
                    return FieldValue(code, m.group(0), layout.page, seg.bbox, seg.confidence)
    return None


# A value that says there is none: a labelled field left empty on purpose, not an unreadable one.
# A blank box reads as nothing or as a stray mark or two (the comma of "Licence No,"): not unread.
_STRAY_MARK = re.compile(r"^[^\w]{1,2}$")
_NOT_APPLICABLE = re.compile(r"^\W*(n/?a|nil|none|not\s+(required|applicable)|无|不适用|-+)\W*$", re.IGNORECASE)
# Fields a document type does not declare for the whole shipment, though a label may suggest it: a
# certificate of origin's "gross weight or other quantity" is a column of its goods, per item.
NOT_DECLARED: dict[DocType, frozenset[str]] = {
    DocType.CERTIFICATE_OF_ORIGIN: frozenset({"total_net_weight_kg", "total_gross_weight_kg"}),
}
# The boxes where a certificate is signed: the authority's, and the exporter's declaration of the same day.
_CERTIFYING = re.compile(r"certification|certifying\s+authority|declaration\s+by\s+the\s+exporter|签证机构|证明",
                         re.IGNORECASE)


def _certified_date(layouts: list[PageLayout]) -> FieldValue | None:
    """A certificate is dated where the authority certifies it: the latest date in the signing boxes."""
    found: list[FieldValue] = []
    for layout in layouts:
        for li, line in enumerate(layout.lines):
            for seg in line:
                cell = layout.cell_of(seg.bbox)
                if cell is None or not _CERTIFYING.match(ENUMERATOR.sub("", seg.text)):
                    continue
                inside = layout.in_cell(cell, li - 1)
                found += [d for s in inside if (d := _date_in(s)) is not None]
    return max(found, key=lambda d: d.value) if found else None


def _date_in(seg: Segment) -> FieldValue | None:
    m = _DATE_TEXT.search(seg.text)
    date = _date(m.group(0)) if m else None
    return FieldValue(date, m.group(0), seg.page, seg.bbox, seg.confidence * 0.9) if m and date else None


def _box_under(layouts: list[PageLayout], shipper: FieldValue) -> FieldValue | None:
    """A bill of lading stacks its party boxes: shipper, consignee, notify party. When the consignee's
    label could not be read, the party in the box under the shipper's is the consignee."""
    layout = next((lay for lay in layouts if lay.page == shipper.page), None)
    cell = layout.cell_of(shipper.bbox) if layout is not None and shipper.bbox else None
    if layout is None or cell is None:
        return None
    under = layout.cell_under(cell, same_width=False)
    for seg in layout.in_cell(under)[:2] if under is not None else []:  # the first line may be the label, misread
        if is_label(seg.text):
            return None  # a readable label: not ours (or it would have been found)
        if (name := _party(seg.text)) is not None and _COMPANY.search(name):
            return FieldValue(name, seg.text, seg.page, seg.bbox, round(seg.confidence * 0.8, 3))
    return None


def _unlabelled(doc_type: DocType, layouts: list[PageLayout], skip: frozenset,
                items: list[LineItem]) -> dict[str, FieldValue]:
    """Fields printed without a label of their own: a route line, a certificate's title country,
    a package count written into the goods description, a signing date."""
    out: dict[str, FieldValue] = {}
    if (found := _segment_value(layouts, skip, _ROUTE)) is not None:
        m, seg = found
        for name, group in (("port_of_loading", 1), ("port_of_discharge", 2)):
            if (place := _place(m.group(group))) is not None:
                out[name] = FieldValue(place, m.group(group), seg.page, seg.bbox, seg.confidence)
    if doc_type == DocType.CERTIFICATE_OF_ORIGIN:
        out.update(_certificate_countries(layouts, skip))
    if doc_type == DocType.EXPORT_DECLARATION and (origin := _item_origin(layouts)) is not None:
        out["country_of_origin"] = origin
    counted = [(m, item) for item in items if (m := _PACKAGE_COUNT.match(item.description))]
    if counted:
        m, first = counted[0]
        total = sum(int(m.group(1)) for m, _ in counted)
        out["packages"] = FieldValue(total, "; ".join(m.group(0) for m, _ in counted), first.page,
                                     first.boxes.get("description", first.bbox), 0.85)
    certified = _certified_date(layouts) if doc_type == DocType.CERTIFICATE_OF_ORIGIN else None
    # A licence's latest date is the end of its validity: it is dated by its earliest (the issue).
    undated = _earliest_date(layouts, skip) if doc_type == DocType.EXPORT_LICENCE else _latest_date(layouts, skip)
    if (date := certified or undated) is not None:
        out["date"] = date
    if (exporter := _issuer(layouts)) is not None:
        out["exporter"] = exporter
    return out


_COMPANY = re.compile(r"\b(co\.?,?\s*ltd|company|limited|inc|corp(oration)?|gmbh|llc|plc|b\.?v|n\.?v|s\.?a)\.?$"
                      r"|有限公司$", re.IGNORECASE)


def _issuer(layouts: list[PageLayout]) -> FieldValue | None:
    """Who issued a document without an exporter label: the company signing 'For and on behalf
    of', else the company in the letterhead."""
    segs = [s for lay in layouts for s in lay.segments()]
    for i, seg in enumerate(segs[:-1]):
        if re.search(r"(for\s+and\s+)?on\s+behalf\s+of", seg.text, re.IGNORECASE):
            nxt = segs[i + 1]
            if _COMPANY.search(nxt.text.strip()):
                return FieldValue(nz.clean_party(nxt.text), nxt.text, nxt.page, nxt.bbox, nxt.confidence * 0.9)
    head = layouts[0].lines[:3] if layouts else ()
    for seg in (s for line in head for s in line):
        if _COMPANY.search(seg.text.strip()):
            return FieldValue(nz.clean_party(seg.text), seg.text, seg.page, seg.bbox, seg.confidence * 0.85)
    return None


def _without_package_count(item: LineItem) -> LineItem:
    """'ELEVEN (11) DRUMS OF TERBIUM OXIDE' describes terbium oxide."""
    m = _PACKAGE_COUNT.match(item.description)
    return replace(item, description=item.description[m.end():]) if m else item
