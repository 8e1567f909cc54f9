"""HS_UNKNOWN: an HS code that is not in the HS 2022 nomenclature."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import hs_known
from inspector.models import Finding, Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Flag every item whose HS code's first six digits are not a known subheading."""
    for doc in ctx.readable():
        for i, item in enumerate(doc.items):
            code = item.hs_code
            if code and not hs_known(ctx.rules, code):
                yield finding(
                    "HS_UNKNOWN", Severity.MEDIUM,
                    f"HS code {code} on the {doc.type.value.replace('_', ' ')} is not in the HS 2022 "
                    "nomenclature.",
                    doc, f"items[{i}].hs_code", page=item.page,
                    bbox=item.boxes.get("hs_code", item.bbox), hs_code=code,
                )
