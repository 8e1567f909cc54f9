"""Case database revision cases_0003: page and region hashes recorded, found again through band indexes."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from inspector.db.base import make_engine
from inspector.db.cases.models import CasePagePhash
from inspector.db.cases.phash_index import (
    GUARANTEED_DISTANCE,
    bands,
    near_query,
    number_tokens,
    probes,
)
from inspector.db.cases.repository import (
    document_fields,
    list_cases,
    open_cases,
    record_case,
    reuse_candidates,
)
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.models import CaseResult, DocType, Document, FieldValue, Lane
from inspector.paths import DataPaths

PAGE = "f0e1d2c3b4a59687"
TILES = tuple(f"{i:016x}" for i in range(1, 16)) + ("",)


def _flip(phash: str, *bits: int) -> str:
    value = int(phash, 16)
    for bit in bits:
        value ^= 1 << bit
    return f"{value:016x}"


def _doc(phash: str = PAGE, number: str = "CCPIT26C3702A2593/00781", index: int = 0) -> Document:
    return Document(
        index=index, path=f"co{index}.jpg", type=DocType.CERTIFICATE_OF_ORIGIN, pages=1,
        fields={"document_number": FieldValue(number, raw=number, page=1, bbox=(100, 200, 300, 40), confidence=0.9)},
        page_hashes=(f"img-{phash}",), text=f"Certificate No. {number} packages 81 2026-02-19",
        page_phashes=(phash,), region_phashes=(TILES,),
    )  # fmt: skip


def _record(s: Session, case_id: str, *docs: Document) -> None:
    record_case(s, CaseResult(case_id, Lane.GREEN, 0, None, docs, ()))
    s.commit()


def test_record_case_stores_page_bands_regions_and_numbers(tmp_path: Path) -> None:
    engine = open_cases(DataPaths(tmp_path))
    with Session(engine) as s:
        _record(s, "C-1", _doc())
        row = s.query(CasePagePhash).one()
        assert (row.case_id, row.page, row.phash, row.grid, row.regions) == ("C-1", 1, PAGE, 4, list(TILES))
        assert (row.band0, row.band1, row.band2, row.band3) == bands(PAGE) == (0xF0E1, 0xD2C3, 0xB4A5, 0x9687)
        numbers = json.loads(s.execute(text("SELECT numbers FROM case_document")).scalar_one())
        assert numbers == ["2026-02-19", "CCPIT26C3702A2593/00781"]  # "81": too short to be a reference
        assert document_fields(s, row.document_id)["document_number"].value == "CCPIT26C3702A2593/00781"
    engine.dispose()


def test_candidates_within_the_guaranteed_distance_are_found_and_far_ones_are_not(tmp_path: Path) -> None:
    engine = open_cases(DataPaths(tmp_path))
    with Session(engine) as s:
        _record(s, "C-1", _doc())
        assert GUARANTEED_DISTANCE == 3
        near = _flip(PAGE, 1, 17, 33)  # 3 bits apart, in three of the four bands: the fourth is intact
        found = reuse_candidates(s, _doc(near), GUARANTEED_DISTANCE)
        assert [(c.case_id, c.page, c.new_page, c.distance) for c in found] == [("C-1", 1, 1, 3)]
        assert found[0].regions == TILES and found[0].numbers is not None
        assert reuse_candidates(s, _doc(near), 2) == []  # verified by the true distance
        further = _flip(PAGE, 0, 1, 2, 17, 33, 34)  # 6 bits, band 3 intact: found beyond the guarantee
        assert [c.distance for c in reuse_candidates(s, _doc(further), 6)] == [6]
        far = _flip(PAGE, *range(0, 64, 3))  # 22 bits apart
        assert reuse_candidates(s, _doc(far), GUARANTEED_DISTANCE) == []
        assert reuse_candidates(s, Document(0, "x.jpg"), GUARANTEED_DISTANCE) == []  # unhashed pages
    engine.dispose()


def test_band_query_uses_the_band_indexes_not_a_scan(tmp_path: Path) -> None:
    engine = open_cases(DataPaths(tmp_path))
    with Session(engine) as s:
        for i in range(300):  # unrelated pages, so that the planner has statistics to weigh
            _record(s, f"C-{i}", _doc(f"{(i * 0x9E3779B97F4A7C15) % (1 << 64):016x}"))
        s.execute(text("ANALYZE"))
        stmt = near_query([PAGE]).with_only_columns(CasePagePhash.id, CasePagePhash.phash)
        sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
        plan = " | ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    engine.dispose()
    assert "MULTI-INDEX OR" in plan, plan
    for i in range(4):
        assert f"ix_case_page_phash_band{i}" in plan, plan
    assert "SCAN case_page_phash" not in plan, plan


def test_probes_of_radius_one_cover_one_bit_per_band() -> None:
    assert len(probes(0x1234, radius=1)) == 17 and len(set(probes(0x1234, radius=1))) == 17
    assert all((p ^ 0x1234).bit_count() <= 1 for p in probes(0x1234, radius=1))
    assert probes(5) == [5]  # the default: the band's own value


def test_number_tokens_keep_references_figures_and_dates() -> None:
    tokens = number_tokens("No. PO26-509, total 2,465.00 KG (81 bags) on 2026-02-19; page 1")
    assert tokens == ["2,465.00", "2026-02-19", "PO26-509"]


def test_a_0002_database_upgrades_to_0003_and_keeps_its_cases(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path)
    engine = make_engine(paths.cases_db)
    with engine.begin() as c:
        command.upgrade(alembic_config("cases", c), "cases_0002")
    with Session(engine) as s:  # a case recorded at 0002: written through SQL, without the new column
        s.execute(text("INSERT INTO cases (id, created_at, lane, risk_score, rules_version, engine_version, status) "
                       "VALUES ('OLD-1', '2026-12-01 10:00:00', 'green', 0, 'r', '0.1', 'recorded')"))
        s.execute(text("INSERT INTO case_document (case_id, idx, path, type, pages) "
                       "VALUES ('OLD-1', 0, 'co.jpg', 'certificate_of_origin', 1)"))
        s.execute(text("INSERT INTO case_field (document_id, name, value, raw, confidence) "
                       "VALUES (1, 'document_number', '\"CO-1\"', 'CO-1', 0.9)"))
        s.commit()
    engine.dispose()
    engine = open_cases(paths)
    assert current_revision(engine, "cases") == head_revision("cases") == "cases_0007"
    assert "case_page_phash" in inspect(engine).get_table_names()
    assert "numbers" in {col["name"] for col in inspect(engine).get_columns("case_document")}
    with Session(engine) as s:
        assert [c.id for c in list_cases(s)] == ["OLD-1"]
        assert reuse_candidates(s, _doc(), GUARANTEED_DISTANCE) == []  # its pages were never hashed
        _record(s, "NEW-1", _doc())
        assert [c.case_id for c in reuse_candidates(s, _doc(), GUARANTEED_DISTANCE)] == ["NEW-1"]
    with engine.begin() as c:
        command.downgrade(alembic_config("cases", c), "cases_0002")
    assert "case_page_phash" not in inspect(engine).get_table_names()
    assert "numbers" not in {col["name"] for col in inspect(engine).get_columns("case_document")}
    with Session(engine) as s:
        assert set(s.scalars(text("SELECT id FROM cases"))) == {"OLD-1", "NEW-1"}  # at 0002: SQL
        assert s.execute(text("SELECT raw FROM case_field WHERE document_id = 1")).scalar_one() == "CO-1"
    engine.dispose()
