"""DATE_INCONSISTENT: the dates of the documents contradict the order in which the paperwork is made.

The order of an export: contract and invoice (packing list the same day or so), licence, export
declaration (filed before loading, citing the invoice and the licence), then the bill of lading's
on-board date (the shipment); the certificate of origin cites the invoice. Each `date` field is the
document's own date (for a B/L the on-board / issue date). Rules and tolerances:

1. Licence after shipment: a licence document dated after the B/L date or after the export declaration
   that cites it (no tolerance: the goods left, or were declared, without a licence). HIGH.
   Whether the licence was *valid* on the shipment date (registry validity) is LICENCE_EXPIRED's business.
2. Invoice after shipment: an invoice or packing list dated more than INVOICE_AFTER_SHIPMENT_DAYS after
   the B/L (or, without a B/L, after the declaration, which needs the invoice). A few days are
   tolerated: invoices are often dated on or just after the on-board date. MEDIUM.
3. Declaration far from shipment: the export declaration dated more than DECLARATION_AFTER_SHIPMENT_DAYS
   after the B/L (goods are declared before loading) or more than DECLARATION_BEFORE_SHIPMENT_DAYS
   before it (a declaration is for goods about to leave). MEDIUM.
4. Certificate before invoice: a certificate of origin dated more than CERTIFICATE_BEFORE_INVOICE_DAYS
   before the invoice it cites (not raised again when rule 2 already flagged that invoice). LOW.

A date read with low confidence still raises the finding, one severity step lower, and says so.
One finding per document found out of order, pointing at its date, with the other document's date as
evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from inspector.checks.context import CheckContext, finding
from inspector.models import DocType, Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name

INVOICE_AFTER_SHIPMENT_DAYS = 2
DECLARATION_AFTER_SHIPMENT_DAYS = 3
DECLARATION_BEFORE_SHIPMENT_DAYS = 30
CERTIFICATE_BEFORE_INVOICE_DAYS = 2

_LABEL = {DocType.COMMERCIAL_INVOICE: "invoice", DocType.PACKING_LIST: "packing list",
          DocType.EXPORT_DECLARATION: "export declaration", DocType.BILL_OF_LADING: "bill of lading",
          DocType.EXPORT_LICENCE: "licence", DocType.CERTIFICATE_OF_ORIGIN: "certificate of origin"}


@dataclass(frozen=True)
class Dated:
    """A document's date as read."""

    doc: Document
    fv: FieldValue
    day: dt.date

    @property
    def label(self) -> str:
        return _LABEL.get(self.doc.type, "document")

    @property
    def label_zh(self) -> str:
        return doc_name(self.doc.type).zh


def _dated(ctx: CheckContext) -> dict[DocType, list[Dated]]:
    out: dict[DocType, list[Dated]] = {}
    for doc, fv in ctx.with_field("date"):
        try:
            day = dt.date.fromisoformat(str(fv.value))
        except ValueError:
            continue
        out.setdefault(doc.type, []).append(Dated(doc, fv, day))
    return out


def _finding(ctx: CheckContext, severity: Severity, rule: str, this: Dated, other: Dated, text: Message,
             **evidence) -> Finding:
    low = [d for d in (this, other) if d.fv.confidence < ctx.config.tolerances.low_confidence]
    if low:
        severity = severity.lower()
        text += Message(
            " (" + ", ".join(f"the {d.label} date read with low confidence, {d.fv.confidence:.0%}"
                             for d in low) + ": check the paper)",
            "（" + "；".join(f"{d.label_zh}日期的识读置信度低，仅 {d.fv.confidence:.0%}"
                            for d in low) + "：请查看纸质单据）")
    days = (this.day - other.day).days
    return finding(
        "DATE_INCONSISTENT", severity, text + Message(".", "。"), this.doc, "date", this.fv, rule=rule,
        date=this.day.isoformat(), other_date=other.day.isoformat(), other_document=other.doc.index,
        other_type=other.doc.type.value, other_page=other.fv.page, other_bbox=other.fv.bbox, days=days,
        low_confidence=bool(low), **evidence,
    )


def _first(dated: dict[DocType, list[Dated]], doc_type: DocType) -> Dated | None:
    """The earliest date of a document type (the one most likely to contradict a later document)."""
    return min(dated.get(doc_type, []), key=lambda d: d.day, default=None)


def _licence_after_shipment(ctx: CheckContext, dated: dict[DocType, list[Dated]]) -> Iterator[Finding]:
    later_than = [d for d in (_first(dated, DocType.EXPORT_DECLARATION), _first(dated, DocType.BILL_OF_LADING)) if d]
    for lic in dated.get(DocType.EXPORT_LICENCE, []):
        before = [d for d in later_than if lic.day > d.day]
        if before:
            first = min(before, key=lambda d: d.day)
            yield _finding(ctx, Severity.HIGH, "licence_after_shipment", lic, first,
                           Message(f"The licence is dated {lic.day}, after the {first.label} ({first.day}): "
                                   "the goods were declared or shipped before the licence was issued",
                                   f"许可证的日期为 {lic.day}，晚于{first.label_zh}（{first.day}）："
                                   "货物在许可证签发之前已经申报或装运"))


def _invoice_after_shipment(ctx: CheckContext, dated: dict[DocType, list[Dated]]) -> Iterator[Finding]:
    shipped = _first(dated, DocType.BILL_OF_LADING) or _first(dated, DocType.EXPORT_DECLARATION)
    if shipped is None:
        return
    for doc_type in (DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST):
        for d in dated.get(doc_type, []):
            if (d.day - shipped.day).days > INVOICE_AFTER_SHIPMENT_DAYS:
                yield _finding(ctx, Severity.MEDIUM, "invoice_after_shipment", d, shipped,
                               Message(f"The {d.label} is dated {d.day}, {(d.day - shipped.day).days} days "
                                       f"after the {shipped.label} ({shipped.day}) that it must precede",
                                       f"{d.label_zh}的日期为 {d.day}，比{shipped.label_zh}（{shipped.day}）晚 "
                                       f"{(d.day - shipped.day).days} 天，而它本应早于后者"),
                               tolerance_days=INVOICE_AFTER_SHIPMENT_DAYS)


def _declaration_window(ctx: CheckContext, dated: dict[DocType, list[Dated]]) -> Iterator[Finding]:
    bl = _first(dated, DocType.BILL_OF_LADING)
    if bl is None:
        return
    for dec in dated.get(DocType.EXPORT_DECLARATION, []):
        gap = (dec.day - bl.day).days
        if gap > DECLARATION_AFTER_SHIPMENT_DAYS:
            yield _finding(ctx, Severity.MEDIUM, "declaration_after_shipment", dec, bl,
                           Message(f"The export declaration is dated {dec.day}, {gap} days after the bill of "
                                   f"lading ({bl.day}): goods are declared before they are loaded",
                                   f"出口报关单的日期为 {dec.day}，比提单（{bl.day}）晚 {gap} 天："
                                   "货物应在装船之前申报"),
                           tolerance_days=DECLARATION_AFTER_SHIPMENT_DAYS)
        elif -gap > DECLARATION_BEFORE_SHIPMENT_DAYS:
            yield _finding(ctx, Severity.MEDIUM, "declaration_long_before_shipment", dec, bl,
                           Message(f"The export declaration is dated {dec.day}, {-gap} days before the bill of "
                                   f"lading ({bl.day}): too long for one shipment",
                                   f"出口报关单的日期为 {dec.day}，比提单（{bl.day}）早 {-gap} 天："
                                   "对同一批货物而言间隔过长"),
                           tolerance_days=DECLARATION_BEFORE_SHIPMENT_DAYS)


def _certificate_before_invoice(ctx: CheckContext, dated: dict[DocType, list[Dated]],
                                flagged: set[int]) -> Iterator[Finding]:
    invoices = [d for d in dated.get(DocType.COMMERCIAL_INVOICE, []) if d.doc.index not in flagged]
    invoice = min(invoices, key=lambda d: d.day, default=None)
    if invoice is None:
        return
    for co in dated.get(DocType.CERTIFICATE_OF_ORIGIN, []):
        gap = (invoice.day - co.day).days
        if gap > CERTIFICATE_BEFORE_INVOICE_DAYS:
            yield _finding(ctx, Severity.LOW, "certificate_before_invoice", co, invoice,
                           Message(f"The certificate of origin is dated {co.day}, {gap} days before the invoice "
                                   f"({invoice.day}) it cites",
                                   f"原产地证书的日期为 {co.day}，比其所引用的发票（{invoice.day}）早 {gap} 天"),
                           tolerance_days=CERTIFICATE_BEFORE_INVOICE_DAYS)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Licence, invoice, declaration and certificate dates against the shipment and each other."""
    dated = _dated(ctx)
    if len(dated) < 2:
        return
    yield from _licence_after_shipment(ctx, dated)
    late = list(_invoice_after_shipment(ctx, dated))
    yield from late
    yield from _declaration_window(ctx, dated)
    yield from _certificate_before_invoice(ctx, dated, {f.document for f in late if f.document is not None})
