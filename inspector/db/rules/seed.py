"""Create, migrate and seed the rules database from the shipped resources/data files."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.migrate import upgrade
from inspector.db.rules import keywords as kw
from inspector.db.rules.importers import WatchRow, parse_watchlist, split_aliases, watch_values
from inspector.db.rules.models import (
    Control,
    ControlKeyword,
    DiversionRoute,
    HistorySetting,
    HsCode,
    Meta,
    Port,
    WatchlistEntry,
)
from inspector.paths import DataPaths, resource

log = logging.getLogger(__name__)

SEED_DATE = "2026.11.29"
HS_FILE = ("data", "hs", "harmonized-system.csv")
CONTROLS_FILE = ("data", "controls", "china_mineral_controls_v2.csv")
KEYWORDS_FILE = ("data", "controls", "keywords.csv")
CHINA_LISTS = ("data", "sanctions", "china")
OFAC_DIR = ("data", "sanctions", "ofac_sdn_small")
CSL_FILE = ("data", "sanctions", "us_csl", "consolidated_2025_sample.csv")
ROUTES_FILE = ("data", "routes", "diversion_routes.csv")
PORTS_FILE = ("data", "locations", "ports.csv")
HISTORY_FILE = ("data", "history", "thresholds.csv")
OFFICE_SOURCE = "office"  # history settings whose source starts so were set by the office: never reseeded
OFAC_LIST = "US-OFAC SDN (sample)"
CSL_LIST = "US-CSL (2025 sample)"
# Announcements that are not goods lists (a destination-based ban): never matched by family.
FAMILY_OVERRIDES = {"MOFCOM 2024 No.46": kw.OTHER_FAMILY}
_SUSPENDED = re.compile(r"suspended until (\d{4}-\d{2}-\d{2})")
_SUSPENDED_FROM = re.compile(r"suspended from (\d{4}-\d{2}-\d{2})", re.IGNORECASE)
_SUSPENDED_BY = re.compile(r"suspended by (\d{4} No\.\s?\d+)", re.IGNORECASE)
_FIRST_DATE = re.compile(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
# Bumped when the seed derives control rows differently (reseeds databases seeded by older logic).
SEED_LOGIC = "4: suspension windows; diversion routes and ports; history settings"
_NULL = "-0-"


def open_rules(paths: DataPaths) -> Engine:
    """The rules database engine: created, migrated and (re)seeded when the seed files changed, unless a
    signed rule pack is in force (the authority's pack then rules until a newer pack replaces it)."""
    engine = make_engine(paths.rules_db)
    upgrade(engine, "rules")
    with Session(engine) as s, s.begin():
        if _meta(s, "seed_hash") != seed_hash():
            if _meta(s, "pack_version"):
                log.info("rule pack %s in force: the shipped seed files are not applied", _meta(s, "pack_version"))
            else:
                seed(s)
    return engine


def seed_files() -> list[Path]:
    """Every shipped file the seed reads, in a fixed order."""
    china = sorted(resource(*CHINA_LISTS).glob("*.csv"))
    ofac = [resource(*OFAC_DIR, n) for n in ("sdn.csv", "alt.csv", "add.csv")]
    fixed = [resource(*p) for p in (HS_FILE, CONTROLS_FILE, KEYWORDS_FILE, CSL_FILE, ROUTES_FILE, PORTS_FILE, HISTORY_FILE)]
    return fixed + china + ofac


def seed_hash() -> str:
    """SHA-256 over the seed files' names and contents."""
    h = hashlib.sha256(SEED_LOGIC.encode())
    for p in seed_files():
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def seed(s: Session) -> None:
    """Replace the reference tables and seed watchlists; licences and imported lists are kept."""
    started = dt.datetime.now()
    digest = seed_hash()
    _clear_seeded(s)
    s.execute(insert(HsCode), list(_hs_rows()))
    terms, hs6 = _keywords()
    s.execute(insert(ControlKeyword), [asdict(t) for t in terms])
    s.execute(insert(Control), list(_control_rows(terms, hs6)))
    watch = _seed_watchlist()
    s.execute(insert(WatchlistEntry), [watch_values(w) for w in watch])
    s.execute(insert(DiversionRoute), list(_route_rows()))
    s.execute(insert(Port), list(_port_rows()))
    s.execute(insert(HistorySetting), list(_history_rows()))
    _set_meta(s, _meta_values(digest, watch))
    log.info("rules seeded in %.2f s", (dt.datetime.now() - started).total_seconds())


def _meta_values(digest: str, watch: list[WatchRow]) -> dict[str, str]:
    """The Meta rows written by a seed."""
    return {
        "rules_version": f"seed-{SEED_DATE}-{digest[:12]}",
        "seed_hash": digest,
        "seeded_at": dt.datetime.now().isoformat(timespec="seconds"),
        "seed_lists": json.dumps(sorted({w.list_name for w in watch})),
    }


def _clear_seeded(s: Session) -> None:
    """Delete what an earlier seed wrote."""
    for table in (HsCode, Control, ControlKeyword, DiversionRoute, Port):
        s.execute(delete(table))
    s.execute(delete(HistorySetting).where(HistorySetting.source.not_like(f"{OFFICE_SOURCE}%")))  # office rows kept
    old_lists = json.loads(_meta(s, "seed_lists") or "[]")
    if old_lists:
        s.execute(delete(WatchlistEntry).where(WatchlistEntry.list_name.in_(old_lists)))


def _meta(s: Session, key: str) -> str | None:
    """One Meta value, None when absent."""
    return s.scalar(select(Meta.value).where(Meta.key == key))


def _set_meta(s: Session, values: dict[str, str]) -> None:
    """Write Meta values, replacing existing keys."""
    for key, value in values.items():
        s.merge(Meta(key=key, value=value))


def _csv(*parts: str) -> Iterator[dict[str, str]]:
    """The rows of a shipped CSV file with a header."""
    with resource(*parts).open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _hs_rows() -> Iterator[dict[str, Any]]:
    """The HS nomenclature rows, all 6,940 of them (one is the level-5 "TOTAL" root)."""
    for r in _csv(*HS_FILE):
        yield {
            "code": r["hscode"], "description": r["description"], "level": int(r["level"]),
            "parent": r["parent"] or None, "section": r["section"] or None,
        }  # fmt: skip


def _keywords() -> tuple[list[kw.Term], dict[str, list[str]]]:
    """The keyword terms and, per family, its typical HS6 subheadings."""
    rows = list(_csv(*KEYWORDS_FILE))
    terms = [t for r in rows for t in kw.terms_of_row(r)]
    hs6 = {r["family"]: [c.strip() for c in r["hs6_typical"].split(";") if c.strip()] for r in rows}
    return terms, hs6


def _control_rows(terms: list[kw.Term], hs6: dict[str, list[str]]) -> Iterator[dict[str, Any]]:
    """The control lines with their family and suspension window."""
    rows = list(_csv(*CONTROLS_FILE))
    announced = {r["announcement"]: dt.date.fromisoformat(r["effective_date"]) for r in rows}
    for r in rows:
        code = r["hs_code"] or None
        family = FAMILY_OVERRIDES.get(r["announcement"]) or kw.derive_family(
            r["item"], code, terms, hs6
        )
        until = suspended_until(r["status"])
        by, start = suspension_start(r["notes"], announced) if until else (None, None)
        yield {
            "announcement": r["announcement"], "effective_date": dt.date.fromisoformat(r["effective_date"]),
            "item": r["item"], "hs_code": code, "family": family, "status": r["status"],
            "suspended_from": start, "suspended_until": until, "suspended_by": by,
            "notes": r["notes"] or None, "source": r["source"] or None, "unsure": r["unsure"] or None,
        }  # fmt: skip


def _route_rows() -> Iterator[dict[str, Any]]:
    """The diversion-route rows, unsure flags and sources kept; a row naming no country keeps country None."""
    for r in _csv(*ROUTES_FILE):
        yield {
            "country": (r["country_iso2"] or "").strip().upper() or None, "country_name": r["country_name"] or "",
            "goods_family": r["goods_family"] or "", "named_by": r["named_by"] or "", "date_text": r["date"] or "",
            "date": first_date(r["date"]), "source": r["source"] or None, "notes": r["notes"] or None,
            "unsure": (r["unsure"] or "").strip() or None,
        }  # fmt: skip


def _port_rows() -> Iterator[dict[str, Any]]:
    """The ports: LOCODE, name, country, aliases (";"-separated in the file) and unsure note."""
    for r in _csv(*PORTS_FILE):
        yield {
            "locode": r["locode"].strip().upper(), "name": r["name"].strip(), "country": r["country"].strip().upper(),
            "aliases": [a.strip() for a in (r["aliases"] or "").split(";") if a.strip()],
            "unsure": (r["unsure"] or "").strip() or None,
        }  # fmt: skip


def _history_rows() -> Iterator[dict[str, Any]]:
    """The fragmentation check's windows, thresholds and tolerances, each with its source."""
    for r in _csv(*HISTORY_FILE):
        yield {"name": r["name"].strip(), "family": (r["family"] or "*").strip(), "value": float(r["value"]),
               "source": (r["source"] or "").strip(), "notes": (r["notes"] or "").strip() or None}


def first_date(text: str | None) -> dt.date | None:
    """'2022-06-28' -> that day; '2025-07' or '2023-03/2023-04' -> the first day of the first month."""
    m = _FIRST_DATE.match(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None


def suspended_until(status: str) -> dt.date | None:
    """The end of a suspension stated in a status such as "suspended until 2026-11-10"."""
    m = _SUSPENDED.search(status)
    return dt.date.fromisoformat(m.group(1)) if m else None


def suspension_start(
    notes: str | None, announced: dict[str, dt.date]
) -> tuple[str | None, dt.date | None]:
    """(suspending announcement, first day suspended) from notes such as "SUSPENDED by 2025 No.70"
    (the start is that announcement's effective date in the table) or "SUSPENDED from 2025-11-09"."""
    notes = notes or ""
    m = _SUSPENDED_FROM.search(notes)
    start = dt.date.fromisoformat(m.group(1)) if m else None
    by_m = _SUSPENDED_BY.search(notes)
    by = None
    if by_m:
        short = re.sub(r"No\.\s+", "No.", by_m.group(1))
        by = next((a for a in announced if a.endswith(short)), short)
        start = start or announced.get(by)
    return by, start


def _seed_watchlist() -> list[WatchRow]:
    """The starting watchlist: China's MOFCOM lists, the OFAC SDN sample and the CSL sample."""
    rows: list[WatchRow] = []
    for path in sorted(resource(*CHINA_LISTS).glob("*.csv")):
        rows += parse_watchlist(path)
    return rows + list(_ofac_rows()) + list(_csl_rows())


def _legacy(parts: tuple[str, ...]) -> list[list[str]]:
    """Rows of an OFAC legacy CSV (no header), with "-0-" nulls as empty strings."""
    with resource(*parts).open(encoding="utf-8", newline="") as fh:
        return [[_ofac_cell(c) for c in row] for row in csv.reader(fh) if row]


def _ofac_cell(cell: str) -> str:
    """An OFAC cell with its null marker removed."""
    cell = cell.strip()
    return "" if cell == _NULL else cell


def _ofac_rows() -> Iterator[WatchRow]:
    """The OFAC SDN sample, with aliases from alt.csv and countries from add.csv."""
    sdn = _legacy((*OFAC_DIR, "sdn.csv"))
    ids = {r[0] for r in sdn}
    aliases = _by_entity(_legacy((*OFAC_DIR, "alt.csv")), ids, 3)
    countries = _by_entity(_legacy((*OFAC_DIR, "add.csv")), ids, 4)
    for r in sdn:
        yield WatchRow(
            name=r[1], aliases=tuple(aliases.get(r[0], [])),
            country=";".join(dict.fromkeys(countries.get(r[0], []))) or None,
            list_name=OFAC_LIST, reason=f"OFAC SDN program {r[3]}".strip(),
            source_id=f"ofac-{r[0]}", unsure=False,
        )  # fmt: skip


def _by_entity(rows: list[list[str]], ids: set[str], col: int) -> dict[str, list[str]]:
    """Values of column `col` per SDN entity (rows of entities not in sdn.csv are ignored)."""
    out: dict[str, list[str]] = {}
    for r in rows:
        if r[0] in ids and len(r) > col and r[col]:
            out.setdefault(r[0], []).append(r[col])
    return out


def _csl_rows() -> Iterator[WatchRow]:
    """The US Consolidated Screening List sample (current trade.gov format)."""
    for r in _csv(*CSL_FILE):
        name = r["name"].split(";")[0].strip()
        if name:
            yield WatchRow(
                name=name, aliases=split_aliases(r["alt_names"]), country=_csl_country(r["addresses"]),
                list_name=CSL_LIST, reason=" ".join(filter(None, (r["source"], r["programs"]))),
                source_id=r["_id"] or None, unsure=False,
            )  # fmt: skip


def _csl_country(addresses: str) -> str | None:
    """ISO codes ending the CSL addresses ("..., Yerevan, Armenia, AM"), `;`-joined."""
    codes = [a.rsplit(",", 1)[-1].strip() for a in addresses.split(";") if "," in a]
    found = [c for c in codes if re.fullmatch(r"[A-Z]{2}", c)]
    return ";".join(dict.fromkeys(found)) or None
