"""The hash-chained audit trail: intact after real actions; an edited, deleted, reordered or rewritten
row named by raw SQL tampering; a case changed behind the trail's back found; entity decisions audited."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from inspector.casework import Decision, correct_field, decide, sign_off
from inspector.casework.audit import GENESIS, append, canonical, entries, head, row_hash, verify
from inspector.history.store import merge_entities, split_alias
from tests.inspector.casework.builders import record, shipment


@pytest.fixture
def trail(sessions, config, tmp_path):
    """A case checked, corrected, decided and signed off, and a note: six rows."""
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    correct_field(cases, "C-1", 0, "total_net_weight_kg", "3150", actor="Li Wei", rules=rules, config=config)
    decide(cases, "C-1", Decision.HOLD, "no licence", actor="Li Wei")
    sign_off(cases, "C-1", supervisor="Wang Fang")
    append(cases, case_id=None, action="note", actor="admin", detail={"why": "test"})
    cases.commit()
    assert [e.seq for e in entries(cases)] == [1, 2, 3, 4, 5]
    return cases


def _kinds(db, **kw) -> list[tuple[str, int | None]]:
    return [(p.kind, p.seq) for p in verify(db, **kw)]


def test_an_intact_trail_verifies_and_chains_from_genesis(trail) -> None:
    rows = entries(trail)
    assert verify(trail) == []
    assert rows[0].prev_hash == GENESIS and all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    r = rows[2]
    assert r.hash == row_hash(r.prev_hash, r.seq, r.at, r.case_id, r.action, r.actor, r.detail)
    assert [e.action for e in rows] == ["check", "correction", "decision", "sign_off", "note"]
    assert canonical({"b": 1.0, "a": [2.5, "x"]}) == '{"a":[2.5,"x"],"b":1}'


def test_an_edited_row_is_named(trail) -> None:
    trail.execute(text("UPDATE audit_log SET actor = 'Mallory' WHERE seq = 3"))
    trail.commit()
    assert _kinds(trail, cases=False) == [("edited", 3)]


def test_an_edited_row_whose_hash_was_recomputed_breaks_the_next_link(trail) -> None:
    r = entries(trail)[1]
    forged = row_hash(r.prev_hash, r.seq, r.at, r.case_id, r.action, "Mallory", r.detail)
    trail.execute(text("UPDATE audit_log SET actor = 'Mallory', hash = :h WHERE seq = 2"), {"h": forged})
    trail.commit()
    problems = verify(trail, cases=False)
    assert [(p.kind, p.seq) for p in problems] == [("relinked", 2)]
    assert "row 2 was rewritten" in problems[0].message.en


def test_a_deleted_row_is_named(trail) -> None:
    trail.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    trail.commit()
    problems = verify(trail, cases=False)
    assert [(p.kind, p.seq, p.row_id) for p in problems] == [("deleted", 3, None)]
    assert problems[0].message.zh == "审计记录 3 缺失：已被删除。"


def test_two_swapped_rows_are_named(trail) -> None:
    columns = "seq, at, case_id, action, actor, detail, prev_hash, hash"
    a, b = (trail.execute(text(f"SELECT {columns} FROM audit_log WHERE seq = {n}")).one() for n in (2, 3))
    trail.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = 2"))  # seq is unique: swap through -1
    for target, row in ((3, a), (-1, b)):
        trail.execute(text("UPDATE audit_log SET seq=:seq, at=:at, case_id=:case_id, action=:action, actor=:actor, "
                           "detail=:detail, prev_hash=:prev_hash, hash=:hash WHERE seq = :target"),
                      {**row._asdict(), "target": target})
    trail.commit()
    assert [e.seq for e in sorted(entries(trail), key=lambda e: e.id)] == [1, 3, 2, 4, 5]
    problems = verify(trail, cases=False)
    assert [(p.kind, p.seq, p.row_id) for p in problems] == [("reordered", 2, 3)]
    assert "stands after row 3 (id 2)" in problems[0].message.en


def test_swapped_sequence_numbers_are_named(trail) -> None:
    for old, new in ((2, -1), (4, 2), (-1, 4)):  # seq is unique: swap through -1
        trail.execute(text("UPDATE audit_log SET seq = :new WHERE seq = :old"), {"old": old, "new": new})
    trail.commit()
    found = _kinds(trail, cases=False)
    assert ("reordered", 2) in found and ("edited", 2) in found and ("edited", 4) in found


def test_a_rewritten_chain_is_caught_by_a_head_noted_earlier(trail) -> None:
    noted = head(trail)
    assert noted is not None
    rows = entries(trail)
    prev = rows[2].hash  # rewrite rows 4 and 5 from an edited row 4 on: the chain holds again
    for r in rows[3:]:
        actor = "Mallory" if r.seq == 4 else r.actor
        h = row_hash(prev, r.seq, r.at, r.case_id, r.action, actor, r.detail)
        trail.execute(text("UPDATE audit_log SET actor = :a, prev_hash = :p, hash = :h WHERE seq = :s"),
                      {"a": actor, "p": prev, "h": h, "s": r.seq})
        prev = h
    trail.commit()
    assert verify(trail, cases=False) == []
    assert _kinds(trail, cases=False, anchor=(noted.seq, noted.hash)) == [("rewritten", 5)]


def test_a_case_changed_behind_the_trail_is_named(trail) -> None:
    trail.execute(text("UPDATE case_field SET value = '99' WHERE name = 'packages'"))
    trail.commit()
    problems = verify(trail)
    assert [(p.kind, p.seq, p.case_id) for p in problems] == [("case_changed", 4, "C-1")]


def test_entity_merge_and_split_are_audited(sessions, config, tmp_path) -> None:
    rules, cases = sessions
    record(rules, cases, config, "C-1", shipment(tmp_path))
    merge_entities(cases, "Foshan Hengtai Rare Earth Materials Co., Ltd.", "Summit Resources Inc.", "Li Wei", "same group")
    split_alias(cases, "Summit Resources Inc.", "Li Wei", "not the same after all")
    cases.commit()
    rows = entries(cases)
    assert [(e.action, e.actor, e.case_id) for e in rows[1:]] == [("entity_merge", "Li Wei", None),
                                                                 ("entity_split", "Li Wei", None)]
    assert rows[1].detail["note"] == "same group" and verify(cases) == []
