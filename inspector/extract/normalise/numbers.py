"""Numbers as printed on trade papers, in either decimal convention, to float or int."""

from __future__ import annotations

import re

from inspector.extract.normalise._ocr import prepare

# A number: digits with '.', ',' or apostrophe separators, or a space before exactly 3 digits.
NUMBER = re.compile(r"(?<!\d)\d+(?:(?:[.,'’]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
# OCR stray spaces around a separator, repaired only where the result is a thousands group
# ("12, 500.00") or the decimal part after one ("12,500. 00").
_SPACED_GROUP = re.compile(r"(?<=\d) ?([.,]) ?(?=\d{3}(?!\d))")
_SPACED_DECIMAL = re.compile(r"(?<=\d[.,]\d{3}) ?([.,]) ?(?=\d)")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+")


def parse_number(text: str | None) -> float | None:
    """The one number in `text` as a float, or None when there is none or more than one.

    Both conventions are read: "12,500.00", "12.500,00", "12 500,5", "12'500.00". When both '.'
    and ',' occur, the last one is the decimal mark. A lone separator followed by exactly three
    digits is read as a THOUSANDS separator ("1,234" and "1.234" are 1234), unless the integer
    part is 0 or longer than three digits ("0.125", "1234.567"). A leading '-' or surrounding
    parentheses ("(12.5)") make the number negative. Currency codes and units around the number
    are ignored ("USD 12,500.00"); separators that cannot be a grouping ("1.2.3") give None.
    """
    found = find_number(text or "")
    return None if found is None else found[0]


def parse_int(text: str | None) -> int | None:
    """The one whole number in `text` (a package count such as "120 CTNS" or "120件"), else None."""
    value = parse_number(text)
    if value is None or not value.is_integer():
        return None
    return int(value)


def find_number(text: str) -> tuple[float, re.Match[str], str] | None:
    """The single number of `text` with its match in the prepared text, or None."""
    prepared = _SPACED_DECIMAL.sub(r"\1", _SPACED_GROUP.sub(r"\1", prepare(text)))
    matches = list(NUMBER.finditer(prepared))
    if len(matches) != 1:
        return None
    value = digits_to_float(matches[0].group())
    if value is None:
        return None
    sign = -1.0 if _is_negative(prepared, matches[0]) else 1.0
    return sign * value, matches[0], prepared


def digits_to_float(raw: str) -> float | None:
    """Interpret one matched number string (see parse_number for the rules)."""
    spaced = any(c in raw for c in " \u00a0\u202f'’")
    s = re.sub(r"[ \u00a0\u202f'’]", "", raw)
    marks = [c for c in s if c in ".,"]
    if not marks:
        return float(s)
    if len(set(marks)) == 2 or spaced:
        return _with_decimal(s, s[max(s.rfind("."), s.rfind(","))], spaced)
    if len(marks) > 1:
        return float(s.replace(marks[0], "")) if _GROUPED.fullmatch(s) else None
    return _single_mark(s, marks[0])


def _with_decimal(s: str, decimal: str, spaced: bool) -> float | None:
    """Decimal mark known; every other mark must be a thousands separator."""
    whole, _, frac = s.rpartition(decimal)
    if not whole or frac.count(".") + frac.count(","):
        return None
    if not spaced and not (whole.isdigit() or _GROUPED.fullmatch(whole)):
        return None
    if spaced and not whole.isdigit():
        return None
    return float(f"{re.sub(r'[.,]', '', whole)}.{frac}")


def _single_mark(s: str, mark: str) -> float:
    """One separator only: thousands if exactly three digits follow (and it could group)."""
    whole, frac = s.split(mark)
    if len(frac) == 3 and whole != "0" and len(whole) <= 3:
        return float(whole + frac)
    return float(f"{whole}.{frac}")


def _is_negative(text: str, m: re.Match[str]) -> bool:
    """A '-' before the number (not a hyphen after a word) or parentheses around it."""
    before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip()
    if before.endswith("(") and after.startswith(")"):
        return True
    return before.endswith("-") and not before[-2:-1].isalnum()
