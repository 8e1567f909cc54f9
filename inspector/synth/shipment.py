"""One mutually consistent export shipment, with an optional planted problem."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import random
from dataclasses import dataclass, replace

from inspector.paths import resource
from inspector.synth import catalogue as cat
from inspector.synth.iso6346 import corrupt_check_digit, make_container

LEGACY_PROBLEMS = ("licence_missing", "weight_mismatch", "bad_container", "party_mismatch", "gross_below_net")
NEW_PROBLEMS = ("hs_description_mismatch", "weight_sum_mismatch", "date_inconsistent", "licence_not_found",
                "licence_expired", "licence_exceeded", "licence_mismatch", "watchlist_party", "route_risk",
                "value_outlier")
PROBLEMS = LEGACY_PROBLEMS + NEW_PROBLEMS
# Problems that only make sense for controlled goods (a licence, a reference price, a control family).
CONTROLLED_ONLY = ("licence_missing", "hs_description_mismatch", "licence_not_found", "licence_expired",
                   "licence_exceeded", "licence_mismatch", "route_risk", "value_outlier")
GOODS_KINDS = ("controlled", "ordinary")

# The finding codes each problem is built to trigger.
PLANTED = {
    None: (),
    "licence_missing": ("LICENCE_MISSING",),
    "weight_mismatch": ("WEIGHT_INCONSISTENT",),
    "bad_container": ("CONTAINER_CHECK_DIGIT",),
    "party_mismatch": ("FIELD_MISMATCH",),
    "gross_below_net": ("WEIGHT_IMPLAUSIBLE",),
    "hs_description_mismatch": ("HS_DESCRIPTION_MISMATCH",),
    "weight_sum_mismatch": ("WEIGHT_SUM_MISMATCH",),
    "date_inconsistent": ("DATE_INCONSISTENT",),
    "licence_not_found": ("LICENCE_NOT_FOUND",),
    "licence_expired": ("LICENCE_EXPIRED",),
    "licence_exceeded": ("LICENCE_EXCEEDED",),
    "licence_mismatch": ("LICENCE_MISMATCH",),
    "watchlist_party": ("PARTY_WATCHLIST",),
    "route_risk": ("ROUTE_RISK",),
    "value_outlier": ("VALUE_OUTLIER",),
}

# Cover headings (HS6, all in the nomenclature) under which each controlled good is misdeclared;
# each heading's first four digits are named in controls/keywords.csv "misdeclaration_cover_headings".
COVER_HEADINGS = {
    "dysprosium_oxide": ("262099", "720299", "382499"),
    "terbium_oxide": ("262099", "720299", "382499"),
    "gallium": ("262099",),
    "germanium_dioxide": ("262099",),
    "antimony_trioxide": ("262099", "382499"),
    "spherical_graphite": ("250490", "382499"),
    "apt": ("261100", "720280"),
}
CONTROL_FAMILY = {"dysprosium_oxide": "rare_earth_dy", "terbium_oxide": "rare_earth_tb", "gallium": "gallium",
                  "germanium_dioxide": "germanium", "antimony_trioxide": "antimony",
                  "spherical_graphite": "graphite", "apt": "tungsten"}
# prices/mineral_unit_values.csv "material" of each controlled good.
PRICE_MATERIAL = {"dysprosium_oxide": "dysprosium oxide", "terbium_oxide": "terbium oxide",
                  "gallium": "gallium metal", "germanium_dioxide": "germanium dioxide",
                  "antimony_trioxide": "antimony trioxide", "spherical_graphite": "spherical graphite",
                  "apt": "APT (ammonium paratungstate)"}
# routes/diversion_routes.csv "goods_family" values that name each controlled good.
ROUTE_FAMILIES = {"dysprosium_oxide": "rare_earth", "terbium_oxide": "rare_earth", "gallium": "gallium_germanium",
                  "germanium_dioxide": "gallium_germanium", "antimony_trioxide": "antimony",
                  "spherical_graphite": "graphite", "apt": "tungsten"}


@dataclass(frozen=True)
class LicenceRecord:
    """One row of the licence registry (the contract's import-licences CSV)."""

    licence_number: str
    holder: str
    consignee: str
    end_user: str
    destination_country: str
    hs_code: str
    quantity_kg: float
    valid_from: dt.date
    valid_to: dt.date

    def row(self) -> dict[str, str]:
        """The CSV row, in the contract's column order."""
        return {"licence_number": self.licence_number, "holder": self.holder, "consignee": self.consignee,
                "end_user": self.end_user, "destination_country": self.destination_country,
                "hs_code": self.hs_code, "quantity_kg": f"{self.quantity_kg:.0f}",
                "valid_from": self.valid_from.isoformat(), "valid_to": self.valid_to.isoformat()}


@dataclass(frozen=True)
class WatchEntry:
    """A watchlist entry in the contract's minimal form."""

    name: str
    aliases: str
    country: str
    list: str
    reason: str

    def row(self) -> dict[str, str]:
        """The CSV row (name,aliases,country,list,reason)."""
        return {"name": self.name, "aliases": self.aliases, "country": self.country, "list": self.list,
                "reason": self.reason}


SYNTH_LIST = "Inspector synthetic watchlist"
_SYNTH_REASON = "Invented entry for the synthetic corpus (not a real company)"
# Invented watchlist entries, one per destination country (written to the corpus watchlist.csv).
INVENTED_WATCHLIST = tuple(WatchEntry(name, alias, country, SYNTH_LIST, _SYNTH_REASON) for name, alias, country in (
    ("Maasvlakte Strategic Metals B.V.", "MSM Trading B.V.", "NL"),
    ("Elbtal Sondermetalle Handels GmbH", "", "DE"),
    ("Scheldeport Rare Materials NV", "", "BE"),
    ("Kaigan Advanced Alloys Co., Ltd.", "", "JP"),
    ("Daehan Special Materials Co., Ltd.", "", "KR"),
    ("Northstar Critical Minerals Company", "Northstar CM Inc.", "US"),
    ("Meridian Strait Resources Pte. Ltd.", "", "SG"),
))


@dataclass(frozen=True)
class Party:
    """A company: name, address lines, country (ISO alpha-2)."""

    name: str
    address: tuple[str, ...]
    country: str


@dataclass(frozen=True)
class GoodsLine:
    """One line of goods with its packaging, weights and value."""

    spec: cat.GoodsSpec
    packages: int
    quantity: float
    net_kg: float
    gross_kg: float
    unit_price: float
    value: float

    @property
    def unit(self) -> str:
        """The unit of `quantity`."""
        return self.spec.unit


@dataclass(frozen=True)
class Shipment:
    """Everything the paperwork of one shipment says, per document where documents differ."""

    goods_kind: str
    problem: str | None
    exporter: Party
    consignee: Party
    end_user: Party
    notify: Party
    lines: tuple[GoodsLine, ...]  # as on the invoice (the truth of the trade)
    packing_lines: tuple[GoodsLine, ...]  # as on the packing list
    origin_port: cat.Port
    destination_port: cat.Port
    carrier: str
    vessel: str
    voyage: str
    containers: tuple[str, ...]
    bl_containers: tuple[str, ...]
    seals: tuple[str, ...]
    bl_consignee: Party
    currency: str
    incoterm: str
    payment_terms: str
    invoice_number: str
    contract_number: str
    packing_list_number: str
    bl_number: str
    declaration_number: str
    co_number: str
    licence_number: str | None
    licence_date: dt.date
    licence_valid_to: dt.date
    invoice_date: dt.date
    declaration_date: dt.date
    co_date: dt.date
    shipped_date: dt.date
    transit_countries: tuple[str, ...] = ()  # ISO alpha-2, shown as "via ..." on B/L and certificate of origin
    licence_record: LicenceRecord | None = None  # registry row when it differs from the papers (planted)
    watchlist_entry: WatchEntry | None = None  # the entry a party name is a variant of (planted)
    extra_planted: tuple[str, ...] = ()  # codes a problem's variant also triggers

    @property
    def destination_country(self) -> str:
        """ISO alpha-2 of the country the goods go to."""
        return self.destination_port.country

    @property
    def controlled(self) -> bool:
        """Whether any goods line is under export control."""
        return any(line.spec.controlled for line in self.lines)

    @property
    def total_value(self) -> float:
        """Invoice total."""
        return round(sum(line.value for line in self.lines), 2)


class PrintedLines(tuple):
    """Goods lines whose printed totals are not their sums (a planted weight-sum problem)."""

    printed_net: float
    printed_gross: float


def printed_lines(lines: tuple[GoodsLine, ...], net: float, gross: float) -> PrintedLines:
    """`lines` that print `net` and `gross` as their totals."""
    out = PrintedLines(lines)
    out.printed_net, out.printed_gross = net, gross
    return out


def totals(lines: tuple[GoodsLine, ...]) -> tuple[float, float, int]:
    """Net kg, gross kg and package count as printed for some goods lines (normally their sums)."""
    count = sum(line.packages for line in lines)
    if isinstance(lines, PrintedLines):
        return lines.printed_net, lines.printed_gross, count
    net = round(sum(line.net_kg for line in lines), 3)
    gross = round(sum(line.gross_kg for line in lines), 3)
    return net, gross, count


def make_shipment(rng: random.Random, *, goods: str = "controlled", problem: str | None = None,
                  products: tuple[str, ...] | None = None) -> Shipment:
    """Build one consistent shipment from `rng`; `problem` plants one inconsistency (see PROBLEMS)."""
    if goods not in GOODS_KINDS:
        raise ValueError(f"goods must be one of {GOODS_KINDS}, not {goods!r}")
    if problem is not None and problem not in PROBLEMS:
        raise ValueError(f"problem must be None or one of {PROBLEMS}, not {problem!r}")
    if problem in CONTROLLED_ONLY:
        goods = "controlled"
    specs = _pick_goods(rng, goods, products)
    home, port_code = rng.choice(cat.CN_PLACES)
    dest = rng.choice(list(cat.FOREIGN_PORTS.values()))
    base = _base_shipment(rng, goods, specs, home, cat.CN_PORTS[port_code], dest)
    return _plant(base, problem, rng)


def _pick_goods(rng: random.Random, goods: str, products: tuple[str, ...] | None) -> list[cat.GoodsSpec]:
    if products:
        return [cat.GOODS[key] for key in products]
    pool = cat.CONTROLLED_GOODS if goods == "controlled" else cat.ORDINARY_GOODS
    return rng.sample(pool, rng.choice((1, 1, 2, 3)) if goods == "ordinary" else rng.choice((1, 1, 2)))


def _base_shipment(rng: random.Random, goods: str, specs: list[cat.GoodsSpec], home: cat.Place,
                   origin: cat.Port, dest: cat.Port) -> Shipment:
    lines = tuple(_goods_line(rng, spec) for spec in specs)
    carrier, owner, bl_prefix, vessels = rng.choice(cat.CARRIERS)
    containers = tuple(make_container(rng, owner) for _ in range(_container_count(lines)))
    dates = _dates(rng)
    consignee = _foreign_party(rng, dest.country, cat.TRADER_WORDS)
    return Shipment(
        goods_kind=goods, problem=None,
        exporter=_chinese_party(rng, home, specs[0].sector),
        consignee=consignee,
        end_user=_foreign_party(rng, dest.country, cat.MAKER_WORDS),
        notify=consignee,
        lines=lines, packing_lines=lines,
        origin_port=origin, destination_port=dest,
        carrier=carrier, vessel=rng.choice(vessels), voyage=f"{rng.randint(10, 199):03d}{rng.choice('WE')}",
        containers=containers, bl_containers=containers,
        seals=tuple(f"{rng.choice(('CN', 'H', 'EMC', 'ML-CN'))}{rng.randint(1000000, 9999999)}" for _ in containers),
        bl_consignee=consignee,
        currency="EUR" if dest.country in ("DE", "NL", "BE") and rng.random() < 0.3 else "USD",
        incoterm=rng.choice(cat.INCOTERMS), payment_terms=rng.choice(cat.PAYMENT_TERMS),
        **_numbers(rng, bl_prefix, origin, dates["invoice_date"].year, goods == "controlled"),
        **dates,
    )


def _goods_line(rng: random.Random, spec: cat.GoodsSpec) -> GoodsLine:
    packages = rng.randint(*spec.lots)
    quantity = float(round(packages * spec.per_package, 2))
    net = round(quantity * spec.kg_per_unit, 2)
    price = round(rng.uniform(*spec.price), 2 if spec.price[1] < 100 else 1)
    return GoodsLine(spec, packages, quantity, net, round(net + packages * spec.tare_kg, 2), price,
                     round(quantity * price, 2))


def _container_count(lines: tuple[GoodsLine, ...]) -> int:
    gross = sum(line.gross_kg for line in lines)
    return max(1, min(3, int(gross // 18000) + 1))


def _dates(rng: random.Random) -> dict[str, dt.date]:
    shipped = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 300))
    licence = shipped - dt.timedelta(days=rng.randint(20, 90))
    return {
        "shipped_date": shipped,
        "invoice_date": shipped - dt.timedelta(days=rng.randint(4, 12)),
        "declaration_date": shipped - dt.timedelta(days=rng.randint(1, 3)),
        "co_date": shipped - dt.timedelta(days=rng.randint(1, 4)),
        "licence_date": licence,
        "licence_valid_to": licence + dt.timedelta(days=364),
    }


def _numbers(rng: random.Random, bl_prefix: str, origin: cat.Port, year: int,
             controlled: bool) -> dict[str, str | None]:
    invoice = rng.choice((f"{rng.choice(('HX', 'JL', 'EXP', 'INV'))}{year % 100}{rng.randint(1000, 9999)}",
                          f"INV-{year}-{rng.randint(1, 999):04d}", f"{year}{rng.randint(100000, 999999)}"))
    customs = cat.CUSTOMS_CODES[origin.locode][0]
    licence = rng.choice((f"{year}AA{rng.randint(0, 999999):06d}", f"LIC-{year}-{rng.randint(1, 9999):06d}"))
    return {
        "invoice_number": invoice,
        "contract_number": f"{rng.choice(('SC', 'CT', 'PO'))}{year % 100}-{rng.randint(100, 999)}",
        "packing_list_number": rng.choice((f"PL-{invoice}", invoice)),
        "bl_number": f"{bl_prefix}{rng.randint(10**9, 10**10 - 1)}",
        "declaration_number": f"{customs}{year}{rng.randint(0, 1)}{rng.randint(0, 10**9 - 1):09d}",
        "co_number": f"CCPIT{year % 100}C{customs}A{rng.randint(1000, 9999)}/{rng.randint(1, 999):05d}",
        "licence_number": licence if controlled else None,
    }


def _chinese_party(rng: random.Random, home: cat.Place, sector: str) -> Party:
    name = f"{home.city} {rng.choice(cat.CN_FIRM_WORDS)} {sector} Co., Ltd."
    street = f"No. {rng.randint(1, 288)} {rng.choice(cat.CN_STREETS)}, {rng.choice(cat.CN_ZONES)}"
    return Party(name, (street, f"{home.city}, {home.region} {home.postcode}, China"), "CN")


def _foreign_party(rng: random.Random, country: str, words: tuple[str, ...],
                   avoid: str = "") -> Party:
    stems, suffix, streets = cat.FOREIGN_FIRMS[country]
    place = rng.choice(cat.FOREIGN_PLACES[country])
    name = avoid
    while name == avoid:
        name = f"{rng.choice(stems)} {rng.choice(words)} {suffix}"
    street = f"{rng.choice(streets)} {rng.randint(2, 180)}"
    if country in ("US", "SG", "JP", "KR"):
        street = f"{rng.randint(2, 980)} {rng.choice(streets)}"
    city = " ".join(p for p in (place.postcode, place.city, place.region) if p)
    if country == "US":
        city = f"{place.city}, {place.region} {place.postcode}"
    return Party(name, (street, f"{city}, {cat.COUNTRIES[country][0]}"), country)


def _plant(ship: Shipment, problem: str | None, rng: random.Random) -> Shipment:
    ship = replace(ship, problem=problem)
    if problem == "licence_missing":
        return replace(ship, licence_number=None)
    if problem == "weight_mismatch":
        return replace(ship, packing_lines=_scaled_net(ship.lines, rng))
    if problem == "bad_container":
        bad = rng.randrange(len(ship.containers))
        bl = list(ship.containers)
        bl[bad] = corrupt_check_digit(bl[bad], rng)
        return replace(ship, bl_containers=tuple(bl))
    if problem == "party_mismatch":
        other = _foreign_party(rng, ship.destination_country, cat.TRADER_WORDS, ship.consignee.name)
        return replace(ship, bl_consignee=other)
    if problem == "gross_below_net":
        return _gross_below_net(ship)
    if problem in NEW_PROBLEMS:
        return _PLANTERS[problem](ship, rng)
    return ship


def _scaled_net(lines: tuple[GoodsLine, ...], rng: random.Random) -> tuple[GoodsLine, ...]:
    factor = 1 + rng.choice((-1, 1)) * rng.uniform(0.03, 0.10)
    out = []
    for line in lines:
        net = round(line.net_kg * factor)
        tare = line.gross_kg - line.net_kg
        out.append(replace(line, net_kg=float(net), gross_kg=round(net + tare, 2)))
    return tuple(out)


def _gross_below_net(ship: Shipment) -> Shipment:
    lines = tuple(replace(line, gross_kg=round(2 * line.net_kg - line.gross_kg, 2)) for line in ship.lines)
    return replace(ship, lines=lines, packing_lines=lines)


# --- the problems added for the corpus ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _csv_rows(*parts: str) -> tuple[dict[str, str], ...]:
    with resource("data", *parts).open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


def reference_low_usd_per_kg(key: str) -> float:
    """The lowest value per kg prices/mineral_unit_values.csv gives for a controlled good."""
    rows = [r for r in _csv_rows("prices", "mineral_unit_values.csv") if r["material"] == PRICE_MATERIAL[key]]
    return min(float(r["usd_per_kg_low"]) for r in rows)


def diversion_countries(key: str) -> dict[str, str]:
    """Countries routes/diversion_routes.csv names for a controlled good: ISO alpha-2 -> English name."""
    wanted = {ROUTE_FAMILIES[key], "dual_use_general"}
    out = {}
    for row in _csv_rows("routes", "diversion_routes.csv"):
        families = {f.strip() for f in row["goods_family"].split(";")}
        if row["country_iso2"] and row["country_iso2"] != "CN" and families & wanted:
            out[row["country_iso2"]] = row["country_name"]
    return out


def mofcom_entries(country: str) -> tuple[WatchEntry, ...]:
    """Companies (not individuals) of the shipped China MOFCOM lists registered in `country`."""
    out = []
    for name in ("export_control_control_list.csv", "export_control_watch_list.csv", "unreliable_entity_list.csv"):
        for row in _csv_rows("sanctions", "china", name):
            if row["country"] == country and "individual" not in row["reason"]:
                out.append(WatchEntry(row["name"], row["aliases"], row["country"], row["list"], row["reason"]))
    return tuple(out)


def licence_record(ship: Shipment) -> LicenceRecord | None:
    """The registry row the shipment's licence assumes; None without a licence or when it must be absent."""
    if ship.licence_number is None or ship.problem == "licence_not_found":
        return None
    return ship.licence_record or _valid_record(ship)


def _valid_record(ship: Shipment) -> LicenceRecord:
    assert ship.licence_number is not None
    net, _, _ = totals(ship.lines)
    return LicenceRecord(ship.licence_number, ship.exporter.name, ship.consignee.name, ship.end_user.name,
                         ship.destination_country, licence_hs_code(ship), float(math.ceil(net * 1.5 / 1000) * 1000),
                         ship.licence_date, ship.licence_valid_to)


def licence_hs_code(ship: Shipment) -> str:
    """The HS code a licence covers: the goods' common national code prefix (at least 4 digits)."""
    codes = [line.spec.hs10 for line in ship.lines if line.spec.controlled] or [ship.lines[0].spec.hs10]
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    return prefix if len(prefix) >= 4 else codes[0]


def _hs_mismatch(ship: Shipment, rng: random.Random) -> Shipment:
    def cover(line: GoodsLine) -> GoodsLine:
        if not line.spec.controlled:
            return line
        hs6 = rng.choice(COVER_HEADINGS[line.spec.key])
        return replace(line, spec=replace(line.spec, hs6=hs6, hs10=f"{hs6}0000"))

    lines = tuple(cover(line) for line in ship.lines)
    by_key = {line.spec.key: line.spec for line in lines}
    packing = tuple(replace(line, spec=by_key[line.spec.key]) for line in ship.packing_lines)
    return replace(ship, lines=lines, packing_lines=packing)


def _weight_sum(ship: Shipment, rng: random.Random) -> Shipment:
    net, gross, _ = totals(ship.lines)
    index = rng.randrange(len(ship.lines))
    line = ship.lines[index]
    delta = rng.choice((-1, 1)) * max(20.0, round(line.net_kg * rng.uniform(0.04, 0.12)))
    if line.net_kg + delta <= 0:
        delta = abs(delta)
    changed = replace(line, net_kg=round(line.net_kg + delta, 2), gross_kg=round(line.gross_kg + delta, 2))
    lines = ship.lines[:index] + (changed,) + ship.lines[index + 1:]
    return replace(ship, packing_lines=printed_lines(lines, net, gross))


def _date_inconsistent(ship: Shipment, rng: random.Random) -> Shipment:
    if ship.licence_number and rng.random() < 0.4:
        issued = ship.shipped_date + dt.timedelta(days=rng.randint(3, 20))
        return replace(ship, licence_date=issued, licence_valid_to=issued + dt.timedelta(days=364),
                       extra_planted=("LICENCE_EXPIRED",))
    return replace(ship, invoice_date=ship.shipped_date + dt.timedelta(days=rng.randint(3, 10)))


def _licence_not_found(ship: Shipment, rng: random.Random) -> Shipment:
    return ship  # the corpus writes no registry row for this licence


def _licence_expired(ship: Shipment, rng: random.Random) -> Shipment:
    valid_to = ship.shipped_date - dt.timedelta(days=rng.randint(5, 60))
    return replace(ship, licence_date=valid_to - dt.timedelta(days=364), licence_valid_to=valid_to)


def _licence_exceeded(ship: Shipment, rng: random.Random) -> Shipment:
    net, _, _ = totals(ship.lines)
    quantity = float(max(1, math.floor(net * rng.uniform(0.4, 0.85))))
    return replace(ship, licence_record=replace(_valid_record(ship), quantity_kg=quantity))


def _licence_mismatch(ship: Shipment, rng: random.Random) -> Shipment:
    record = _valid_record(ship)
    if rng.random() < 0.5:
        other = _foreign_party(rng, ship.destination_country, cat.TRADER_WORDS, ship.consignee.name)
        return replace(ship, licence_record=replace(record, consignee=other.name))
    countries = sorted({p.country for p in cat.FOREIGN_PORTS.values()} - {ship.destination_country})
    return replace(ship, licence_record=replace(record, destination_country=rng.choice(countries)))


def _watchlist_party(ship: Shipment, rng: random.Random) -> Shipment:
    country = ship.destination_country
    known = mofcom_entries(country)
    invented = next(e for e in INVENTED_WATCHLIST if e.country == country)
    entry = rng.choice(known) if known and rng.random() < 0.5 else invented
    name = name_variant(entry.name, rng)
    if ship.controlled and rng.random() < 0.3:
        party = replace(ship.end_user, name=name)
        return replace(ship, end_user=party, watchlist_entry=entry)
    party = replace(ship.consignee, name=name)
    notify = party if ship.notify == ship.consignee else ship.notify
    return replace(ship, consignee=party, bl_consignee=party, notify=notify, watchlist_entry=entry)


def name_variant(name: str, rng: random.Random) -> str:
    """A company name spelled slightly differently: comma dropped, Co./Company swapped, one letter changed."""
    options = []
    if ", " in name:
        options.append(name.replace(", ", " ", 1))
    if "Co." in name:
        options.append(name.replace("Co.", "Company", 1))
    elif "Company" in name:
        options.append(name.replace("Company", "Co.", 1))
    options.append(_one_letter_changed(name, rng))
    return rng.choice(options)


def _one_letter_changed(name: str, rng: random.Random) -> str:
    words = name.split(" ")
    index = max(range(len(words)), key=lambda i: (len(words[i]) if words[i].isalpha() else 0, -i))
    word = words[index]
    pos = rng.randrange(1, max(2, len(word) - 1))
    old = word[pos]
    new = rng.choice([c for c in "aeiourstnl" if c != old.lower()])
    words[index] = word[:pos] + (new.upper() if old.isupper() else new) + word[pos + 1:]
    return " ".join(words)


def _route_risk(ship: Shipment, rng: random.Random) -> Shipment:
    key = next(line.spec.key for line in ship.lines if line.spec.controlled)
    countries = sorted(set(diversion_countries(key)) - {ship.destination_country})
    return replace(ship, transit_countries=(rng.choice(countries),))


def route_risk_countries(ship: Shipment) -> tuple[str, ...]:
    """Destination and transit countries that diversion_routes.csv names for the shipment's controlled goods."""
    named = {c for line in ship.lines if line.spec.controlled for c in diversion_countries(line.spec.key)}
    return tuple(c for c in (ship.destination_country, *ship.transit_countries) if c in named)


def _value_outlier(ship: Shipment, rng: random.Random) -> Shipment:
    factor = rng.uniform(0.05, 0.2)

    def cheap(line: GoodsLine) -> GoodsLine:
        if not line.spec.controlled:
            return line
        price = round(reference_low_usd_per_kg(line.spec.key) * factor / line.spec.kg_per_unit, 2)
        return replace(line, unit_price=price, value=round(line.quantity * price, 2))

    lines = tuple(cheap(line) for line in ship.lines)
    return replace(ship, lines=lines, packing_lines=lines)


_PLANTERS = {
    "hs_description_mismatch": _hs_mismatch, "weight_sum_mismatch": _weight_sum,
    "date_inconsistent": _date_inconsistent, "licence_not_found": _licence_not_found,
    "licence_expired": _licence_expired, "licence_exceeded": _licence_exceeded,
    "licence_mismatch": _licence_mismatch, "watchlist_party": _watchlist_party, "route_risk": _route_risk,
    "value_outlier": _value_outlier,
}
