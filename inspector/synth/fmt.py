"""How paperwork writes dates, weights, money and countries, in the variants seen in practice."""

from __future__ import annotations

import datetime as dt
import random

from inspector.synth.catalogue import COUNTRIES

DATE_STYLES = ("iso", "dmy_text", "slash", "mdy_text", "upper")
CN_DATE_STYLES = ("cn", "iso", "compact")


def date(d: dt.date, style: str) -> str:
    """A date written in one of DATE_STYLES or CN_DATE_STYLES."""
    if style == "iso":
        return d.isoformat()
    if style == "dmy_text":
        return f"{d.day} {d:%b} {d.year}"
    if style == "slash":
        return f"{d:%Y/%m/%d}"
    if style == "mdy_text":
        return f"{d:%B} {d.day}, {d.year}"
    if style == "upper":
        return f"{d.day:02d}-{d:%b}-{d.year}".upper()
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "compact":
        return f"{d:%Y%m%d}"
    raise ValueError(f"unknown date style {style!r}")


def number(x: float, decimals: int = 2, thousands: bool = True) -> str:
    """A number with fixed decimals, with or without thousands separators."""
    return f"{x:,.{decimals}f}" if thousands else f"{x:.{decimals}f}"


WEIGHT_STYLES = ("kgs", "kg", "mt", "plain")


def weight(kg: float, style: str) -> str:
    """A weight as written on paper: '4,850.00 KGS', '4850.0 kg', '4.850 MT'."""
    if style == "kgs":
        return f"{number(kg)} KGS"
    if style == "kg":
        return f"{number(kg, 1, thousands=False)} kg"
    if style == "mt":
        return f"{number(kg / 1000, 3)} MT"
    if style == "plain":
        return number(kg)
    raise ValueError(f"unknown weight style {style!r}")


def pick_weight_style(rng: random.Random, kg: float) -> str:
    """A weight style; metric tonnes only where they lose no precision (3 decimals of a tonne)."""
    styles = ["kgs", "kgs", "kg"]
    if abs(kg * 1000 - round(kg * 1000)) < 1e-6 and abs(kg - round(kg)) < 1e-6:
        styles.append("mt")
    return rng.choice(styles)


def money(amount: float, currency: str, style: str = "code") -> str:
    """An amount with its currency: 'USD 12,345.00' or 'US$12,345.00'."""
    if style == "symbol":
        return f"{'US$' if currency == 'USD' else '€'}{number(amount)}"
    return f"{currency} {number(amount)}"


def quantity(q: float) -> str:
    """A quantity: integers without decimals, others with two."""
    return f"{q:,.0f}" if q == int(q) else f"{q:,.2f}"


def country(code: str, chinese: bool = False) -> str:
    """A country's English (or 'Chinese English') name from its ISO alpha-2 code."""
    en, cn = COUNTRIES[code]
    return f"{cn} {en}" if chinese else en


_ONES = ("", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN",
         "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN")
_TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")


def words(n: int) -> str:
    """An integer below a billion in English words, as in 'SAY US DOLLARS ... ONLY'."""
    if n == 0:
        return "ZERO"
    parts = []
    for scale, name in ((10**6, "MILLION"), (1000, "THOUSAND"), (1, "")):
        chunk, n = divmod(n, scale)
        if chunk:
            parts.append(f"{_hundreds(chunk)} {name}".strip())
    return " ".join(parts)


def _hundreds(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    out = [f"{_ONES[hundreds]} HUNDRED"] if hundreds else []
    if rest >= 20:
        out.append(f"{_TENS[rest // 10]}{'-' + _ONES[rest % 10] if rest % 10 else ''}")
    elif rest:
        out.append(_ONES[rest])
    return " AND ".join(out) if len(out) == 2 else " ".join(out)
