"""FIELD_MISMATCH on documents built by hand: ports, vessel, containers, origin, totals, and the
bilingual messages of every comparison."""

from __future__ import annotations

import datetime as dt

from inspector.checks import parties
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.models import DocType, Document, FieldValue, Severity

INV, PL, BL = DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.BILL_OF_LADING
DEC, COO = DocType.EXPORT_DECLARATION, DocType.CERTIFICATE_OF_ORIGIN


def doc(index: int, doc_type: DocType, conf: float = 0.95, **fields) -> Document:
    values = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), conf) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values)


def run(sessions, *docs: Document):
    rules, cases = sessions
    return list(parties.check(CheckContext(docs, Config(), rules, cases, dt.date(2026, 5, 1))))


def three(name: str, a, b, c, conf_c: float = 0.95):
    return (doc(0, INV, **{name: a}), doc(1, DEC, **{name: b}), doc(2, BL, conf_c, **{name: c}))


def test_same_port_written_as_locode_name_country_or_chinese_agrees(sessions) -> None:
    for other in ("CNSHA", "Shanghai, China", "上海", "上海港", "SHANGHAI PORT", "Shanghal"):
        assert run(sessions, *three("port_of_loading", "SHANGHAI", "Shanghai", other)) == [], other


def test_another_port_is_a_mismatch_even_in_the_same_country(sessions) -> None:
    found = run(sessions, *three("port_of_loading", "Shanghai", "CNSHA", "Ningbo"))
    assert [(f.code, f.document, f.field, f.severity) for f in found] == [
        ("FIELD_MISMATCH", 2, "port_of_loading", Severity.MEDIUM)]
    assert found[0].evidence["other"] == "Shanghai"
    found = run(sessions, *three("port_of_discharge", "Hamburg", "DEHAM", "Rotterdam, Netherlands"))
    assert [f.document for f in found] == [2]


def test_unknown_port_is_compared_by_name_and_not_accused_on_noise(sessions) -> None:
    assert run(sessions, *three("port_of_discharge", "Lianyungangg", "Lianyungang", "Lianyungang")) == []
    assert run(sessions, *three("port_of_discharge", "Foo Harbour", "Foo Harbour", "Fooo Harbour")) == []
    assert [f.document for f in run(sessions, *three("port_of_discharge", "Foo Harbour", "Foo Harbour",
                                                          "Shanghai"))] == [2]


def test_a_label_read_as_the_port_or_a_doubtful_reading_is_not_accused(sessions) -> None:
    assert run(sessions, *three("port_of_loading", "Xiamen", "Xiamen", "Pori Of Discharge")) == []
    assert run(sessions, *three("port_of_loading", "Xiamen", "Xiamen", "Ningbo", conf_c=0.4)) == []


def test_vessel_with_or_without_voyage_is_the_same_ship(sessions) -> None:
    for other in ("MSC AURORA V.123E", "MSC AURORA / 123E", "MSCAURORA", "Vessel: MSC AURORA VOY. 123E"):
        assert run(sessions, *three("vessel", "MSC AURORA", "MSC AURORA", other)) == [], other
    found = run(sessions, *three("vessel", "MSC AURORA", "MSC AURORA", "MSC ANNA"))
    assert [(f.document, f.field) for f in found] == [(2, "vessel")]
    found = run(sessions, *three("vessel", "COSCO SHIPPING ARIES", "COSCO SHIPPING ARIES", "COSCO SHIPPING TAURUS"))
    assert [f.document for f in found] == [2]


def test_container_lists(sessions) -> None:
    a, b, c = "MSCU2117208", "MSCU8789123", "TGHU1234565"
    # a packing list per container is not a mismatch; check-digit misreads are not either
    per_container = (doc(0, PL, container_numbers=[a]), doc(1, PL, container_numbers=[b]),
                     doc(2, BL, container_numbers=[a, b]))
    assert run(sessions, *per_container) == []
    assert run(sessions, doc(0, PL, container_numbers=[a[:10] + "3"]), doc(1, BL, container_numbers=[a])) == []
    assert run(sessions, doc(0, PL, container_numbers=[a]), doc(1, PL, container_numbers=[b])) == []
    # a container no other paper lists: one finding, on the odd document
    found = run(sessions, doc(0, PL, container_numbers=[a, b]), doc(1, DEC, container_numbers=[a, b]),
                doc(2, BL, container_numbers=[a, c]))
    assert [(f.document, f.field, f.evidence["unlisted"]) for f in found] == [(2, "container_numbers", [c[:10]])]
    assert c in found[0].message and c in found[0].message_zh
    assert len(run(sessions, doc(0, PL, container_numbers=[a]), doc(1, BL, container_numbers=[c]))) == 1


def test_low_confidence_container_one_character_off_is_a_misread(sessions) -> None:
    a = "MSCU2117208"
    misread = "MSCU2117508"
    assert run(sessions, doc(0, PL, container_numbers=[a]), doc(1, DEC, container_numbers=[a]),
               doc(2, BL, 0.4, container_numbers=[misread])) == []
    found = run(sessions, doc(0, PL, container_numbers=[a]), doc(1, DEC, container_numbers=[a]),
                doc(2, BL, 0.4, container_numbers=["TGHU9999990"]))
    assert [(f.document, f.severity) for f in found] == [(2, Severity.LOW)] and "low confidence" in found[0].message


def test_country_of_origin_is_compared_exactly(sessions) -> None:
    assert run(sessions, *three("country_of_origin", "CN", "CN", "CN")) == []
    found = run(sessions, *three("country_of_origin", "CN", "CN", "VN"))
    assert [(f.document, f.field) for f in found] == [(2, "country_of_origin")]


def test_total_value_within_tolerance_and_same_currency_only(sessions) -> None:
    def value(v0, v1, v2, cur2="USD"):
        return (doc(0, INV, total_value=v0, currency="USD"), doc(1, DEC, total_value=v1, currency="USD"),
                doc(2, PL, total_value=v2, currency=cur2))
    assert run(sessions, *value(150000.0, 150000.0, 150600.0)) == []  # 0.4%
    assert run(sessions, *value(150.0, 150.0, 150.9)) == []  # within one unit
    assert run(sessions, *value(150000.0, 150000.0, 1080000.0, "CNY")) == []  # another currency
    found = run(sessions, *value(150000.0, 150000.0, 165000.0))
    assert [(f.document, f.field) for f in found] == [(2, "total_value")]
    assert "165,000.00" in found[0].message and "165,000.00" in found[0].message_zh


def test_packages_exact_except_on_a_partial_packing_list(sessions) -> None:
    assert run(sessions, *three("packages", 56, 56, 56)) == []
    found = run(sessions, *three("packages", 56, 56, 65))
    assert [(f.document, f.field) for f in found] == [(2, "packages")]
    a, b = "MSCU2117208", "MSCU8789123"
    partial = (doc(0, INV, packages=56), doc(1, PL, packages=28, container_numbers=[a]),
               doc(2, BL, packages=56, container_numbers=[a, b]))
    assert run(sessions, *partial) == []


def test_messages_are_bilingual(sessions) -> None:
    found = run(sessions, doc(0, INV, consignee="Acme GmbH", invoice_number="INV-2026-0384"),
                doc(1, BL, consignee="Zenith Trading LLC", invoice_number="INV-2026-9999"))
    assert {f.field for f in found} == {"consignee", "invoice_number"}
    for f in found:
        assert f.message.startswith("The ") and "提单" in f.message_zh and "商业发票" in f.message_zh
    zh = next(f.message_zh for f in found if f.field == "consignee")
    assert zh == "提单上的收货人为“Zenith Trading LLC”，但商业发票上为“Acme GmbH”。"


def values(a: float, b: float, c: float) -> tuple[Document, ...]:
    return tuple(doc(i, t, total_value=v, currency="USD") for i, (t, v) in enumerate(((INV, a), (DEC, b), (BL, c))))


def test_misreadings_seen_on_real_ocr_are_not_mismatches(sessions) -> None:
    # references: a dropped hyphen, a lost prefix, 1 for I, a stray leading character
    for other in ("INV2026-0753", "2026-0753", "1NV-2026-0753", "1INV-2026-0753"):
        assert run(sessions, *three("invoice_number", "INV-2026-0753", "INV-2026-0753", other)) == [], other
    # vessel: a voyage glued to the name or misread; a phrase read where the vessel belongs
    for other in ("MSC AMELIAV054E", "MSC AMELIA OSSW", "upon request", "7. LAW AND JURISDICTION. Any dispute"):
        assert run(sessions, *three("vessel", "MSC AMELIA", "MSC AMELIA", other)) == [], other
    # a carrier's name read as the consignee; a registration code after the exporter's name
    assert run(sessions, *three("consignee", "Brabant Trading NV", "Brabant Trading NV", "CMA CGM")) == []
    assert run(sessions, *three("exporter", "Ganzhou Hengtai Garments Co., Ltd.", "Ganzhou Hengtai Garments Co., Ltd.",
                                "Ganzhou Hengtai Garments Co., Ltd. 3759040982")) == []
    # totals one look-alike digit apart; a certificate of origin's package count is per line
    assert run(sessions, *values(370860.0, 370860.0, 570860.0)) == []
    assert run(sessions, doc(0, INV, packages=106), doc(1, PL, packages=106), doc(2, COO, packages=27)) == []
    # Q read for O in a container's owner code
    assert run(sessions, doc(0, PL, container_numbers=["QOLU6189820"]), doc(1, BL, container_numbers=["OOLU6189820"])) == []


def test_real_differences_are_still_mismatches(sessions) -> None:
    assert [f.document for f in run(sessions, *three("invoice_number", "INV-2026-0753", "INV-2026-0753",
                                                          "INV-2026-0754"))] == [2]
    assert [f.document for f in run(sessions, *values(370860.0, 370860.0, 470860.0))] == [2]
    assert [f.document for f in run(sessions, *three("consignee", "Brabant Trading NV", "Brabant Trading NV",
                                                          "Hollandia Trading BV"))] == [2]
    assert [f.document for f in run(sessions, doc(0, INV, packages=106), doc(1, PL, packages=106),
                                    doc(2, BL, packages=27))] == [2]
