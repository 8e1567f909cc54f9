"""PARTY_WATCHLIST and the screening behind it: must fire on variants, must not fire on others."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from inspector.checks import watchlist
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.importers import parse_watchlist, watchlist_format
from inspector.db.rules.records import WatchEntry
from inspector.db.rules.repository import import_watchlist, watchlist_versions
from inspector.db.rules.seed import open_rules
from inspector.models import DocType, Document, FieldValue, Severity
from inspector.paths import DataPaths
from inspector.screening import Screener, screening_keys

INV, BL = DocType.COMMERCIAL_INVOICE, DocType.BILL_OF_LADING
MINIMAL = ("name,aliases,country,list,reason\n"
           "Kaigan Advanced Alloys Co.. Ltd.,,JP,TEST LIST,test\n"
           "北京中科三环高科技股份有限公司,,CN,TEST LIST,test\n"
           "Northstar Critical Minerals Company,Northstar CM Inc.,US,TEST LIST,test\n")


def doc(index: int, doc_type: DocType, conf: float = 0.95, **fields) -> Document:
    values = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), conf) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory):
    paths = DataPaths(tmp_path_factory.mktemp("rules"))
    paths.ensure()
    wl = paths.root / "test_list.csv"
    wl.write_text(MINIMAL, encoding="utf-8")
    with Session(open_rules(paths)) as rules, Session(open_cases(paths)) as cases:
        import_watchlist(rules, wl)
        rules.commit()
        yield rules, cases


def run(sessions, *docs: Document):
    rules, cases = sessions
    return list(watchlist.check(CheckContext(docs, Config(), rules, cases, None)))


@pytest.mark.parametrize("name", [
    "Kaigan Advanced Alloys Company Limited",  # suffix changed
    "KAIGAN ADVANCED ALOYS CO LTD",  # case, punctuation, typo
    "Advanced Alloys Kaigan Co., Ltd.",  # word order
    "Beijing Zhongke Sanhuan Gaokeji Co., Ltd.",  # pinyin of the Chinese entry
    "北京中科三环高科技有限公司",  # Chinese, another legal form
    "Northstar CM Inc",  # alias
])
def test_fires_on_variants_of_an_entry(sessions, name: str) -> None:
    found = run(sessions, doc(0, INV, exporter="Ganzhou Huaxin Metals Co., Ltd.", consignee=name))
    assert [f.code for f in found] == ["PARTY_WATCHLIST"]
    ev = found[0].evidence
    assert ev["list"] == "TEST LIST" and ev["score"] >= 88 and ev["list_version"].startswith("test_list.csv")
    assert found[0].field == "consignee" and found[0].severity in (Severity.HIGH, Severity.MEDIUM)


def test_fires_on_end_user_and_notify_party(sessions) -> None:
    found = run(sessions, doc(0, BL, end_user="Kaigan Advanced Alloys Co., Ltd.",
                              notify_party="Northstar Critical Minerals Co."))
    assert sorted(f.field for f in found) == ["end_user", "notify_party"]


@pytest.mark.parametrize("name", [
    "Kaigan Metals Trading Co., Ltd.", "Rhein Metals GmbH", "Hanse Specialty Metals GmbH",
    "Beijing Zhongke Electronics Co., Ltd.", "Northstar Logistics LLC", "Atlas Trading Inc.",
])
def test_does_not_fire_on_other_companies(sessions, name: str) -> None:
    assert run(sessions, doc(0, INV, exporter="Ganzhou Huaxin Metals Co., Ltd.", consignee=name)) == []


def test_one_finding_per_entry_at_the_clearest_reading(sessions) -> None:
    found = run(sessions, doc(0, INV, 0.4, consignee="Kaigan Advanced Alloys Co., Ltd."),
                doc(1, BL, 0.95, consignee="Kaigan Advanced Alloys Co., Ltd."))
    assert len(found) == 1 and found[0].document == 1


def test_screening_keys_ignore_legal_forms_and_read_chinese_as_pinyin() -> None:
    assert screening_keys("ABC Trading Co., Ltd.")[0] == screening_keys("abc trading company limited")[0]
    assert (screening_keys("中科三环有限公司")[0].compact
            == screening_keys("Zhongke Sanhuan Co., Ltd.")[0].compact)


def test_short_names_match_only_exactly() -> None:
    s = Screener([WatchEntry(1, "HTC", (), None, "L", None, None, False)])
    assert s.screen("HTC Co.") and not s.screen("ITC Co.")


def test_import_formats_are_detected(tmp_path) -> None:
    ofac = tmp_path / "sdn.csv"
    ofac.write_text('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
                    '37,"SOME VESSEL",vessel,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n\x1a',
                    encoding="utf-8")
    (tmp_path / "alt.csv").write_text('36,12,"aka","AERO-CARIBBEAN",-0- \n', encoding="utf-8")
    rows = parse_watchlist(ofac)
    assert [(r.name, r.aliases, r.list_name) for r in rows] == [
        ("AEROCARIBBEAN AIRLINES", ("AERO-CARIBBEAN",), "US-OFAC SDN")]
    csl = tmp_path / "csl.csv"
    csl.write_text("source,entity_number,type,programs,name,addresses,alt_names\n"
                   "Entity List (EL),,,,ACME Ltd; and any successor,\"1 Road, Yerevan, Armenia, AM\",Acme\n",
                   encoding="utf-8")
    (row,) = parse_watchlist(csl)
    assert (row.name, row.country, row.aliases) == ("ACME Ltd", "AM", ("Acme",))
    assert watchlist_format(["id", "schema", "name", "aliases", "countries", "sanctions", "dataset"]) \
        == "opensanctions"


def test_list_versions_name_the_imported_file(sessions) -> None:
    versions = watchlist_versions(sessions[0])
    assert versions["TEST LIST"].startswith("test_list.csv sha256:")
    assert any(v.startswith("seed ") for v in versions.values())
