"""WEIGHT_INCONSISTENT, WEIGHT_SUM_MISMATCH, WEIGHT_IMPLAUSIBLE on documents built by hand."""

from __future__ import annotations

from inspector.checks import weights
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.models import DocType, Document, FieldValue, LineItem, Severity

INV, PL, BL, DEC = (DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.BILL_OF_LADING,
                    DocType.EXPORT_DECLARATION)


def fv(value, raw: str | None = None, conf: float = 0.95) -> FieldValue:
    return FieldValue(value, str(value) if raw is None else raw, 1, (10, 10, 100, 30), conf)


def doc(index: int, doc_type: DocType, items: tuple[LineItem, ...] = (), text: str = "", **fields) -> Document:
    values = {k: v if isinstance(v, FieldValue) else fv(v) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values, items=items, text=text)


def run(*docs: Document) -> list:
    return list(weights.check(CheckContext(docs, Config(), None, None, None)))  # type: ignore[arg-type]


def line(net: float, gross: float) -> LineItem:
    return LineItem("ANTIMONY TRIOXIDE", None, net, "KG", net, gross, None, 1, (10, 500, 900, 30))


def test_inconsistent_points_at_the_odd_reading_out() -> None:
    found = run(doc(0, INV, total_net_weight_kg=4700.0), doc(1, PL, total_net_weight_kg=4850.0),
                doc(2, DEC, total_net_weight_kg=4850.0))
    assert [(f.code, f.document) for f in found] == [("WEIGHT_INCONSISTENT", 0)]
    assert found[0].evidence["other"] == 4850.0


def test_consistent_within_printed_rounding() -> None:
    assert run(doc(0, PL, total_gross_weight_kg=23584.5), doc(1, BL, total_gross_weight_kg=fv(23600.0, "23.6 MT"))) == []
    assert [f.code for f in run(doc(0, PL, total_gross_weight_kg=23584.5),
                                doc(1, BL, total_gross_weight_kg=24600.0))] == ["WEIGHT_INCONSISTENT"]


def test_sum_mismatch_beyond_rounding_only() -> None:
    items = (line(16000.0, 16056.0), line(150.0, 168.0))
    assert run(doc(0, PL, items, total_net_weight_kg=16150.0, total_gross_weight_kg=16224.0)) == []
    off = (line(16000.0, 16056.0), line(130.0, 148.0))  # one line changed by 20 kg, totals not
    found = run(doc(0, PL, off, total_net_weight_kg=16150.0, total_gross_weight_kg=16224.0))
    assert [f.code for f in found] == ["WEIGHT_SUM_MISMATCH"] * 2
    assert found[0].evidence["items_sum"] == 16130.0 and found[0].evidence["total"] == 16150.0
    # a total printed in tonnes to one decimal allows 50 kg of rounding; printed in kg it does not
    rounded = (line(12230.0, 12300.0), line(11230.0, 11300.0))  # 23,460 kg
    assert run(doc(0, PL, rounded, total_net_weight_kg=fv(23500.0, "23.5 MT"))) == []
    assert [f.code for f in run(doc(0, PL, rounded, total_net_weight_kg=fv(23500.0, "23,500 KGS")))] == [
        "WEIGHT_SUM_MISMATCH"]


def test_gross_below_net_on_a_document_and_not_when_equal() -> None:
    found = run(doc(0, PL, total_net_weight_kg=500.0, total_gross_weight_kg=480.0))
    assert [(f.code, f.severity) for f in found] == [("WEIGHT_IMPLAUSIBLE", Severity.HIGH)]
    assert run(doc(0, PL, total_net_weight_kg=500.0, total_gross_weight_kg=500.0)) == []


def test_gross_below_net_on_an_item() -> None:
    items = (line(300.0, 310.0), line(200.0, 190.0))
    found = run(doc(0, PL, items))
    assert [f.code for f in found] == ["WEIGHT_IMPLAUSIBLE"] and found[0].field == "items[1].gross_weight_kg"
    assert run(doc(0, PL, (line(300.0, 310.0), line(200.0, 200.0)))) == []


def test_gross_below_net_between_documents() -> None:
    found = run(doc(0, INV, total_net_weight_kg=1000.0), doc(1, BL, total_gross_weight_kg=950.0))
    assert [(f.code, f.document) for f in found] == [("WEIGHT_IMPLAUSIBLE", 1)]
    assert found[0].evidence["net_document"] == 0
    assert run(doc(0, INV, total_net_weight_kg=1000.0), doc(1, BL, total_gross_weight_kg=1050.0)) == []


def test_package_weight_for_its_kind() -> None:
    drums = doc(0, PL, total_gross_weight_kg=3052.0, packages=fv(56, "56 DRUMS"))
    assert run(drums) == []  # 54.5 kg a drum
    two = doc(0, PL, total_gross_weight_kg=3052.0, packages=fv(2, "2 DRUMS"))  # 1,526 kg a drum
    found = run(two)
    assert [f.code for f in found] == ["WEIGHT_IMPLAUSIBLE"] and found[0].evidence["package_kind"] == "drum"
    assert found[0].field == "packages" and found[0].evidence["plausible_kg"] == [5.0, 500.0]
    big_bags = doc(0, PL, total_gross_weight_kg=24084.0, packages=fv(24, "24 BIG BAGS"))
    assert run(big_bags) == []
    bags = doc(0, PL, total_gross_weight_kg=24084.0, packages=fv(24, "24 BAGS"))
    assert [f.evidence["package_kind"] for f in run(bags)] == ["bag"]
    in_text = doc(0, BL, text="SAID TO CONTAIN 24 吨袋 / BIG BAGS", total_gross_weight_kg=24084.0, packages=24)
    assert run(in_text) == []
    in_words = doc(0, PL, total_gross_weight_kg=3052.0, packages=fv(2, "TWO (2) DRUMS"))
    assert [f.evidence["package_kind"] for f in run(in_words)] == ["drum"]


def test_package_kind_unknown_or_mixed_uses_the_wide_bounds() -> None:
    assert run(doc(0, PL, total_gross_weight_kg=3052.0, packages=2)) == []
    mixed = doc(0, PL, text="2 DRUMS AND 2 PALLETS", total_gross_weight_kg=3052.0, packages=2)
    assert weights.package_kind(mixed, 2) is None and run(mixed) == []
    heavy = doc(0, PL, total_net_weight_kg=50000.0, total_gross_weight_kg=50500.0, packages=2)
    assert [f.code for f in run(heavy)] == ["WEIGHT_IMPLAUSIBLE"]


def test_package_finding_on_a_doubtful_weight_weighs_less_and_is_not_repeated() -> None:
    shaky = fv(3052.0, conf=0.4)
    found = run(doc(0, PL, total_gross_weight_kg=shaky, packages=fv(2, "2 DRUMS")),
                doc(1, BL, total_gross_weight_kg=shaky, packages=fv(2, "2 DRUMS")))
    assert [(f.code, f.severity) for f in found] == [("WEIGHT_IMPLAUSIBLE", Severity.LOW)]
    assert "confidence" in found[0].message


def test_rounding_of_printed_weights() -> None:
    assert weights.rounding_kg(fv(23450.0, "23.45 MT")) == 5.0
    assert weights.rounding_kg(fv(3052.0, "3,052 KGS")) == 0.5
    assert weights.rounding_kg(fv(3052.0, "3,052.00 KGS")) == 0.005
