"""History at scale: a case database with a million declarations, and what a new case costs.

Fills a fresh case database (migrated to head) with N generated declarations (default 1,000,000) of
about N/10 parties, each spelt several ways (upper case, legal form spelt out or dropped, a plural
dropped, a typo), bulk-inserted through Core executemany (not the ORM per row). Then, for `--probes`
new cases (a random known exporter/consignee pair, spelt in a new way half the time), it times:
- entity resolution of the exporter and the consignee (read-only, as the check does),
- the fragmentation query (`history.store.earlier_lots`, 90-day window) plus `detect`,
- the licence ledger (`repository.licence_ledger`) of the case's licence,
and reports p50/p95/max of each and of their sum, the insertion throughput, the record_case-side
history write (`record_history`, with resolution) per case, and the database size. The machine's load
average is printed with the figures.

    .venv/bin/python benchmarks/history_scale.py [--n 1000000] [--probes 500] [--db PATH] [--keep]
    .venv/bin/python benchmarks/history_scale.py --case-db postgresql://user@host/scratch --reset

With --case-db the same runs on a database server (the coordination centre's PostgreSQL, issue 11):
the database must be empty, or --reset drops every case table in it first (a scratch database only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, inspect, text
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.cases.models import (
    Case,
    CaseContainer,
    CaseLicence,
    CaseSeal,
    CaseShipment,
    PartyAlias,
    PartyEntity,
    PartyToken,
)
from inspector.db.cases.repository import licence_ledger
from inspector.db.migrate import upgrade
from inspector.db.rules.importers import licence_key
from inspector.history.entities import blocking_tokens, party_key
from inspector.history.fragmentation import Settings, detect
from inspector.history.store import earlier_lots, record_history, resolve
from inspector.history.summary import Summary

SYLLABLES = ("ka", "ren", "zho", "lin", "mar", "tek", "sol", "vin", "dor", "qua", "bel", "xin", "har", "tor",
             "mei", "sun", "gal", "rho", "nex", "vor", "lum", "pra", "sta", "tri", "hua", "jin", "fen", "orb")
TRADES = ("Metals", "Materials", "Trading", "Resources", "Minerals", "Industries", "Chemicals", "Alloys",
          "International", "Holdings", "Technology", "Supply", "Commodities", "Rare Earth", "Logistics")
SUFFIXES = (("Co., Ltd.", "Company Limited"), ("Pte. Ltd.", "Private Limited"), ("GmbH", "G.m.b.H."),
            ("LLC", "L.L.C."), ("B.V.", "BV"), ("Ltd.", "Limited"))
FAMILIES = ("gallium_germanium", "antimony", "rare_earth_dy", "rare_earth_tb", "tungsten", "graphite")
PORTS = ("SHANGHAI", "NINGBO", "QINGDAO", "TIANJIN", "XIAMEN", "SHENZHEN", "GUANGZHOU", "DALIAN")
START = dt.date(2022, 1, 1)
DAYS = 4 * 365


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def company(rng: random.Random) -> tuple[str, int]:
    """A company name and its suffix index."""
    k = rng.randrange(len(SUFFIXES))
    words = [word(rng) for _ in range(rng.randint(1, 2))] + rng.sample(TRADES, rng.randint(1, 2))
    return f"{' '.join(words)} {SUFFIXES[k][0]}", k


def variants(name: str, k: int, rng: random.Random) -> list[str]:
    """Spellings of a name as papers show them."""
    base = name[: -len(SUFFIXES[k][0])].strip()
    out = [name, name.upper().replace(".", "").replace(",", ""), f"{base} {SUFFIXES[k][1]}"]
    plural = base.replace("Metals", "Metal").replace("Materials", "Material").replace("Minerals", "Mineral")
    if plural != base:
        out.append(f"{plural} {SUFFIXES[k][0]}")
    first = base.split()[0]
    if len(first) > 5:  # a typo inside the first word
        i = rng.randrange(2, len(first) - 1)
        out.append(name.replace(first, first[:i] + first[i + 1:] if rng.random() < 0.5 else first[:i] + "a" + first[i:], 1))
    return list(dict.fromkeys(out))


def load(s: Session, n: int, rng: random.Random, chunk: int = 20000) -> dict[str, object]:
    """Bulk-insert parties (n/10) and n declarations; returns the generated world and timings."""
    t0 = time.perf_counter()
    n_parties = max(20, n // 10)
    parties, alias_rows, token_rows, seen = [], [], [], set()
    alias_id = 0
    for entity in range(1, n_parties + 1):
        name, k = company(rng)
        spellings = []
        for v in variants(name, k, rng):
            key = party_key(v)
            if key and key not in seen:
                seen.add(key)
                alias_id += 1
                alias_rows.append({"id": alias_id, "entity_id": entity, "key": key, "name": v, "pinned": False})
                token_rows += [{"token": t, "alias_id": alias_id} for t in blocking_tokens(key)]
                spellings.append((alias_id, v))
        parties.append({"id": entity, "name": name, "key": party_key(name), "merged_into": None})
        parties[-1]["_spellings"] = spellings
    t_keys = time.perf_counter() - t0
    t1 = time.perf_counter()
    s.execute(insert(PartyEntity), [{k: v for k, v in p.items() if not k.startswith("_")} for p in parties])
    for i in range(0, len(alias_rows), chunk):
        s.execute(insert(PartyAlias), alias_rows[i:i + chunk])
    for i in range(0, len(token_rows), chunk):
        s.execute(insert(PartyToken), token_rows[i:i + chunk])
    s.commit()
    _advance_sequences(s, ("party_entity", "party_alias"))
    t_parties = time.perf_counter() - t1
    exporters = [p for p in parties[: n_parties // 5] if p["_spellings"]]
    consignees = [p for p in parties[n_parties // 5:] if p["_spellings"]]
    trade = {e["id"]: rng.sample(consignees, min(len(consignees), rng.randint(1, 8))) for e in exporters}
    weights = [1.0 / (i + 1) ** 0.6 for i in range(len(exporters))]  # a few big exporters, many small ones
    t2 = time.perf_counter()
    pairs: list[tuple[dict, dict, str, str]] = []
    now = dt.datetime(2026, 1, 1)
    for start in range(0, n, chunk):
        cases, ships, licences, containers, seals = [], [], [], [], []
        picks = rng.choices(exporters, weights, k=min(chunk, n - start))
        for j, exporter in enumerate(picks, start):
            consignee = rng.choice(trade[exporter["id"]])
            ea, en = rng.choice(exporter["_spellings"])
            ca, cn = rng.choice(consignee["_spellings"])
            case_id = f"S-{j:07d}"
            shipped = START + dt.timedelta(days=rng.randrange(DAYS))
            family = FAMILIES[exporter["id"] % len(FAMILIES)]
            kg = float(rng.choice((rng.randint(100, 25000), rng.choice((480, 490, 495, 980, 990, 1960)))))
            lic = f"LIC-{shipped:%Y%m}-{exporter['id']:06d}{rng.randint(0, 3)}"  # a licence per contract
            cases.append({"id": case_id, "created_at": now, "shipment_date": shipped, "lane": "green", "risk_score": 0,
                          "rules_version": "bench", "engine_version": "bench", "status": "recorded",
                          "net_weight_kg": kg})
            ships.append({"case_id": case_id, "shipment_date": shipped, "exporter_entity": exporter["id"],
                          "consignee_entity": consignee["id"], "exporter_alias": ea, "consignee_alias": ca,
                          "exporter_name": en, "consignee_name": cn, "family": family, "hs_headings": "2825",
                          "net_kg": kg, "value": kg * 310.0, "currency": "USD", "invoice_number": f"INV-{j:08d}",
                          "bl_number": f"COSU{j:010d}", "vessel_voyage": None, "port_of_loading": rng.choice(PORTS),
                          "port_of_discharge": "ROTTERDAM", "licence_number": lic})
            licences.append({"case_id": case_id, "licence_key": licence_key(lic)})
            containers.append({"case_id": case_id, "number": f"MSCU{rng.randint(0, 9_999_999):07d}"})
            seals.append({"case_id": case_id, "number": f"CN{rng.randint(0, 9_999_999):07d}"})
            ships[-1]["containers"], ships[-1]["seals"] = containers[-1]["number"], seals[-1]["number"]
            if len(pairs) < 20000:
                pairs.append((exporter, consignee, family, lic))
        s.execute(insert(Case), cases)
        s.execute(insert(CaseShipment), ships)
        s.execute(insert(CaseLicence), licences)
        s.execute(insert(CaseContainer), containers)
        s.execute(insert(CaseSeal), seals)
        s.commit()
        if (start // chunk) % 10 == 0:
            print(f"  {start + len(cases):,} declarations ({time.perf_counter() - t2:.0f} s)", file=sys.stderr,
                  flush=True)
    t_cases = time.perf_counter() - t2
    return {"pairs": pairs, "parties": n_parties, "aliases": len(alias_rows), "tokens": len(token_rows),
            "t_keys": t_keys, "t_parties": t_parties, "t_cases": t_cases}


def _advance_sequences(s: Session, tables: tuple[str, ...]) -> None:
    """On PostgreSQL, move the id sequences past the ids inserted explicitly (SQLite needs nothing)."""
    if s.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    s.commit()


def fresh_server_database(url: str, reset: bool):
    """An engine on the server database, at the cases head and empty (dropped first with `reset`)."""
    engine = make_engine(url)
    names = set(inspect(engine).get_table_names())
    if names - {"alembic_version_cases"} and not reset:
        engine.dispose()
        raise SystemExit(f"{engine.url.render_as_string(hide_password=True)} is not empty: give a scratch database, "
                         "or --reset to drop its case tables first")
    if reset:
        with engine.begin() as c:
            for name in names:
                c.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    upgrade(engine, "cases")
    return engine


def database_size(s: Session, path: Path | None) -> int:
    """Bytes the database takes (the file and its WAL, or the server's database)."""
    if s.get_bind().dialect.name == "postgresql":
        return int(s.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0)
    assert path is not None
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def new_spelling(party: dict, rng: random.Random) -> str:
    """The party's name as a new case shows it: a known spelling, or a fresh typo of one."""
    _, name = rng.choice(party["_spellings"])
    if rng.random() < 0.5:
        return name
    words = name.split()
    w = max(range(len(words)), key=lambda i: len(words[i]))
    target = words[w]
    i = rng.randrange(1, max(2, len(target) - 1))
    words[w] = target[:i] + target[i + 1:]  # a letter lost
    return " ".join(words)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def probe(s: Session, world: dict, probes: int, rng: random.Random) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"resolution": [], "fragmentation": [], "licence_ledger": [], "total": []}
    found = 0
    settings = Settings()
    for i in range(probes):
        exporter, consignee, family, lic = rng.choice(world["pairs"])
        shipped = START + dt.timedelta(days=rng.randrange(90, DAYS))
        a = time.perf_counter()
        e = resolve(s, new_spelling(exporter, rng))
        c = resolve(s, new_spelling(consignee, rng))
        b = time.perf_counter()
        found += e.entity_id == exporter["id"] and c.entity_id == consignee["id"]
        lots = []
        if e.entity_id is not None and c.entity_id is not None:
            lots = earlier_lots(s, e.entity_id, c.entity_id, family, shipped, 90)
            from inspector.history.fragmentation import Lot
            detect(Lot(f"new-{i}", shipped, 490.0, family, e.entity_id, c.entity_id), lots, settings)
        d = time.perf_counter()
        licence_ledger(s, lic, before=shipped)
        f = time.perf_counter()
        for key, value in (("resolution", b - a), ("fragmentation", d - b), ("licence_ledger", f - d),
                           ("total", f - a)):
            times[key].append(value * 1000)
    times["resolved_right"] = [found / probes]
    return times


def record_rate(s: Session, world: dict, count: int, rng: random.Random) -> float:
    """Cases per second through record_history (resolution with creation, summary, indexes)."""
    start = time.perf_counter()
    for i in range(count):
        exporter, consignee, family, lic = rng.choice(world["pairs"])
        summary = Summary(START + dt.timedelta(days=rng.randrange(DAYS)), new_spelling(exporter, rng),
                          new_spelling(consignee, rng), family, ("2825",), 495.0, 1e5, "USD", f"INV-N{i:06d}",
                          f"COSUN{i:08d}", None, "NINGBO", "ROTTERDAM", lic, (lic,), frozenset({f"TGHU{i:07d}"}))
        record_history(s, f"NEW-{i:06d}", summary)
    s.commit()
    return count / (time.perf_counter() - start)


def explain(s: Session) -> dict[str, str]:
    """The query plans of the hot queries."""
    plans = {}
    postgresql = s.get_bind().dialect.name == "postgresql"
    for name, sql in (
        ("fragmentation", "SELECT case_id FROM case_shipment WHERE exporter_entity=1 AND consignee_entity=2 AND "
                          "family='antimony' AND shipment_date >= '2025-01-01' AND shipment_date <= '2025-04-01'"),
        ("alias", "SELECT id, entity_id FROM party_alias WHERE key='abc'"),
        ("tokens", "SELECT a.key, a.entity_id FROM party_alias a JOIN party_token t ON t.alias_id = a.id "
                   "WHERE t.token='abc' LIMIT 200"),
        ("licence", "SELECT case_id FROM case_licence WHERE licence_key='LIC1'"),
    ):
        if postgresql:
            plans[name] = " | ".join(r[0].strip() for r in s.execute(text(f"EXPLAIN {sql}")))
        else:
            plans[name] = " | ".join(r[-1] for r in s.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    return plans


def retokenise(s: Session, chunk: int = 50000) -> float:
    """File every spelling under the current blocking tokens again (after the token rules changed)."""
    start = time.perf_counter()
    s.execute(text("DELETE FROM party_token"))
    rows = s.execute(text("SELECT id, key FROM party_alias")).all()
    batch: list[dict] = []
    for alias, key in rows:
        batch += [{"token": tok, "alias_id": alias} for tok in blocking_tokens(key)]
        if len(batch) >= chunk:
            s.execute(insert(PartyToken), batch)
            batch = []
    if batch:
        s.execute(insert(PartyToken), batch)
    s.commit()
    return time.perf_counter() - start


def world_from_db(s: Session, rng: random.Random, count: int = 20000) -> dict:
    """Exporter/consignee pairs of recorded declarations, with their spellings, from an existing database."""
    n = s.execute(text("SELECT count(*) FROM case_shipment")).scalar()
    ids = [f"S-{rng.randrange(n):07d}" for _ in range(count)]
    spellings: dict[int, list] = {}

    def party(entity: int) -> dict:
        if entity not in spellings:
            spellings[entity] = [tuple(r) for r in s.execute(
                text("SELECT id, name FROM party_alias WHERE entity_id = :e"), {"e": entity})]
        return {"id": entity, "_spellings": spellings[entity]}

    pairs = []
    for case_id in ids[:2000]:
        row = s.execute(text("SELECT exporter_entity, consignee_entity, family, licence_number FROM case_shipment "
                             "WHERE case_id = :c"), {"c": case_id}).first()
        if row:
            pairs.append((party(row[0]), party(row[1]), row[2], row[3]))
    return {"pairs": pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="declarations to generate")
    parser.add_argument("--probes", type=int, default=500, help="new cases timed")
    parser.add_argument("--record", type=int, default=2000, help="cases written through record_history")
    parser.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    parser.add_argument("--case-db", metavar="URL", help="a server database instead (e.g. postgresql://...)")
    parser.add_argument("--reset", action="store_true", help="with --case-db: drop its case tables first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--probe-only", action="store_true", help="probe an existing --db (re-filing its "
                        "spellings under the current blocking tokens) instead of filling a new one")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    if args.probe_only:
        engine = make_engine(args.case_db or args.db)
        with Session(engine) as s:
            print(f"load average: {os.getloadavg()}; spellings re-filed in {retokenise(s):.1f} s", flush=True)
            s.execute(text("ANALYZE"))
            times = probe(s, world_from_db(s, rng), args.probes, rng)
        engine.dispose()
        print(f"new-case probes {args.probes}: both parties resolved to the right entity in "
              f"{times['resolved_right'][0]:.1%}")
        for key in ("resolution", "fragmentation", "licence_ledger", "total"):
            v = times[key]
            print(f"  {key:15} p50 {statistics.median(v):6.2f} ms   p95 {pct(v, 0.95):6.2f} ms   max {max(v):6.2f} ms")
        print(f"load average after: {os.getloadavg()}")
        return 0
    with tempfile.TemporaryDirectory(prefix="history-scale-") as tmp:
        path = None if args.case_db else args.db or Path(tmp) / "cases.sqlite"
        if path is not None:
            path.unlink(missing_ok=True)
            engine = make_engine(path)
            upgrade(engine, "cases")
        else:
            engine = fresh_server_database(args.case_db, args.reset)
        print(f"{engine.dialect.name}; load average before: {os.getloadavg()}", flush=True)
        with Session(engine) as s:
            world = load(s, args.n, rng)
            s.execute(text("ANALYZE"))
            s.commit()
            times = probe(s, world, args.probes, rng)
            rate = record_rate(s, world, args.record, rng)
            plans = explain(s)
            size = database_size(s, path)
        engine.dispose()
        load_after = os.getloadavg()
    n = args.n
    print(f"declarations {n:,}; parties {world['parties']:,} with {world['aliases']:,} spellings and "
          f"{world['tokens']:,} blocking tokens")
    print(f"party keys computed in {world['t_keys']:.1f} s; parties inserted in {world['t_parties']:.1f} s")
    print(f"declarations bulk-inserted in {world['t_cases']:.1f} s: {n / world['t_cases']:,.0f} declarations/s "
          "(cases + shipment + licence + container + seal rows)")
    print(f"record_history (resolution + summary rows) per new case: {rate:,.0f} cases/s")
    print(f"database size {size / 1e6:,.0f} MB ({size / n:,.0f} bytes per declaration)")
    print(f"new-case probes {args.probes}: both parties resolved to the right entity in "
          f"{times['resolved_right'][0]:.1%}")
    for key in ("resolution", "fragmentation", "licence_ledger", "total"):
        v = times[key]
        print(f"  {key:15} p50 {statistics.median(v):6.2f} ms   p95 {pct(v, 0.95):6.2f} ms   max {max(v):6.2f} ms")
    for name, plan in plans.items():
        print(f"plan {name}: {plan}")
    print(f"load average after: {load_after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
