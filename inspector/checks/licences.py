"""LICENCE_MISSING, LICENCE_NOT_FOUND, LICENCE_EXPIRED, LICENCE_MISMATCH, LICENCE_EXCEEDED: the
licence behind controlled goods, against the licence registry and the cases already shipped on it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from inspector.checks.context import CheckContext, finding
from inspector.checks.controls import controlled_items
from inspector.checks.parties import same_party
from inspector.db.cases.repository import LedgerEntry, licence_ledger, shipment_net_kg
from inspector.db.rules.importers import licence_key
from inspector.db.rules.repository import LicenceRecord, controls_matching, licence_get
from inspector.models import DocType, Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name, field_name

# Registry column -> field of the papers, and how two values are compared.
_PARTIES = (("holder", "exporter"), ("consignee", "consignee"), ("end_user", "end_user"))
# Which reading to point at first: the licence paper itself, then the customs declaration...
_PREFERRED = (DocType.EXPORT_LICENCE, DocType.EXPORT_DECLARATION, DocType.COMMERCIAL_INVOICE,
              DocType.BILL_OF_LADING, DocType.PACKING_LIST, DocType.CERTIFICATE_OF_ORIGIN, DocType.UNKNOWN)

Reading = tuple[Document, FieldValue]


def _missing(ctx: CheckContext) -> Iterator[Finding]:
    if any(d.type == DocType.EXPORT_LICENCE for d in ctx.readable()) or any(ctx.with_field("licence_number")):
        return  # a licence is there (looking for controlled goods first would be the slow way round)
    controlled = controlled_items(ctx)
    if controlled:
        first = controlled[0]
        families = sorted({c.control.family for c in controlled})
        yield finding(
            "LICENCE_MISSING", Severity.HIGH, Message(
                f"Controlled goods ({', '.join(families)}) are declared but no export licence is in the "
                "paperwork.",
                f"申报了管制货物（{'、'.join(families)}），但单证中没有出口许可证。"),
            first.doc, f"items[{first.index}].description", page=first.item.page, bbox=first.item.bbox,
            announcements=sorted({c.control.announcement for c in controlled}),
        )


def _registry(ctx: CheckContext) -> Iterator[Finding]:
    checked: set[str] = set()
    for doc, fv in ctx.with_field("licence_number"):
        number = str(fv.value)
        if licence_key(number) in checked:
            continue
        checked.add(licence_key(number))
        record = licence_get(ctx.rules, number)
        if record is None:
            yield finding("LICENCE_NOT_FOUND", Severity.HIGH,
                          Message(f"Licence {number} is not in the licence registry.",
                                  f"许可证 {number} 不在许可证登记库中。"), doc, "licence_number", fv,
                          licence_number=number)
            continue
        date = ctx.shipment_date
        if date and not (record.valid_from <= date <= record.valid_to):
            yield finding(
                "LICENCE_EXPIRED", Severity.HIGH, Message(
                    f"Licence {number} is valid {record.valid_from} to {record.valid_to}, but the shipment "
                    f"date is {date}.",
                    f"许可证 {number} 的有效期为 {record.valid_from} 至 {record.valid_to}，但装运日期为 {date}。"),
                doc, "licence_number", fv, licence_number=number,
                valid_from=record.valid_from.isoformat(), valid_to=record.valid_to.isoformat(),
                shipment_date=date.isoformat(),
            )
        yield from _mismatch(ctx, record)
        yield from _exceeded(ctx, record, doc, fv)


# ---------------------------------------------------------------- LICENCE_MISMATCH

def _papers_value(ctx: CheckContext, name: str, same: Callable[[str, str], bool],
                  registry: str) -> tuple[list[Reading], bool] | None:
    """The papers' reading of a field (the largest group of agreeing readings, a tie going to the
    registry's value) when it differs from the registry, and whether it rests on clear readings
    only; None when the papers agree with the registry or do not show the field."""
    readings = list(ctx.with_field(name))
    trusted = [r for r in readings if r[1].confidence >= ctx.config.tolerances.low_confidence]
    pool = trusted or readings
    if not pool:
        return None
    groups: list[list[Reading]] = []
    for reading in pool:
        group = next((g for g in groups if same(str(g[0][1].value), str(reading[1].value))), None)
        if group is None:
            groups.append([reading])
        else:
            group.append(reading)
    agreeing = sum(len(g) for g in groups if same(str(g[0][1].value), registry))
    papers = max((g for g in groups if not same(str(g[0][1].value), registry)), key=len, default=None)
    if papers is None or len(papers) <= agreeing:
        return None
    return sorted(papers, key=lambda r: (_PREFERRED.index(r[0].type), r[0].index)), bool(trusted)


def _mismatch_finding(record: LicenceRecord, attribute: str, name: str, registry: str,
                      readings: list[Reading], clear: bool) -> Finding:
    doc, fv = readings[0]
    names = list(dict.fromkeys(doc_name(d.type) for d, _ in readings))
    doubt = Message("", "") if clear else Message(" (read with low confidence: check the reading)",
                                                  "（识读置信度低：请核对识读结果）")
    label = field_name(attribute)
    return finding(
        "LICENCE_MISMATCH", Severity.HIGH if clear else Severity.MEDIUM, Message(
            f"Licence {record.licence_number} is registered for {label.en} '{registry}', but the papers "
            f"show '{fv.value}' ({', '.join(n.en for n in names)}){doubt.en}.",
            f"许可证 {record.licence_number} 登记的{label.zh}为“{registry}”，但单证上为“{fv.value}”"
            f"（{'、'.join(n.zh for n in names)}）{doubt.zh}。"),
        doc, name, fv, licence_number=record.licence_number, attribute=attribute, licence_value=registry,
        papers_value=fv.value, low_confidence=not clear,
        documents=[{"document": d.index, "type": d.type.value, "value": f.value, "confidence": f.confidence}
                   for d, f in readings],
    )


def _same_country(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def _heading(code: str | None) -> str:
    digits = re.sub(r"[\s.]", "", code or "")
    return digits[:4] if len(digits) >= 4 and digits[:4].isdigit() else ""


def _licensed_families(ctx: CheckContext, hs_code: str) -> set[str]:
    """The material families the licence's HS code is controlled as; a national code no control line
    names is taken at its HS6 (which may cover several families)."""
    for code in (hs_code, re.sub(r"[\s.]", "", hs_code)[:6]):
        families = {m.family for m in controls_matching(ctx.rules, code, None, ctx.shipment_date)}
        if families:
            return families
    return set()


def _goods(ctx: CheckContext, record: LicenceRecord) -> Iterator[Finding]:
    """The licence's goods are in the shipment when some goods line has the licence's HS heading,
    or some controlled line is of the material family the licence's HS code is controlled as."""
    heading = _heading(record.hs_code)
    lines = [(d, i, it) for d in ctx.readable() for i, it in enumerate(d.items)]
    coded = [(d, i, it) for d, i, it in lines if _heading(it.hs_code)]
    if any(_heading(it.hs_code) == heading for _, _, it in coded):
        return
    licensed = _licensed_families(ctx, record.hs_code)
    controlled = controlled_items(ctx)
    if (licensed - {"other"}) & {c.control.family for c in controlled}:
        return
    if controlled:
        doc, index, item = controlled[0].doc, controlled[0].index, controlled[0].item
    elif coded:
        doc, index, item = sorted(coded, key=lambda c: (_PREFERRED.index(c[0].type), c[0].index))[0]
    else:
        return  # no HS code and no controlled material on the papers: nothing to compare
    shown = sorted({_heading(it.hs_code) for _, _, it in coded})
    families = sorted({c.control.family for c in controlled})
    what = item.description[:60]
    yield finding(
        "LICENCE_MISMATCH", Severity.HIGH, Message(
            f"Licence {record.licence_number} is registered for goods of HS {record.hs_code}"
            f"{' (' + ', '.join(sorted(licensed)) + ')' if licensed else ''}, but the goods on the papers are "
            f"'{what}' (HS headings {', '.join(shown) or 'not shown'}"
            f"{'; ' + ', '.join(families) if families else ''}).",
            f"许可证 {record.licence_number} 登记的货物为 HS {record.hs_code}"
            f"{'（' + '、'.join(sorted(licensed)) + '）' if licensed else ''}，但单证上的货物为"
            f"“{what}”（HS 品目：{'、'.join(shown) or '未显示'}"
            f"{'；' + '、'.join(families) if families else ''}）。"),
        doc, f"items[{index}].hs_code", page=item.page, bbox=item.boxes.get("hs_code", item.bbox),
        licence_number=record.licence_number, attribute="goods", licence_value=record.hs_code,
        licence_families=sorted(licensed), papers_value=item.hs_code, papers_headings=shown,
        papers_families=families, documents=sorted({d.index for d, _, _ in coded}),
    )


def _mismatch(ctx: CheckContext, record: LicenceRecord) -> Iterator[Finding]:
    """One finding per registry attribute the papers contradict."""
    for attribute, name in _PARTIES:
        registry = getattr(record, attribute)
        if registry and (papers := _papers_value(ctx, name, same_party, registry)):
            yield _mismatch_finding(record, attribute, name, registry, *papers)
    country = record.destination_country
    if country and (papers := _papers_value(ctx, "country_of_destination", _same_country, country)):
        yield _mismatch_finding(record, "destination_country", "country_of_destination", country, *papers)
    yield from _goods(ctx, record)


# ---------------------------------------------------------------- LICENCE_EXCEEDED

def _net_reading(ctx: CheckContext, net: float) -> Reading | None:
    """The declared total net weight reading the shipment's weight was taken from, if any."""
    readings = [(d, fv) for d, fv in ctx.with_field("total_net_weight_kg")
                if isinstance(fv.value, int | float) and abs(float(fv.value) - net) <= max(1.0, 0.005 * net)]
    return max(readings, key=lambda r: r[1].confidence, default=None)


def _kg(kg: float) -> str:
    return f"{kg:,.0f} kg" if kg >= 100 else f"{kg:,.2f} kg"


def _exceeded(ctx: CheckContext, record: LicenceRecord, doc: Document, fv: FieldValue) -> Iterator[Finding]:
    """This shipment's net weight, plus what earlier recorded cases shipped on the licence, against
    the licence's quantity."""
    net = shipment_net_kg(tuple(ctx.readable()))
    if not net or record.quantity_kg <= 0:
        return
    pages = {h for d in ctx.documents for h in d.page_hashes}
    earlier = licence_ledger(ctx.cases, record.licence_number, before=ctx.shipment_date, exclude_pages=pages)
    shipped = sum(e.net_kg or 0.0 for e in earlier)
    slack = ctx.config.tolerances.weight_absolute_kg
    if net + shipped <= record.quantity_kg + slack:
        return
    reading = _net_reading(ctx, net)
    clear = reading is None or reading[1].confidence >= ctx.config.tolerances.low_confidence
    doubt = Message("", "") if clear else Message(
        " (the net weight was read with low confidence: check the reading)", "（净重识读置信度低：请核对识读结果）")
    message = Message(f"Licence {record.licence_number} allows {_kg(record.quantity_kg)}",
                      f"许可证 {record.licence_number} 的许可数量为 {_kg(record.quantity_kg)}")
    if net > record.quantity_kg + slack:
        message += Message(f", but this shipment alone is {_kg(net)} net", f"，但仅本批货物净重即达 {_kg(net)}")
    else:
        message += Message(f", and {_kg(net)} net would bring it to {_kg(net + shipped)}",
                           f"，本批净重 {_kg(net)} 将使累计数量达到 {_kg(net + shipped)}")
    if earlier:
        message += Message(
            f"; earlier cases already shipped {_kg(shipped)} on it: "
            + ", ".join(f"{e.case_id} ({_kg(e.net_kg or 0.0)})" for e in earlier),
            f"；此前案件已凭该证出运 {_kg(shipped)}："
            + "、".join(f"{e.case_id}（{_kg(e.net_kg or 0.0)}）" for e in earlier))
    at_doc, at_field, at_fv = (reading[0], "total_net_weight_kg", reading[1]) if reading else (
        doc, "licence_number", fv)
    yield finding(
        "LICENCE_EXCEEDED", Severity.HIGH if clear else Severity.MEDIUM, message + doubt + Message(".", "。"),
        at_doc, at_field, at_fv, licence_number=record.licence_number, licence_quantity_kg=record.quantity_kg,
        shipment_net_kg=net, shipped_before_kg=round(shipped, 3), total_kg=round(net + shipped, 3),
        excess_kg=round(net + shipped - record.quantity_kg, 3), alone_exceeds=net > record.quantity_kg + slack,
        earlier_cases=[_entry(e) for e in earlier], low_confidence=not clear,
    )


def _entry(e: LedgerEntry) -> dict:
    return {"case_id": e.case_id, "shipment_date": e.shipment_date.isoformat() if e.shipment_date else None,
            "net_kg": e.net_kg}


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Licence findings for the case."""
    yield from _missing(ctx)
    yield from _registry(ctx)
