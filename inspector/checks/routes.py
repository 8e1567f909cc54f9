"""ROUTE_RISK: the goods go to, through or for a country named as a diversion route for them.

What is read (only what the documents carry):
- the destination country (`country_of_destination`, every document),
- the transit countries (`transit_countries`: "VIA ..." on a B/L or certificate of origin),
- the country of the port of discharge (`port_of_discharge`: a LOCODE, a "Port, Country" text or a
  port name of `resources/data/locations/ports.csv`; an unknown port name is left unresolved),
- the consignee's (and notify party's) country when the party field carries its address ("..., Germany"
  or a last address line); extraction usually keeps the name alone, then nothing is read.

Rules:
1. Listed route: one of those countries is named in `resources/data/routes/diversion_routes.csv` for the
   goods family of the case's controlled goods (the control families of `controls`: control family -> route
   family, e.g. rare_earth_dy -> rare_earth), or as `dual_use_general` (any controlled goods). Only entries
   dated on or before the shipment date count (a route named later was not known then); the country of
   origin (the exporter's own country) is never a diversion route for its own exports. HIGH for an entry
   naming the goods family, MEDIUM for a general dual-use entry; one step lower when every entry behind
   it is flagged `unsure`, and one step lower when the country was read with low confidence. Evidence:
   every entry (named_by, date, source, notes, unsure).
2. Port elsewhere: the port of discharge is in another country than the declared destination (controlled
   goods only; not for a landlocked destination, which must land its goods abroad). LOW.
3. Consignee elsewhere: the consignee's country (from its address) is not the destination (controlled
   goods only). LOW.
Ordinary goods raise nothing: the lists are about controlled goods.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from inspector.checks import controls
from inspector.checks.context import CheckContext, finding
from inspector.extract.normalise import country_code
from inspector.models import Document, FieldValue, Finding, Severity
from inspector.paths import resource

ROUTES_FILE = ("data", "routes", "diversion_routes.csv")
PORTS_FILE = ("data", "locations", "ports.csv")
COUNTRIES_FILE = ("data", "locations", "country-codes.csv")
GENERAL = "dual_use_general"
# Control families (controls/keywords.csv) -> goods_family of diversion_routes.csv; others map to themselves.
ROUTE_FAMILY = {
    "rare_earth_dy": "rare_earth", "rare_earth_tb": "rare_earth", "samarium": "rare_earth",
    "gadolinium": "rare_earth", "lutetium": "rare_earth", "scandium": "rare_earth", "yttrium": "rare_earth",
    "gallium": "gallium_germanium", "germanium": "gallium_germanium",
}
# Landlocked countries outside the UN LLDC list (which country-codes.csv flags).
_LANDLOCKED_EXTRA = frozenset({"AT", "CH", "CZ", "HU", "SK", "LU", "LI", "RS", "BY", "VA", "SM", "AD", "XK"})
_LOCODE = re.compile(r"^([A-Z]{2})\s?[A-Z2-9]{3}$")
PARTY_FIELDS = ("consignee", "notify_party")


@dataclass(frozen=True)
class RouteEntry:
    """One row of diversion_routes.csv."""

    country: str
    country_name: str
    families: frozenset[str]
    named_by: str
    date: dt.date | None
    date_text: str
    source: str
    notes: str
    unsure: str

    def evidence(self) -> dict[str, str | None]:
        return {"country": self.country, "goods_family": ";".join(sorted(self.families)),
                "named_by": self.named_by, "date": self.date_text, "source": self.source,
                "notes": self.notes, "unsure": self.unsure or None}


@dataclass(frozen=True)
class Reading:
    """A country read on a document, in a role (destination, transit, port of discharge, consignee)."""

    country: str
    role: str
    doc: Document
    field: str
    fv: FieldValue
    text: str  # what was read (a port name, a party with its address...)


def _first_date(text: str) -> dt.date | None:
    """'2022-06-28' -> that day; '2025-07' or '2023-03/2023-04' -> the first day of the first month."""
    m = re.match(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?", text or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None


def _rows(parts: tuple[str, ...]) -> list[dict[str, str]]:
    with resource(*parts).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.lru_cache(maxsize=1)
def route_entries() -> tuple[RouteEntry, ...]:
    """The diversion route list; rows that name no country (unnamed "third countries") are left out."""
    out = []
    for r in _rows(ROUTES_FILE):
        country = (r.get("country_iso2") or "").strip().upper()
        if not country:
            continue
        out.append(RouteEntry(
            country, r.get("country_name", ""), frozenset(f.strip() for f in r["goods_family"].split(";") if f.strip()),
            r.get("named_by", ""), _first_date(r.get("date", "")), r.get("date", ""), r.get("source", ""),
            r.get("notes", ""), (r.get("unsure") or "").strip()))
    return tuple(out)


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^\w\u3400-\u9fff]+", " ", plain).strip()


@functools.lru_cache(maxsize=1)
def _ports() -> tuple[dict[str, str], dict[str, str]]:
    """(folded port name or alias -> country, LOCODE -> country) from ports.csv."""
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    for r in _rows(PORTS_FILE):
        codes[r["locode"]] = r["country"]
        for name in (r["name"], *r["aliases"].split(";")):
            if name.strip():
                names.setdefault(_fold(name), r["country"])
    return names, codes


@functools.lru_cache(maxsize=1)
def _landlocked() -> frozenset[str]:
    rows = _rows(COUNTRIES_FILE)
    lldc = {r["ISO3166-1-Alpha-2"] for r in rows if (r.get("Land Locked Developing Countries (LLDC)") or "").strip()}
    return frozenset(lldc | _LANDLOCKED_EXTRA)


def port_country(text: str | None) -> str | None:
    """The country of a port of discharge: its LOCODE, a trailing ", Country", or a known port name."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t:
        return None
    m = _LOCODE.match(t.upper().replace(" ", "") if len(t) <= 6 else "")
    if m and (t.upper().replace(" ", "") in _ports()[1] or country_code(m[1]) == m[1]):
        return m[1]
    parts = [p.strip() for p in re.split(r"[,\n]", t) if p.strip()]
    if len(parts) > 1:
        tail = country_code(parts[-1])
        if tail:
            return tail
    names = _ports()[0]
    for candidate in (t, parts[0] if parts else t, re.sub(r"\b(port|cy|cfs|terminal)\b", "", t, flags=re.I)):
        hit = names.get(_fold(candidate))
        if hit:
            return hit
    return None


def party_country(text: str | None) -> str | None:
    """A party's country from its address: the last line or last comma-separated part, when it is a country."""
    parts = [p.strip() for p in re.split(r"[,\n]", text or "") if p.strip()]
    return country_code(parts[-1]) if len(parts) > 1 else None


def control_families(ctx: CheckContext) -> set[str]:
    """The control families of the case's goods lines, as `controls.controlled_items` finds them, each
    distinct (HS code, description) looked up once (the same line is printed on most documents)."""
    seen: set[tuple[str | None, str]] = set()
    out: set[str] = set()
    for doc in ctx.readable():
        for item in doc.items:
            key = (item.hs_code, item.description.strip().casefold())
            if key not in seen:
                seen.add(key)
                out |= {m.family for m in controls._relevant(ctx, item)}
    return out


def _readings(ctx: CheckContext) -> Iterator[Reading]:
    for doc, fv in ctx.with_field("country_of_destination"):
        yield Reading(str(fv.value), "destination", doc, "country_of_destination", fv, str(fv.raw or fv.value))
    for doc, fv in ctx.with_field("transit_countries"):
        values = fv.value if isinstance(fv.value, list | tuple) else [fv.value]
        for code in values:
            yield Reading(str(code), "transit", doc, "transit_countries", fv, str(code))
    for doc, fv in ctx.with_field("port_of_discharge"):
        code = port_country(str(fv.value))
        if code:
            yield Reading(code, "port of discharge", doc, "port_of_discharge", fv, str(fv.value))
    for name in PARTY_FIELDS:
        for doc, fv in ctx.with_field(name):
            code = party_country(str(fv.raw or fv.value))
            if code:
                yield Reading(code, name.replace("_", " "), doc, name, fv, str(fv.raw or fv.value))


def _destination(readings: list[Reading]) -> Reading | None:
    """The declared destination: the country most documents give (the first reading breaks ties)."""
    dests = [r for r in readings if r.role == "destination"]
    if not dests:
        return None
    counts: dict[str, int] = {}
    for r in dests:
        counts[r.country] = counts.get(r.country, 0) + 1
    best = max(counts.values())
    return next(r for r in dests if counts[r.country] == best)


def _origins(ctx: CheckContext) -> set[str]:
    return {str(fv.value) for _, fv in ctx.with_field("country_of_origin")} or {"CN"}


def _trusted(ctx: CheckContext, fv: FieldValue) -> bool:
    return fv.confidence >= ctx.config.tolerances.low_confidence


def _listed(ctx: CheckContext, readings: list[Reading], families: set[str], origins: set[str]) -> Iterator[Finding]:
    day = ctx.shipment_date
    wanted = families | {GENERAL}
    by_country: dict[str, list[Reading]] = {}
    for r in readings:
        if r.country not in origins:
            by_country.setdefault(r.country, []).append(r)
    for country, seen in by_country.items():
        entries = [e for e in route_entries() if e.country == country and e.families & wanted
                   and (day is None or e.date is None or e.date <= day)]
        if not entries:
            continue
        specific = [e for e in entries if e.families & families]
        lead_entries = specific or entries
        lead = max(lead_entries, key=lambda e: (not e.unsure, e.date or dt.date.min))
        severity = Severity.HIGH if specific else Severity.MEDIUM
        if all(e.unsure for e in lead_entries):
            severity = severity.lower()
        at = max(seen, key=lambda r: (_trusted(ctx, r.fv), r.fv.confidence))
        doubt = ""
        if not _trusted(ctx, at.fv):
            severity = severity.lower()
            doubt = f" (read with low confidence, {at.fv.confidence:.0%}: check the paper)"
        roles = sorted({r.role for r in seen})
        goods = ", ".join(sorted(lead.families & families)) or "dual-use goods in general"
        flag = f"; flagged unsure: {lead.unsure}" if lead.unsure else ""
        yield finding(
            "ROUTE_RISK", severity,
            f"{lead.country_name or country} ({country}), the {' and '.join(roles)} of the shipment{doubt}, is "
            f"named as a diversion route for {goods} by {lead.named_by} ({lead.date_text}){flag}.",
            at.doc, at.field, at.fv, country=country, roles=roles, read_as=at.text,
            goods_families=sorted(families), entry=lead.evidence(), entries=[e.evidence() for e in entries],
            unsure=bool(lead.unsure), confidence=at.fv.confidence,
        )


def _elsewhere(ctx: CheckContext, readings: list[Reading], dest: Reading) -> Iterator[Finding]:
    """Port of discharge or consignee in another country than the declared destination."""
    landlocked = dest.country in _landlocked()
    done: set[tuple[str, str]] = set()
    for r in readings:
        if r.role == "destination" or r.role == "transit" or r.country == dest.country:
            continue
        if (r.role, r.country) in done or (r.role == "port of discharge" and landlocked):
            continue
        done.add((r.role, r.country))
        severity, doubt = Severity.LOW, ""
        if not _trusted(ctx, r.fv):
            severity = Severity.INFO
            doubt = f" (read with low confidence, {r.fv.confidence:.0%}: check the paper)"
        what = f"port of discharge '{r.text}'" if r.role == "port of discharge" else f"{r.role} '{r.text}'"
        yield finding(
            "ROUTE_RISK", severity,
            f"The {what} is in {r.country}{doubt}, but the declared destination is {dest.country}: "
            "the goods may be bound elsewhere than declared.",
            r.doc, r.field, r.fv, country=r.country, role=r.role, read_as=r.text,
            destination=dest.country, destination_document=dest.doc.index, confidence=r.fv.confidence,
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Listed diversion routes for the controlled goods; port or consignee away from the destination."""
    readings = list(_readings(ctx))
    dest = _destination(readings)
    listed = {e.country for e in route_entries()} - _origins(ctx)
    if not any(r.country in listed or (dest and r.country != dest.country) for r in readings):
        return  # nothing to say whatever the goods: spare the control look-ups
    found = control_families(ctx)
    if not found:
        return
    families = {ROUTE_FAMILY.get(f, f) for f in found} - {"other"}
    yield from _listed(ctx, readings, families, _origins(ctx))
    if dest is not None:
        yield from _elsewhere(ctx, readings, dest)
