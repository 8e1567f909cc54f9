"""CONTROLLED_GOODS: an item of the case falls under an export control in force on the shipment date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import ControlMatch, controls_matching
from inspector.models import DocType, Document, Finding, LineItem, Message, Severity

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


def _dating(ctx: CheckContext, c: ControlMatch) -> tuple[Message, dict[str, str | None]]:
    """The sentence and evidence saying on which day the control was judged in force, and why."""
    day = ctx.shipment_date or dt.date.today()
    basis = "shipment date" if ctx.shipment_date else "today (no shipment date read)"
    judged = (f"按装运日期 {day.isoformat()} 判断。" if ctx.shipment_date
              else f"按今天 {day.isoformat()} 判断（未读到装运日期）。")
    text = Message(f" In force since {c.effective_date.isoformat()}; judged on the {basis} {day.isoformat()}.",
                   f"该管制自 {c.effective_date.isoformat()} 起施行；{judged}")
    lapsed = None
    if c.suspended_until is not None and c.suspended_until < day:
        by = f" by {c.suspended_by}" if c.suspended_by else ""
        lapsed = (f"suspension{by} ended {c.suspended_until.isoformat()}; "
                  "whether it was extended is not recorded")
        by_zh = f"（{c.suspended_by}）" if c.suspended_by else ""
        text += Message(f" Its {lapsed}.",
                        f"其暂停实施{by_zh}已于 {c.suspended_until.isoformat()} 到期；是否延期未有记录。")
    return text, {
        "decided_on": day.isoformat(), "date_basis": "shipment_date" if ctx.shipment_date else "today",
        "suspended_by": c.suspended_by,
        "suspended_from": c.suspended_from.isoformat() if c.suspended_from else None,
        "suspended_until": c.suspended_until.isoformat() if c.suspended_until else None,
        "suspension_note": lapsed,
    }


def check(ctx: CheckContext) -> Iterator[Finding]:
    """An info finding per control in force on the shipment date that the goods fall under."""
    for ci in controlled_items(ctx):
        c = ci.control
        how = (Message(f"HS code {ci.item.hs_code}", f" HS 编码 {ci.item.hs_code} ") if c.matched_by == "hs"
               else Message(f"the term '{c.matched_term}'", f"关键词“{c.matched_term}”"))
        dating, dated = _dating(ctx, c)
        what = ci.item.description[:60]
        yield finding(
            "CONTROLLED_GOODS", Severity.INFO, Message(
                f"'{what}' falls under export control {c.announcement} ({c.item}) "
                f"by {how.en}: a dual-use export licence is required.",
                f"“{what}”依{how.zh}属于出口管制 {c.announcement}（{c.item}）所列物项：须持有两用物项出口许可证。",
            ) + dating,
            ci.doc, f"items[{ci.index}].description", page=ci.item.page,
            bbox=ci.item.boxes.get("description", ci.item.bbox),
            announcement=c.announcement, control_item=c.item, control_hs_code=c.hs_code,
            family=c.family, effective_date=c.effective_date.isoformat() if c.effective_date else None,
            matched_by=c.matched_by, matched_term=c.matched_term, unsure=c.unsure, **dated,
        )
