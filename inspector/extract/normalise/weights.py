"""Weights with their unit (kg, tonnes, pounds, grams; English and Chinese) converted to kg."""

from __future__ import annotations

import re

from inspector.extract.normalise._ocr import prepare
from inspector.extract.normalise.numbers import find_number
from inspector.models import LineItem

KG_PER_UNIT: dict[str, float] = {"kg": 1.0, "t": 1000.0, "lb": 0.45359237, "g": 0.001}

# Longest spellings first: regex alternation is ordered, not longest-match.
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("kg", r"kilo(?:gram(?:me)?s?|s)?|k\.?\s?g[sm]?\.?|公斤|[千干]\s*克"),  # 干克: 千克 as OCR often reads it
    ("t", r"metric\s+ton(?:ne)?s?|ton(?:ne)?s?|tne|m/t|m\.t\.?|mts?|吨|噸"),
    ("lb", r"pounds?|lbs?\.?|磅"),
    ("g", r"gram(?:me)?s?|grm|克"),  # GRM: the UN/ECE code, beside KGM and TNE
)
# Single letters ("t", "g") are units only right after a number: "G.W." and "T/T" are not.
_LETTERS: tuple[tuple[str, str], ...] = (("t_letter", r"t"), ("g_letter", r"g"))


def _alternation(pairs: tuple[tuple[str, str], ...]) -> str:
    return "|".join(f"(?P<{name}>{pattern})" for name, pattern in pairs)


_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(?:" + _alternation(_SPELLINGS + _LETTERS) + r")(?![a-z])")
_OTHER_UNIT = re.compile(r"\s*[^\W\d_]")
# Tonnes are written with three decimals ("4.850 MT"): there a lone point before three digits is the
# decimal mark, not the thousands separator parse_number takes it for in "1.234" (a comma stays a
# thousands separator: "1,000 MT").
_TONNES_DECIMAL = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_UNIT_ANYWHERE = re.compile(r"(?<![a-z])(?:" + _alternation(_SPELLINGS) + r")(?![a-z])")


def weight_unit(text: str | None) -> str | None:
    """The weight unit of `text` as "kg", "t", "lb" or "g"; None if absent or ambiguous.

    A unit written right after a number wins ("25 MT", "480千克", "500 g"). Otherwise one
    spelled-out unit anywhere counts ("Net weight (KGS)"); single letters ("t", "g") count only
    after a number, and two different units without a number to attach them give None.
    """
    t = prepare(text or "").casefold()
    m = _UNIT_AFTER_NUMBER.search(t)
    if m:
        return (m.lastgroup or "").split("_")[0]
    units = {m.lastgroup for m in _UNIT_ANYWHERE.finditer(t)}
    return units.pop() if len(units) == 1 else None


def parse_weight(text: str | None, default_unit: str | None = "kg") -> float | None:
    """The weight in `text` converted to kilograms, or None.

    The number follows parse_number's rules ("12.500,00 KGS", "1,102.31 LBS", "净重: 480 千克");
    without a unit `default_unit` applies (pass None to require one). In tonnes a lone point before
    three digits is a decimal point ("4.850 MT" is 4,850 kg). A number followed by some other unit
    ("480 PCS") and a negative weight give None.
    """
    found = find_number(text or "")
    if found is None or found[0] < 0:
        return None
    value, match, prepared = found
    unit = weight_unit(text)
    if unit is None and _OTHER_UNIT.match(prepared, match.end()):
        return None  # "480 PCS", "480 CBM": a quantity, not a weight
    unit = unit or default_unit
    if unit not in KG_PER_UNIT:
        return None
    if unit == "t" and _TONNES_DECIMAL.fullmatch(match.group()):
        value = float(match.group())  # "4.850 MT" is 4.85 tonnes, not 4,850
    return round(value * KG_PER_UNIT[unit], 6)


def item_net_kg(item: LineItem) -> float | None:
    """A goods line's net kg: its net weight, else its quantity when counted in a weight unit."""
    if item.net_weight_kg is not None:
        return float(item.net_weight_kg)
    unit = weight_unit(f"1 {item.unit}") if item.unit and item.quantity is not None else None
    return float(item.quantity) * KG_PER_UNIT[unit] if unit in KG_PER_UNIT else None
