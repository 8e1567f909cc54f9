"""PARTY_WATCHLIST: the exporter, consignee, end user or notify party matches a watchlist entry.

Every list imported into the rules database is screened (inspector.screening: case, punctuation,
word order, legal suffixes, typos, Chinese against pinyin). The normalised lists are cached per rules
database state, so a case costs a few rapidfuzz look-ups, not a re-normalisation of the lists.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import watchlist_entries, watchlist_stamp, watchlist_versions
from inspector.models import Document, FieldValue, Finding, Message, Severity
from inspector.screening import STRONG, Hit, Screener
from inspector.wording import field_name

PARTY_ROLES = ("exporter", "consignee", "end_user", "notify_party", "notify")

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, Screener, dict[str, str]]] = {}


def screener_for(ctx: CheckContext) -> tuple[Screener, dict[str, str]]:
    """The screener over every watchlist entry of the rules database, and each list's version;
    rebuilt only when the lists changed (an import gives new row ids)."""
    bind = ctx.rules.get_bind()
    where = str(getattr(bind, "url", id(bind)))
    stamp = watchlist_stamp(ctx.rules)
    with _lock:
        cached = _cache.get(where)
        if cached is None or cached[0] != stamp:
            cached = (stamp, Screener(watchlist_entries(ctx.rules)), watchlist_versions(ctx.rules))
            _cache[where] = cached
    return cached[1], cached[2]


def _parties(ctx: CheckContext) -> dict[str, list[tuple[str, Document, FieldValue]]]:
    """Distinct party names -> where they were read (role, document, field), clearest reading first."""
    found: dict[str, list[tuple[str, Document, FieldValue]]] = {}
    for role in PARTY_ROLES:
        for doc, fv in ctx.with_field(role):
            name = str(fv.value).strip()
            if name:
                found.setdefault(name, []).append((role, doc, fv))
    for places in found.values():
        places.sort(key=lambda p: -p[2].confidence)
    return found


def _severity(hit: Hit) -> Severity:
    """HIGH for a near-certain match of a sure entry; MEDIUM for a looser one or an unsure entry."""
    return Severity.HIGH if hit.score >= STRONG and not hit.entry.unsure else Severity.MEDIUM


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per watchlist entry matched, at the clearest reading of the party."""
    screener, versions = screener_for(ctx)
    if not len(screener):
        return
    best: dict[int, tuple[Hit, str, list[tuple[str, Document, FieldValue]]]] = {}
    for name, places in _parties(ctx).items():
        for hit in screener.screen(name, limit=3):
            old = best.get(hit.entry.id)
            if old is None or (hit.score, places[0][2].confidence) > (old[0].score, old[2][0][2].confidence):
                best[hit.entry.id] = (hit, name, places)
    for hit, name, places in sorted(best.values(), key=lambda b: -b[0].score):
        role, doc, fv = places[0]
        e = hit.entry
        alias = f" (as '{hit.matched_name}')" if hit.matched_name != e.name else ""
        alias_zh = f"（匹配的名称为“{hit.matched_name}”）" if hit.matched_name != e.name else ""
        label = field_name(role)
        yield finding(
            "PARTY_WATCHLIST", _severity(hit), Message(
                f"The {label.en} '{name}' matches '{e.name}'{alias} on the list "
                f"{e.list_name} (score {hit.score:.0f}).",
                f"{label.zh}“{name}”与名单 {e.list_name} 中的“{e.name}”{alias_zh}相符（匹配分 {hit.score:.0f}）。"),
            doc, role, fv,
            party=name, roles=sorted({p[0] for p in places}), entry=e.name, matched_name=hit.matched_name,
            list=e.list_name, score=hit.score, match=hit.how, list_version=versions.get(e.list_name),
            entry_country=e.country, reason=e.reason, source_id=e.source_id, entry_unsure=e.unsure,
        )
