"""CONTROLLED_GOODS: an item of the case falls under an export control in force on the shipment date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import ControlMatch, controls_matching
from inspector.models import DocType, Document, Finding, LineItem, Severity

# Which document's goods line to point at first.
_PREFERRED = (DocType.EXPORT_DECLARATION, DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST,
              DocType.EXPORT_LICENCE, DocType.BILL_OF_LADING, DocType.CERTIFICATE_OF_ORIGIN,
              DocType.UNKNOWN)


@dataclass(frozen=True)
class ControlledItem:
    """A goods line and the control it falls under."""

    doc: Document
    index: int
    item: LineItem
    control: ControlMatch


def _ordered_docs(ctx: CheckContext) -> list[Document]:
    return sorted(ctx.readable(), key=lambda d: (_PREFERRED.index(d.type), d.index))


def _relevant(ctx: CheckContext, item: LineItem) -> list[ControlMatch]:
    """Controls that name the goods: where the description names a family, only that family's
    controls; otherwise the HS matches (a 6- or 8-digit code may cover several families)."""
    matches = controls_matching(ctx.rules, item.hs_code, item.description, ctx.shipment_date)
    by_words = controls_matching(ctx.rules, None, item.description, ctx.shipment_date)
    named = {m.family for m in by_words} - {"other"}
    kept = [m for m in matches if m.family in named] if named else (
        [m for m in matches if m.family != "other"] or matches)
    return sorted(kept, key=lambda m: -_overlap(m.item, item.description))


def _overlap(control_item: str, description: str) -> int:
    """Words a control's item name shares with the goods description ("oxide", "metal"...)."""
    words = lambda text: set(re.findall(r"[a-z]{3,}", text.lower()))  # noqa: E731
    return len(words(control_item) & words(description))


def controlled_items(ctx: CheckContext) -> list[ControlledItem]:
    """One entry per control family that some goods line of the case falls under."""
    seen: set[str] = set()
    out: list[ControlledItem] = []
    for doc in _ordered_docs(ctx):
        for i, item in enumerate(doc.items):
            for match in _relevant(ctx, item):
                if match.family not in seen:
                    seen.add(match.family)
                    out.append(ControlledItem(doc, i, item, match))
    return out


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An info finding per control the goods fall under."""
    for ci in controlled_items(ctx):
        c = ci.control
        how = f"HS code {ci.item.hs_code}" if c.matched_by == "hs" else f"the term '{c.matched_term}'"
        yield finding(
            "CONTROLLED_GOODS", Severity.INFO,
            f"'{ci.item.description[:60]}' falls under export control {c.announcement} ({c.item}) "
            f"by {how}: a dual-use export licence is required.",
            ci.doc, f"items[{ci.index}].description", page=ci.item.page,
            bbox=ci.item.boxes.get("description", ci.item.bbox),
            announcement=c.announcement, control_item=c.item, control_hs_code=c.hs_code,
            family=c.family, effective_date=c.effective_date.isoformat() if c.effective_date else None,
            matched_by=c.matched_by, matched_term=c.matched_term, unsure=c.unsure,
        )
