"""Decisions (changeable until sign-off), the supervisor's sign-off (then read-only), exports."""

from __future__ import annotations

import pytest

from inspector.casework import (
    CaseLockedError,
    CaseStatus,
    CaseworkError,
    Decision,
    case_state,
    correct_field,
    correct_item,
    decide,
    load_case,
    record_export,
    sign_off,
)
from inspector.casework.audit import entries, verify
from tests.inspector.casework.builders import record, shipment


def test_a_decision_can_be_changed_until_sign_off_and_every_one_is_kept(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    assert case_state(cases, "C-1").status == CaseStatus.RECORDED and case_state(cases, "C-1").decision is None
    decide(cases, "C-1", Decision.DOCUMENTARY_CHECK, "weights disagree", actor="Li Wei")
    state = decide(cases, "C-1", "hold", "no licence for controlled goods", actor="Li Wei")
    assert state.status == CaseStatus.DECIDED and state.decision == Decision.HOLD
    assert state.note == "no licence for controlled goods" and state.decided_by == "Li Wei"
    assert [d.decision for d in state.decisions] == [Decision.DOCUMENTARY_CHECK, Decision.HOLD]
    assert not state.locked
    assert [e.detail["previous"] for e in entries(cases, "C-1") if e.action == "decision"] == [None, "documentary_check"]
    with pytest.raises(CaseworkError, match="choose one of"):
        decide(cases, "C-1", "wave through", "", actor="Li Wei")


def test_sign_off_makes_the_case_read_only(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    with pytest.raises(CaseworkError, match="no decision yet"):
        sign_off(cases, "C-1", supervisor="Wang Fang")
    decide(cases, "C-1", Decision.PHYSICAL_INSPECTION, "open drums 12 and 40", actor="Li Wei")
    state = sign_off(cases, "C-1", supervisor="Wang Fang")
    assert state.locked and state.status == CaseStatus.SIGNED_OFF and state.signed_off_by == "Wang Fang"
    before = load_case(cases, "C-1")
    attempts = [
        lambda: correct_field(cases, "C-1", 0, "total_net_weight_kg", "3150", actor="Li Wei", rules=rules, config=config),
        lambda: correct_item(cases, "C-1", 0, 0, "hs_code", "2846.90", actor="Li Wei", rules=rules, config=config),
        lambda: decide(cases, "C-1", Decision.RELEASE, "", actor="Li Wei"),
        lambda: sign_off(cases, "C-1", supervisor="Someone Else"),
    ]
    for attempt in attempts:
        with pytest.raises(CaseLockedError) as locked:
            attempt()
        assert "Wang Fang" in locked.value.message.en and "只读" in locked.value.message.zh
    after = case_state(cases, "C-1")
    assert after.decision == Decision.PHYSICAL_INSPECTION and after.signed_off_by == "Wang Fang"
    assert load_case(cases, "C-1") == before and after.corrections == ()
    assert [e.action for e in entries(cases, "C-1")] == ["check", "decision", "sign_off"]


def test_an_export_is_audited_also_after_sign_off(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    decide(cases, "C-1", Decision.RELEASE, "", actor="Li Wei")
    sign_off(cases, "C-1", supervisor="Wang Fang")
    row = record_export(cases, "C-1", actor="Li Wei", path="/reports/C-1.pdf", sha256="ab" * 32)
    assert (row.action, row.detail["path"], row.detail["sha256"]) == ("export", "/reports/C-1.pdf", "ab" * 32)
    assert verify(cases) == []
    with pytest.raises(CaseworkError):
        record_export(cases, "C-404", actor="Li Wei", path="x.pdf", sha256="00")
