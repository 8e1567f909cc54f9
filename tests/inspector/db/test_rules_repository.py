"""Rules repository: HS lookup, control matching, licence and watchlist imports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inspector.db.rules.repository import (
    controls_matching,
    hs_known,
    hs_lookup,
    import_licences,
    import_watchlist,
    licence_get,
    rules_info,
    watchlist_entries,
)
from inspector.errors import RulesImportError

DAY = dt.date(2026, 11, 29)
HEADER = "licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,valid_to\n"
GOOD = (
    "CN-EL-2026-0001,Baotou Rare Metals Co.,Rotterdam Magnetics BV,Rotterdam Magnetics BV,NL,"
    "2846.90,5000,2026-01-01,2026-12-31\n"
    "CN-EL-2026-0002,Yunnan Germanium Ltd,Optics GmbH,Optics GmbH,de,8112921090,250.5,2026-03-01,2027-02-28\n"
)


def _families(
    s: Session, hs: str | None, text: str | None, on: dt.date = DAY
) -> set[tuple[str, str]]:
    return {(m.family, m.matched_by) for m in controls_matching(s, hs, text, on)}


def test_hs_lookup_by_heading_subheading_and_national_code(rules: Session) -> None:
    assert hs_lookup(rules, "2846").level == 4
    entry = hs_lookup(rules, "2846.90.19.93")
    assert entry.code == "284690" and "rare-earth" in entry.description
    assert hs_lookup(rules, "81129210").code == "811292"
    assert hs_lookup(rules, "28") is None  # fewer than 4 digits
    assert hs_lookup(rules, "TOTAL") is None
    assert hs_known(rules, "610910") and not hs_known(rules, "123456")


def test_ten_digit_code_matches_its_control(rules: Session) -> None:
    matches = controls_matching(rules, "8112929010", "Ga ingots", DAY)
    assert [(m.announcement, m.family, m.matched_by) for m in matches] == [
        ("MOFCOM/GAC 2023 No.23", "gallium", "hs")
    ]
    assert matches[0].matched_term == "8112929010" and matches[0].unsure is None


def test_six_digit_declared_code_matches_longer_control_codes(rules: Session) -> None:
    assert ("gallium", "hs") in _families(rules, "811292", None)
    assert _families(rules, "8112", None) == set()  # a heading alone is not enough


def test_english_keyword_matches_without_hs(rules: Session) -> None:
    matches = controls_matching(rules, None, "DYSPROSIUM OXIDE 99.5% min", DAY)
    assert {(m.announcement, m.family, m.matched_by) for m in matches} == {
        ("MOFCOM/GAC 2025 No.18", "rare_earth_dy", "keyword")
    }
    assert matches[0].matched_term.lower() == "dysprosium oxide"


def test_formula_keyword_matches_case_sensitively(rules: Session) -> None:
    assert _families(rules, None, "Dy2O3 powder") == {("rare_earth_dy", "keyword")}
    assert _families(rules, None, "dy2o3 powder") == set()


@pytest.mark.parametrize(
    ("text", "family"),
    [("氧化镝", "rare_earth_dy"), ("镝", "rare_earth_dy"), ("金属镓 99.99%", "gallium"),
     ("锗锭", "germanium"), ("锑锭", "antimony"), ("天然石墨", "graphite"), ("钨粉", "tungsten")],
)  # fmt: skip
def test_chinese_keyword_matches_as_substring(rules: Session, text: str, family: str) -> None:
    assert (family, "keyword") in _families(rules, None, text)


def test_ordinary_goods_match_nothing(rules: Session) -> None:
    assert controls_matching(rules, "610910", "cotton t-shirts", DAY) == []
    assert controls_matching(rules, "940360", "Wooden furniture, In cartons, Grade C", DAY) == []


def test_hs_match_is_preferred_and_deduplicated(rules: Session) -> None:
    matches = controls_matching(rules, "2805301200", "dysprosium metal 镝", DAY)
    dy = [m for m in matches if m.family == "rare_earth_dy"]
    assert len(dy) == 1 and dy[0].matched_by == "hs"
    assert len({(m.announcement, m.family) for m in matches}) == len(matches)


def test_nothing_before_the_effective_date(rules: Session) -> None:
    assert controls_matching(rules, "8112929010", "gallium", dt.date(2023, 7, 31)) == []
    assert controls_matching(rules, "8112929010", "gallium", dt.date(2023, 8, 1)) != []


def test_nothing_during_a_suspension(rules: Session) -> None:
    # 2025 No.55 (synthetic diamond) is in force from 2025-11-08, suspended until 2026-11-10.
    during = controls_matching(
        rules, "71051020", "synthetic diamond micropowder", dt.date(2026, 6, 1)
    )
    assert "MOFCOM/GAC 2025 No.55" not in {m.announcement for m in during}
    after = controls_matching(rules, "71051020", None, dt.date(2026, 11, 11))
    assert [m.announcement for m in after] == ["MOFCOM/GAC 2025 No.55"]


def test_on_none_means_today(rules: Session) -> None:
    assert controls_matching(rules, "8112929010", None, None) != []


def _write(tmp_path: Path, text: str, name: str = "licences.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_licence_import_and_lookup(fresh_rules: Engine, tmp_path: Path) -> None:
    with Session(fresh_rules) as s, s.begin():
        assert import_licences(s, _write(tmp_path, HEADER + GOOD)) == 2
    with Session(fresh_rules) as s:
        rec = licence_get(s, "cn el 2026 0001")
        assert rec is not None and rec.licence_number == "CN-EL-2026-0001"
        assert rec.hs_code == "284690" and rec.quantity_kg == 5000.0
        assert rec.valid_to == dt.date(2026, 12, 31) and rec.source_file.endswith("licences.csv")
        assert licence_get(s, "CN-EL-2026-0002").destination_country == "DE"
        assert licence_get(s, "CN-EL-2026-0003") is None


def test_licence_reimport_replaces_the_row(fresh_rules: Engine, tmp_path: Path) -> None:
    with Session(fresh_rules) as s, s.begin():
        import_licences(s, _write(tmp_path, HEADER + GOOD))
    newer = HEADER + GOOD.splitlines()[0].replace(",5000,", ",7000,") + "\n"
    with Session(fresh_rules) as s, s.begin():
        assert import_licences(s, _write(tmp_path, newer, "update.csv")) == 1
    with Session(fresh_rules) as s:
        assert licence_get(s, "CN-EL-2026-0001").quantity_kg == 7000.0
        assert rules_info(s).counts["licence"] == 2


@pytest.mark.parametrize(
    ("bad_row", "words"),
    [("X-3,H,C,E,NL,2846,lots,2026-01-01,2026-12-31", "quantity_kg"),
     ("X-3,H,C,E,Netherlands,2846,10,2026-01-01,2026-12-31", "destination_country"),
     ("X-3,H,C,E,NL,28,10,2026-01-01,2026-12-31", "hs_code"),
     ("X-3,H,C,E,NL,2846,10,2026-13-01,2026-12-31", "valid_from"),
     ("X-3,H,C,E,NL,2846,10,2026-12-31,2026-01-01", "before"),
     (",H,C,E,NL,2846,10,2026-01-01,2026-12-31", "licence_number")],
)  # fmt: skip
def test_malformed_licence_row_names_its_line_and_imports_nothing(
    fresh_rules: Engine, tmp_path: Path, bad_row: str, words: str
) -> None:
    path = _write(tmp_path, HEADER + GOOD + bad_row + "\n")
    with Session(fresh_rules) as s, s.begin(), pytest.raises(RulesImportError) as err:
        import_licences(s, path)
    assert "line 4" in str(err.value) and words in str(err.value)
    with Session(fresh_rules) as s:
        assert rules_info(s).counts["licence"] == 0


def test_licence_file_with_a_wrong_header_is_refused(fresh_rules: Engine, tmp_path: Path) -> None:
    with Session(fresh_rules) as s, pytest.raises(RulesImportError, match="line 1.*quantity_kg"):
        import_licences(s, _write(tmp_path, "licence_number,holder\nA,B\n"))


def test_watchlist_minimal_form(fresh_rules: Engine, tmp_path: Path) -> None:
    text = "name,aliases,country,list,reason\nAcme Metals Ltd,ACME; 阿克米金属,hk,Local list,UNSURE: seen once\n"
    with Session(fresh_rules) as s, s.begin():
        assert import_watchlist(s, _write(tmp_path, text, "w.csv")) == 1
    with Session(fresh_rules) as s:
        acme = next(e for e in watchlist_entries(s) if e.name == "Acme Metals Ltd")
    assert acme.aliases == ("ACME", "阿克米金属") and acme.country == "HK"
    assert acme.list_name == "Local list" and acme.unsure


def test_watchlist_opensanctions_form_and_list_name(fresh_rules: Engine, tmp_path: Path) -> None:
    header = "id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,dataset,first_seen,last_seen,last_change\n"
    row = 'NK-abc,Company,Shadow Trading FZE,Shadow Trade;SHADOW FZE,,ae;ir,,,"EU sanction",,,eu_fsf,2024-01-01,2026-01-01,2026-01-01\n'
    path = _write(tmp_path, header + row, "targets.simple.csv")
    with Session(fresh_rules) as s, s.begin():
        assert import_watchlist(s, path, list_name="EU FSF") == 1
    with Session(fresh_rules) as s, s.begin():  # importing again replaces the list
        assert import_watchlist(s, path, list_name="EU FSF") == 1
    with Session(fresh_rules) as s:
        found = [e for e in watchlist_entries(s) if e.list_name == "EU FSF"]
    assert len(found) == 1
    assert found[0].aliases == ("Shadow Trade", "SHADOW FZE") and found[0].country == "AE;IR"
    assert found[0].source_id == "NK-abc" and found[0].reason == "EU sanction"


def test_watchlist_bad_header_and_bad_row(fresh_rules: Engine, tmp_path: Path) -> None:
    with Session(fresh_rules) as s:
        before = rules_info(s).counts["watchlist_entry"]
        with pytest.raises(RulesImportError, match="header"):
            import_watchlist(s, _write(tmp_path, "who,what\nA,B\n", "bad.csv"))
        text = "name,aliases,country,list,reason\nGood Co,,US,L,\n,,US,L,\n"
        with pytest.raises(RulesImportError, match="line 3.*name"):
            import_watchlist(s, _write(tmp_path, text, "bad2.csv"))
        assert rules_info(s).counts["watchlist_entry"] == before
