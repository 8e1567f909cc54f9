"""HS_UNKNOWN: an HS code that is not in the HS 2022 nomenclature."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import hs_known
from inspector.models import Finding, Message, Severity
from inspector.wording import doc_name


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Flag every item whose HS code's first six digits are not a known subheading."""
    for doc in ctx.readable():
        for i, item in enumerate(doc.items):
            code = item.hs_code
            if code and not hs_known(ctx.rules, code):
                yield finding(
                    "HS_UNKNOWN", Severity.MEDIUM, Message(
                        f"HS code {code} on the {doc_name(doc.type).en} is not in the HS 2022 nomenclature.",
                        f"{doc_name(doc.type).zh}上的 HS 编码 {code} 不在 HS 2022 商品目录中。"),
                    doc, f"items[{i}].hs_code", page=item.page,
                    bbox=item.boxes.get("hs_code", item.bbox), hs_code=code,
                )
