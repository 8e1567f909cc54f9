"""An inspector's typed correction turned into the value the checks compare, with the engine's own
normalisers for the field's kind (weights with their unit, dates, HS codes, countries, containers...).

An empty value clears the field. A value that cannot be read as the field's kind is refused with a
CaseworkError saying what is expected, in both languages; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from inspector.casework.errors import CaseworkError
from inspector.extract import normalise as nz
from inspector.models import FIELD_KINDS, Message
from inspector.wording import field_name

# The columns of a goods line an inspector may correct, with their kind.
ITEM_KINDS: dict[str, str] = {
    "description": "line",
    "hs_code": "hs",
    "quantity": "number",
    "unit": "line",
    "net_weight_kg": "weight",
    "gross_weight_kg": "weight",
    "value": "number",
}
# Names rather than references: kept as written, not upper-cased.
_AS_WRITTEN = {"port_of_loading": "line", "port_of_discharge": "line", "vessel": "line"}
_SEPARATORS = re.compile(r"\s*(?:[,;/、，；]|\band\b)\s*", re.IGNORECASE)

# What each kind expects, for the refusal's message.
_EXPECTED: dict[str, Message] = {
    "text": Message("a reference such as LIC-2026-000077", "编号，例如 LIC-2026-000077"),
    "line": Message("some text", "文字"),
    "date": Message("a date such as 2026-05-14", "日期，例如 2026-05-14"),
    "party": Message("a company name", "公司名称"),
    "country": Message("a country name or ISO code such as US", "国家名称或代码，例如 US"),
    "country_list": Message("countries separated by commas, such as SG, MY", "以逗号分隔的国家，例如 SG, MY"),
    "container_list": Message("container numbers separated by commas, such as MSCU1234565",
                              "以逗号分隔的集装箱号，例如 MSCU1234565"),
    "currency": Message("a currency such as USD", "币种，例如 USD"),
    "number": Message("a number such as 819,630.00", "数字，例如 819,630.00"),
    "weight": Message("a weight such as 3,150 kg or 3.15 MT", "重量，例如 3,150 kg 或 3.15 MT"),
    "integer": Message("a whole number above 0", "大于 0 的整数"),
    "hs": Message("an HS code of 6 to 10 digits such as 2846.90", "6 至 10 位 HS 编码，例如 2846.90"),
}


@dataclass(frozen=True)
class ParsedValue:
    """A correction as the checks will see it: the normalised value (None: cleared) and the text typed."""

    value: Any
    raw: str


def parse_field(name: str, typed: Any) -> ParsedValue:
    """A contract field's corrected value; CaseworkError for an unknown field or an unreadable value."""
    kind = _AS_WRITTEN.get(name, FIELD_KINDS.get(name))
    if kind is None:
        raise CaseworkError(Message(f"There is no field {name!r}; the fields are: {', '.join(FIELD_KINDS)}.",
                                    f"没有字段 {name!r}；可更正的字段为：{', '.join(FIELD_KINDS)}。"))
    return _parse(name, kind, typed)


def parse_item_cell(column: str, typed: Any) -> ParsedValue:
    """A goods line's corrected cell; CaseworkError for an unknown column or an unreadable value."""
    kind = ITEM_KINDS.get(column)
    if kind is None:
        raise CaseworkError(Message(f"A goods line has no column {column!r}; the columns are: {', '.join(ITEM_KINDS)}.",
                                    f"货物明细没有 {column!r} 一栏；可更正的栏目为：{', '.join(ITEM_KINDS)}。"))
    return _parse(column, kind, typed)


def _parse(name: str, kind: str, typed: Any) -> ParsedValue:
    if typed is None or (isinstance(typed, str | list | tuple) and not typed):
        return ParsedValue(None, "")
    if isinstance(typed, int | float) and not isinstance(typed, bool) and kind in ("number", "weight", "integer"):
        typed = f"{typed}"
    text = ", ".join(map(str, typed)) if isinstance(typed, list | tuple) else str(typed)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ParsedValue(None, "")
    value = _PARSERS[kind](text)
    if value is None or value == []:
        label, expected = field_name(name), _EXPECTED[kind]
        raise CaseworkError(Message(f"'{text}' cannot be read as the {label.en}: write {expected.en}.",
                                    f"“{text}”无法识读为{label.zh}：请填写{expected.zh}。"))
    return ParsedValue(value, text)


def _reference(text: str) -> str | None:
    return text.upper() if re.search(r"[A-Za-z0-9]", text) else None


def _line(text: str) -> str | None:
    return text


def _party(text: str) -> str | None:
    return nz.clean_party(text) or None


def _date(text: str) -> str | None:
    parsed = nz.parse_date(text)
    return parsed.isoformat() if parsed else None


def _each(read: Callable[[str], str | None]) -> Callable[[str], list[str] | None]:
    """A list kind: every part between separators must read, or the whole value is refused."""
    def parse(text: str) -> list[str] | None:
        parts = [read(p) for p in _SEPARATORS.split(text) if p.strip()]
        return list(dict.fromkeys(parts)) if parts and None not in parts else None  # type: ignore[arg-type]
    return parse


def _number(text: str) -> float | None:
    value = nz.parse_number(text)
    return value if value is not None and value >= 0 else None


def _count(text: str) -> int | None:
    value = nz.parse_int(text)
    return value if value is not None and value > 0 else None


def _hs(text: str) -> str | None:
    code = nz.normalise_hs(text)
    return code if code and 6 <= len(code) <= 10 else None


_PARSERS: dict[str, Callable[[str], Any]] = {
    "text": _reference,
    "line": _line,
    "date": _date,
    "party": _party,
    "country": nz.country_code,
    "country_list": _each(nz.country_code),
    "container_list": _each(nz.normalise_container),
    "currency": nz.normalise_currency,
    "number": _number,
    "weight": lambda text: nz.parse_weight(text, default_unit="kg"),
    "integer": _count,
    "hs": _hs,
}
