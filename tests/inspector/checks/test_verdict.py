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


def test_a_finding_on_a_doubtful_reading_says_so_and_weighs_one_severity_less() -> None:
    from inspector.models import DocType, Document, FieldValue
    from inspector.verdict import weigh_unsure
    doc = Document(0, "pl.png", DocType.PACKING_LIST, 1, fields={
        "total_net_weight_kg": FieldValue(4800.0, "48OO", 1, (1, 1, 5, 5), 0.41),
        "total_gross_weight_kg": FieldValue(5100.0, "5100", 1, (1, 9, 5, 5), 0.93)})
    unsure = Finding("WEIGHT_INCONSISTENT", Severity.HIGH, "Net weight differs.", 0, "total_net_weight_kg")
    sure = Finding("WEIGHT_INCONSISTENT", Severity.HIGH, "Gross weight differs.", 0, "total_gross_weight_kg")
    reading = Finding("OCR_LOW_CONFIDENCE", Severity.LOW, "Look at the paper.", 0, "total_net_weight_kg")
    weighed = weigh_unsure([unsure, sure, reading], [doc], 0.6)
    assert weighed[0].severity == Severity.MEDIUM and "41% confidence" in weighed[0].message
    assert weighed[0].evidence["severity_before"] == "high"
    assert weighed[1] == sure and weighed[2] == reading  # a sure reading, and the reading finding itself
    # a check that already weighed its own doubt (DATE_INCONSISTENT, LICENCE_*) is not lowered again
    own = Finding("DATE_INCONSISTENT", Severity.MEDIUM, "Dates differ (read with low confidence).", 0,
                  "total_net_weight_kg", evidence={"low_confidence": True})
    assert weigh_unsure([own], [doc], 0.6) == [own]
    # a reading below 35% is noise: the finding stays, as info
    noise = Document(0, "pl.png", DocType.PACKING_LIST, 1, fields={
        "total_net_weight_kg": FieldValue(321595.0, "321,595.00", 1, (1, 1, 5, 5), 0.11)})
    assert weigh_unsure([unsure], [noise], 0.6)[0].severity == Severity.INFO


def test_a_severity_steps_down_one_and_not_below_its_floor() -> None:
    assert [s.lower() for s in Severity] == [Severity.INFO, Severity.INFO, Severity.LOW, Severity.MEDIUM,
                                             Severity.HIGH]
    assert [s.lower(floor=Severity.LOW) for s in Severity] == [Severity.INFO, Severity.LOW, Severity.LOW,
                                                                Severity.MEDIUM, Severity.HIGH]
