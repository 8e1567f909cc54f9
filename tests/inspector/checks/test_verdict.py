"""The verdict is a pure, documented function of the findings."""

from __future__ import annotations

from inspector.models import Finding, Lane, Severity
from inspector.verdict import lane, risk_score, sort_findings


def f(severity: Severity, code: str = "X", document: int | None = 0) -> Finding:
    return Finding(code, severity, "m", document)


def test_lanes() -> None:
    assert lane([]) == Lane.GREEN
    assert lane([f(Severity.INFO)]) == Lane.GREEN
    assert lane([f(Severity.LOW)]) == Lane.YELLOW
    assert lane([f(Severity.MEDIUM)] * 3) == Lane.YELLOW
    assert lane([f(Severity.MEDIUM)] * 4) == Lane.RED  # score 60
    assert lane([f(Severity.HIGH)]) == Lane.RED


def test_score_is_capped() -> None:
    assert risk_score([f(Severity.HIGH), f(Severity.LOW)]) == 40
    assert risk_score([f(Severity.CRITICAL)] * 3) == 100


def test_sorted_most_serious_first() -> None:
    ordered = sort_findings([f(Severity.INFO, "A"), f(Severity.HIGH, "B", 2), f(Severity.HIGH, "C", 1)])
    assert [x.code for x in ordered] == ["C", "B", "A"]
