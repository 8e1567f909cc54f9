"""WEIGHT_INCONSISTENT, WEIGHT_SUM_MISMATCH, WEIGHT_IMPLAUSIBLE: the weights must add up and agree."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.config import Tolerances
from inspector.models import Document, FieldValue, Finding, Severity

_TOTALS = (("total_net_weight_kg", "net"), ("total_gross_weight_kg", "gross"))


def _differ(a: float, b: float, tol: Tolerances) -> bool:
    return abs(a - b) > max(tol.weight_absolute_kg, tol.weight_relative * max(abs(a), abs(b)))


def _fmt(kg: float) -> str:
    return f"{kg:,.2f} kg"


def _inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    tol = ctx.config.tolerances
    for name, label in _TOTALS:
        readings = list(ctx.with_field(name))
        if len(readings) < 2:
            continue
        ref_doc, ref = readings[0]
        for doc, fv in readings[1:]:
            if _differ(float(ref.value), float(fv.value), tol):
                yield finding(
                    "WEIGHT_INCONSISTENT", Severity.HIGH,
                    f"Total {label} weight is {_fmt(fv.value)} on the {doc.type.value.replace('_', ' ')} "
                    f"but {_fmt(ref.value)} on the {ref_doc.type.value.replace('_', ' ')}.",
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
        if abs(total - fv.value) > max(tol.weight_absolute_kg, tol.sum_relative * fv.value):
            yield finding(
                "WEIGHT_SUM_MISMATCH", Severity.MEDIUM,
                f"The {label} weights of the {len(parts)} items add up to {_fmt(total)}, "
                f"but the document's total says {_fmt(fv.value)}.",
                doc, name, fv, items_sum=round(total, 3), total=fv.value,
            )


def _implausible(doc: Document, tol: Tolerances) -> Iterator[Finding]:
    net, gross = doc.fields.get("total_net_weight_kg"), doc.fields.get("total_gross_weight_kg")
    if net and gross and net.value is not None and gross.value is not None and gross.value < net.value:
        yield finding("WEIGHT_IMPLAUSIBLE", Severity.HIGH,
                      f"Gross weight {_fmt(gross.value)} is below net weight {_fmt(net.value)}.",
                      doc, "total_gross_weight_kg", gross, net=net.value, gross=gross.value)
    yield from _per_package(doc, gross or net, tol)


def _per_package(doc: Document, weight: FieldValue | None, tol: Tolerances) -> Iterator[Finding]:
    packages = doc.fields.get("packages")
    if weight is None or packages is None or not packages.value or weight.value is None:
        return
    if min(packages.confidence, weight.confidence) < tol.low_confidence:
        return  # a doubtful reading is OCR_LOW_CONFIDENCE's to report, not a weight problem
    per = weight.value / packages.value
    if not tol.min_kg_per_package <= per <= tol.max_kg_per_package:
        yield finding("WEIGHT_IMPLAUSIBLE", Severity.MEDIUM,
                      f"{_fmt(weight.value)} in {packages.value} packages is {_fmt(per)} a package, "
                      "which no packaging carries.", doc, "packages", packages,
                      kg_per_package=round(per, 3), packages=packages.value, weight_kg=weight.value)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Weight findings for the case."""
    tol = ctx.config.tolerances
    yield from _inconsistent(ctx)
    for doc in ctx.readable():
        yield from _sum_mismatch(doc, tol)
        yield from _implausible(doc, tol)
