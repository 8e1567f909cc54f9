"""Fuzzy screening of party names against watchlist entries (rapidfuzz + pypinyin).

A name is reduced to screening keys before any comparison: casefolded, accents and punctuation gone,
legal forms (Co., Ltd., LLC, GmbH, 有限公司...) and trailing trade words (Trading, Import and Export,
贸易, 进出口...) dropped, Chinese characters turned into pinyin. Each key has two forms:

- `tokens`: the words sorted, so "Ganzhou Rare Earth" and "Rare Earth Ganzhou" are equal;
- `compact`: the words in order without spaces, so "Zhong Ke San Huan" (pinyin of 中科三环), "Zhongke
  Sanhuan" and an OCR's "Zhongke San huan" are equal.

A party matches an entry when `fuzz.ratio` on the words reaches CUTOFF or on the letters reaches
LETTERS_CUTOFF (typos cost little on long names). Short keys (under MIN_FUZZY letters) must match exactly: "HTC" is not "ITC". The list
side is normalised once per `Screener` (the checks cache one per rules database state).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from inspector.db.rules.records import WatchEntry

CUTOFF = 88.0  # fuzz.ratio (0-100) on the sorted words; at or above it is a hit
# On the letters alone (word boundaries ignored) the bar is higher: "Rhein Metals" is not "Rheinmetall".
LETTERS_CUTOFF = 93.0
STRONG = 95.0  # a hit this close is the entry itself, typo aside
MIN_FUZZY = 7  # compact keys shorter than this only match exactly
MIN_KEY = 3  # compact keys shorter than this never match (initials, stray letters)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_LATIN_PART = re.compile(f"[^{_CJK}]+")
_LEGAL_TEXT = """
    co company companies ltd limited llc gmbh mbh inc incorporated corp corporation plc sa ag bv nv
    srl spa sarl sas pte pty llp lp kg oy ab as rl cv sab sapi jsc ojsc pjsc ooo oao zao bhd sdn tbk
    pvt kk de the and et und y gongsi youxian youxiangongsi gufen zeren
"""
_LEGAL_WORDS = frozenset(_LEGAL_TEXT.split())
# Words that say what a company does, not who it is: dropped at the end of a name only.
_TRADE_TEXT = """
    trading trade traders import export imports exports imp exp impex group holding holdings
    international intl enterprise enterprises jituan konggu maoyi shangmao jinchukou
"""
_TRADE_TAIL = frozenset(_TRADE_TEXT.split())
# Chinese (and Japanese) legal forms and trade words, removed from the end, longest first.
_CJK_TEXT = """
    股份有限公司 有限责任公司 有限公司 股份公司 责任公司 公司 株式会社 集团 控股 贸易 商贸 进出口 国际
    分公司 总公司 有限 股份 实业
"""
_CJK_TAIL = tuple(sorted(_CJK_TEXT.split(), key=len, reverse=True))


@dataclass(frozen=True)
class Key:
    """The two comparison forms of one name."""

    tokens: str  # words sorted, space-separated
    compact: str  # words in order, no spaces
    core: bool = False  # trailing trade words removed ("Atlas" of "Atlas Trading")

    @property
    def ordered(self) -> str:
        """The words in order, space-separated (the compact form has no spaces)."""
        return self.spaced or self.compact

    spaced: str = ""


@dataclass(frozen=True)
class Hit:
    """A watchlist entry a party name matches."""

    entry: WatchEntry
    matched_name: str  # the entry's name or the alias that matched
    score: float  # 0-100
    how: str  # "exact" | "words" | "letters" (tokens or compact form)


def _fold(text: str) -> str:
    """NFKC, casefolded, accents removed (combining marks dropped after NFKD)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))


def _latin_words(text: str) -> list[str]:
    """Words of a Latin-script part: "&" is "and", apostrophes go, initials join ("S.A." is "sa")."""
    t = re.sub(r"['’`]", "", text.replace("&", " and "))
    words = re.sub(r"[^\w]+|_", " ", t).split()
    # Initials join in pairs, so "S.A. DE C.V." gives "sa de cv" (all legal forms).
    return re.sub(r"\b(\w) (\w)\b", r"\1\2", " ".join(words)).split()


_LONG_VOCAB = tuple(sorted(w for w in _LEGAL_WORDS | _TRADE_TAIL if len(w) >= 5))


@functools.lru_cache(maxsize=65536)
def _canon(word: str) -> str:
    """A misspelt long legal form or trade word as it should be ("corporatitn", "kompany",
    "hlding"); any other word unchanged."""
    if len(word) < 5 or word in _LEGAL_WORDS or word in _TRADE_TAIL or not word.isalpha():
        return word
    best = process.extractOne(word, _LONG_VOCAB, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else word


def _strip_words(words: list[str]) -> list[list[str]]:
    """Without legal forms (anywhere): the words as they are, and without trailing trade words
    when there are some ("Stars Group Holding" and "Stars"); the original words when nothing
    would be left."""
    words = [_canon(w) for w in words]
    kept = [w for w in words if w not in _LEGAL_WORDS] or words
    core = list(kept)
    while core and core[-1] in _TRADE_TAIL:
        core.pop()
    return [kept, core] if core and core != kept else [kept]


def _strip_cjk(run: str) -> str:
    """A Chinese run without its trailing legal forms and trade words (repeatedly)."""
    changed = True
    while changed:
        changed = False
        for tail in _CJK_TAIL:
            if run.endswith(tail) and len(run) > len(tail):
                run, changed = run[: -len(tail)], True
    return run


@functools.lru_cache(maxsize=8192)
def _pinyin(run: str) -> tuple[str, ...]:
    """The pinyin syllables of a run of Chinese characters (pypinyin loaded on first use)."""
    from pypinyin import lazy_pinyin

    return tuple(s for s in lazy_pinyin(run) if s.strip())


def _key(words: Sequence[str], core: bool = False) -> Key | None:
    compact = "".join(words)
    if len(compact) < MIN_KEY:
        return None
    return Key(" ".join(sorted(words)), compact, core, " ".join(words))


@functools.lru_cache(maxsize=16384)
def screening_keys(name: str) -> tuple[Key, ...]:
    """The keys of a name. A name in Chinese gives its pinyin; a bilingual or mixed one
    ("IHI原动机株式会社", "Ganzhou Rare Earth 赣州稀土有限公司") gives a key for its Latin words, one for
    the pinyin of its Chinese, and one for both in order."""
    text = _fold(name or "")
    segments: list[tuple[bool, list[str]]] = []  # (is Chinese, words)
    for piece in re.split(f"([{_CJK}]+)", text):
        if _CJK_RUN.fullmatch(piece):
            run = "" if piece in _CJK_TAIL else _strip_cjk(piece)
            if run:
                segments.append((True, list(_pinyin(run))))
        elif piece.strip():
            segments.append((False, _latin_words(piece)))
    latin = [w for cjk, ws in segments if not cjk for w in ws]
    syllables = [w for cjk, ws in segments if cjk for w in ws]
    keys: list[Key | None] = [_key(syllables)] if syllables else []
    if latin:
        keys += [_key(w, core=i > 0) for i, w in enumerate(_strip_words(latin))]
    if latin and syllables:
        both = [w for cjk, ws in segments
                for w in (ws if cjk else [c for c in map(_canon, ws) if c not in _LEGAL_WORDS])]
        keys.append(_key(both))
    return tuple(dict.fromkeys(k for k in keys if k is not None))


class Screener:
    """Watchlist entries normalised once, screened against party names with rapidfuzz.process."""

    def __init__(self, entries: Iterable[WatchEntry], cutoff: float = CUTOFF,
                 letters_cutoff: float = LETTERS_CUTOFF) -> None:
        self.cutoff, self.letters_cutoff = cutoff, letters_cutoff
        self._owner: list[tuple[WatchEntry, str]] = []
        tokens: list[str] = []
        compact: list[str] = []
        ordered: list[str] = []
        self._core: list[bool] = []
        for entry in entries:
            for name in dict.fromkeys((entry.name, *entry.aliases)):
                for key in screening_keys(name):
                    self._owner.append((entry, name))
                    tokens.append(key.tokens)
                    compact.append(key.compact)
                    ordered.append(key.ordered)
                    self._core.append(key.core)
        self._tokens, self._compact, self._ordered = tokens, compact, ordered
        self._exact: dict[str, list[int]] = {}
        for i, c in enumerate(compact):
            self._exact.setdefault(c, []).append(i)
        self._exact_tokens: dict[str, list[int]] = {}
        for i, t in enumerate(tokens):
            self._exact_tokens.setdefault(t, []).append(i)

    def __len__(self) -> int:
        return len(self._owner)

    def screen(self, name: str, limit: int = 5) -> list[Hit]:
        """The entries the name matches, best first, one hit per entry."""
        best: dict[int, Hit] = {}
        for key in screening_keys(name):
            for i, score, how in self._candidates(key, limit):
                if key.core and self._core[i]:
                    continue  # "Atlas Trading" is not "Atlas Holding": trade words gone on both sides
                entry, matched = self._owner[i]
                old = best.get(entry.id)
                if old is None or score > old.score:
                    best[entry.id] = Hit(entry, matched, round(score, 1), how)
        return sorted(best.values(), key=lambda h: -h.score)[:limit]

    def _candidates(self, key: Key, limit: int) -> Iterable[tuple[int, float, str]]:
        for i in self._exact.get(key.compact, ()):
            yield i, 100.0, "exact"
        for i in self._exact_tokens.get(key.tokens, ()):
            yield i, 100.0, "exact"
        n = len(key.compact)
        if n < MIN_FUZZY:
            return
        # One wrong letter is always forgiven (1 - 1/n of the ratio), however short the name.
        words_cut = min(self.cutoff, 100.0 * (1 - 1 / n) - 0.1)
        for choices, query, how, cutoff in (
            (self._tokens, key.tokens, "words", words_cut),
            (self._ordered, key.ordered, "words", words_cut),
            (self._compact, key.compact, "letters", max(self.cutoff, self.letters_cutoff)),
        ):
            for _, score, i in process.extract(query, choices, scorer=fuzz.ratio,
                                               score_cutoff=cutoff, limit=limit):
                if len(self._compact[i]) >= MIN_FUZZY:
                    yield i, score, how
