"""HS_DESCRIPTION_MISMATCH: controlled materials named under HS codes that do not fit them."""

from __future__ import annotations

import csv

import pytest

from inspector.checks import hs_description
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.models import DocType, Document, LineItem, Severity
from inspector.paths import resource

DEC, INV = DocType.EXPORT_DECLARATION, DocType.COMMERCIAL_INVOICE


def run(sessions, *items: LineItem, doc_type: DocType = DEC, confidence: float = 0.95):
    rules, cases = sessions
    doc = Document(0, "dec.png", doc_type, 1, ocr_confidence=confidence, items=items)
    return list(hs_description.check(CheckContext((doc,), Config(), rules, cases, None)))


def item(description: str, hs_code: str) -> LineItem:
    return LineItem(description, hs_code, 100.0, "KG", 100.0, 104.0, 1000.0, 1, (10, 500, 900, 30),
                    {"hs_code": (700, 500, 120, 30)})


@pytest.mark.parametrize(("description", "code"), [
    ("氧化镝 DYSPROSIUM OXIDE Dy2O3 99.9% MIN", "2620990000"),  # slag
    ("TERBIUM OXIDE Tb4O7 99.99% MIN", "3824990000"),  # mixtures
    ("DYSPROSIUM OXIDE Dy2O3 99.9% MIN", "720299"),  # ferro-alloys
    ("GALLIUM METAL INGOTS 99.99% (4N)", "262099"),
    ("GERMANIUM DIOXIDE GeO2 99.999%", "26209900"),
    ("ANTIMONY TRIOXIDE Sb2O3 99.8% MIN", "382499"),
    ("SPHERICAL GRAPHITE SG-17 99.95% C", "250490"),  # "other" natural graphite, not powder/flakes
    ("AMMONIUM PARATUNGSTATE (APT) WO3 88.5% MIN", "261100"),  # tungsten ore
    ("仲钨酸铵", "720280"),  # ferro-tungsten
    ("三氧化二锑 99.8%", "253090"),  # mineral substances
    ("NdFeB MAGNET BLOCKS N52", "720410"),  # ferrous scrap
])
def test_a_controlled_material_under_a_cover_heading_fires_high(sessions, description, code) -> None:
    found = run(sessions, item(description, code))
    assert [f.code for f in found] == ["HS_DESCRIPTION_MISMATCH"]
    f = found[0]
    assert f.severity == Severity.HIGH and f.evidence["cover_heading"] is True
    assert f.evidence["hs_code"] == code and f.evidence["expected_headings"]
    assert f.field == "items[0].hs_code" and f.bbox == (700, 500, 120, 30)


@pytest.mark.parametrize(("description", "code"), [
    ("ANTIMONY TRIOXIDE Sb203 99.8% MIN", "262099"),  # O read as 0
    ("DY203 99.9%", "262099"),
    ("Ge02 99.999%", "720299"),
])
def test_a_formula_with_o_read_as_zero_still_fires(sessions, description, code) -> None:
    found = run(sessions, item(description, code))
    assert [f.code for f in found] == ["HS_DESCRIPTION_MISMATCH"]
    assert found[0].evidence["read_as"] and "read '" in found[0].message


@pytest.mark.parametrize(("description", "code"), [
    ("氧化镝 DYSPROSIUM OXIDE Dy2O3 99.9% MIN", "2846901920"),
    ("TERBIUM OXIDE Tb4O7 99.99% MIN", "284690"),
    ("GALLIUM METAL INGOTS 99.99% (4N)", "8112921010"),
    ("GERMANIUM DIOXIDE Ge02 99.999%", "2825600001"),
    ("ANTIMONY TRIOXIDE Sb203 99.8% MIN", "2825800010"),
    ("SPHERICAL GRAPHITE SG-17 99.95% C", "3801100090"),
    ("球化石墨", "2504109100"),
    ("AMMONIUM PARATUNGSTATE (APT) WO3 88.5% MIN", "2841801000"),
    ("GALLIUM ARSENIDE WAFERS 4 INCH", "381800"),
    ("ANTIMONY ORE CONCENTRATE Sb 45%", "261710"),
    ("DYSPROSIUM OXIDE MIXTURE", "3824999922"),  # mixtures are 3824
    ("GERMANIUM-BEARING ZINC SLAG", "262019"),  # a residue may be declared as one
    ("TUNGSTEN HALOGEN LAMPS 230V", "853921"),  # an article made with the metal
    ("GERMANIUM IR LENSES", "900190"),
])
def test_a_controlled_material_under_a_fitting_heading_does_not_fire(sessions, description, code) -> None:
    assert run(sessions, item(description, code)) == []


@pytest.mark.parametrize(("description", "code"), [
    ("ZINC SLAG", "262019"),  # ordinary goods under cover headings
    ("FERRO-SILICON 75", "720221"),
    ("STEEL SCRAP HMS 1&2", "720449"),
    ("GLAZED PORCELAIN FLOOR TILES 600X600MM", "690721"),
    ("LED BULB LAMPS A60 9W E27", "853952"),  # W = watt, not tungsten
    ("MEN'S COTTON KNITTED T-SHIRTS Made In China", "610910"),
    ("NATURAL GRAPHITE LUMPS", "250490"),  # generic graphite fires only under a cover
    ("TUNGSTEN CARBIDE TIPPED SAW BLADES", "820231"),
])
def test_ordinary_descriptions_do_not_fire(sessions, description, code) -> None:
    assert run(sessions, item(description, code)) == []


def test_one_finding_per_material_and_code_across_documents(sessions) -> None:
    rules, cases = sessions
    bad = item("DYSPROSIUM OXIDE Dy2O3", "262099")
    docs = (Document(0, "inv.png", INV, 1, items=(bad,)), Document(1, "dec.png", DEC, 1, items=(bad,)))
    found = list(hs_description.check(CheckContext(docs, Config(), rules, cases, None)))
    assert len(found) == 1 and found[0].document == 1 and found[0].evidence["documents"] == [0, 1]


def test_a_poorly_read_document_or_a_near_miss_code_weighs_less(sessions) -> None:
    found = run(sessions, item("DYSPROSIUM OXIDE Dy2O3", "262099"), confidence=0.4)
    assert found[0].severity == Severity.MEDIUM and found[0].evidence["low_confidence"]
    assert "reads poorly" in found[0].message
    near = run(sessions, item("DYSPROSIUM OXIDE Dy2O3", "284090"))  # 2840 vs 2846: one digit
    assert near[0].severity == Severity.LOW and near[0].evidence["possible_misread_code"]


def test_a_misfit_outside_cover_headings_in_raw_chapters_is_medium(sessions) -> None:
    found = run(sessions, item("GALLIUM METAL 99.99%", "280530"))  # rare-earth metals heading
    assert [f.severity for f in found] == [Severity.MEDIUM] and not found[0].evidence["cover_heading"]


def test_dictionary_codes_exist_in_the_nomenclature_and_families_in_keywords() -> None:
    with resource("data", "hs", "harmonized-system.csv").open(encoding="utf-8") as fh:
        known = {r["hscode"] for r in csv.DictReader(fh)}
    with resource("data", "controls", "keywords.csv").open(encoding="utf-8") as fh:
        families = {r["family"] for r in csv.DictReader(fh)} | {"other"}
    with resource(*hs_description.DICTIONARY).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 40
    for r in rows:
        assert r["family"] in families, r["material"]
        assert r["fires"] in ("any", "cover")
        for code in (c.strip() for c in (r["expected_hs"] + ";" + r["cover_hs"]).split(";")):
            assert not code or code in known, (r["material"], code)
