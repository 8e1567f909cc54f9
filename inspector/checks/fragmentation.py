"""FRAGMENTATION_SUSPECTED: this shipment and earlier recorded ones look like one consignment split into
lots that each pass under a threshold or a licence.

The new case's lot is read from its papers as the history reads a recorded case (`history.summary`:
the majority reading of each field), its exporter and consignee resolved to party entities read-only
(`history.store.resolve`: the case is not recorded yet; an unknown party has no history). The earlier
lots are those of the same exporter and consignee entities and control family within the widest
window before the shipment date (one index range scan), and `history.fragmentation.detect` judges
them. Windows, office thresholds, round quantities and tolerances come from the rules database
(`history_setting`, read once per session) and are recorded in the finding's evidence.

The same papers checked again (an earlier lot with this case's invoice number, date and weight) are not
a second lot. A net weight read with low confidence lowers the severity one step and says so.
"""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.checks.controls import controlled_items
from inspector.db.cases.repository import shipment_net_kg
from inspector.db.rules.history import fragmentation_settings, settings_evidence
from inspector.db.rules.repository import licence_get
from inspector.history.fragmentation import Lot, Suspicion, detect
from inspector.history.store import earlier_lots, resolve
from inspector.history.summary import Summary, summarise
from inspector.models import Finding, Message, Severity

CODE = "FRAGMENTATION_SUSPECTED"
_LOWER = {Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW, Severity.LOW: Severity.LOW}
CUES = {
    "licence_exceeded": Message("together they exceed the licence quantity", "合计超过许可证数量"),
    "sequential_invoices": Message("sequential invoice numbers", "发票号码连续"),
    "sequential_bills_of_lading": Message("sequential bill-of-lading numbers", "提单号码连续"),
    "same_container": Message("the same container", "使用同一集装箱"),
    "same_seal": Message("the same seal", "使用同一封志"),
    "same_vessel_voyage": Message("the same vessel and voyage", "同一船名航次"),
    "ports_vary": Message("different ports of loading", "装货港各不相同"),
}


def _kg(kg: float) -> str:
    return f"{kg:,.0f} kg" if kg >= 100 else f"{kg:,.2f} kg"


def _cue(cue: str) -> Message:
    if cue.startswith("just_under_"):
        kg = float(cue.removeprefix("just_under_").removesuffix("_kg"))
        return Message(f"each lot just under {_kg(kg)}", f"每批均略低于 {_kg(kg)}")
    return CUES.get(cue, Message(cue.replace("_", " "), cue))


def _new_lot(ctx: CheckContext) -> tuple[Summary, Lot | None, tuple]:
    # the first family in the controls check's order (the declaration's goods first)
    family = next((c.control.family for c in controlled_items(ctx)), "")
    docs = tuple(ctx.readable())
    summary = summarise(docs, ctx.shipment_date, family, shipment_net_kg(docs))
    exporter = resolve(ctx.cases, summary.exporter)
    consignee = resolve(ctx.cases, summary.consignee)
    if exporter.entity_id is None or consignee.entity_id is None:
        return summary, None, (exporter, consignee)
    return summary, summary.lot("(this case)", exporter.entity_id, consignee.entity_id), (exporter, consignee)


def _same_papers(new: Lot, lot: Lot) -> bool:
    return bool(new.invoice_number and new.invoice_number == lot.invoice_number and new.shipped == lot.shipped
                and abs(new.net_kg - lot.net_kg) <= max(1.0, 0.005 * new.net_kg))


def check(ctx: CheckContext) -> Iterator[Finding]:
    """At most one finding: the strongest pattern linking this shipment to earlier ones."""
    if ctx.shipment_date is None:
        return
    summary, new, parties = _new_lot(ctx)
    if new is None:
        return
    settings = fragmentation_settings(ctx.rules)
    earlier = [lot for lot in earlier_lots(ctx.cases, new.exporter, new.consignee, new.family, new.shipped,
                                           max(settings.windows_days)) if not _same_papers(new, lot)]
    if not earlier:
        return
    on_licence = new.licence_number and any(lot.licence_number == new.licence_number for lot in earlier)
    licence = licence_get(ctx.rules, new.licence_number) if on_licence else None
    found = detect(new, earlier, settings, licence.quantity_kg if licence and licence.quantity_kg > 0 else None)
    if found is not None:
        yield _finding(ctx, summary, new, found, parties, settings)


def _net_reading(ctx: CheckContext, net: float):
    readings = [(d, fv) for d, fv in ctx.with_field("total_net_weight_kg")
                if isinstance(fv.value, int | float) and abs(float(fv.value) - net) <= max(1.0, 0.005 * net)]
    return max(readings, key=lambda r: r[1].confidence, default=None)


def _finding(ctx: CheckContext, summary: Summary, new: Lot, found: Suspicion, parties: tuple,
             settings) -> Finding:
    reading = _net_reading(ctx, new.net_kg)
    clear = reading is None or reading[1].confidence >= ctx.config.tolerances.low_confidence
    severity = found.severity if clear else _LOWER[found.severity]
    exporter, consignee = parties
    lots = ", ".join(f"{lot.case_id} ({lot.shipped.isoformat()}, {_kg(lot.net_kg)})" for lot in found.linked)
    lots_zh = "、".join(f"{lot.case_id}（{lot.shipped.isoformat()}，{_kg(lot.net_kg)}）" for lot in found.linked)
    cues = [_cue(c) for c in found.cues]
    family = summary.family or "-"
    message = Message(
        f"This shipment of {_kg(new.net_kg)} ({family}) from {summary.exporter} to {summary.consignee} may be one "
        f"lot of a split consignment: within {found.window_days} days the same parties shipped {lots}; "
        f"together {_kg(found.aggregate_kg)}",
        f"本批货物 {_kg(new.net_kg)}（{family}，发货人 {summary.exporter}，收货人 {summary.consignee}）可能是"
        f"拆分申报的一部分：{found.window_days} 天内相同当事人已出运 {lots_zh}；合计 {_kg(found.aggregate_kg)}")
    if found.threshold is not None:
        message += Message(f", over {_kg(found.threshold.kg)} ({found.threshold.source})",
                           f"，超过 {_kg(found.threshold.kg)}（{found.threshold.source}）")
    if found.licence_kg is not None:
        message += Message(f", over the licence's {_kg(found.licence_kg)}",
                           f"，超过许可证数量 {_kg(found.licence_kg)}")
    message += Message(". Cues: " + "; ".join(c.en for c in cues), "。迹象：" + "；".join(c.zh for c in cues))
    if not clear:
        message += Message(" (the net weight was read with low confidence: check the reading)",
                           "（净重识读置信度低：请核对识读结果）")
    message += Message(".", "。")
    doc, fv = reading if reading else (None, None)
    return finding(
        CODE, severity, message, doc, "total_net_weight_kg" if fv else None, fv,
        linked_cases=[{"case_id": lot.case_id, "shipment_date": lot.shipped.isoformat(), "net_kg": lot.net_kg,
                       "port_of_loading": lot.port_of_loading, "invoice_number": lot.invoice_number}
                      for lot in found.linked],
        shipment_net_kg=new.net_kg, aggregate_kg=round(found.aggregate_kg, 3),
        threshold_kg=found.threshold.kg if found.threshold else None,
        threshold_source=found.threshold.source if found.threshold else None,
        licence_number=new.licence_number, licence_kg=found.licence_kg, cues=list(found.cues),
        window_days=found.window_days, windows=found.details.get("windows", {}),
        links={k: v for k, v in found.details.items() if k != "windows"}, family=summary.family,
        exporter={"entity": exporter.entity_id, "name": summary.exporter, "resolved": exporter.how},
        consignee={"entity": consignee.entity_id, "name": summary.consignee, "resolved": consignee.how},
        low_confidence=not clear, settings=settings_evidence(settings),
    )
