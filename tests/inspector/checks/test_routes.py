"""ROUTE_RISK on documents built by hand: listed routes per goods family, port and consignee elsewhere."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from inspector.checks import routes
from inspector.checks.context import CheckContext, shipment_date
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.models import DiversionRoute, Meta, Port
from inspector.db.rules.seed import open_rules
from inspector.models import DocType, Document, FieldValue, LineItem, Severity
from inspector.paths import DataPaths

INV, BL, COO = DocType.COMMERCIAL_INVOICE, DocType.BILL_OF_LADING, DocType.CERTIFICATE_OF_ORIGIN

DY = LineItem("DYSPROSIUM OXIDE Dy2O3 99.9%", "2846901920", 500.0, "KG", 500.0, 520.0, 150000.0, 1,
              (10, 500, 900, 30))
SB = LineItem("ANTIMONY TRIOXIDE Sb2O3 99.8%", "2825800000", 1000.0, "KG", 1000.0, 1040.0, 30000.0, 1,
              (10, 500, 900, 30))
GA = LineItem("GALLIUM METAL 99.99%", "8112929010", 100.0, "KG", 100.0, 110.0, 40000.0, 1, (10, 500, 900, 30))
TILES = LineItem("CERAMIC FLOOR TILES", "690721", 2000.0, "SQM", 20000.0, 21000.0, 9000.0, 1, (10, 500, 900, 30))


def doc(index: int, doc_type: DocType, items: tuple[LineItem, ...] = (), conf: float = 0.95, **fields) -> Document:
    values = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), conf) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values, items=items)


def run(sessions, *docs: Document, date: dt.date | None = None):
    rules, cases = sessions
    ctx = CheckContext(docs, Config(), rules, cases, date or shipment_date(docs) or dt.date(2026, 5, 1))
    return list(routes.check(ctx))


def shipment(items, dest="DE", port="Hamburg", transit=None, conf=0.95, **extra):
    bl_fields = {"date": "2026-05-10", "port_of_discharge": port, **extra}
    if transit:
        bl_fields["transit_countries"] = transit
    return (doc(0, INV, items, conf, date="2026-05-02", country_of_destination=dest, country_of_origin="CN",
                port_of_discharge=port),
            doc(1, BL, items, conf, **bl_fields))


def test_clean_route_raises_nothing(sessions) -> None:
    assert run(sessions, *shipment((DY,))) == []


def test_transit_via_a_listed_country_fires_with_entry_evidence(sessions) -> None:
    found = run(sessions, *shipment((DY,), transit=["AE"]))
    assert [f.code for f in found] == ["ROUTE_RISK"]
    f = found[0]
    assert f.severity == Severity.MEDIUM and f.document == 1 and f.field == "transit_countries"
    assert f.evidence["country"] == "AE" and f.evidence["roles"] == ["transit"]
    assert f.evidence["entry"]["date"] and f.evidence["entry"]["source"]


def test_family_specific_route_is_high_and_other_families_are_not_touched(sessions) -> None:
    found = run(sessions, *shipment((SB,), dest="TH", port="Laem Chabang"))
    assert [f.severity for f in found] == [Severity.HIGH]
    assert "antimony" in found[0].message
    assert run(sessions, *shipment((DY,), dest="TH", port="Laem Chabang")) == []  # no rare-earth/general row


def test_unsure_entries_weigh_less_and_say_so(sessions) -> None:
    found = run(sessions, *shipment((GA,), dest="TH", port="Laem Chabang"))  # TH for gallium: one unsure row
    assert [f.severity for f in found] == [Severity.MEDIUM]
    assert found[0].evidence["unsure"] and "unsure" in found[0].message
    found = run(sessions, *shipment((SB,), dest="TH", port="Laem Chabang"))  # TH for antimony: a sure row
    assert [f.severity for f in found] == [Severity.HIGH] and not found[0].evidence["unsure"]


def test_route_named_after_the_shipment_does_not_count(sessions) -> None:
    assert run(sessions, *shipment((SB,), dest="TH", port="Laem Chabang"), date=dt.date(2025, 1, 10)) == []
    assert run(sessions, *shipment((SB,), dest="TH", port="Laem Chabang"), date=dt.date(2025, 8, 1))


def test_ordinary_goods_and_the_origin_country_raise_nothing(sessions) -> None:
    assert run(sessions, *shipment((TILES,), transit=["AE"])) == []
    assert run(sessions, *shipment((DY,), transit=["CN"])) == []


def test_low_confidence_country_still_fires_one_step_lower(sessions) -> None:
    found = run(sessions, *shipment((DY,), transit=["AE"], conf=0.4))
    assert found and found[0].severity == Severity.LOW and "low confidence" in found[0].message


def test_port_of_discharge_in_another_country(sessions) -> None:
    found = run(sessions, *shipment((DY,), port="Rotterdam"))
    assert [(f.code, f.severity, f.evidence["country"]) for f in found] == [("ROUTE_RISK", Severity.LOW, "NL")]
    assert run(sessions, *shipment((DY,), port="DEHAM")) == []
    assert run(sessions, *shipment((DY,), port="Unheard Of Harbour")) == []  # unknown port: not guessed
    assert run(sessions, *shipment((DY,), dest="CH", port="Rotterdam")) == []  # landlocked destination


def test_consignee_address_in_another_country(sessions) -> None:
    found = run(sessions, *shipment((DY,), consignee="Acme Trading LLC, 12 Sheikh Zayed Road, Dubai, United Arab Emirates"))
    assert {f.evidence.get("role") for f in found} >= {"consignee"}
    assert any(f.evidence.get("roles") == ["consignee"] for f in found)  # AE is also a listed route
    assert run(sessions, *shipment((DY,), consignee="Acme GmbH, Hafenweg 1, Hamburg, Germany")) == []
    assert run(sessions, *shipment((DY,), consignee="Acme GmbH")) == []


def test_port_country_reading(sessions) -> None:
    rules = sessions[0]
    assert routes.port_country(rules, "HAMBURG, GERMANY") == "DE"
    assert routes.port_country(rules, "Antwerpen") == "BE"
    assert routes.port_country(rules, "NL RTM") == "NL"
    assert routes.port_country(rules, "鹿特丹") == "NL"
    assert routes.port_country(rules, "Somewhere") is None


def test_routes_and_ports_are_read_from_the_rules_database(tmp_path) -> None:
    """An update of the rules (new version) that names a new route and a new port is what the check sees."""
    paths = DataPaths(tmp_path)
    paths.ensure()
    rules_engine, cases_engine = open_rules(paths), open_cases(paths)
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        assert run((rules, cases), *shipment((DY,), dest="IS", port="Reykjavik")) == []
    with Session(rules_engine) as rules, rules.begin():
        rules.add(DiversionRoute(country="IS", country_name="Iceland", goods_family="rare_earth",
                                 named_by="Test notice", date_text="2025-01-01", date=dt.date(2025, 1, 1),
                                 source="https://example.org", notes=None, unsure="test row"))
        rules.add(Port(locode="ISREY", name="Reykjavik", country="IS", aliases=["雷克雅未克"], unsure=None))
        rules.merge(Meta(key="rules_version", value="test-update-1"))
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        assert routes.port_country(rules, "雷克雅未克") == "IS"
        found = run((rules, cases), *shipment((DY,), dest="IS", port="Reykjavik"))
        assert [(f.code, f.severity) for f in found] == [("ROUTE_RISK", Severity.MEDIUM)]  # unsure: one step lower
        assert found[0].evidence["entry"]["unsure"] == "test row" and found[0].message_zh
    rules_engine.dispose()
    cases_engine.dispose()
