"""Party names: cleaned for display and reduced to a key for comparisons."""

from __future__ import annotations

import re
import unicodedata

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_LEADING_LABEL = re.compile(r"^[\s:：;；,，.。\-–—|/\\]+")
_TRAILING_JUNK = re.compile(r"[\s:：;；,，|/\\\-–—]+$")
_LEGAL_SUFFIX_WORDS = """
    co company ltd limited llc gmbh inc incorporated corp corporation plc sa ag bv nv srl spa
    sarl sas pte pty llp lp kg oy ab as jsc ojsc pjsc ooo bhd sdn tbk pvt kk private
"""
LEGAL_SUFFIXES = frozenset(_LEGAL_SUFFIX_WORDS.split())
_CODE = re.compile(r"(?=\w*\d)\w{6,}")  # a token of six or more characters with a digit: a code, not a name
# Longest first so that 股份有限公司 is removed whole.
CHINESE_LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司")


def clean_party(text: str | None) -> str:
    """A party name as read, tidied for display.

    Whitespace runs become one space, OCR spaces between Chinese characters go, and label
    remnants (a leading ":" or "：", trailing separators) are stripped; the name itself is kept.
    """
    t = re.sub(r"\s+", " ", (text or "").replace("\u3000", " "))
    t = _CJK_GAP.sub("", t)
    return _TRAILING_JUNK.sub("", _LEADING_LABEL.sub("", t))


def normalise_party_key(text: str | None) -> str:
    """A comparison key for a party name: casefolded, without punctuation or legal suffixes.

    "ABC Trading Co., Ltd." and "abc trading company limited" share the key "abc trading";
    "中国五矿集团有限公司" gives "中国五矿集团". Only trailing suffixes are removed.
    """
    t = unicodedata.normalize("NFKC", clean_party(text)).casefold()
    t = re.sub(r"[^\w]+|_", " ", re.sub(r"['’]", "", t))
    words = _join_initials(t.split())
    while words and (words[-1] in LEGAL_SUFFIXES or _CODE.fullmatch(words[-1])):
        words.pop()  # legal forms, and a registration code printed after the name ("... Co., Ltd. 3759040982")
    return _strip_chinese_suffix(_CJK_GAP.sub("", " ".join(words)))


def _join_initials(words: list[str]) -> list[str]:
    """Runs of single Latin letters become one word ("s a" from "S.A." -> "sa")."""
    return re.sub(r"\b([a-z]) (?=[a-z]\b)", r"\1", " ".join(words)).split()


def _strip_chinese_suffix(key: str) -> str:
    for suffix in CHINESE_LEGAL_SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)].rstrip()
    return key
