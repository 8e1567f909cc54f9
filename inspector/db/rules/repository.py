"""Queries and imports of the rules database; every function takes a Session first."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from inspector.db.rules import keywords as kw
from inspector.db.rules.importers import licence_key, parse_licences, parse_watchlist, watch_values
from inspector.db.rules.models import (
    Control,
    ControlKeyword,
    DiversionRoute,
    HsCode,
    Licence,
    Meta,
    Port,
    WatchlistEntry,
)
from inspector.db.rules.records import (
    ControlMatch,
    HsEntry,
    LicenceRecord,
    PortRecord,
    RouteRecord,
    RulesInfo,
    WatchEntry,
)

__all__ = [
    "ControlMatch", "HsEntry", "LicenceRecord", "PortRecord", "RouteRecord", "RulesInfo", "WatchEntry",
    "controls_matching", "diversion_routes", "hs_known", "hs_lookup", "import_licences", "import_watchlist",
    "licence_get", "ports", "rules_info", "rules_version", "watchlist_entries", "watchlist_stamp",
    "watchlist_versions",
]  # fmt: skip

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"^\d{4,10}$")


def _digits(code: str | None) -> str:
    """An HS code without dots or spaces ("" for None)."""
    return re.sub(r"[\s.]", "", code or "")


def hs_lookup(s: Session, code: str) -> HsEntry | None:
    """The nomenclature entry of a 4 to 10 digit code (national codes are looked up by HS6)."""
    digits = _digits(code)
    if not _DIGITS.match(digits):
        return None
    row = s.get(HsCode, digits[:6] if len(digits) > 6 else digits)
    return HsEntry(row.code, row.description, row.level) if row else None


def hs_known(s: Session, code: str) -> bool:
    """Whether the code (or its HS6 part) is in the nomenclature."""
    return hs_lookup(s, code) is not None


def controls_matching(
    s: Session, hs_code: str | None, description: str | None, on: dt.date | None
) -> list[ControlMatch]:
    """The controls in force on `on` (default today) that the goods fall under, by HS or keyword.

    Answers are remembered for the life of the session (one check): several checks ask about the same
    goods, and the rules do not change under a check."""
    day = on or dt.date.today()
    memo = s.info.setdefault("controls_matching", {})
    key = (hs_code, description, day)
    if key not in memo:
        in_force = _in_force(s, day)
        matches = _hs_matches(in_force, _digits(hs_code))
        matches += _keyword_matches(s, in_force, description or "")
        memo[key] = _dedupe(matches)
    return list(memo[key])


def _in_force(s: Session, day: dt.date) -> list[Control]:
    """Control lines effective on `day` and outside their suspension window on it (a window with
    no known start runs from the effective date; the end day is still suspended)."""
    memo = s.info.setdefault("controls_in_force", {})
    if day not in memo:
        stmt = select(Control).where(
            Control.effective_date <= day,
            or_(
                Control.suspended_until.is_(None),
                Control.suspended_until < day,
                Control.suspended_from > day,
            ),
        )
        memo[day] = list(s.scalars(stmt.order_by(Control.id)))
    return memo[day]


def _hs_matches(controls: Iterable[Control], declared: str) -> list[ControlMatch]:
    """Controls whose code agrees with the declared code on their common prefix."""
    if not declared.isdigit():
        return []
    return [_match(c, "hs", c.hs_code or "") for c in controls if _codes_agree(declared, c.hs_code)]


def _codes_agree(declared: str, control: str | None) -> bool:
    """Declared code starts with the control code, or (declared >= 6 digits) the reverse."""
    if not control:
        return False
    return declared.startswith(control) or (len(declared) >= 6 and control.startswith(declared))


def _keyword_matches(
    s: Session, controls: Iterable[Control], description: str
) -> list[ControlMatch]:
    """Controls whose family has a keyword found in the description."""
    if not description.strip():
        return []
    found = _families_in(s, description)
    return [_match(c, "keyword", found[c.family]) for c in controls if c.family in found]


def _families_in(s: Session, description: str) -> dict[str, str]:
    """Family -> the longest of its keywords found in the description."""
    if "control_keywords" not in s.info:
        rows = s.scalars(select(ControlKeyword).where(ControlKeyword.kind != "symbol"))
        s.info["control_keywords"] = [(k.family, k.term, k.lang) for k in rows]
    found: dict[str, str] = {}
    for family, term, lang in s.info["control_keywords"]:
        if kw.find_term(description, term, lang) >= 0 and len(term) > len(found.get(family, "")):
            found[family] = term
    return found


def _match(c: Control, by: str, term: str) -> ControlMatch:
    """A ControlMatch for one control line."""
    return ControlMatch(
        announcement=c.announcement, item=c.item, hs_code=c.hs_code, family=c.family,
        effective_date=c.effective_date, status=c.status, unsure=c.unsure,
        matched_by=by, matched_term=term, suspended_from=c.suspended_from,
        suspended_until=c.suspended_until, suspended_by=c.suspended_by,
    )  # fmt: skip


def _dedupe(matches: list[ControlMatch]) -> list[ControlMatch]:
    """One match per (announcement, family): an HS match first, then a sure line, then the first."""
    best: dict[tuple[str, str], ControlMatch] = {}
    for m in sorted(matches, key=_preference):
        best.setdefault((m.announcement, m.family), m)
    return list(best.values())


def _preference(m: ControlMatch) -> tuple[int, int, int]:
    """Sort key: HS matches before keyword ones, longer codes, sure lines."""
    return (
        m.matched_by != "hs",
        -len(m.matched_term) if m.matched_by == "hs" else 0,
        m.unsure is not None,
    )


def diversion_routes(s: Session) -> tuple[RouteRecord, ...]:
    """The diversion-route list, rows naming a country only, in file order. Read once per session, and
    once per rules version in the process (the table is written by the seed only, which changes it)."""
    return _seeded_table(s, "diversion_routes", _read_routes)


def ports(s: Session) -> tuple[PortRecord, ...]:
    """Every port of the table, by LOCODE; cached like `diversion_routes`."""
    return _seeded_table(s, "ports", _read_ports)


_SEEDED_TABLES: dict[tuple[str, str, str], tuple] = {}


def _seeded_table(s: Session, name: str, read: Callable[[Session], tuple]) -> tuple:
    """A table the seed alone writes, remembered for the session and, per database and rules version,
    for the process (every check of every case reads it)."""
    if name not in s.info:
        key = (str(s.get_bind().url), rules_version(s), name)
        if key not in _SEEDED_TABLES or key[1] == "unseeded":
            _SEEDED_TABLES[key] = read(s)
        s.info[name] = _SEEDED_TABLES[key]
    return s.info[name]


def _read_routes(s: Session) -> tuple[RouteRecord, ...]:
    t = DiversionRoute
    rows = s.execute(
        select(t.country, t.country_name, t.goods_family, t.named_by, t.date, t.date_text, t.source,
               t.notes, t.unsure).where(t.country.is_not(None)).order_by(t.id)
    )
    return tuple(
        RouteRecord(
            country=r.country or "", country_name=r.country_name,
            families=frozenset(f.strip() for f in r.goods_family.split(";") if f.strip()),
            named_by=r.named_by, date=r.date, date_text=r.date_text, source=r.source or "",
            notes=r.notes or "", unsure=r.unsure or "",
        )  # fmt: skip
        for r in rows
    )


def _read_ports(s: Session) -> tuple[PortRecord, ...]:
    rows = s.execute(select(Port.locode, Port.name, Port.country, Port.aliases, Port.unsure).order_by(Port.locode))
    return tuple(PortRecord(p.locode, p.name, p.country, tuple(p.aliases or ()), p.unsure) for p in rows)


def licence_get(s: Session, number: str) -> LicenceRecord | None:
    """The licence with this number, ignoring case, spaces and dashes."""
    row = s.scalars(select(Licence).where(Licence.number_key == licence_key(number))).first()
    return _licence_record(row) if row else None


def _licence_record(row: Licence) -> LicenceRecord:
    """A LicenceRecord from its row."""
    return LicenceRecord(
        licence_number=row.licence_number, holder=row.holder, consignee=row.consignee,
        end_user=row.end_user, destination_country=row.destination_country, hs_code=row.hs_code,
        quantity_kg=row.quantity_kg, valid_from=row.valid_from, valid_to=row.valid_to,
        source_file=row.source_file, imported_at=row.imported_at,
    )  # fmt: skip


def import_licences(s: Session, path: str | Path) -> int:
    """Import a licence-registry CSV (all or nothing); a known licence number replaces its row."""
    path = Path(path)
    rows = parse_licences(path)
    now = dt.datetime.now().replace(microsecond=0)
    for r in rows:
        r.update(source_file=str(path), imported_at=now)
    keys = [r["number_key"] for r in rows]
    for chunk in _chunks(keys, 500):
        s.execute(delete(Licence).where(Licence.number_key.in_(chunk)))
    if rows:
        s.execute(insert(Licence), rows)
    log.info("imported %d licences from %s", len(rows), path)
    return len(rows)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    """Consecutive slices of at most `size` items."""
    return (items[i : i + size] for i in range(0, len(items), size))


def import_watchlist(s: Session, path: str | Path, list_name: str | None = None) -> int:
    """Import a watchlist CSV (all or nothing); the lists it names are replaced as a whole."""
    path = Path(path)
    rows = parse_watchlist(path, list_name)
    names = sorted({r.list_name for r in rows})
    if names:
        s.execute(delete(WatchlistEntry).where(WatchlistEntry.list_name.in_(names)))
        s.execute(insert(WatchlistEntry), [watch_values(r) for r in rows])
        version = _file_version(path)
        for name in names:
            s.merge(Meta(key=f"{_LIST_VERSION}{name}", value=version))
    log.info("imported %d watchlist entries (%s) from %s", len(rows), ", ".join(names), path)
    return len(rows)


def watchlist_entries(s: Session) -> list[WatchEntry]:
    """Every watchlist entry, in insertion order."""
    return [
        WatchEntry(
            id=e.id,
            name=e.name,
            aliases=tuple(e.aliases or ()),
            country=e.country,
            list_name=e.list_name,
            reason=e.reason,
            source_id=e.source_id,
            unsure=bool(e.unsure),
        )  # fmt: skip
        for e in s.scalars(select(WatchlistEntry).order_by(WatchlistEntry.id))
    ]


_LIST_VERSION = "watchlist_version:"


def _file_version(path: Path) -> str:
    """What identifies an imported list: file name, content hash and import date."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"{path.name} sha256:{digest} imported {dt.date.today().isoformat()}"


def watchlist_stamp(s: Session) -> tuple[int, int, str]:
    """(entries, highest id, rules version): changes whenever a list is imported or reseeded."""
    count, top = s.execute(select(func.count(), func.max(WatchlistEntry.id))).one()
    return int(count or 0), int(top or 0), rules_version(s)


def watchlist_versions(s: Session) -> dict[str, str]:
    """List name -> its version: the imported file's name, hash and date, or the seed's version."""
    seeded = f"seed {rules_version(s)}"
    names = s.scalars(select(WatchlistEntry.list_name).distinct())
    stored = dict(s.execute(select(Meta.key, Meta.value).where(Meta.key.startswith(_LIST_VERSION))).all())
    return {n: stored.get(f"{_LIST_VERSION}{n}", seeded) for n in names}


def rules_version(s: Session) -> str:
    """The rules version string ("unseeded" before the first seed)."""
    return s.scalar(select(Meta.value).where(Meta.key == "rules_version")) or "unseeded"


def rules_info(s: Session) -> RulesInfo:
    """Version, seed time, row counts, watchlists and the number of unsure control lines."""
    tables = {"hs_code": HsCode, "control": Control, "control_keyword": ControlKeyword,
              "licence": Licence, "watchlist_entry": WatchlistEntry, "diversion_route": DiversionRoute,
              "port": Port}  # fmt: skip
    counts = {
        name: s.scalar(select(func.count()).select_from(t)) or 0 for name, t in tables.items()
    }
    lists = s.execute(
        select(WatchlistEntry.list_name, func.count()).group_by(WatchlistEntry.list_name)
    )
    unsure = select(func.count()).select_from(Control).where(Control.unsure.is_not(None))
    return RulesInfo(
        version=rules_version(s),
        seeded_at=s.scalar(select(Meta.value).where(Meta.key == "seeded_at")),
        counts=counts,
        lists={name: n for name, n in lists.all()},
        unsure_controls=s.scalar(unsure) or 0,
    )
