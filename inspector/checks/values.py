"""VALUE_OUTLIER: the declared value per kg of a controlled mineral is far from its reference range.

The reference is `resources/data/prices/mineral_unit_values.csv` (approximate USD/kg ranges, several rows per
material: China domestic, FOB China, Rotterdam...). A material's range runs from the lowest low to the highest
high of its rows, so that either price world is accepted. A goods line is matched to a material by its
description (`material_terms.csv`), or by its HS code when the description names none. Declared values in
another currency are brought to USD with the approximate rates of `fx_usd.csv`.

Thresholds (`Tolerances.value_low_factor` / `value_high_factor`): below half the low end is under-valuation,
the usual way round export controls and duties (high; one step lower for each doubt: every row of the
material flagged unsure, the material only inferred from the HS code, a line value not backed by the
document's total, other papers within range, a weight read with low confidence); above twice the high end is
over-valuation (low: ex-China premiums move fast and the table lags; not judged when every row of the
material is flagged unsure). The margins are wide because the table is approximate.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from inspector.checks.context import CheckContext, finding
from inspector.extract.normalise.weights import item_net_kg
from inspector.models import DocType, Document, FieldValue, Finding, Message, Severity
from inspector.paths import resources_dir

PRICES_DIR = ("data", "prices")
# Where a value is read, most telling first: the commercial invoice states the price, the declaration
# what customs was told, the licence what was licensed.
_PREFERRED = (DocType.COMMERCIAL_INVOICE, DocType.EXPORT_DECLARATION, DocType.EXPORT_LICENCE,
              DocType.PACKING_LIST, DocType.CERTIFICATE_OF_ORIGIN, DocType.BILL_OF_LADING, DocType.UNKNOWN)


@dataclass(frozen=True)
class Reference:
    """A material's reference range in USD per kg of goods, and what it rests on."""

    material: str
    low: float
    high: float
    rows: int
    unsure: tuple[str, ...]  # the `unsure` notes of its rows (empty strings dropped)
    all_unsure: bool
    sources: tuple[str, ...]
    grade: tuple[float, float]  # (min, max) share of the priced element; (1, 1) for most


@dataclass(frozen=True)
class Tables:
    """The reference ranges, the matching terms and the currency rates, loaded once."""

    references: dict[str, Reference]
    terms: tuple[tuple[re.Pattern[str], str, int], ...]  # (pattern, material, length), longest first
    hs: tuple[tuple[str, str], ...]  # (HS prefix, material), longest prefix first
    usd_per: dict[str, float]
    fx_as_of: dict[str, str]
    names_zh: dict[str, str] = dc_field(default_factory=dict)  # material -> its first Chinese term

    def name_zh(self, material: str) -> str:
        """The material's Chinese name, else its English one."""
        return self.names_zh.get(material, material)


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _pattern(term: str) -> re.Pattern[str]:
    if re.search(r"[\u3400-\u9fff]", term):
        return re.compile(re.escape(term))
    return re.compile(rf"(?<![a-z0-9]){re.escape(term.lower())}(?![a-z0-9])")


@functools.lru_cache(maxsize=4)
def load_tables(folder: Path | None = None) -> Tables:
    """The tables of `resources/data/prices` (or `folder`), read once per process."""
    folder = folder or resources_dir().joinpath(*PRICES_DIR)
    grades = {}
    terms: list[tuple[re.Pattern[str], str, int]] = []
    hs: list[tuple[str, str]] = []
    names_zh: dict[str, str] = {}
    for row in _rows(folder, "material_terms.csv"):
        material = row["material"]
        grades[material] = (float(row.get("grade_min") or 1), float(row.get("grade_max") or 1))
        for term in filter(None, (t.strip() for t in row["terms"].split(";"))):
            terms.append((_pattern(term), material, len(term)))
            if re.search(r"[\u3400-\u9fff]", term):
                names_zh.setdefault(material, term)
        hs.extend((code, material) for code in re.findall(r"\d{4,10}", row.get("hs_codes", "")))
    by_material: dict[str, list[dict[str, str]]] = {}
    for row in _rows(folder, "mineral_unit_values.csv"):
        by_material.setdefault(row["material"], []).append(row)
    references = {}
    for material, rows in by_material.items():
        g_min, g_max = grades.get(material, (1.0, 1.0))
        unsure = tuple(r["unsure"] for r in rows if r.get("unsure"))
        references[material] = Reference(
            material, min(float(r["usd_per_kg_low"]) for r in rows) * g_min,
            max(float(r["usd_per_kg_high"]) for r in rows) * g_max, len(rows), unsure,
            all(r.get("unsure") for r in rows),
            tuple(dict.fromkeys(s.strip() for r in rows for s in r.get("source", "").split(" ; ") if s.strip())),
            (g_min, g_max))
    usd_per, as_of = {}, {}
    for row in _rows(folder, "fx_usd.csv"):
        usd_per[row["currency"].upper()] = float(row["usd_per_unit"])
        as_of[row["currency"].upper()] = row.get("as_of", "")
    return Tables(references, tuple(sorted(terms, key=lambda t: -t[2])),
                  tuple(sorted(hs, key=lambda h: -len(h[0]))), usd_per, as_of, names_zh)


def match_material(tables: Tables, description: str, hs_code: str | None) -> tuple[str, str] | None:
    """(material, "description" or "hs") for a goods line, None when unknown or ambiguous."""
    text = (description or "").lower()
    best: list[tuple[str, int]] = [(m, n) for pat, m, n in tables.terms if pat.search(text)]
    if best:
        longest = best[0][1]
        named = {m for m, n in best if n == longest}
        return (named.pop(), "description") if len(named) == 1 else None
    code = re.sub(r"\D", "", hs_code or "")
    for prefix, material in tables.hs:
        if code.startswith(prefix):
            return material, "hs"
    return None


@dataclass(frozen=True)
class Reading:
    """A declared value and weight of one material on one document."""

    doc: Document
    material: str
    matched_by: str
    value: float
    currency: str
    kg: float
    basis: str  # "item" or "totals"
    field: str
    page: int | None
    bbox: tuple[int, int, int, int] | None
    corroborated: bool  # the value is backed by a second reading (the document's total, another paper)
    weight_confidence: float
    value_confidence: float


def _currency(ctx: CheckContext, doc: Document) -> tuple[str, bool]:
    """The document's currency, else the one the other papers name, else USD (assumed)."""
    own = doc.value("currency")
    if own:
        return str(own).upper(), False
    named = [str(fv.value).upper() for _, fv in ctx.with_field("currency")]
    return (max(set(named), key=named.count), False) if named else ("USD", True)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.0, 0.01 * max(abs(a), abs(b)))


def _readings(ctx: CheckContext, tables: Tables) -> list[Reading]:
    out: list[Reading] = []
    all_values = [float(it.value) for d in ctx.readable() for it in d.items if it.value]
    net_readings = [fv for _, fv in ctx.with_field("total_net_weight_kg")]
    for doc in sorted(ctx.readable(), key=lambda d: (_PREFERRED.index(d.type), d.index)):
        matched = [match_material(tables, it.description, it.hs_code) for it in doc.items]
        currency = _currency(ctx, doc)[0]
        total = doc.fields.get("total_value")
        item_sum = sum(float(it.value) for it in doc.items if it.value)
        total_backs_items = total is not None and total.value and _close(item_sum, float(total.value))
        item_done: set[str] = set()
        for i, (item, m) in enumerate(zip(doc.items, matched, strict=True)):
            kg = item_net_kg(item)
            if m is None or not item.value or not kg:
                continue
            value = float(item.value)
            corroborated = bool(total_backs_items and total.confidence >= ctx.config.tolerances.low_confidence) or (
                sum(_close(v, value) for v in all_values) >= 2)
            out.append(Reading(doc, m[0], m[1], value, currency, kg, "item", f"items[{i}].value", item.page,
                               item.boxes.get("value", item.bbox), corroborated, 1.0, 1.0))
            item_done.add(m[0])
        # The document's totals, when its goods are one material that no goods line could price.
        materials = {m[0] if m else None for m in matched}
        if len(materials) != 1 or None in materials or materials <= item_done or total is None or not total.value:
            continue
        net = doc.fields.get("total_net_weight_kg") or _consensus(net_readings)
        if net is None or not net.value:
            continue
        m = next(m for m in matched if m)
        out.append(Reading(doc, m[0], m[1], float(total.value), currency, float(net.value), "totals", "total_value",
                           total.page, total.bbox, True, net.confidence, total.confidence))
    return out


def _consensus(readings: list[FieldValue]) -> FieldValue | None:
    if not readings:
        return None
    return max(readings, key=lambda fv: (sum(_close(float(fv.value), float(o.value)) for o in readings),
                                         fv.confidence))


def _describe(ref: Reference) -> Message:
    rng = f"USD {ref.low:,.2f}-{ref.high:,.2f}/kg"
    if ref.all_unsure:
        return Message(rng + " (every row of it flagged unsure)", rng + "（其各行数据均标为不确定）")
    return Message(rng, rng)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One VALUE_OUTLIER per material whose declared value per kg is far outside its reference range."""
    tables = load_tables()
    by_material: dict[str, list[Reading]] = {}
    for r in _readings(ctx, tables):
        if r.material in tables.references and r.kg > 0:
            by_material.setdefault(r.material, []).append(r)
    for material, readings in by_material.items():
        yield from _judge(ctx, tables, tables.references[material], readings)


def _judge(ctx: CheckContext, tables: Tables, ref: Reference, readings: list[Reading]) -> Iterator[Finding]:
    """The first reading of the material (most telling paper first) that is out of range, if any."""
    tol = ctx.config.tolerances
    judged = []
    for r in readings:
        currency, assumed = _currency(ctx, r.doc)
        rate = tables.usd_per.get(currency)
        judged.append((r, currency, assumed, rate, r.value * rate / r.kg if rate else None))
    usable = [j for j in judged if j[4] is not None]
    if not usable:
        r, currency, assumed, _, _ = judged[0]
        yield finding("VALUE_OUTLIER", Severity.INFO, Message(
                      f"The value of the {r.material} is in {currency}, which the rate table does not know: "
                      "its value per kg was not compared with the reference range.",
                      f"{tables.name_zh(r.material)}的金额以 {currency} 计价，汇率表中没有该币种："
                      "未将其每公斤单价与参考区间比较。"),
                      r.doc, r.field, page=r.page, bbox=r.bbox, checked=False,
                      **_evidence(r, ref, currency, assumed))
        return
    low, high = ref.low * tol.value_low_factor, ref.high * tol.value_high_factor
    if ref.all_unsure:
        high = float("inf")  # an unsure high end (estimate, old list price) is no evidence of over-valuation
    out = [j for j in usable if not low <= j[4] <= high]
    if not out:
        return
    r, currency, assumed, rate, usd_per_kg = out[0]
    in_range = len(usable) - len(out)
    if usd_per_kg < low:
        severity, how = Severity.HIGH, "under-valued"
        bound = Message(f"less than {tol.value_low_factor:g} x the low end",
                        f"低于参考区间下限的 {tol.value_low_factor:g} 倍")
        how_zh = "疑似低报"
    else:
        severity, how = Severity.LOW, "over-valued"
        bound = Message(f"more than {tol.value_high_factor:g} x the high end",
                        f"高于参考区间上限的 {tol.value_high_factor:g} 倍")
        how_zh = "疑似高报"
    common = _evidence(r, ref, currency, assumed)
    notes: list[Message] = []
    if ref.all_unsure:
        notes.append(Message("the reference rows are all flagged unsure", "参考数据各行均标为不确定"))
    if r.matched_by == "hs":
        notes.append(Message("the material is inferred from the HS code only", "材料仅由 HS 编码推断"))
    if not r.corroborated:
        notes.append(Message("the line value is not backed by the document's total", "该行金额未得到单据总金额的印证"))
    if in_range:
        notes.append(Message(f"{in_range} other reading(s) of the value are within range",
                             f"另有 {in_range} 处金额读数在参考区间内"))
    if r.value_confidence >= tol.low_confidence > r.weight_confidence:
        notes.append(Message(f"the weight was read with {r.weight_confidence:.0%} confidence",
                             f"重量的识读置信度为 {r.weight_confidence:.0%}"))
    for _ in notes:
        severity = severity.lower(floor=Severity.LOW)
    as_of = tables.fx_as_of.get(currency, "")
    fx = Message("", "") if currency == "USD" else Message(f" (at ~{rate:g} USD/{currency}, {as_of})",
                                                           f"（按约 {rate:g} USD/{currency} 折算，{as_of}）")
    ref_range = _describe(ref)
    message = Message(
        f"Declared {currency} {r.value:,.2f} for {r.kg:,.1f} kg of {r.material} is "
        f"USD {usd_per_kg:,.2f}/kg{fx.en}, {how}: {bound.en} of the approximate reference range {ref_range.en}.",
        f"{r.kg:,.1f} kg {tables.name_zh(r.material)}申报金额为 {currency} {r.value:,.2f}，"
        f"折合 USD {usd_per_kg:,.2f}/kg{fx.zh}，{how_zh}：{bound.zh}（近似参考区间为 {ref_range.zh}）。")
    if notes:
        message += Message(" Weighed less: " + "; ".join(n.en for n in notes) + ".",
                           "已降低严重程度：" + "；".join(n.zh for n in notes) + "。")
    yield finding("VALUE_OUTLIER", severity, message, r.doc, r.field, page=r.page, bbox=r.bbox,
                  direction="under" if how == "under-valued" else "over",
                  usd_per_kg=round(usd_per_kg, 4), usd_per_unit=rate,
                  fx_as_of=tables.fx_as_of.get(currency) or None,
                  ratio_to_range=round(usd_per_kg / (ref.low if how == "under-valued" else ref.high), 4),
                  thresholds=[tol.value_low_factor, tol.value_high_factor],
                  readings_out_of_range=len(out), readings_in_range=in_range, **common)


def _evidence(r: Reading, ref: Reference, currency: str, assumed: bool) -> dict:
    return dict(material=r.material, matched_by=r.matched_by, basis=r.basis, declared_value=r.value,
                currency=currency, currency_assumed=assumed, kg=round(r.kg, 3),
                reference_usd_per_kg=[round(ref.low, 4), round(ref.high, 4)],
                reference_rows=ref.rows, reference_unsure=list(ref.unsure),
                reference_all_unsure=ref.all_unsure,
                source="resources/data/prices/mineral_unit_values.csv (approximate ranges)",
                sources=list(ref.sources[:4]))
