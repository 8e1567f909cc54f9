"""A compact readable summary of a checked case for the terminal."""

from __future__ import annotations

from inspector.models import CaseResult

_LANE = {"green": "GREEN  release", "yellow": "YELLOW documentary check", "red": "RED    stop and inspect"}


def summary(result: CaseResult) -> str:
    """Lane, score, documents and findings, one line each."""
    date = result.shipment_date.isoformat() if result.shipment_date else "unknown"
    lines = [f"Case {result.case_id}  lane {_LANE[result.lane.value]}  risk {result.risk_score}/100  "
             f"shipped {date}", "", "Documents:"]
    for d in result.documents:
        state = f"ERROR: {d.error}" if d.error else f"{d.type.value}, {d.pages} page(s)"
        lines.append(f"  [{d.index}] {d.path}: {state}")
    lines += ["", f"Findings ({len(result.findings)}):"]
    for f in result.findings:
        where = f" (doc {f.document}, page {f.page})" if f.document is not None else ""
        lines.append(f"  {f.severity.value.upper():8} {f.code}: {f.message}{where}")
    if not result.findings:
        lines.append("  none")
    return "\n".join(lines)
