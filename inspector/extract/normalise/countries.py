"""Country names, codes and phrases (English and Chinese) to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from rapidfuzz import fuzz, process

from inspector.paths import resource

# The shipped copy was flattened to the first path; the second is the layout of the source.
COUNTRY_CSV_CANDIDATES = (
    ("data", "locations", "country-codes.csv"),
    ("data", "locations", "country-codes", "country-codes.csv"),
)
FUZZY_MIN_SCORE = 88.0  # rapidfuzz ratio; "Gemany" scores 92 against "Germany"
FUZZY_MIN_LETTERS = 5
_ENGLISH_COLUMNS = (
    "UNTERM English Short",
    "UNTERM English Formal",
    "official_name_en",
    "CLDR display name",
    "ISO4217-currency_country_name",
)
_CHINESE_COLUMNS = ("UNTERM Chinese Short", "official_name_cn", "UNTERM Chinese Formal")


def _alias_table(spec: str) -> Mapping[str, str]:
    """Parse "CODE: name | name" lines into a read-only name -> code table."""
    table = {}
    for line in filter(None, map(str.strip, spec.splitlines())):
        code, _, names = line.partition(":")
        table.update({name.strip(): code.strip() for name in names.split("|")})
    return MappingProxyType(table)


# Common English names the CSV lacks, written as _key() writes them (folded, no "the").
ENGLISH_ALIASES = _alias_table("""
    US: usa | united states | america | us of america
    GB: uk | united kingdom | great britain | britain | england | scotland | wales
    KR: south korea | korea republic of | korea rep | korea south
    KP: north korea | dprk | korea dpr
    VN: vietnam | viet nam
    HK: hong kong | hongkong | hong kong sar | hong kong sar china | hong kong china | hksar
    MO: macau | macao | macao sar china | macau sar china
    TW: taiwan | taiwan china | taiwan province of china | chinese taipei
    TR: turkey | turkiye
    AE: uae | emirates
    NL: holland | netherlands | nederland
    DE: deutschland
    RU: russia
    CN: prc | pr china | p r china | peoples republic of china | mainland china | china prc
    IR: iran
    LA: laos
    SY: syria
    MD: moldova
    TZ: tanzania
    BO: bolivia
    VE: venezuela
    BN: brunei
    CZ: czech republic
    CI: ivory coast
    SZ: swaziland
    MM: burma
    CV: cape verde
    TL: east timor
    VA: vatican
    MK: macedonia
    CD: dr congo | democratic republic of congo
    CG: republic of congo
""")
# Keys that name a country only when they are the whole text ("US" is also a word).
WHOLE_TEXT_ONLY = frozenset({"us", "u s"})
CHINESE_ALIASES = _alias_table("""
    US: 美国
    GB: 英国
    KR: 韩国 | 南韩
    KP: 朝鲜
    RU: 俄罗斯 | 俄国
    AE: 阿联酋
    HK: 香港 | 中国香港
    MO: 澳门 | 中国澳门
    TW: 台湾 | 中国台湾
    CN: 中国 | 中华人民共和国
    IR: 伊朗
    LA: 老挝
    SY: 叙利亚
    BO: 玻利维亚
    VE: 委内瑞拉
    TZ: 坦桑尼亚
    MD: 摩尔多瓦
    CD: 刚果(金)
    SA: 沙特
    AU: 澳洲
    ID: 印尼
    NL: 荷兰
    DE: 德国
    VN: 越南
    MY: 马来西亚
    TH: 泰国
    IN: 印度
    JP: 日本
    SG: 新加坡
""")

_LATIN_WORD = re.compile(r"&|[A-Za-z\u00c0-\u024f]+(?:[.'’][A-Za-z\u00c0-\u024f]+)*\.?")


@dataclass(frozen=True)
class CountryIndex:
    """Lookup tables built once from the country CSV and the alias tables."""

    alpha2: frozenset[str]
    alpha3: Mapping[str, str]
    english: Mapping[str, str]  # _key(name) -> alpha-2
    chinese: Mapping[str, str]  # NFKC name -> alpha-2
    chinese_pattern: re.Pattern[str]
    max_words: int
    fuzzy_choices: tuple[str, ...]


def _words(text: str) -> list[tuple[str, int]]:
    """Latin words of `text` as comparison keys with their offsets ("the" dropped)."""
    out = []
    for m in _LATIN_WORD.finditer(text):
        word = "and" if m.group() == "&" else _fold(m.group())
        if word and word != "the":
            out.append((word, m.start()))
    return out


def _fold(word: str) -> str:
    """Casefold, strip accents and drop dots and apostrophes ("U.S.A." -> "usa")."""
    plain = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in plain if c.isascii() and c.isalpha())


def _key(text: str) -> str:
    """Comparison key of an English name."""
    return " ".join(w for w, _ in _words(unicodedata.normalize("NFKC", text)))


def _name_variants(name: str) -> set[str]:
    """The name, and the name without its parenthesised part ("Bolivia (...)" -> "Bolivia")."""
    name = name.replace("(the)", "").strip()
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    return {n for n in (name, bare) if n}


@functools.lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """The lookup tables (read once per process from the shipped CSV)."""
    with _country_csv().open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("ISO3166-1-Alpha-2", "").strip()]
    english = _unambiguous(
        (_key(v), r["ISO3166-1-Alpha-2"]) for r in rows for c in _ENGLISH_COLUMNS
        for v in _name_variants(r.get(c) or "")
    )  # fmt: skip
    english.update(ENGLISH_ALIASES)
    chinese = _unambiguous(
        (unicodedata.normalize("NFKC", r[c]).strip(), r["ISO3166-1-Alpha-2"])
        for r in rows for c in _CHINESE_COLUMNS if (r.get(c) or "").strip()
    )  # fmt: skip
    chinese.update({unicodedata.normalize("NFKC", k): v for k, v in CHINESE_ALIASES.items()})
    return _build(rows, english, chinese)


def _country_csv() -> Path:
    """The shipped country CSV (the first candidate path that exists)."""
    paths = [resource(*parts) for parts in COUNTRY_CSV_CANDIDATES]
    return next((p for p in paths if p.is_file()), paths[0])


def _unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Name -> code, leaving out names the CSV gives to two different codes."""
    seen: dict[str, set[str]] = {}
    for name, code in pairs:
        if name:
            seen.setdefault(name, set()).add(code)
    return {name: codes.pop() for name, codes in seen.items() if len(codes) == 1}


def _build(
    rows: list[dict[str, str]], english: dict[str, str], chinese: dict[str, str]
) -> CountryIndex:
    names = sorted(chinese, key=len, reverse=True)
    return CountryIndex(
        alpha2=frozenset(r["ISO3166-1-Alpha-2"] for r in rows),
        alpha3=MappingProxyType({r["ISO3166-1-Alpha-3"]: r["ISO3166-1-Alpha-2"] for r in rows}),
        english=MappingProxyType(english),
        chinese=MappingProxyType(chinese),
        chinese_pattern=re.compile("|".join(map(re.escape, names))),
        max_words=max(k.count(" ") + 1 for k in english),
        fuzzy_choices=tuple(k for k in english if len(k.replace(" ", "")) >= FUZZY_MIN_LETTERS),
    )


def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of the one country named in `text`, else None.

    Reads codes ("DE", "DEU"), English and Chinese names, official or common ("Federal Republic
    of Germany", "U.S.A.", "Korea, Republic of", "香港"), a name inside a short phrase
    ("Hamburg, Germany", "MADE IN CHINA", "Hamburg, DE") and, for names of 5+ letters, small OCR
    errors ("Gemany"). Two different countries in the text give None.
    """
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t:
        return None
    exact = _whole_code(t) or _whole_name(t)
    if exact:
        return exact
    found = set(countries_in(t))
    if found:
        return found.pop() if len(found) == 1 else None
    return _trailing_code(t) or _fuzzy(t)


def countries_in(text: str | None) -> list[str]:
    """Alpha-2 codes of every country named in `text`, in order of appearance, without repeats.

    For transit lists: "via Singapore and Malaysia" -> ["SG", "MY"], "经新加坡转运" -> ["SG"].
    Bare codes are not read here ("IN" is also a word); names are matched exactly.
    """
    t = unicodedata.normalize("NFKC", text or "")
    index = country_index()
    hits = _english_hits(t, index) + [
        (m.start(), index.chinese[m.group()]) for m in index.chinese_pattern.finditer(t)
    ]
    return list(dict.fromkeys(code for _, code in sorted(hits)))


def _english_hits(text: str, index: CountryIndex) -> list[tuple[int, str]]:
    """Longest-first matches of index names over the words of `text`."""
    words, hits, i = _words(text), [], 0
    while i < len(words):
        for n in range(min(index.max_words, len(words) - i), 0, -1):
            key = " ".join(w for w, _ in words[i : i + n])
            if key in index.english and key not in WHOLE_TEXT_ONLY and len(key) >= 2:
                hits.append((words[i][1], index.english[key]))
                i += n - 1
                break
        i += 1
    return hits


def _whole_code(text: str) -> str | None:
    """The text is nothing but an alpha-2 or alpha-3 code."""
    bare = text.strip(" .,;:()[]").upper()
    index = country_index()
    if len(bare) == 2 and bare in index.alpha2:
        return bare
    return index.alpha3.get(bare) if len(bare) == 3 and bare.isalpha() else None


def _whole_name(text: str) -> str | None:
    index = country_index()
    return index.english.get(_key(text)) or index.chinese.get(text.strip(" .,;:。，"))


def _trailing_code(text: str) -> str | None:
    """An upper-case code after the last comma: "Hamburg, DE"."""
    m = re.search(r",\s*([A-Z]{2,3})[\s.]*$", text)
    return _whole_code(m.group(1)) if m else None


def _fuzzy(text: str) -> str | None:
    """A close English name for the whole text or one comma-separated part of it."""
    parts = [text] + [p for p in re.split(r"[,;/|\n]", text) if p.strip()]
    codes = {c for c in map(_fuzzy_one, dict.fromkeys(_key(p) for p in parts)) if c}
    return codes.pop() if len(codes) == 1 else None


def _fuzzy_one(key: str) -> str | None:
    """The country of the names close to `key`, if all of them name the same country."""
    if len(key.replace(" ", "")) < FUZZY_MIN_LETTERS:
        return None
    index = country_index()
    best = process.extract(
        key, index.fuzzy_choices, scorer=fuzz.ratio, limit=5, score_cutoff=FUZZY_MIN_SCORE
    )
    codes = {index.english[name] for name, _, _ in best}
    return codes.pop() if len(codes) == 1 else None
