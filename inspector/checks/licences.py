"""LICENCE_MISSING, LICENCE_NOT_FOUND, LICENCE_EXPIRED: the licence behind controlled goods."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.checks.controls import controlled_items
from inspector.db.rules.repository import licence_get
from inspector.models import DocType, Finding, Severity


def _missing(ctx: CheckContext) -> Iterator[Finding]:
    controlled = controlled_items(ctx)
    has_licence_doc = any(d.type == DocType.EXPORT_LICENCE for d in ctx.readable())
    if controlled and not has_licence_doc and not any(ctx.with_field("licence_number")):
        first = controlled[0]
        families = sorted({c.control.family for c in controlled})
        yield finding(
            "LICENCE_MISSING", Severity.HIGH,
            f"Controlled goods ({', '.join(families)}) are declared but no export licence is in the "
            "paperwork.",
            first.doc, f"items[{first.index}].description", page=first.item.page, bbox=first.item.bbox,
            announcements=sorted({c.control.announcement for c in controlled}),
        )


def _registry(ctx: CheckContext) -> Iterator[Finding]:
    checked: set[str] = set()
    for doc, fv in ctx.with_field("licence_number"):
        number = str(fv.value)
        if number in checked:
            continue
        checked.add(number)
        record = licence_get(ctx.rules, number)
        if record is None:
            yield finding("LICENCE_NOT_FOUND", Severity.HIGH,
                          f"Licence {number} is not in the licence registry.", doc, "licence_number", fv,
                          licence_number=number)
            continue
        date = ctx.shipment_date
        if date and not (record.valid_from <= date <= record.valid_to):
            yield finding(
                "LICENCE_EXPIRED", Severity.HIGH,
                f"Licence {number} is valid {record.valid_from} to {record.valid_to}, but the shipment "
                f"date is {date}.", doc, "licence_number", fv, licence_number=number,
                valid_from=record.valid_from.isoformat(), valid_to=record.valid_to.isoformat(),
                shipment_date=date.isoformat(),
            )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Licence findings for the case."""
    yield from _missing(ctx)
    yield from _registry(ctx)
