"""Party resolution: one company however its name is spelt on the papers.

A name is reduced to a key (the party key of the field comparisons: case, punctuation, dotted initials
and trailing legal form gone; then, as for watchlist screening, words sorted and Chinese as pinyin), so "Rhein Metals GmbH", "RHEIN METALS G.m.b.H." and
"Rhein Metal GmbH" are compared on "metals rhein" / "metal rhein". Two keys are one entity when
rapidfuzz finds them close (`SAME_ENTITY`, on the sorted words and on the letters alone). To find the
candidates among a hundred thousand entities without comparing with each, every key is filed under
blocking tokens (the first three letters of each word, pairs of them, and the first four of the whole
name): a spelling variant shares at least one of them with its entity unless every word is misspelt in
its first letters.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from inspector.extract.normalise import normalise_party_key
from inspector.screening import screening_keys

SAME_ENTITY = 90.0  # rapidfuzz ratio (0-100) at or above which two keys are one company
_PREFIX = 3


def party_key(name: str | None) -> str:
    """The comparison key of a party name ("" for a name with nothing left to compare)."""
    keys = screening_keys(normalise_party_key(name))
    return keys[0].tokens if keys else ""


_PAIRED_WORDS = 5  # words of a key whose prefixes are also filed in pairs


def blocking_tokens(key: str) -> set[str]:
    """Tokens under which a key is filed: its words' first letters, the whole name's, and every pair of
    its words' first letters ("com+tek"). A single prefix such as "met" or "tra" is shared by tens of
    thousands of names at scale (the look-up reads a bounded number per token); a pair is shared by few,
    and a spelling variant keeps most of its pairs."""
    words = [w for w in key.split() if len(w) >= _PREFIX]
    compact = key.replace(" ", "")
    prefixes = sorted({w[:_PREFIX] for w in words[:_PAIRED_WORDS]})
    pairs = {f"{a}+{b}" for i, a in enumerate(prefixes) for b in prefixes[i + 1:]}
    return {w[:_PREFIX] for w in words} | pairs | ({f"*{compact[:_PREFIX + 1]}"} if len(compact) > _PREFIX else set())


WORD_ALIKE = 75.0  # each word of one name must be at least this like a word of the other


def similarity(a: str, b: str) -> float:
    """How alike two keys are (0-100): the better of the sorted-word and the letters-only ratios, or 0
    when a word of one has no like word in the other ("metals" is a typo of "metal", not of
    "materials": "Lion City Metals Trading" is another company than "Lion City Materials Trading")."""
    if not a or not b:
        return 0.0
    score = max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))
    if score >= SAME_ENTITY and not _words_alike(a.split(), b.split()):
        return min(score, SAME_ENTITY - 1.0)
    return score


def _words_alike(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b):  # words joined or split by OCR: the letters-only ratio has judged it
        return True
    return all(max(fuzz.ratio(w, v) for v in b) >= WORD_ALIKE for w in a)


PREFILTER = 24  # above this many candidates, rapidfuzz's C loop keeps the likeliest few for the full score


def best_match(key: str, candidates: Iterable[tuple[int, str]]) -> tuple[int, float] | None:
    """The candidate entity (id, key) closest to `key`, if it is close enough to be the same company."""
    candidates = list(candidates)
    if len(candidates) > PREFILTER:
        keys = [other for _, other in candidates]
        compact = [other.replace(" ", "") for other in keys]
        cutoff = SAME_ENTITY - 1.0
        keep = {i for _, _, i in process.extract(key, keys, scorer=fuzz.token_sort_ratio, limit=8,
                                                 score_cutoff=cutoff)}
        keep |= {i for _, _, i in process.extract(key.replace(" ", ""), compact, scorer=fuzz.ratio, limit=8,
                                                  score_cutoff=cutoff)}
        candidates = [candidates[i] for i in sorted(keep)]
    scored = [(entity, similarity(key, other)) for entity, other in candidates]
    best = max(scored, key=lambda s: s[1], default=None)
    return best if best is not None and best[1] >= SAME_ENTITY else None
