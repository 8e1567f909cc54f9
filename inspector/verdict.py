"""Risk score and lane from the findings: deterministic, documented in docs/verdict.md."""

from __future__ import annotations

from collections.abc import Iterable

from inspector.models import Finding, Lane, Severity

# Points each finding adds to the risk score, by severity (the score is capped at 100).
SEVERITY_POINTS: dict[Severity, int] = {
    Severity.INFO: 0,
    Severity.LOW: 5,
    Severity.MEDIUM: 15,
    Severity.HIGH: 35,
    Severity.CRITICAL: 60,
}
RED_SCORE = 60
YELLOW_SCORE = 5


def risk_score(findings: Iterable[Finding]) -> int:
    """Sum of severity points over the findings, at most 100."""
    return min(100, sum(SEVERITY_POINTS[f.severity] for f in findings))


def lane(findings: Iterable[Finding]) -> Lane:
    """Red on any high or critical finding or a score of 60+; yellow on any low or medium; else green."""
    found = list(findings)
    worst = max((f.severity.rank for f in found), default=-1)
    score = risk_score(found)
    if worst >= Severity.HIGH.rank or score >= RED_SCORE:
        return Lane.RED
    if worst >= Severity.LOW.rank or score >= YELLOW_SCORE:
        return Lane.YELLOW
    return Lane.GREEN


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most serious first, then by document and code, so output is stable."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.document if f.document is not None else -1,
                                           f.code, f.field or ""))
