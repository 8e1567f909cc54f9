"""Risk score and lane from the findings: deterministic, documented in docs/risk.md."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from inspector.models import Document, Finding, Lane, Severity

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


# Findings about the reading itself, or about the image: a doubtful reading does not make them doubtful.
NOT_WEIGHED = frozenset({"OCR_LOW_CONFIDENCE", "INPUT_UNREADABLE", "TAMPER_SUSPECTED"})
UNRELIABLE = 0.35  # below this confidence a reading is noise, not evidence


def weigh_unsure(findings: Iterable[Finding], documents: Sequence[Document], threshold: float) -> list[Finding]:
    """A finding resting on a field read with low confidence says so and weighs one severity less: the
    inspector is sent to the paper, not told the paperwork is false on the strength of a misreading.
    A check that weighed its own doubt (its evidence says `low_confidence`) is not weighed twice."""
    out = []
    for f in findings:
        doc = documents[f.document] if f.document is not None and 0 <= f.document < len(documents) else None
        fv = doc.fields.get(f.field) if doc is not None and f.field else None
        if f.code in NOT_WEIGHED or "low_confidence" in f.evidence or fv is None or fv.confidence >= threshold:
            out.append(f)
            continue
        note = f" (read with {fv.confidence:.0%} confidence: check the paper)"
        note_zh = f"（该项识读置信度为 {fv.confidence:.0%}：请查看纸质单据）"
        zh = f.message_zh.rstrip() + note_zh if f.message_zh.strip() else f.message_zh
        # A reading below UNRELIABLE is noise: the finding stays on record as info, and the field's
        # OCR_LOW_CONFIDENCE sends the inspector to the paper.
        severity = Severity.INFO if fv.confidence < UNRELIABLE else f.severity.lower(floor=Severity.LOW)
        out.append(replace(f, severity=severity, message=f.message.rstrip() + note,
                           message_zh=zh,
                           evidence={**f.evidence, "ocr_confidence": round(fv.confidence, 3),
                                     "severity_before": f.severity.value}))
    return out


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
