"""Control-family keywords: parsing keywords.csv into terms and finding terms in text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

OTHER_FAMILY = "other"

_CJK = re.compile(r"[\u3400-\u9fff]")
_TRAILING_PAREN = re.compile(r"^(?P<base>.*?)\s*[(（](?P<inner>[^()（）]*)[)）]\s*$")
_INNER_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]")
_ELEMENT_SYMBOL = re.compile(r"^[A-Z][a-z]?$")
_CONTEXT_MARKERS = ("(context)", "(背景)")
_GENERIC_TERMS = frozenset({"related technology", "grinding wheels"})  # too broad alone
_AMBIGUOUS_FORMULAS = frozenset({"WC"})  # also "water closet": never matched alone


@dataclass(frozen=True)
class Term:
    """One keyword of a family: `lang` is en (case-insensitive), formula (case-sensitive) or zh."""

    family: str
    term: str
    lang: str
    kind: str  # name | formula | trade | symbol (symbols are kept but never matched)


def has_cjk(text: str) -> bool:
    """Whether the text contains Chinese characters."""
    return bool(_CJK.search(text))


def split_list(cell: str | None) -> list[str]:
    """The `;`-separated entries of a keywords.csv cell, stripped, quotes removed."""
    parts = (p.strip().strip('"').strip() for p in (cell or "").split(";"))
    return [p for p in parts if p]


def terms_of_row(row: Mapping[str, str]) -> list[Term]:
    """Every term of one keywords.csv row, de-duplicated in order."""
    family = row["family"].strip()
    found: list[Term] = []
    found += _name_terms(family, split_list(row.get("english_names")), "name")
    found += _formula_terms(family, split_list(row.get("formulas")))
    found += _name_terms(family, split_list(row.get("trade_names")), "trade")
    found += [Term(family, t, "zh", "name") for t in _zh_terms(row.get("chinese_names"))]
    seen: set[tuple[str, str]] = set()
    return [t for t in found if (t.term, t.lang) not in seen and not seen.add((t.term, t.lang))]


def _zh_terms(cell: str | None) -> Iterator[str]:
    """Chinese names, skipping those marked as context only."""
    for entry in split_list(cell):
        if not any(m in entry for m in _CONTEXT_MARKERS):
            yield _INNER_PAREN.sub("", entry).strip()


def _name_terms(family: str, entries: Iterable[str], kind: str) -> Iterator[Term]:
    """English (or mixed) names: drop notes in brackets, keep bracketed acronyms and Chinese."""
    for entry in entries:
        if any(m in entry for m in _CONTEXT_MARKERS):
            continue
        base, inner = _split_trailing_paren(entry)
        for part in _INNER_PAREN.sub("", base).split(","):
            yield from _classified(family, part.strip(), kind)
        if inner and (has_cjk(inner) or _looks_like_formula(inner)):
            yield from _classified(family, inner, kind)


def _formula_terms(family: str, entries: Iterable[str]) -> Iterator[Term]:
    """Formulas; a bracketed extra is kept when it is an acronym or formula (e.g. CZT, APT)."""
    for entry in entries:
        if any(m in entry for m in _CONTEXT_MARKERS):
            continue
        base, inner = _split_trailing_paren(entry)
        for part in (base, inner):
            if part and _looks_like_formula(part):
                yield _formula(family, part)


def _formula(family: str, text: str) -> Term:
    """A formula term; a bare element symbol (Dy, W, In) is kept as kind `symbol`."""
    bare = _ELEMENT_SYMBOL.match(text) or text in _AMBIGUOUS_FORMULAS
    kind = "symbol" if bare else "formula"
    return Term(family, text, "formula", kind)


def _classified(family: str, text: str, kind: str) -> Iterator[Term]:
    """One name as a zh, formula or en term; generic phrases are dropped."""
    text = text.strip('"').strip()
    if not text or text.lower() in _GENERIC_TERMS:
        return
    if has_cjk(text):
        yield Term(family, text, "zh", kind)
    elif _looks_like_formula(text):
        yield _formula(family, text)
    elif len(text) >= 3:
        yield Term(family, text, "en", kind)


def _split_trailing_paren(entry: str) -> tuple[str, str]:
    """("Sb2S3", "stibnite") for "Sb2S3 (stibnite)"; (entry, "") without a trailing bracket."""
    m = _TRAILING_PAREN.match(entry)
    if not m or not m.group("base"):
        return entry, ""
    return m.group("base").strip(), m.group("inner").strip()


def _looks_like_formula(text: str) -> bool:
    """A single token with a digit or two capitals: Dy2O3, GaAs, APT, NdFeB; not 'stibnite'."""
    if " " in text or has_cjk(text):
        return False
    capitals = sum(c.isupper() for c in text)
    return (
        capitals >= 2
        or (capitals >= 1 and any(c.isdigit() for c in text))
        or (capitals == 1 and len(text) <= 2)
    )


@lru_cache(maxsize=4096)
def _pattern(term: str, lang: str) -> re.Pattern[str]:
    """The compiled pattern of a term: word-bounded, case-insensitive for English."""
    flags = re.IGNORECASE if lang == "en" else 0
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])", flags)


def find_term(text: str, term: str, lang: str) -> int:
    """Position of `term` in `text` (-1 if absent): substring for zh, word-bounded otherwise."""
    if lang == "zh":
        return text.find(term)
    m = _pattern(term, lang).search(text)
    return m.start() if m else -1


def matchable(terms: Iterable[Term]) -> list[Term]:
    """The terms used for matching descriptions (bare element symbols excluded)."""
    return [t for t in terms if t.kind != "symbol"]


def derive_family(
    item: str,
    hs_code: str | None,
    terms: Iterable[Term],
    hs6_by_family: Mapping[str, Iterable[str]],
) -> str:
    """The family of a control line: the longest keyword in its item text, else a unique HS6."""
    best: tuple[int, int] | None = None
    family = OTHER_FAMILY
    for t in [*matchable(terms), *_family_words(hs6_by_family)]:
        pos = find_term(item, t.term, t.lang)
        if pos >= 0 and (best is None or (-len(t.term), pos) < best):
            best, family = (-len(t.term), pos), t.family
    if best is None and hs_code:
        owners = [f for f, codes in hs6_by_family.items() if hs_code[:6] in set(codes)]
        family = owners[0] if len(owners) == 1 else OTHER_FAMILY
    return family


def _family_words(families: Iterable[str]) -> list[Term]:
    """Family ids that are plain words (graphite, molybdenum), as hints for deriving families."""
    return [Term(f, f, "en", "name") for f in families if f.isalpha()]
