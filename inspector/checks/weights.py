"""WEIGHT_INCONSISTENT, WEIGHT_SUM_MISMATCH, WEIGHT_IMPLAUSIBLE: the weights must add up and agree.

- WEIGHT_INCONSISTENT: a total (net or gross) differs from the reading most documents agree on by more than
  `Tolerances.weight_relative` (and `weight_absolute_kg`, and the rounding of the figures as printed).
- WEIGHT_SUM_MISMATCH: a document's item weights do not add up to its total. Papers compute one from the
  other, so only rounding is allowed: half a unit of the total's last printed digit, half a kg per item,
  `weight_absolute_kg`, and `sum_relative` of the total (unit conversions).
- WEIGHT_IMPLAUSIBLE: gross below net (on a document, on an item, or between documents when no paper shows
  both); weight per package outside `min/max_kg_per_package`, or outside what the kind of package printed
  with the count carries (`PACKAGE_KG`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.config import Tolerances
from inspector.models import Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name

_TOTALS = (("total_net_weight_kg", "net"), ("total_gross_weight_kg", "gross"))
_ZH = {"net": "净重", "gross": "毛重"}

# Gross kg one package of a kind plausibly weighs (wide: a 25 kg bag, a 1 t big bag, a 50-400 kg drum...).
# Outside these is WEIGHT_IMPLAUSIBLE; the kind is read next to the package count ("56 DRUMS", "56 桶").
PACKAGE_KG: dict[str, tuple[float, float]] = {
    "big bag": (100.0, 2000.0),  # FIBC / jumbo / ton bag: 500-1,500 kg usual
    "bag": (1.0, 100.0),  # paper or woven bags: 25 or 50 kg usual
    "drum": (5.0, 500.0),  # 25 kg fibre drums up to 400 kg steel drums of dense powder
    "carton": (0.05, 80.0),
    "pallet": (30.0, 2500.0),
    "cylinder": (1.0, 250.0),
}
_KIND_ZH = {"big bag": "吨袋", "bag": "袋", "drum": "桶", "carton": "箱", "pallet": "托盘", "cylinder": "钢瓶"}
_KINDS = (  # (pattern, kind), most specific first
    (r"big\s*bags?|jumbo\s*bags?|ton\s*bags?|tonne\s*bags?|fibcs?|super\s*sacks?|吨袋|吨包", "big bag"),
    (r"bags?|sacks?|袋", "bag"),
    (r"drums?|barrels?|桶", "drum"),
    (r"cartons?|ctns?|箱", "carton"),
    (r"pallets?|plts?|托盘?", "pallet"),
    (r"cylinders?|钢瓶", "cylinder"),
)
_KIND_RE = re.compile(r"(?<![\d.,])(\d[\d,]*)\)?\s*(" + "|".join(p for p, _ in _KINDS) + r")(?![a-z])",
                      re.IGNORECASE)  # "56 DRUMS", "SIXTY-THREE (63) DRUMS", "56桶"
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_TONNES = re.compile(r"(?<![a-z])(mt|t|tons?|tonnes?|吨)(?![a-z])", re.IGNORECASE)
_POUNDS = re.compile(r"(?<![a-z])(lbs?)(?![a-z])", re.IGNORECASE)


def _fmt(kg: float) -> str:
    return f"{kg:,.2f} kg"


def rounding_kg(fv: FieldValue | None) -> float:
    """Half a unit of the last digit the weight was printed with ("23.45 MT": 5 kg; "23,450 KGS": 0.5 kg)."""
    raw = fv.raw if fv is not None else ""
    numbers = list(_NUMBER.finditer(raw or ""))
    if not numbers:
        return 0.5
    decimals = len(numbers[-1].group(1) or "")
    unit = 1000.0 if _TONNES.search(raw) else 0.45359237 if _POUNDS.search(raw) else 1.0
    return 0.5 * 10.0 ** -decimals * unit


def _differ(a: FieldValue, b: FieldValue, tol: Tolerances) -> bool:
    x, y = float(a.value), float(b.value)
    allowed = max(tol.weight_absolute_kg, tol.weight_relative * max(abs(x), abs(y)),
                  rounding_kg(a) + rounding_kg(b))
    return abs(x - y) > allowed


def _reference(readings: list[tuple[Document, FieldValue]], tol: Tolerances) -> tuple[Document, FieldValue]:
    """The reading most others agree with (the first of the best supported, on a tie)."""
    return max(readings, key=lambda r: (sum(not _differ(r[1], o[1], tol) for o in readings),
                                        r[1].confidence >= tol.low_confidence,
                                        -readings.index(r)))


def _inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    tol = ctx.config.tolerances
    for name, label in _TOTALS:
        readings = list(ctx.with_field(name))
        if len(readings) < 2:
            continue
        ref_doc, ref = _reference(readings, tol)
        for doc, fv in readings:
            if fv is not ref and _differ(ref, fv, tol):
                yield finding(
                    "WEIGHT_INCONSISTENT", Severity.HIGH, Message(
                        f"Total {label} weight is {_fmt(fv.value)} on the {doc_name(doc.type).en} "
                        f"but {_fmt(ref.value)} on the {doc_name(ref_doc.type).en}.",
                        f"{doc_name(doc.type).zh}上的总{_ZH[label]}为 {_fmt(fv.value)}，"
                        f"但{doc_name(ref_doc.type).zh}上为 {_fmt(ref.value)}。"),
                    doc, name, fv, this=fv.value, other=ref.value, other_document=ref_doc.index,
                    other_page=ref.page, other_bbox=ref.bbox, tolerance_relative=tol.weight_relative,
                )


def _sum_mismatch(doc: Document, tol: Tolerances) -> Iterator[Finding]:
    for name, label in _TOTALS:
        fv = doc.fields.get(name)
        parts = [getattr(it, f"{label}_weight_kg") for it in doc.items]
        if fv is None or fv.value is None or not parts or any(p is None for p in parts):
            continue
        total = sum(parts)
        allowed = max(tol.weight_absolute_kg, tol.sum_relative * abs(fv.value),
                      rounding_kg(fv) + 0.5 * len(parts))
        if abs(total - fv.value) > allowed:
            yield finding(
                "WEIGHT_SUM_MISMATCH", Severity.MEDIUM, Message(
                    f"The {label} weights of the {len(parts)} items add up to {_fmt(total)}, "
                    f"but the document's total says {_fmt(fv.value)}.",
                    f"{len(parts)} 项货物的{_ZH[label]}合计为 {_fmt(total)}，"
                    f"但单据上的总{_ZH[label]}为 {_fmt(fv.value)}。"),
                doc, name, fv, items_sum=round(total, 3), total=fv.value, allowed_kg=round(allowed, 3),
            )


def _below(net: FieldValue, gross: FieldValue) -> bool:
    return float(net.value) - float(gross.value) > max(0.0, rounding_kg(net) + rounding_kg(gross) - 1e-9)


def _gross_below_net(ctx: CheckContext) -> Iterator[Finding]:
    """On a document, else on its items, else between documents when no paper shows both totals."""
    both = False
    for doc in ctx.readable():
        net, gross = doc.fields.get("total_net_weight_kg"), doc.fields.get("total_gross_weight_kg")
        if net and gross and net.value is not None and gross.value is not None:
            both = True
            if _below(net, gross):
                yield finding("WEIGHT_IMPLAUSIBLE", Severity.HIGH, Message(
                              f"Gross weight {_fmt(gross.value)} is below net weight {_fmt(net.value)}.",
                              f"毛重 {_fmt(gross.value)} 低于净重 {_fmt(net.value)}。"),
                              doc, "total_gross_weight_kg", gross, net=net.value, gross=gross.value)
                continue
        for i, it in enumerate(doc.items):
            if it.net_weight_kg is not None and it.gross_weight_kg is not None and \
                    it.net_weight_kg - it.gross_weight_kg > 0.5:
                yield finding("WEIGHT_IMPLAUSIBLE", Severity.HIGH, Message(
                              f"Item {i + 1}: gross weight {_fmt(it.gross_weight_kg)} is below net weight "
                              f"{_fmt(it.net_weight_kg)}.",
                              f"第 {i + 1} 项货物：毛重 {_fmt(it.gross_weight_kg)} 低于净重 {_fmt(it.net_weight_kg)}。"),
                              doc, f"items[{i}].gross_weight_kg",
                              page=it.page, bbox=it.boxes.get("gross_weight_kg", it.bbox),
                              net=it.net_weight_kg, gross=it.gross_weight_kg, item=i)
                break
    if both:
        return
    tol = ctx.config.tolerances
    nets, grosses = list(ctx.with_field("total_net_weight_kg")), list(ctx.with_field("total_gross_weight_kg"))
    if nets and grosses:
        (net_doc, net), (doc, gross) = _reference(nets, tol), _reference(grosses, tol)
        if _below(net, gross):
            yield finding("WEIGHT_IMPLAUSIBLE", Severity.HIGH, Message(
                          f"Gross weight {_fmt(gross.value)} on the {doc_name(doc.type).en} is below "
                          f"the net weight {_fmt(net.value)} on the {doc_name(net_doc.type).en}.",
                          f"{doc_name(doc.type).zh}上的毛重 {_fmt(gross.value)} 低于"
                          f"{doc_name(net_doc.type).zh}上的净重 {_fmt(net.value)}。"),
                          doc, "total_gross_weight_kg", gross, net=net.value, gross=gross.value,
                          net_document=net_doc.index, net_page=net.page, net_bbox=net.bbox)


def package_kind(doc: Document, count: int) -> str | None:
    """The one kind of package printed with the package count ("56 DRUMS"), None if unknown or mixed."""
    raw = doc.fields["packages"].raw if "packages" in doc.fields else ""
    texts = [raw or "", doc.text or "", *(it.description for it in doc.items)]
    kinds = set()
    for text in texts:
        for m in _KIND_RE.finditer(text):
            if int(m.group(1).replace(",", "") or 0) == count:
                word = m.group(2).lower()
                kinds.add(next(k for p, k in _KINDS if re.fullmatch(p, word, re.IGNORECASE)))
        if kinds:
            break
    return kinds.pop() if len(kinds) == 1 else None


def _per_package(doc: Document, tol: Tolerances) -> Iterator[Finding]:
    packages = doc.fields.get("packages")
    gross, net = doc.fields.get("total_gross_weight_kg"), doc.fields.get("total_net_weight_kg")
    weight = gross if gross is not None and gross.value else net
    if weight is None or packages is None or not packages.value or weight.value is None:
        return
    count = int(packages.value)
    per = float(weight.value) / count
    kind = package_kind(doc, count)
    low, high = PACKAGE_KG.get(kind, (tol.min_kg_per_package, tol.max_kg_per_package)) if kind else (
        tol.min_kg_per_package, tol.max_kg_per_package)
    if low <= per <= high:
        return
    severity, note = Severity.MEDIUM, Message("", "")
    if packages.confidence >= tol.low_confidence > weight.confidence:  # a doubtful count is weighed downstream
        severity = Severity.LOW
        note = Message(f" (the weight was read with {weight.confidence:.0%} confidence: check the paper)",
                       f"（重量的识读置信度为 {weight.confidence:.0%}：请查看纸质单据）")
    what = f"{kind}s" if kind else "packages"
    usual = f"a {kind} carries {low:g}-{high:g} kg" if kind else "no packaging carries that"
    usual_zh = (f"每{_KIND_ZH[kind]}通常装 {low:g}-{high:g} kg" if kind
                else "没有任何包装的单件重量会是这样")
    yield finding("WEIGHT_IMPLAUSIBLE", severity, Message(
                  f"{_fmt(weight.value)} in {count} {what} is {_fmt(per)} a package: {usual}.{note.en}",
                  f"{_fmt(weight.value)} 分装于 {count} {_KIND_ZH.get(kind or '', '件')}，每件 {_fmt(per)}："
                  f"{usual_zh}。{note.zh}"),
                  doc, "packages", packages, kg_per_package=round(per, 3), packages=count,
                  weight_kg=weight.value, weight_field=weight is gross and "total_gross_weight_kg"
                  or "total_net_weight_kg", package_kind=kind, plausible_kg=[low, high],
                  weight_confidence=round(weight.confidence, 3))


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Weight findings for the case."""
    tol = ctx.config.tolerances
    yield from _inconsistent(ctx)
    yield from _gross_below_net(ctx)
    seen: set[tuple[int, float]] = set()
    for doc in ctx.readable():
        yield from _sum_mismatch(doc, tol)
        for f in _per_package(doc, tol):  # the same count and weight on several papers: one finding
            key = (f.evidence["packages"], round(f.evidence["kg_per_package"], 1))
            if key not in seen:
                seen.add(key)
                yield f
