"""Dates in the numeric, English month-name and Chinese forms found on trade papers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from inspector.extract.normalise._ocr import prepare

MIN_YEAR, MAX_YEAR = 1900, 2100
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEP = r"\s*[-/.]\s*"
_ORD = r"(?:st|nd|rd|th)?"
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
_HAN = "〇零○一二三四五六七八九十"

Parts = tuple[int, int, int]  # year, month, day


def _ymd(m: re.Match[str]) -> Parts:
    return int(m["y"]), int(m["m"]), int(m["d"])


def _numeric_dmy(m: re.Match[str]) -> Parts:
    """Day first (the international convention) unless only month-first is possible."""
    a, b = int(m["a"]), int(m["b"])
    if a <= 12 < b:
        return int(m["y"]), a, b
    return int(m["y"]), b, a


def _named(m: re.Match[str]) -> Parts:
    return int(m["y"]), _MONTHS[m["mon"][:3]], int(m["d"])


def _han(m: re.Match[str]) -> Parts:
    year = int("".join(str(_HAN_DIGITS[c]) for c in m["y"]))
    return year, _han_number(m["m"]), _han_number(m["d"])


def _han_number(s: str) -> int:
    """一 .. 三十一 written with 十 as tens ("十二" = 12, "二十" = 20, "三十一" = 31)."""
    if "十" not in s:
        return _han_digit(s)
    tens, _, units = s.partition("十")
    return (_han_digit(tens) if tens else 1) * 10 + (_han_digit(units) if units else 0)


def _han_digit(s: str) -> int:
    """One Chinese digit; anything else gives 99, which no date accepts."""
    return _HAN_DIGITS.get(s, 99)


_B, _E = r"(?<!\d)", r"(?!\d)"
_D, _M, _Y = r"(?P<d>\d{1,2})", r"(?P<m>\d{1,2})", r"(?P<y>\d{4})"
_NAMED_GAP = r"[\s\-/.,]*"
_FORM_SOURCES: tuple[tuple[str, Callable[[re.Match[str]], Parts]], ...] = (
    # 年 is often read as 干, 午 or 牛 and 日 as 曰 or 目: the digits around them still make the date.
    (rf"{_Y}\s*[年干午牛]\s*{_M}\s*[月]\s*{_D}{_E}", _ymd),
    (rf"(?P<y>[{_HAN}]{{4}})\s*年\s*(?P<m>[{_HAN}]{{1,2}})\s*月\s*(?P<d>[{_HAN}]{{1,3}})", _han),
    (rf"{_B}{_Y}{_SEP}{_M}{_SEP}{_D}{_E}", _ymd),
    (rf"{_B}(?P<a>\d{{1,2}}){_SEP}(?P<b>\d{{1,2}}){_SEP}{_Y}{_E}", _numeric_dmy),
    (rf"{_B}{_D}{_ORD}(?:\s+of)?{_NAMED_GAP}{_MON}{_NAMED_GAP}{_Y}{_E}", _named),
    (rf"(?<![a-z]){_MON}{_NAMED_GAP}{_D}{_ORD}{_NAMED_GAP}{_Y}{_E}", _named),
    (rf"{_B}{_Y}{_NAMED_GAP}{_MON}{_NAMED_GAP}{_D}{_E}", _named),
    (rf"{_B}(?P<y>(?:19|20)\d\d|2100)(?P<m>[01]\d)(?P<d>[0-3]\d){_E}", _ymd),
)
_FORMS = tuple((re.compile(src), read) for src, read in _FORM_SOURCES)


def parse_date(text: str | None) -> dt.date | None:
    """The first date written in `text`, or None if there is none or it is impossible.

    Read forms: 2026-03-12, 2026/03/12, 2026.03.12, 20260312, 12/03/2026, 12.03.2026,
    12 Mar 2026, 12-MAR-2026, Mar 12, 2026, March 12th 2026, 2026年3月12日 (spaces allowed)
    and 二〇二六年三月十二日. Numeric day/month orders are read DAY FIRST (the international
    convention: 03/12/2026 is 3 December) unless only month first is possible (03/25/2026 is
    25 March). Years must be written in full (1900-2100). An impossible date (2026-02-30) gives
    None rather than another reading.
    """
    t = prepare(text or "").casefold()
    hits = [
        (m.start(), -len(m.group()), i, m)
        for i, (rx, _) in enumerate(_FORMS)
        for m in rx.finditer(t)
    ]
    if not hits:
        return None
    _, _, index, match = min(hits, key=lambda h: h[:3])
    return _valid(*_FORMS[index][1](match))


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
