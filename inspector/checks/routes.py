"""ROUTE_RISK: the goods go to, through or for a country named as a diversion route for them.

What is read (only what the documents carry):
- the destination country (`country_of_destination`, every document),
- the transit countries (`transit_countries`: "VIA ..." on a B/L or certificate of origin),
- the country of the port of discharge (`port_of_discharge`: a LOCODE, a "Port, Country" text or a
  port name or alias of the rules database's port table, within OCR noise; an unknown port name is left
  unresolved),
- the consignee's (and notify party's) country when the party field carries its address ("..., Germany"
  or a last address line); extraction usually keeps the name alone, then nothing is read.

Rules:
The route list and the port table are tables of the rules database (seeded from
`resources/data/routes/diversion_routes.csv` and `resources/data/locations/ports.csv`, so they are part of
the rules version and updated with the rules), read once per rules session.

1. Listed route: one of those countries is named in the diversion-route table for the
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

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from sqlalchemy.orm import Session

from inspector.checks import controls
from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import PortRecord, RouteRecord, diversion_routes, ports
from inspector.extract.normalise import country_code
from inspector.models import Document, FieldValue, Finding, Message, Severity
from inspector.paths import resource
from inspector.wording import field_name

COUNTRIES_FILE = ("data", "locations", "country-codes.csv")
GENERAL = "dual_use_general"
# Control families (controls/keywords.csv) -> goods_family of the diversion routes; others map to themselves.
ROUTE_FAMILY = {
    "rare_earth_dy": "rare_earth", "rare_earth_tb": "rare_earth", "samarium": "rare_earth",
    "gadolinium": "rare_earth", "lutetium": "rare_earth", "scandium": "rare_earth", "yttrium": "rare_earth",
    "gallium": "gallium_germanium", "germanium": "gallium_germanium",
}
# Landlocked countries outside the UN LLDC list (which country-codes.csv flags).
_LANDLOCKED_EXTRA = frozenset({"AT", "CH", "CZ", "HU", "SK", "LU", "LI", "RS", "BY", "VA", "SM", "AD", "XK"})
_LOCODE = re.compile(r"^([A-Z]{2})\s?[A-Z2-9]{3}$")
PARTY_FIELDS = ("consignee", "notify_party")
_ROLE_ZH = {"destination": "目的国", "transit": "过境国", "port of discharge": "卸货港",
            "consignee": field_name("consignee").zh, "notify party": field_name("notify_party").zh}
_FAMILY_ZH = {"rare_earth": "稀土", "gallium_germanium": "镓、锗", "antimony": "锑", "tungsten": "钨",
              "graphite": "石墨", "superhard": "超硬材料", GENERAL: "一般两用物项"}
# Words around a port name that are not the name: "SHANGHAI PORT", "Hamburg CY", "上海港".
_PORT_WORDS = re.compile(r"\b(port|cy|cfs|terminal|harbour|harbor|seaport)\b|港口?$", re.IGNORECASE)
# A field label read as the value ("Pori Of Discharge", "Shipped on Reard"): not a place nor a vessel.
_LABEL_WORDS = ("discharge", "loading", "destination", "shipped", "voyage", "vessel", "receipt", "delivery",
                "freight", "payable")


def route_entries(rules: Session) -> tuple[RouteRecord, ...]:
    """The diversion route list of the rules database (rows naming a country)."""
    return diversion_routes(rules)


def _evidence(e: RouteRecord) -> dict[str, str | None]:
    return {"country": e.country, "goods_family": ";".join(sorted(e.families)), "named_by": e.named_by,
            "date": e.date_text, "source": e.source, "notes": e.notes, "unsure": e.unsure or None}


@dataclass(frozen=True)
class Reading:
    """A country read on a document, in a role (destination, transit, port of discharge, consignee)."""

    country: str
    role: str
    doc: Document
    field: str
    fv: FieldValue
    text: str  # what was read (a port name, a party with its address...)


def _rows(parts: tuple[str, ...]) -> list[dict[str, str]]:
    with resource(*parts).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def fold(text: str) -> str:
    """Lower case, accents and punctuation gone, single spaces ("Gdańsk," -> "gdansk")."""
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^\w\u3400-\u9fff]+", " ", plain).replace("_", " ").strip()


def _han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" for c in text)


@dataclass(frozen=True)
class PortIndex:
    """The port table of the rules database, indexed for reading a port as documents write it."""

    names: dict[str, PortRecord]  # folded name or alias -> port
    codes: dict[str, PortRecord]  # LOCODE -> port
    latin: tuple[tuple[str, PortRecord], ...]  # folded Latin names, spaces removed, for OCR-tolerant lookup
    han: tuple[tuple[str, PortRecord], ...]  # Chinese names, longest first, found inside a reading

    def names_of(self, port: PortRecord) -> set[str]:
        return {fold(n) for n in (port.name, *port.aliases) if n.strip()}


def port_index(rules: Session) -> PortIndex:
    """The port index, built once per rules session (the table changes only with the rules)."""
    if "routes.port_index" not in rules.info:
        rules.info["routes.port_index"] = _build_index(ports(rules))
    return rules.info["routes.port_index"]


@functools.lru_cache(maxsize=4)
def _build_index(table: tuple[PortRecord, ...]) -> PortIndex:
    """The index of one content of the port table (built again only when the table changes)."""
    names: dict[str, PortRecord] = {}
    for p in table:
        for name in (p.name, *p.aliases):
            if name.strip():
                names.setdefault(fold(name), p)
    latin = tuple((k.replace(" ", ""), p) for k, p in names.items() if not _han(k))
    han = tuple(sorted(((k, p) for k, p in names.items() if _han(k) and len(k) >= 2), key=lambda kp: -len(kp[0])))
    return PortIndex(names, {p.locode: p for p in table}, latin, han)


@dataclass(frozen=True)
class PortReading:
    """A port as read: the port of the table when it is known, its country, and the name as written."""

    port: PortRecord | None
    country: str | None
    name: str  # folded name part of the reading ("shanghai" of "SHANGHAI PORT, CHINA")


def looks_like_label(text: str) -> bool:
    """A field label read in place of the value ("Pori Of Discharge", "Pait ot loading")."""
    return any(len(t) >= 6 and fuzz.ratio(t, w) >= 80 for t in fold(text).split() for w in _LABEL_WORDS)


def _fuzzy_port(index: PortIndex, name: str) -> PortRecord | None:
    """A known port within OCR noise of `name` (one wrong letter, two in a long name), when only one is."""
    key = name.replace(" ", "")
    if len(key) < 5 or _han(key):
        return None
    allowed = 1 if len(key) < 9 else 2
    hits = {p.locode: p for k, p in index.latin if abs(len(k) - len(key)) <= allowed
            and Levenshtein.distance(k, key, score_cutoff=allowed) <= allowed}
    return next(iter(hits.values())) if len(hits) == 1 else None


def resolve_port(rules: Session, text: str | None) -> PortReading | None:
    """Read a port as documents write it: a UN/LOCODE ("CNSHA", "NL RTM"), a name or alias of the port
    table ("SHANGHAI", "Shanghai, China", "上海港", "Los Angeles 8"), within one or two letters of OCR
    noise; else only its country (a ", Country" tail, a LOCODE's country) and the name as read.
    None for an empty reading or a label read as the value."""
    memo = rules.info.setdefault("routes.resolve_port", {})
    if text not in memo:
        memo[text] = _resolve_port(port_index(rules), text)
    return memo[text]


def _resolve_port(index: PortIndex, text: str | None) -> PortReading | None:
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t or looks_like_label(t):
        return None
    compact = t.upper().replace(" ", "")
    m = _LOCODE.match(compact if len(t) <= 6 else "")
    if m and compact in index.codes:
        p = index.codes[compact]
        return PortReading(p, p.country, fold(p.name))
    if m and country_code(m[1]) == m[1]:
        return PortReading(None, m[1], fold(t))
    t = re.sub(r"^[^:：]{0,20}[:：]\s*", "", t) or t  # "POD: Shanghai"
    parts = [p.strip() for p in re.split(r"[,\n(（]", t) if p.strip(" )）")] or [t]
    tail = country_code(parts[-1]) if len(parts) > 1 else None
    head = parts[0]
    bare = _PORT_WORDS.sub(" ", head)
    bare_trimmed = re.sub(r"(\s+\S{0,2}\d\S*)+$", "", bare)  # "Los Angeles 8": OCR debris after the name
    found = None
    for candidate in (t, head, bare, bare_trimmed):
        found = index.names.get(fold(candidate))
        if found:
            break
    if found is None and _han(t):
        found = next((p for k, p in index.han if k in fold(t).replace(" ", "")), None)
    if found is None:
        found = _fuzzy_port(index, fold(bare_trimmed))
    if found is not None and (tail is None or tail == found.country):
        return PortReading(found, found.country, fold(found.name))
    return PortReading(None, tail, fold(bare_trimmed) or fold(head))


def port_country(rules: Session, text: str | None) -> str | None:
    """The country of a port: its LOCODE, a trailing ", Country", or a known port name."""
    reading = resolve_port(rules, text)
    return reading.country if reading else None


def same_port(rules: Session, a: str, b: str) -> bool:
    """Whether two readings name the same port. Two known ports: the same LOCODE (two ports of one
    country differ). A reading the table does not know is compared by name, fuzzily, and only a clear
    difference counts: another country, or names with little in common; a Chinese name against a
    Latin one that the table cannot join is not judged."""
    ra, rb = resolve_port(rules, a), resolve_port(rules, b)
    if ra is None or rb is None:
        return True
    if ra.port is not None and rb.port is not None:
        return ra.port.locode == rb.port.locode
    if ra.country and rb.country and ra.country != rb.country:
        return False
    index = port_index(rules)
    names_a = index.names_of(ra.port) if ra.port else {ra.name}
    names_b = index.names_of(rb.port) if rb.port else {rb.name}
    pairs = [(x, y) for x in names_a for y in names_b if x and y and _han(x) == _han(y)]
    if not pairs:
        return True
    return max(_name_similarity(x, y) for x, y in pairs) >= PORT_NAME_SIMILARITY


PORT_NAME_SIMILARITY = 60.0  # below this two port names have little in common


def _name_similarity(a: str, b: str) -> float:
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if a in b or b in a:
        return 100.0
    return fuzz.ratio(a, b)


@functools.lru_cache(maxsize=1)
def _landlocked() -> frozenset[str]:
    rows = _rows(COUNTRIES_FILE)
    lldc = {r["ISO3166-1-Alpha-2"] for r in rows if (r.get("Land Locked Developing Countries (LLDC)") or "").strip()}
    return frozenset(lldc | _LANDLOCKED_EXTRA)


def party_country(text: str | None) -> str | None:
    """A party's country from its address: the last line or last comma-separated part, when it is a country."""
    parts = [p.strip() for p in re.split(r"[,\n]", text or "") if p.strip()]
    return country_code(parts[-1]) if len(parts) > 1 else None


def _readings(ctx: CheckContext) -> Iterator[Reading]:
    for doc, fv in ctx.with_field("country_of_destination"):
        yield Reading(str(fv.value), "destination", doc, "country_of_destination", fv, str(fv.raw or fv.value))
    for doc, fv in ctx.with_field("transit_countries"):
        values = fv.value if isinstance(fv.value, list | tuple) else [fv.value]
        for code in values:
            yield Reading(str(code), "transit", doc, "transit_countries", fv, str(code))
    for doc, fv in ctx.with_field("port_of_discharge"):
        code = port_country(ctx.rules, str(fv.value))
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


def _doubt(fv: FieldValue) -> Message:
    return Message(f" (read with low confidence, {fv.confidence:.0%}: check the paper)",
                   f"（识读置信度低，{fv.confidence:.0%}：请查看纸质单据）")


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
        entries = [e for e in route_entries(ctx.rules) if e.country == country and e.families & wanted
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
        doubt = Message("", "")
        if not _trusted(ctx, at.fv):
            severity = severity.lower()
            doubt = _doubt(at.fv)
        roles = sorted({r.role for r in seen})
        named = sorted(lead.families & families)
        goods = Message(", ".join(named) or "dual-use goods in general",
                        "、".join(_FAMILY_ZH.get(f, f) for f in named) or "一般两用物项")
        flag = Message(f"; flagged unsure: {lead.unsure}", f"；该条目标注为不确定：{lead.unsure}") if lead.unsure \
            else Message("", "")
        name = lead.country_name or country
        roles_zh = "和".join(_ROLE_ZH.get(r, r) for r in roles)
        yield finding(
            "ROUTE_RISK", severity,
            Message(f"{name} ({country}), the {' and '.join(roles)} of the shipment{doubt.en}, is named as a "
                    f"diversion route for {goods.en} by {lead.named_by} ({lead.date_text}){flag.en}.",
                    f"{name}（{country}）是本批货物的{roles_zh}{doubt.zh}，已被 {lead.named_by}"
                    f"（{lead.date_text}）列为{goods.zh}的转运规避路线{flag.zh}。"),
            at.doc, at.field, at.fv, country=country, roles=roles, read_as=at.text,
            goods_families=sorted(families), entry=_evidence(lead), entries=[_evidence(e) for e in entries],
            unsure=bool(lead.unsure), confidence=at.fv.confidence, low_confidence=not _trusted(ctx, at.fv),
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
        severity, doubt = Severity.LOW, Message("", "")
        if not _trusted(ctx, r.fv):
            severity = Severity.INFO
            doubt = _doubt(r.fv)
        yield finding(
            "ROUTE_RISK", severity,
            Message(f"The {r.role} '{r.text}' is in {r.country}{doubt.en}, but the declared destination is "
                    f"{dest.country}: the goods may be bound elsewhere than declared.",
                    f"{_ROLE_ZH.get(r.role, r.role)}“{r.text}”位于 {r.country}{doubt.zh}，但申报的目的国为 "
                    f"{dest.country}：货物可能运往申报以外的地方。"),
            r.doc, r.field, r.fv, country=r.country, role=r.role, read_as=r.text,
            destination=dest.country, destination_document=dest.doc.index, confidence=r.fv.confidence,
            low_confidence=not _trusted(ctx, r.fv),
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Listed diversion routes for the controlled goods; port or consignee away from the destination."""
    readings = list(_readings(ctx))
    dest = _destination(readings)
    listed = {e.country for e in route_entries(ctx.rules)} - _origins(ctx)
    if not any(r.country in listed or (dest and r.country != dest.country) for r in readings):
        return  # nothing to say whatever the goods: spare the control look-ups
    found = {c.control.family for c in controls.controlled_items(ctx)}
    if not found:
        return
    families = {ROUTE_FAMILY.get(f, f) for f in found} - {"other"}
    yield from _listed(ctx, readings, families, _origins(ctx))
    if dest is not None:
        yield from _elsewhere(ctx, readings, dest)
