"""VALUE_OUTLIER on documents built by hand: must fire, must not fire."""

from __future__ import annotations

from inspector.checks import values
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.models import DocType, Document, FieldValue, LineItem, Severity

INV, DEC, PL = DocType.COMMERCIAL_INVOICE, DocType.EXPORT_DECLARATION, DocType.PACKING_LIST


def doc(index: int, doc_type: DocType, items: tuple[LineItem, ...] = (), conf: float = 0.95, **fields) -> Document:
    values_ = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), conf) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values_, items=items)


def ctx(*docs: Document) -> CheckContext:
    return CheckContext(docs, Config(), None, None, None)  # type: ignore[arg-type]


def item(description: str, kg: float, value: float | None, hs: str | None = "2846901920",
         unit: str = "KG") -> LineItem:
    return LineItem(description, hs, kg, unit, None, None, value, 1, (10, 500, 900, 30))


def run(*docs: Document) -> list:
    return list(values.check(ctx(*docs)))


def invoice(description: str, kg: float, value: float, currency: str = "USD", hs: str | None = "2846901920",
            unit: str = "KG") -> Document:
    return doc(0, INV, (item(description, kg, value, hs, unit),), currency=currency, total_value=value)


def test_reference_tables_load_and_match() -> None:
    tables = values.load_tables()
    dy = tables.references["dysprosium oxide"]
    assert dy.low == 220 and dy.high == 1100 and dy.rows == 3
    assert values.match_material(tables, "氧化镝 DYSPROSIUM OXIDE Dy2O3 99.9%", None) == ("dysprosium oxide",
                                                                                         "description")
    assert values.match_material(tables, "GERMANIUM DIOXIDE GeO2", None)[0] == "germanium dioxide"
    assert values.match_material(tables, "GALLIUM ARSENIDE WAFERS", "3818009004") is None
    assert values.match_material(tables, "CADMIUM TELLURIDE", None) is None
    assert values.match_material(tables, "GOODS", "2841801000") == ("APT (ammonium paratungstate)", "hs")
    assert tables.usd_per["USD"] == 1.0 and "EUR" in tables.usd_per


def test_under_valued_fires_with_evidence() -> None:
    found = run(invoice("DYSPROSIUM OXIDE Dy2O3 99.9%", 500.0, 15000.0))  # 30 USD/kg, range 220-1100
    assert [f.code for f in found] == ["VALUE_OUTLIER"]
    f = found[0]
    assert f.severity == Severity.HIGH and f.field == "items[0].value" and f.bbox is not None
    ev = f.evidence
    assert ev["direction"] == "under" and ev["usd_per_kg"] == 30.0 and ev["kg"] == 500.0
    assert ev["reference_usd_per_kg"] == [220.0, 1100.0] and "mineral_unit_values.csv" in ev["source"]


def test_value_within_range_does_not_fire() -> None:
    assert run(invoice("DYSPROSIUM OXIDE Dy2O3 99.9%", 500.0, 150000.0)) == []  # 300 USD/kg
    assert run(invoice("DYSPROSIUM OXIDE Dy2O3 99.9%", 500.0, 56000.0)) == []  # 112/kg: above half the low end


def test_ordinary_goods_are_not_judged() -> None:
    assert run(invoice("GLAZED PORCELAIN FLOOR TILES", 20000.0, 900.0, hs="690721")) == []


def test_other_currency_is_converted() -> None:
    assert run(invoice("DYSPROSIUM OXIDE Dy2O3", 500.0, 50000.0, "EUR")) == []  # ~113 USD/kg
    found = run(invoice("DYSPROSIUM OXIDE Dy2O3", 500.0, 40000.0, "EUR"))  # ~90 USD/kg
    assert [f.code for f in found] == ["VALUE_OUTLIER"] and found[0].evidence["currency"] == "EUR"
    assert found[0].evidence["usd_per_unit"] == values.load_tables().usd_per["EUR"]


def test_unknown_currency_is_an_info_not_a_judgement() -> None:
    found = run(invoice("DYSPROSIUM OXIDE Dy2O3", 500.0, 100.0, "XYZ"))
    assert [f.severity for f in found] == [Severity.INFO] and found[0].evidence["checked"] is False


def test_over_valued_is_low_and_not_judged_on_an_unsure_range() -> None:
    found = run(invoice("ANTIMONY INGOT 99.65%", 1000.0, 100000.0, hs="8110101000"))  # 100/kg > 2 x 40
    assert [(f.code, f.severity, f.evidence["direction"]) for f in found] == [("VALUE_OUTLIER", Severity.LOW, "over")]
    assert run(invoice("ANTIMONY INGOT 99.65%", 1000.0, 60000.0, hs="8110101000")) == []
    # gallium's only row is an estimate flagged unsure
    assert run(invoice("GALLIUM METAL INGOTS 99.99%", 100.0, 300000.0, hs="8112929010")) == []
    # APT's only row is an old (2021) price flagged unsure: a high value is no evidence
    assert run(invoice("AMMONIUM PARATUNGSTATE (APT)", 1000.0, 90000.0, hs="284180")) == []


def test_unsure_reference_and_hs_only_match_weigh_less() -> None:
    apt = run(invoice("AMMONIUM PARATUNGSTATE (APT)", 1000.0, 5000.0, hs="284180"))  # 5/kg, range 26.5-27
    assert [f.severity for f in apt] == [Severity.MEDIUM] and apt[0].evidence["reference_all_unsure"]
    by_code = run(invoice("GOODS AS PER CONTRACT", 1000.0, 5000.0, hs="2841801000"))
    assert [f.severity for f in by_code] == [Severity.LOW] and by_code[0].evidence["matched_by"] == "hs"


def test_line_value_not_backed_by_the_total_weighs_less() -> None:
    lone = doc(0, INV, (item("DYSPROSIUM OXIDE", 500.0, 15000.0),), currency="USD", total_value=150000.0)
    found = run(lone)
    assert [f.severity for f in found] == [Severity.MEDIUM] and "not backed" in found[0].message


def test_totals_are_used_when_no_line_carries_a_value() -> None:
    d = doc(0, DEC, (item("TERBIUM OXIDE Tb4O7 99.99%", 0, None),), currency="USD", total_value=20000.0,
            total_net_weight_kg=500.0)  # 40 USD/kg, range 800-4000
    found = run(d)
    assert [f.code for f in found] == ["VALUE_OUTLIER"] and found[0].evidence["basis"] == "totals"
    assert found[0].field == "total_value" and found[0].severity == Severity.HIGH
    fine = doc(0, DEC, (item("TERBIUM OXIDE Tb4O7 99.99%", 0, None),), currency="USD", total_value=450000.0,
               total_net_weight_kg=500.0)
    assert run(fine) == []


def test_totals_with_a_doubtful_weight_weigh_less() -> None:
    d = doc(0, DEC, (item("TERBIUM OXIDE", 0, None),), currency="USD", total_value=20000.0)
    pl = doc(1, PL, conf=0.4, total_net_weight_kg=500.0)
    found = run(d, pl)
    assert [f.severity for f in found] == [Severity.MEDIUM] and "confidence" in found[0].message


def test_one_finding_per_material_and_units_in_tonnes() -> None:
    dec = doc(1, DEC, (item("DYSPROSIUM OXIDE", 0.5, 15000.0, unit="MT"),), currency="USD", total_value=15000.0)
    found = run(invoice("DYSPROSIUM OXIDE", 500.0, 15000.0), dec)
    assert len(found) == 1 and found[0].document == 0 and found[0].evidence["readings_out_of_range"] == 2
