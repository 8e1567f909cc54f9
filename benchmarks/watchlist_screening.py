"""Watchlist screening alone: recall on spelling variants of OFAC SDN names, hits on unrelated names.

    python benchmarks/watchlist_screening.py [--sdn DIR] [--n 2000] [--seed 7] [--show 10]

The list is the OFAC SDN snapshot in DIR (default /work/shared/data/sanctions/ofac_sdn_2021, read by
the `rules import-watchlist` parser, so vessels and aircraft are left out) plus the shipped seed lists
(MOFCOM, OFAC sample, CSL sample). Variants of sampled SDN names, one kind each:

- typo: one letter substituted, dropped, doubled or two neighbours swapped;
- reorder: the words shuffled ("LOGAN MOREY, Elvis Angus" -> "Elvis Angus Logan Morey");
- suffix: the legal form removed, added or changed (Co., Ltd. / Company Limited / LLC / GmbH / Trading);
- translit: one transliteration swap (y/i, kh/h, ou/u, ph/f, sh/sch, j/dj, k/q, c/k) or accents added;
- case: lower or title case, punctuation dropped;
- mixed: a typo plus reordering or a suffix change;
- pinyin: a Chinese name of the MOFCOM lists written in pinyin (screened against the Chinese alias).

Unrelated names: the party names the synthetic corpus generator gives clean cases (every exporter,
consignee, end user and notify party of a few thousand shipments). Also printed: the time of one
screening against the whole list.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from inspector.db.rules.importers import WatchRow, parse_ofac_sdn, parse_watchlist
from inspector.db.rules.records import WatchEntry
from inspector.paths import resource
from inspector.screening import Screener, screening_keys

SDN_DIR = Path("/work/shared/data/sanctions/ofac_sdn_2021")
SUFFIXES = ("Co., Ltd.", "Company Limited", "LLC", "GmbH", "Ltd", "Inc.", "Corporation", "Trading Co.",
            "S.A.", "Limited")
_LEGAL_END = re.compile(r"[\s,]+(co\.?,? ?ltd\.?|company limited|limited|ltd\.?|llc|inc\.?|corp(oration)?\.?|"
                        r"gmbh|s\.?a\.?|company|co\.)$", re.IGNORECASE)
SWAPS = (("y", "i"), ("i", "y"), ("kh", "h"), ("ou", "u"), ("u", "ou"), ("ph", "f"), ("sh", "sch"),
         ("j", "dj"), ("k", "q"), ("q", "k"), ("c", "k"), ("ee", "i"), ("oo", "u"), ("ai", "ay"))
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "c": "ç", "n": "ñ"}


def entries_of(rows: list[WatchRow], start: int = 0) -> list[WatchEntry]:
    return [WatchEntry(start + i, r.name, r.aliases, r.country, r.list_name, r.reason, r.source_id, r.unsure)
            for i, r in enumerate(rows)]


def seed_rows() -> list[WatchRow]:
    rows: list[WatchRow] = []
    for path in sorted(resource("data", "sanctions", "china").glob("*.csv")):
        rows += parse_watchlist(path)
    rows += parse_ofac_sdn(resource("data", "sanctions", "ofac_sdn_small", "sdn.csv"), "OFAC sample")
    rows += parse_watchlist(resource("data", "sanctions", "us_csl", "consolidated_2025_sample.csv"))
    return rows


def typo(name: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(name) if c.isalpha()]
    i = rng.choice(spots[1:] or spots)
    kind = rng.choice(("sub", "drop", "double", "swap"))
    if kind == "sub":
        new = rng.choice([c for c in "aeiourstnlmkd" if c != name[i].lower()])
        return name[:i] + (new.upper() if name[i].isupper() else new) + name[i + 1:]
    if kind == "drop":
        return name[:i] + name[i + 1:]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    j = min(i + 1, len(name) - 1)
    return name[:i] + name[j] + name[i] + name[j + 1:] if j > i else name


def reorder(name: str, rng: random.Random) -> str:
    if "," in name and not _LEGAL_END.search(name):  # "LAST, First" -> "First LAST"
        last, first = name.split(",", 1)
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    for _ in range(5):
        rng.shuffle(words)
        if " ".join(words) != name:
            break
    return " ".join(words)


def suffix(name: str, rng: random.Random) -> str:
    bare = _LEGAL_END.sub("", name).strip(" ,")
    if bare != name and rng.random() < 0.4:
        return bare
    return f"{bare} {rng.choice(SUFFIXES)}"


def translit(name: str, rng: random.Random) -> str:
    low = name.lower()
    options = [(a, b) for a, b in SWAPS if a in low]
    if options and rng.random() < 0.7:
        a, b = rng.choice(options)
        starts = [m.start() for m in re.finditer(re.escape(a), low)]
        i = rng.choice(starts)
        piece = name[i:i + len(a)]
        b = b.upper() if piece.isupper() else b
        return name[:i] + b + name[i + len(a):]
    spots = [i for i, c in enumerate(name) if c.lower() in ACCENTS]
    if not spots:
        return typo(name, rng)
    i = rng.choice(spots)
    acc = ACCENTS[name[i].lower()]
    return name[:i] + (acc.upper() if name[i].isupper() else acc) + name[i + 1:]


def recase(name: str, rng: random.Random) -> str:
    t = name.lower() if rng.random() < 0.5 else name.title()
    return re.sub(r"[.,'\"()-]", "" if rng.random() < 0.5 else " ", t)


def mixed(name: str, rng: random.Random) -> str:
    return typo(rng.choice((reorder, suffix))(name, rng), rng)


KINDS = {"typo": typo, "reorder": reorder, "suffix": suffix, "translit": translit, "case": recase,
         "mixed": mixed}


TRADE_CN = (("集团", "Group"), ("控股", "Holdings"), ("贸易", "Trading"), ("科技", "Technology"))


def pinyin_queries(entries: list[WatchEntry], rng: random.Random) -> list[tuple[str, WatchEntry]]:
    """A Chinese alias as an English document writes it: pinyin, two syllables a word, Latin parts
    kept, trade words and the legal form translated (集团 "Group", 有限公司 "Co., Ltd.")."""
    from pypinyin import lazy_pinyin

    out = []
    for e in entries:
        for alias in e.aliases:
            if re.search(r"[\u4e00-\u9fff]{4,}", alias):
                bare = re.sub(r"(股份有限公司|有限责任公司|有限公司|株式会社|分公司|公司)$", "", alias)
                legal = "" if bare == alias else rng.choice((" Co., Ltd.", " Corporation", " Limited"))
                tail = []
                for cn, en in TRADE_CN:
                    if bare.endswith(cn) and len(bare) > len(cn) + 1:
                        bare, tail = bare[: -len(cn)], [en, *tail]
                words: list[str] = []
                for chunk in re.split(r"([\u4e00-\u9fff]+)", bare):
                    if re.fullmatch(r"[\u4e00-\u9fff]+", chunk):
                        syl = lazy_pinyin(chunk)
                        words += ["".join(syl[i:i + 2]).capitalize() for i in range(0, len(syl), 2)]
                    else:
                        words += re.sub(r"[·、]", " ", chunk).split()
                out.append((" ".join(words + tail) + legal, e))
                break
    return out


def unrelated_names(n_ships: int, seed: int) -> list[str]:
    from inspector.synth.shipment import make_shipment

    rng = random.Random(seed)
    names: set[str] = set()
    for _ in range(n_ships):
        ship = make_shipment(rng, goods=rng.choice(("controlled", "ordinary")))
        names.update(p.name for p in (ship.exporter, ship.consignee, ship.end_user, ship.notify))
    return sorted(names)


def found(screener: Screener, query: str, target: WatchEntry) -> bool:
    want = {k.tokens for n in (target.name, *target.aliases) for k in screening_keys(n)}
    return any(h.entry.id == target.id or {k.tokens for n in (h.entry.name, *h.entry.aliases)
                                             for k in screening_keys(n)} & want
               for h in screener.screen(query, limit=5))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdn", type=Path, default=SDN_DIR)
    parser.add_argument("--n", type=int, default=2000, help="SDN names to vary")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ships", type=int, default=3000, help="synthetic shipments for unrelated names")
    parser.add_argument("--show", type=int, default=8, help="misses and false hits to print")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    sdn = entries_of(parse_ofac_sdn(args.sdn / "sdn.csv"))
    seeded = entries_of(seed_rows(), start=len(sdn))
    start = time.perf_counter()
    screener = Screener(sdn + seeded)
    build = time.perf_counter() - start
    print(f"list: {len(sdn)} SDN parties + {len(seeded)} seeded entries = {len(screener)} keys; "
          f"normalised in {build * 1000:.0f} ms")

    hits, totals, misses = Counter(), Counter(), []
    times = []
    for target in rng.sample(sdn, min(args.n, len(sdn))):
        kind = rng.choice(list(KINDS))
        query = KINDS[kind](target.name, rng)
        t0 = time.perf_counter()
        ok = found(screener, query, target)
        times.append(time.perf_counter() - t0)
        totals[kind] += 1
        hits[kind] += ok
        if not ok:
            misses.append((kind, query, target.name))
    for query, target in pinyin_queries(seeded, rng):
        totals["pinyin"] += 1
        ok = found(screener, query, target)
        hits["pinyin"] += ok
        if not ok:
            misses.append(("pinyin", query, f"{target.name} / {target.aliases}"))
    for kind in totals:
        print(f"  {kind:9s} recall {hits[kind]:5d}/{totals[kind]:<5d} {hits[kind] / totals[kind]:.3f}")
    n_all, h_all = sum(totals.values()), sum(hits.values())
    print(f"RECALL {h_all}/{n_all} = {h_all / n_all:.4f}")
    for kind, query, name in misses[: args.show]:
        print(f"  missed ({kind}): {query!r} for {name!r}")

    names = unrelated_names(args.ships, args.seed)
    false = [(n, screener.screen(n, limit=1)[0]) for n in names if screener.screen(n, limit=1)]
    print(f"UNRELATED {len(false)}/{len(names)} names hit = {len(false) / max(1, len(names)):.4f}")
    for n, h in false[: args.show]:
        print(f"  false: {n!r} -> {h.matched_name!r} ({h.entry.list_name}, {h.score})")
    t0 = time.perf_counter()
    for n in names:
        screener.screen(n)
    per = (time.perf_counter() - t0) / max(1, len(names))
    print(f"time per screened name: median {statistics.median(times) * 1000:.2f} ms (variants), "
          f"mean {per * 1000:.2f} ms (unrelated); 4 parties of a case ~ {4 * per * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
