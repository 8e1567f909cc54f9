"""Party entities in the case database: resolution through blocking tokens, inspectors' merges and
splits (kept and honoured), the history CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from inspector import cli
from inspector.db.cases.models import CaseShipment, EntityDecision
from inspector.db.cases.repository import open_cases, rebuild_history
from inspector.history.store import (
    EntityNotFoundError,
    earlier_lots,
    merge_entities,
    record_history,
    resolve,
    split_alias,
)
from inspector.history.summary import Summary
from inspector.paths import DataPaths

SPELLINGS = ("Lion City Materials Trading Pte. Ltd.", "LION CITY MATERIALS TRADING PRIVATE LIMITED",
             "Lion City Material Trading Pte Ltd")


@pytest.fixture
def cases(tmp_path: Path, case_db_url: str):
    engine = open_cases(DataPaths(tmp_path, case_db=case_db_url))
    with Session(engine) as s:
        yield s
    engine.dispose()


def ship(s: Session, case_id: str, consignee: str, days: int = 0, exporter: str = "Ganzhou Rare Earth Co., Ltd.",
         kg: float = 490.0) -> None:
    record_history(s, case_id, Summary(dt.date(2026, 3, 1) + dt.timedelta(days=days), exporter, consignee,
                                       "rare_earth_dy", ("2846",), kg))


def entity_of(s: Session, case_id: str) -> int:
    return s.get(CaseShipment, case_id).consignee_entity


def test_a_consignee_spelt_three_ways_is_one_entity_and_another_company_is_not(cases: Session) -> None:
    for i, name in enumerate(SPELLINGS):
        ship(cases, f"c{i}", name, i)
    ship(cases, "other", "Lion City Metals Trading Pte Ltd", 3)
    assert entity_of(cases, "c0") == entity_of(cases, "c1") == entity_of(cases, "c2") != entity_of(cases, "other")
    assert resolve(cases, "Lion City Materals Trading Pte Ltd").entity_id == entity_of(cases, "c0")  # read-only
    assert resolve(cases, "Hollandia Trading B.V.").entity_id is None
    ex = cases.get(CaseShipment, "c0").exporter_entity
    lots = earlier_lots(cases, ex, entity_of(cases, "c0"), "rare_earth_dy", dt.date(2026, 3, 10), 30)
    assert [lot.case_id for lot in lots] == ["c0", "c1", "c2"]


def test_the_candidate_look_up_uses_the_token_index(cases: Session) -> None:
    query = ("SELECT a.entity_id, a.key FROM party_alias a WHERE a.id IN "
             "(SELECT * FROM (SELECT t.alias_id FROM party_token t WHERE t.token = 'lio' LIMIT 200) AS p0)")
    if cases.get_bind().dialect.name == "postgresql":  # an empty table is scanned unless scans are ruled out
        cases.execute(text("SET LOCAL enable_seqscan = off"))
        plan = " ".join(r[0] for r in cases.execute(text(f"EXPLAIN {query}")))
        assert "ix_party_token_token" in plan and "Seq Scan on party_token" not in plan, plan
        return
    plan = " ".join(r[-1] for r in cases.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    assert "ix_party_token_token" in plan and "SCAN party_token" not in plan, plan


def test_merge_and_split_are_kept_honoured_and_replayed_after_a_rebuild(cases: Session) -> None:
    ship(cases, "a", "Straits Trading Pte Ltd")
    ship(cases, "b", "Jurong Straits Commerce Pte Ltd", 5)
    first, second = entity_of(cases, "a"), entity_of(cases, "b")
    assert first != second
    merged = merge_entities(cases, "Jurong Straits Commerce", "Straits Trading", by="inspector 7", note="same UEN")
    assert merged == first and entity_of(cases, "b") == first
    ship(cases, "c", "JURONG STRAITS COMMERCE PTE. LTD.", 9)  # honoured afterwards
    assert entity_of(cases, "c") == first
    # a spelling split off keeps its own entity, and so do later cases with that spelling
    new = split_alias(cases, "Jurong Straits Commerce Pte Ltd", by="inspector 7", note="another company")
    assert entity_of(cases, "b") == entity_of(cases, "c") == new != first
    ship(cases, "d", "Jurong Straits Commerce Pte. Ltd.", 12)
    assert entity_of(cases, "d") == new
    kinds = [d.kind for d in cases.scalars(select(EntityDecision).order_by(EntityDecision.id))]
    assert kinds == ["merge", "split"]
    with pytest.raises(EntityNotFoundError):
        split_alias(cases, "Nobody Ltd", by="x")


def test_rebuilding_the_history_replays_the_decisions(tmp_path: Path, case_db_url: str) -> None:
    from inspector.db.cases.repository import record_case
    from inspector.models import CaseResult, Lane
    from tests.inspector.history.test_fragmentation_check import (
        papers,  # recorded through record_case
    )

    engine = open_cases(DataPaths(tmp_path, case_db=case_db_url))
    with Session(engine) as s:
        for i, consignee in enumerate(("Straits Trading Pte Ltd", "Jurong Straits Commerce Pte Ltd")):
            docs = papers(490.0, i, consignee=consignee)
            record_case(s, CaseResult(f"k{i}", Lane.GREEN, 0, dt.date(2026, 3, 2 + i), docs, (), "t"))
        merge_entities(s, "Jurong Straits Commerce", "Straits Trading", by="inspector 7")
        s.commit()
        assert entity_of(s, "k0") == entity_of(s, "k1")
        assert rebuild_history(s, missing_only=False) == 2
        assert entity_of(s, "k0") == entity_of(s, "k1")  # the merge re-applied
        assert s.get(CaseShipment, "k1").net_kg == 490.0
    engine.dispose()


def test_cli_history_lists_searches_shows_and_follows_an_entity(tmp_path: Path, capsys, case_db_url: str) -> None:
    engine = open_cases(DataPaths(tmp_path, case_db=case_db_url))
    with Session(engine) as s:
        for i, name in enumerate(SPELLINGS):
            ship(s, f"case-0{i + 1}", name, 10 * i)
        s.commit()
    engine.dispose()
    data = ["--data-dir", str(tmp_path), "--case-db", case_db_url]
    assert cli.main(["history", "list", "--json", *data]) == 0
    assert [r["case_id"] for r in json.loads(capsys.readouterr().out)] == ["case-03", "case-02", "case-01"]
    assert cli.main(["history", "search", "PRIVATE", *data]) == 0
    assert "case-02" in capsys.readouterr().out
    assert cli.main(["history", "show", "case-03", "--json", *data]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [r["case_id"] for r in shown["same_parties"]] == ["case-01", "case-02"]
    assert cli.main(["history", "entity", "Lion City Materials Trading", *data]) == 0
    out = capsys.readouterr().out
    assert out.index("case-01") < out.index("case-03") and "LION CITY" in out
    assert cli.main(["history", "show", "nope", *data]) == 1
    assert cli.main(["history", "split", "Lion City Material Trading Pte Ltd", "--by", "me", "--json", *data]) == 0
    assert json.loads(capsys.readouterr().out)["spellings"] == ["Lion City Material Trading Pte Ltd"]
