"""HS tariff codes, ISO 6346 container numbers and currencies."""

from __future__ import annotations

import re
import unicodedata

# --- HS codes -----------------------------------------------------------------------------

_HS_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8"})
_HS_TOKEN = re.compile(r"[^\s:：]+")
_HS_FIXABLE = re.compile(r"[\dOoIlSB.\-]*\d[\dOoIlSB.\-]*")
# A 4-digit heading then 1 to 3 pairs, each optionally after '.', '-' or a space; or a plain run.
_HS_GROUPED = re.compile(r"(?<![\d.])\d{4}(?:(?:\s?[.\-]\s?|\s)?\d{2}){1,3}(?!\d)")
_HS_PLAIN = re.compile(r"(?<!\d)\d{6,10}(?!\d)")


def normalise_hs(text: str | None) -> str | None:
    """The HS code in `text` as 6 to 10 digits ("HS CODE: 8112.92-10 10" -> "8112921010").

    OCR look-alikes (O->0, I/l->1, S->5, B->8) are fixed only inside a token that is otherwise
    digits, dots and hyphens. None if there is no code or two different ones.
    """
    t = _HS_TOKEN.sub(_fix_hs_token, unicodedata.normalize("NFKC", text or ""))
    found = [re.sub(r"\D", "", m.group()) for m in _HS_GROUPED.finditer(t)]
    found = found or [m.group() for m in _HS_PLAIN.finditer(t)]
    codes = set(found)
    return codes.pop() if len(codes) == 1 else None


def _fix_hs_token(m: re.Match[str]) -> str:
    token = m.group()
    return token.translate(_HS_LOOKALIKES) if _HS_FIXABLE.fullmatch(token) else token


# --- Container numbers (ISO 6346) --------------------------------------------------------

_DIGITISH = r"[\dOIl]"
_CONTAINER = re.compile(
    rf"(?<![A-Za-z])(?P<owner>[A-Za-z]{{3}}[UJZujz])\s?-?\s?(?P<serial>{_DIGITISH}{{6}})"
    rf"\s?[-/(]?\s?(?P<check>{_DIGITISH})\)?(?![\dA-Za-z])"
)
_DIGIT_FIX = str.maketrans({"O": "0", "I": "1", "l": "1"})


def _letter_values() -> dict[str, int]:
    """ISO 6346 letter values: A=10, B=12 ... counting up and skipping multiples of 11."""
    values, n = {}, 10
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if n % 11 == 0:
            n += 1
        values[letter] = n
        n += 1
    return values


_LETTER_VALUES = _letter_values()


def iso6346_check_digit(owner_serial: str) -> int:
    """The ISO 6346 check digit of 4 letters + 6 digits ("CSQU305438" -> 3).

    Each character's value (digits as such, letters from the ISO table) is weighted by 2**i;
    the sum is taken modulo 11 and then modulo 10 (a remainder of 10 gives 0).
    """
    code = owner_serial.upper()
    if not re.fullmatch(r"[A-Z]{4}\d{6}", code):
        raise ValueError(f"not an owner code and serial number: {owner_serial!r}")
    values = [_LETTER_VALUES[c] if c.isalpha() else int(c) for c in code]
    return sum(v * 2**i for i, v in enumerate(values)) % 11 % 10


def iso6346_valid(number: str | None) -> bool:
    """Whether `number` is a container number whose check digit is right."""
    code = normalise_container(number)
    return code is not None and iso6346_check_digit(code[:10]) == int(code[10])


def normalise_container(text: str | None) -> str | None:
    """The one container number in `text` as 11 characters ("MSKU 123456-7" -> "MSKU1234567").

    The check digit is NOT verified here (a wrong one is a finding, see iso6346_valid).
    None if there is no container number or several different ones.
    """
    found = set(containers_in(text))
    return found.pop() if len(found) == 1 else None


def containers_in(text: str | None) -> list[str]:
    """Every container number in `text`, normalised, in order, without repeats."""
    t = unicodedata.normalize("NFKC", text or "")
    return list(dict.fromkeys(_container(m) for m in _CONTAINER.finditer(t)))


def _container(m: re.Match[str]) -> str:
    digits = (m["serial"] + m["check"]).translate(_DIGIT_FIX)
    return m["owner"].upper() + digits


# --- Currencies --------------------------------------------------------------------------

# Ordered: the first spelling that matches at a position wins, so longer ones come first.
_CURRENCY_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("USD", r"US\s?\$|U\.S\.\s?\$|U\.S\. dollars?|US dollars?|美元|美金"),
    ("HKD", r"HK\s?\$|HK dollars?|Hong Kong dollars?|港币|港元|港幣"),
    ("SGD", r"S\s?\$|SG\s?\$|Singapore dollars?|新加坡元|新币"),
    ("AUD", r"A\s?\$|AU\s?\$|Australian dollars?|澳元"),
    ("CAD", r"C\s?\$|CA\s?\$|Canadian dollars?|加元"),
    ("TWD", r"NT\s?\$|新台币"),
    ("NZD", r"NZ\s?\$"),
    ("EUR", r"€|euros?|欧元"),
    ("GBP", r"£|pounds? sterling|英镑"),
    ("JPY", r"円|日元|日圆|yen"),
    ("CNY", r"RMB|人民币|人民幣|yuan|renminbi"),
    ("KRW", r"₩|韩元"),
    ("INR", r"₹|rupees?"),
    ("RUB", r"₽|roubles?|rubles?|卢布"),
    ("CHF", r"swiss francs?|瑞士法郎"),
    ("USD", r"\$|dollars?"),
)
# ISO codes are read only in upper case (several are words: "TRY", "ALL", "TOP").
_CODE_ALIASES = {"RMB": "CNY", "CNH": "CNY"}
_CODE_WORDS = """
    USD EUR CNY JPY HKD GBP CHF SGD AUD CAD NZD KRW INR RUB MYR THB VND IDR PHP AED SAR TWD SEK
    NOK DKK PLN CZK HUF TRY BRL MXN ZAR KZT MNT LAK MMK KHR BDT PKR LKR ILS EGP NGN
"""
_CURRENCY_CODES = frozenset(_CODE_WORDS.split())
_CURRENCY = re.compile(
    "|".join(
        f"(?<![A-Za-z])(?P<c{i}>{p})(?![A-Za-z])" for i, (_, p) in enumerate(_CURRENCY_SPELLINGS)
    )
    + r"|(?<![A-Za-z])(?P<code>[A-Z]{3})(?![A-Za-z])|(?P<yen>¥)",
    re.IGNORECASE,
)
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def normalise_currency(text: str | None) -> str | None:
    """ISO 4217 code of the one currency named in `text` ("US$" -> "USD", "人民币" -> "CNY").

    "$" alone is read as USD. "¥" is ambiguous (yuan or yen): it is read only with context, that
    is another mention of CNY or JPY, Chinese text (CNY) or Japanese kana (JPY); otherwise None.
    None also when two different currencies are named.
    """
    t = unicodedata.normalize("NFKC", text or "").strip()
    whole = _code(t.upper())
    if whole:
        return whole
    found, yen = _currencies(t)
    if yen and not found:
        found = {"JPY"} if _KANA.search(t) else {"CNY"} if _HAN.search(t) else set()
    return found.pop() if len(found) == 1 else None


def _currencies(text: str) -> tuple[set[str], bool]:
    """The currencies named in `text`, and whether a bare yen/yuan sign occurs."""
    found, yen = set(), False
    for m in _CURRENCY.finditer(text):
        if m.lastgroup == "yen":
            yen = True
        elif m.lastgroup == "code":
            found.update(filter(None, [_code(m.group())]))
        else:
            found.add(_CURRENCY_SPELLINGS[int((m.lastgroup or "c0")[1:])][0])
    return found, yen


def _code(token: str) -> str | None:
    """An upper-case ISO code (or RMB/CNH, read as CNY), else None."""
    code = _CODE_ALIASES.get(token, token)
    return code if code in _CURRENCY_CODES else None
