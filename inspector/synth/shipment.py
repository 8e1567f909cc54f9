"""One mutually consistent export shipment, with an optional planted problem."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from inspector.synth import catalogue as cat
from inspector.synth.iso6346 import corrupt_check_digit, make_container

PROBLEMS = ("licence_missing", "weight_mismatch", "bad_container", "party_mismatch", "gross_below_net")
GOODS_KINDS = ("controlled", "ordinary")

# The finding codes each problem is built to trigger.
PLANTED = {
    None: (),
    "licence_missing": ("LICENCE_MISSING",),
    "weight_mismatch": ("WEIGHT_INCONSISTENT",),
    "bad_container": ("CONTAINER_CHECK_DIGIT",),
    "party_mismatch": ("FIELD_MISMATCH",),
    "gross_below_net": ("WEIGHT_IMPLAUSIBLE",),
}


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


def totals(lines: tuple[GoodsLine, ...]) -> tuple[float, float, int]:
    """Net kg, gross kg and package count of some goods lines."""
    net = round(sum(line.net_kg for line in lines), 3)
    gross = round(sum(line.gross_kg for line in lines), 3)
    return net, gross, sum(line.packages for line in lines)


def make_shipment(rng: random.Random, *, goods: str = "controlled", problem: str | None = None,
                  products: tuple[str, ...] | None = None) -> Shipment:
    """Build one consistent shipment from `rng`; `problem` plants one inconsistency (see PROBLEMS)."""
    if goods not in GOODS_KINDS:
        raise ValueError(f"goods must be one of {GOODS_KINDS}, not {goods!r}")
    if problem is not None and problem not in PROBLEMS:
        raise ValueError(f"problem must be None or one of {PROBLEMS}, not {problem!r}")
    if problem == "licence_missing":
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
