"""Series of synthetic cases checked in order: split consignments, reused scans, and honest repeat business."""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from inspector.models import DocType
from inspector.synth import catalogue as cat
from inspector.synth.canvas import Drawn
from inspector.synth.case import save_pages
from inspector.synth.render import Rendered, render_document
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.shipment import GoodsLine, Party, Shipment, make_shipment
from inspector.synth.tamper import locate
from inspector.synth.truth import CaseTruth, DocTruth

log = logging.getLogger(__name__)

KINDS = ("fragmentation", "reuse", "negative")
THRESHOLDS_KG = (500, 1000)
# Thresholds a negative series must keep clear of (no lot within 10 % below any of them).
ROUND_THRESHOLDS_KG = (500, 1000, 2000, 5000, 10000, 20000, 25000)
SPLIT_GOODS = ("dysprosium_oxide", "terbium_oxide", "gallium", "germanium_dioxide")
DOC_ORDER = (DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.EXPORT_DECLARATION,
             DocType.BILL_OF_LADING, DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN)
FORMATS = {DocType.COMMERCIAL_INVOICE: "pdf", DocType.PACKING_LIST: "png", DocType.EXPORT_DECLARATION: "jpg",
           DocType.BILL_OF_LADING: "png", DocType.EXPORT_LICENCE: "jpg", DocType.CERTIFICATE_OF_ORIGIN: "jpg"}
PROFILE = ScanProfile(blur=0.4, noise=3.0, uneven_light=0.03)
JPEG_QUALITY = 88
_SUFFIX_SPELLINGS = {"Inc.": "Incorporated", "Co., Ltd.": "Company Limited", "GmbH": "G.m.b.H.",
                     "NV": "N.V.", "B.V.": "BV", "Pte. Ltd.": "Private Limited"}


@dataclass(frozen=True)
class Reuse:
    """A document of an earlier case reused in a later one with one number retyped."""

    doc_type: DocType
    source: int  # 0-based case index the scan comes from
    target: int  # 0-based case index that reuses it
    old_number: str  # the number changed (in whichever drawn line shows it)
    new_number: str


@dataclass(frozen=True)
class Series:
    """A planned sequence: its shipments in order and what the engine should find."""

    kind: str
    description: str
    threshold_kg: int | None
    shipments: tuple[Shipment, ...]
    expect: tuple[dict[str, Any], ...] = ()
    reuse: Reuse | None = None


@dataclass(frozen=True)
class DocPlan:
    """One document of a series case: what is drawn and the key of its scan noise."""

    rendered: Rendered
    scan_key: str
    fields: dict[str, Any] = field(default_factory=dict)


def case_name(index: int) -> str:
    """'case-01' for index 0."""
    return f"case-{index + 1:02d}"


# ---------------------------------------------------------------- shipments, made to measure

def line_of_weight(line: GoodsLine, net_kg: float) -> GoodsLine:
    """A goods line of KG goods re-sized to a net weight, with packages, gross and value recomputed."""
    packages = max(1, math.ceil(net_kg / line.spec.per_package))
    gross = round(net_kg + packages * line.spec.tare_kg, 2)
    quantity = round(net_kg / line.spec.kg_per_unit, 2)
    return replace(line, packages=packages, quantity=quantity, net_kg=float(net_kg), gross_kg=gross,
                   value=round(quantity * line.unit_price, 2))


def dates_for(shipped: dt.date, rng: random.Random) -> dict[str, dt.date]:
    """Invoice, declaration and certificate dates of a shipment leaving on `shipped`."""
    return {"shipped_date": shipped, "invoice_date": shipped - dt.timedelta(days=rng.randint(4, 12)),
            "declaration_date": shipped - dt.timedelta(days=rng.randint(1, 3)),
            "co_date": shipped - dt.timedelta(days=rng.randint(1, 4))}


def spread_offsets(n: int, span: int, rng: random.Random, min_gap: int = 4) -> list[int]:
    """n strictly increasing day offsets from 0 to `span`, at least `min_gap` days apart."""
    free = span - min_gap * (n - 1)
    inner = sorted(rng.sample(range(1, free), n - 2)) if n > 2 else []
    return [off + min_gap * i for i, off in enumerate([0, *inner, free])]


def next_number(number: str, step: int = 1) -> str:
    """The document number `step` after this one (its last digit run incremented, width kept)."""
    match = list(re.finditer(r"\d+", number))[-1]
    digits = str(int(match.group()) + step).zfill(len(match.group()))
    return number[:match.start()] + digits + number[match.end():]


def name_variants(name: str) -> list[str]:
    """Small spellings of a company name: the name, upper case, plural dropped, legal form spelt out."""
    upper = re.sub(r"[.,]", "", name).upper()
    suffix = next((s for s in _SUFFIX_SPELLINGS if name.endswith(s)), "")
    spelt = name[: len(name) - len(suffix)] + _SUFFIX_SPELLINGS[suffix] if suffix else f"{name} Ltd"
    singular = re.sub(r"(\w{3,})s\b", r"\1", name, count=1)
    out = [name, upper, spelt, singular if singular != name else name.replace(" ", "  ", 1),
           re.sub(r"(\w{3,})s\b", r"\1", upper, count=1)]
    return list(dict.fromkeys(out))


def _party_named(party: Party, name: str) -> Party:
    return replace(party, name=name)


def _port_numbers(ship: Shipment, port: cat.Port, rng: random.Random) -> dict[str, str]:
    customs, year = cat.CUSTOMS_CODES[port.locode][0], ship.shipped_date.year
    return {"declaration_number": f"{customs}{year}{rng.randint(0, 1)}{rng.randint(0, 10**9 - 1):09d}",
            "co_number": f"CCPIT{year % 100}C{customs}A{rng.randint(1000, 9999)}/{rng.randint(1, 999):05d}"}


def _fresh_transport(ship: Shipment, rng: random.Random) -> dict[str, Any]:
    prefix = re.match(r"\D*", ship.bl_number).group()  # type: ignore[union-attr]
    return {"voyage": f"{rng.randint(10, 199):03d}{rng.choice('WE')}",
            "bl_number": f"{prefix}{rng.randint(10**9, 10**10 - 1)}",
            "seals": tuple(f"{rng.choice(('CN', 'H', 'EMC'))}{rng.randint(1000000, 9999999)}" for _ in ship.containers)}


def _lot(base: Shipment, rng: random.Random, *, net_kg: float, port: cat.Port, consignee: str,
         shipped: dt.date, invoice: str) -> Shipment:
    """One lot of a split consignment: base parties and licence, its own weight, port, date and numbers."""
    line = line_of_weight(base.lines[0], net_kg)
    party = _party_named(base.consignee, consignee)
    ship = replace(base, lines=(line,), packing_lines=(line,), origin_port=port, consignee=party, notify=party,
                   bl_consignee=party, invoice_number=invoice,
                   packing_list_number=f"PL-{invoice}" if base.packing_list_number.startswith("PL-") else invoice,
                   **dates_for(shipped, rng))
    return replace(ship, **_fresh_transport(ship, rng), **_port_numbers(ship, port, rng))


# ---------------------------------------------------------------- the three kinds of series

def fragmentation_series(rng: random.Random) -> Series:
    """One consignment split into 3-6 lots each just under a threshold, days apart, through several ports."""
    threshold, n = rng.choice(THRESHOLDS_KG), rng.randint(3, 6)
    base = make_shipment(random.Random(rng.getrandbits(64)), goods="controlled",
                         products=(rng.choice(SPLIT_GOODS),))
    base = replace(base, containers=base.containers[:1], bl_containers=base.containers[:1], seals=base.seals[:1])
    ports = _port_cycle(n, rng)
    names = name_variants(base.consignee.name)
    offsets = spread_offsets(n, rng.randint(30, 90), rng)
    lots = tuple(_lot(base, rng, net_kg=rng.randint(int(threshold * 0.96), threshold - 1), port=ports[i],
                      consignee=names[i % len(names)], shipped=base.shipped_date + dt.timedelta(days=offsets[i]),
                      invoice=next_number(base.invoice_number, i)) for i in range(n))
    return Series("fragmentation", _fragmentation_text(lots, threshold), threshold, lots,
                  fragmentation_expect([line.net_kg for ship in lots for line in ship.lines], threshold))


def _port_cycle(n: int, rng: random.Random) -> list[cat.Port]:
    ports = list(cat.CN_PORTS.values())
    rng.shuffle(ports)
    return [ports[i % len(ports)] for i in range(n)]


def fragmentation_expect(weights: list[float], threshold: float) -> tuple[dict[str, Any], ...]:
    """FRAGMENTATION_SUSPECTED on the lot that takes the running total over the threshold and on later lots."""
    out, total = [], 0.0
    for i, kg in enumerate(weights):
        total += kg
        if total > threshold and i > 0:
            out.append({"case": case_name(i), "codes": ["FRAGMENTATION_SUSPECTED"],
                        "linked": [case_name(j) for j in range(i)]})
    return tuple(out)


def _fragmentation_text(lots: tuple[Shipment, ...], threshold: int) -> str:
    total = sum(ship.lines[0].net_kg for ship in lots)
    days = (lots[-1].shipped_date - lots[0].shipped_date).days
    return (f"One consignment of {lots[0].lines[0].spec.description} ({total:,.0f} kg) split into {len(lots)} "
            f"lots each just under {threshold} kg, shipped over {days} days through "
            f"{len({s.origin_port.locode for s in lots})} ports, consignee spelt {len({s.consignee.name for s in lots})} "
            f"ways, sequential invoices, container {lots[0].containers[0]} reused.")


def reuse_series(rng: random.Random) -> Series:
    """A licence or certificate-of-origin scan of case-01 reused in case-03 with one number retyped."""
    base = make_shipment(random.Random(rng.getrandbits(64)), goods="controlled")
    doc_type = rng.choice((DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN))
    ships = [base]
    for _ in range(2):
        fresh = make_shipment(random.Random(rng.getrandbits(64)), goods="controlled")
        shipped = ships[-1].shipped_date + dt.timedelta(days=rng.randint(20, 45))
        ships.append(_repeat(base, fresh, shipped, rng))
    last = ships[2]
    if last.contract_number == base.contract_number:
        last = replace(last, contract_number=next_number(base.contract_number))
    if doc_type == DocType.EXPORT_LICENCE:
        last = replace(last, licence_number=base.licence_number, licence_date=base.licence_date,
                       licence_valid_to=base.licence_valid_to)
        old, new = base.contract_number, last.contract_number
    else:
        old, new = base.co_number, last.co_number
    ships[2] = last
    text = (f"The {doc_type} of case-01 is reused in case-03 with one number changed ({old} -> {new}); "
            "case-02 is an ordinary repeat shipment.")
    expect = ({"case": case_name(2), "codes": ["DOCUMENT_REUSED"], "linked": [case_name(0)]},)
    return Series("reuse", text, None, tuple(ships), expect, Reuse(doc_type, 0, 2, old, new))


def _repeat(base: Shipment, fresh: Shipment, shipped: dt.date, rng: random.Random) -> Shipment:
    """A later shipment between the same parties through the same port, with its own papers and numbers."""
    keep = {name: getattr(base, name) for name in ("exporter", "consignee", "end_user", "notify", "bl_consignee",
                                                   "origin_port", "destination_port", "currency", "incoterm",
                                                   "payment_terms")}
    licence = shipped - dt.timedelta(days=rng.randint(20, 60))
    ship = replace(fresh, **keep, lines=base.lines, packing_lines=base.lines, licence_date=licence,
                   licence_valid_to=licence + dt.timedelta(days=364), **dates_for(shipped, rng))
    return replace(ship, **_port_numbers(ship, base.origin_port, rng))


def negative_series(rng: random.Random) -> Series:
    """Regular repeat business: varied, non-threshold-hugging lots, same parties and port, a month or so apart."""
    base = make_shipment(random.Random(rng.getrandbits(64)), goods="controlled",
                         products=(rng.choice(cat.CONTROLLED_GOODS).key,))
    n = rng.randint(3, 5)
    ships, shipped = [], base.shipped_date
    for kg in varied_weights(base.lines[0].spec, n, rng):
        fresh = make_shipment(random.Random(rng.getrandbits(64)), goods="controlled")
        ship = _repeat(base, fresh, shipped, rng)
        line = line_of_weight(base.lines[0], kg)
        ships.append(replace(ship, lines=(line,), packing_lines=(line,)))
        shipped += dt.timedelta(days=rng.randint(25, 40))
    text = (f"{n} ordinary repeat shipments of {base.lines[0].spec.description} between the same parties "
            "through the same port, of varied sizes well clear of any threshold: nothing to flag.")
    return Series("negative", text, None, tuple(ships))


def hugs_threshold(kg: float, margin: float = 0.10) -> bool:
    """Whether a weight sits just under (within `margin`) a round threshold."""
    return any(t * (1 - margin) <= kg < t for t in ROUND_THRESHOLDS_KG)


def varied_weights(spec: cat.GoodsSpec, n: int, rng: random.Random) -> list[float]:
    """n whole-package net weights of a product that vary (max/min >= 1.3) and hug no threshold."""
    while True:
        out: list[float] = []
        while len(out) < n:
            kg = rng.randint(spec.lots[0], spec.lots[1] * 2) * spec.per_package * spec.kg_per_unit
            if not hugs_threshold(kg) and kg >= 100:
                out.append(float(round(kg, 2)))
        if max(out) >= 1.3 * min(out):
            return out


SERIES_BUILDERS = {"fragmentation": fragmentation_series, "reuse": reuse_series, "negative": negative_series}


def build_series(kind: str, rng: random.Random) -> Series:
    """Plan one series of a kind (see KINDS)."""
    if kind not in SERIES_BUILDERS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return SERIES_BUILDERS[kind](rng)


# ---------------------------------------------------------------- documents of a series

def doc_types(ship: Shipment) -> tuple[DocType, ...]:
    """The paperwork of one case: the licence only where the shipment has one."""
    return tuple(t for t in DOC_ORDER if t != DocType.EXPORT_LICENCE or ship.licence_number)


def plan_documents(series: Series, key: str) -> list[list[DocPlan]]:
    """Per case, its rendered documents; a reused document is the source case's page with one number retyped."""
    plans: list[list[DocPlan]] = []
    for index, ship in enumerate(series.shipments):
        docs = []
        for doc_type in doc_types(ship):
            reuse = series.reuse
            if reuse and reuse.target == index and reuse.doc_type == doc_type:
                docs.append(reused_document(plans[reuse.source], reuse))
            else:
                docs.append(_plain_document(ship, doc_type, f"{key}:{case_name(index)}:{doc_type}"))
        plans.append(docs)
    return plans


def _plain_document(ship: Shipment, doc_type: DocType, key: str) -> DocPlan:
    rendered = render_document(ship, doc_type, random.Random(f"{key}:render"))
    return DocPlan(rendered, f"{key}:scan", dict(rendered.fields))


def reused_document(source_docs: list[DocPlan], reuse: Reuse) -> DocPlan:
    """The source case's document with one drawn number retyped; same scan noise as the source."""
    source = next(d for d in source_docs if d.rendered.doc_type == reuse.doc_type)
    drawn = reused_line(source.rendered, reuse)
    page = retype(source.rendered.pages[drawn.page], drawn, drawn.text.replace(reuse.old_number, reuse.new_number))
    pages = tuple(page if i == drawn.page else p for i, p in enumerate(source.rendered.pages))
    fields = dict(source.fields)
    for name, value in fields.items():
        if value == reuse.old_number:
            fields[name] = reuse.new_number
    return DocPlan(replace(source.rendered, pages=pages, fields=fields), source.scan_key, fields)


def reused_line(rendered: Rendered, reuse: Reuse) -> Drawn:
    """The drawn line of the reused document that shows the number a forger changes."""
    for drawn in rendered.drawn:
        if reuse.old_number in drawn.text:
            return drawn
    raise ValueError(f"the {rendered.doc_type} ({rendered.layout}) does not show {reuse.old_number}")


def retype(img: Image.Image, drawn: Drawn, text: str) -> Image.Image:
    """A clean digital edit: the line's box blanked and new text drawn in the same font at the same place."""
    placed = locate(drawn)
    out = img.copy()
    draw = ImageDraw.Draw(out)
    x, y, w, h = drawn.bbox
    draw.rectangle((x, y, x + w, y + h), fill=255 if out.mode == "L" else (255, 255, 255))
    draw.text(placed.origin, text, font=placed.font, fill=0 if out.mode == "L" else (0, 0, 0))
    return out


def edited_box(drawn: Drawn, text: str) -> tuple[int, int, int, int]:
    """The (x, y, w, h) box a retype of `drawn` to `text` may change."""
    placed = locate(drawn)
    x0, y0, x1, y1 = (int(v) for v in placed.font.getbbox(text))
    ox, oy = placed.origin
    x, y, w, h = drawn.bbox
    left, top = min(x, ox + x0), min(y, oy + y0)
    return (left, top, max(x + w, ox + x1) - left, max(y + h, oy + y1) - top)


# ---------------------------------------------------------------- on disk

def write_series(seq_dir: Path, series: Series, *, seed: int, key: str, profile: ScanProfile = PROFILE) -> None:
    """Write the cases of a series (documents + truth.json) and sequence.json into `seq_dir`."""
    expected = {e["case"]: tuple(e["codes"]) for e in series.expect}
    for index, (ship, docs) in enumerate(zip(series.shipments, plan_documents(series, key), strict=True)):
        name = case_name(index)
        _write_case(seq_dir / name, ship, docs, seed=seed, name=f"{seq_dir.name}/{name}",
                    planted=expected.get(name, ()), notes=series.description, profile=profile)
    data = {"kind": series.kind, "description": series.description, "threshold_kg": series.threshold_kg,
            "expect": list(series.expect)}
    (seq_dir / "sequence.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_case(case_dir: Path, ship: Shipment, docs: list[DocPlan], *, seed: int, name: str,
                planted: tuple[str, ...], notes: str, profile: ScanProfile) -> CaseTruth:
    case_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for index, doc in enumerate(docs, 1):
        ext = FORMATS[doc.rendered.doc_type]
        scan_rng = random.Random(doc.scan_key)
        pages = [simulate_scan(p, profile, scan_rng) for p in doc.rendered.pages]
        filename = f"{index:02d}_{doc.rendered.doc_type}.{ext}"
        save_pages(pages, case_dir / filename, profile.dpi, JPEG_QUALITY,
                   dt.datetime.combine(ship.invoice_date, dt.time(9, 30), tzinfo=dt.UTC))
        truths.append(DocTruth(filename=filename, type=doc.rendered.doc_type, fields=dict(doc.fields),
                               items=doc.rendered.items, pages=len(pages), layout=doc.rendered.layout))
    base = ("CONTROLLED_GOODS",) if ship.controlled else ()
    truth = CaseTruth(case=name, seed=seed, documents=tuple(truths), planted=base + planted, notes=notes,
                      goods=ship.goods_kind, problem=None, shipment_date=ship.shipped_date.isoformat())
    (case_dir / "truth.json").write_text(truth.to_json(), encoding="utf-8")
    return truth


def series_for(seed: int, index: int) -> Series:
    """The planned series number `index` (0-based) of a corpus seed; kinds cycle through KINDS."""
    return build_series(KINDS[index % len(KINDS)], random.Random(f"{seed}:sequence:{index}"))


def write_sequences(out_dir: Path, *, seed: int, count: int = 6, profile: ScanProfile = PROFILE) -> list[str]:
    """Write seq-001/ ... under `out_dir` (case dirs in order + sequence.json); returns the directory names.

    Every page is scanned with `profile` (a light scan by default; tests use a clean one).
    """
    out_dir = Path(out_dir)
    names = []
    for index in range(count):
        name = f"seq-{index + 1:03d}"
        write_series(out_dir / name, series_for(seed, index), seed=seed, key=f"{seed}:sequence:{index}",
                     profile=profile)
        names.append(name)
    log.info("wrote %d case sequences to %s", count, out_dir)
    return names
