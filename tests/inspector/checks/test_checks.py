"""Each check on documents built by hand, against a real seeded rules database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from inspector.checks import containers, controls, hs, licences, ocr_quality, parties, weights
from inspector.checks.context import CheckContext, shipment_date
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.repository import import_licences
from inspector.db.rules.seed import open_rules
from inspector.models import DocType, Document, FieldValue, LineItem
from inspector.paths import DataPaths

INV, PL, BL = DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.BILL_OF_LADING
COO, DEC = DocType.CERTIFICATE_OF_ORIGIN, DocType.EXPORT_DECLARATION


def doc(index: int, doc_type: DocType, items: tuple[LineItem, ...] = (), **fields) -> Document:
    values = {k: FieldValue(v, str(v), 1, (10, 10 + index, 100, 30), 0.95) for k, v in fields.items()}
    return Document(index, f"doc{index}.png", doc_type, 1, fields=values, items=items)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory):
    paths = DataPaths(tmp_path_factory.mktemp("rules"))
    paths.ensure()
    lic = paths.root / "lic.csv"
    lic.write_text("licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,"
                   "valid_to\n2026AA000001,Ganzhou Rare Earth Co.,Acme GmbH,Acme GmbH,DE,2846901920,5000,"
                   "2026-01-01,2026-06-30\n", encoding="utf-8")
    with Session(open_rules(paths)) as rules, Session(open_cases(paths)) as cases:
        import_licences(rules, lic)
        rules.commit()
        yield rules, cases


def ctx(sessions, *docs: Document, date: dt.date | None = None) -> CheckContext:
    rules, cases = sessions
    return CheckContext(docs, Config(), rules, cases, date or shipment_date(docs))


def codes(found) -> list[str]:
    return [f.code for f in found]


DY = LineItem("DYSPROSIUM OXIDE Dy2O3 99.9%", "2846901920", 500.0, "KG", 500.0, 520.0, 150000.0, 1,
              (10, 500, 900, 30), {"hs_code": (300, 500, 120, 30)})
TILES = LineItem("CERAMIC FLOOR TILES", "690721", 2000.0, "SQM", 20000.0, 21000.0, 9000.0, 1, (10, 500, 900, 30))


def test_weights_agree_within_tolerance_and_not_beyond(sessions) -> None:
    same = ctx(sessions, doc(0, INV, total_net_weight_kg=4850.0), doc(1, PL, total_net_weight_kg=4851.0))
    assert codes(weights.check(same)) == []
    off = ctx(sessions, doc(0, INV, total_net_weight_kg=4850.0), doc(1, PL, total_net_weight_kg=4700.0))
    found = list(weights.check(off))
    assert codes(found) == ["WEIGHT_INCONSISTENT"]
    assert found[0].document == 1 and found[0].evidence["other_document"] == 0 and found[0].bbox is not None


def test_item_weights_must_add_up(sessions) -> None:
    items = (DY, DY)
    assert codes(weights.check(ctx(sessions, doc(0, PL, items, total_net_weight_kg=1000.0)))) == []
    found = codes(weights.check(ctx(sessions, doc(0, PL, items, total_net_weight_kg=1200.0))))
    assert found == ["WEIGHT_SUM_MISMATCH"]


def test_gross_below_net_and_absurd_package_weight(sessions) -> None:
    below = doc(0, PL, total_net_weight_kg=500.0, total_gross_weight_kg=480.0)
    assert codes(weights.check(ctx(sessions, below))) == ["WEIGHT_IMPLAUSIBLE"]
    heavy = doc(0, PL, total_net_weight_kg=50000.0, total_gross_weight_kg=50500.0, packages=2)
    found = list(weights.check(ctx(sessions, heavy)))
    assert codes(found) == ["WEIGHT_IMPLAUSIBLE"] and found[0].field == "packages"


def test_container_check_digit(sessions) -> None:
    good = doc(0, BL, container_numbers=["CSQU3054383"])
    assert codes(containers.check(ctx(sessions, good))) == []
    bad = doc(0, BL, container_numbers=["CSQU3054384"])
    found = list(containers.check(ctx(sessions, bad)))
    assert codes(found) == ["CONTAINER_CHECK_DIGIT"] and found[0].evidence["expected_check_digit"] == 3


def test_parties_match_despite_case_and_legal_suffix_but_not_another_company(sessions) -> None:
    a = doc(0, INV, consignee="Summit Resources Inc.")
    b = doc(1, BL, consignee="SUMMIT RESOURCES INC")
    assert codes(parties.check(ctx(sessions, a, b))) == []
    c = doc(1, BL, consignee="Delta Materials Trading B.V.")
    found = list(parties.check(ctx(sessions, a, c)))
    assert codes(found) == ["FIELD_MISMATCH"] and found[0].field == "consignee"


def test_hs_unknown(sessions) -> None:
    fake = LineItem("WIDGETS", "770110", 1.0, "PCS", 1.0, 2.0, 3.0, 1, (1, 2, 3, 4))
    assert codes(hs.check(ctx(sessions, doc(0, INV, (TILES,))))) == []
    found = list(hs.check(ctx(sessions, doc(0, INV, (fake,)))))
    assert codes(found) == ["HS_UNKNOWN"] and found[0].field == "items[0].hs_code"


def test_controlled_goods_need_a_licence(sessions) -> None:
    when = dt.date(2026, 5, 1)
    plain = ctx(sessions, doc(0, INV, (TILES,), date="2026-05-01"))
    assert codes(controls.check(plain)) == [] and codes(licences.check(plain)) == []
    bare = ctx(sessions, doc(0, INV, (DY,), date="2026-05-01"))
    assert codes(controls.check(bare)) == ["CONTROLLED_GOODS"]
    assert codes(licences.check(bare)) == ["LICENCE_MISSING"]
    unknown = ctx(sessions, doc(0, INV, (DY,), licence_number="2026AA999999"), date=when)
    assert codes(licences.check(unknown)) == ["LICENCE_NOT_FOUND"]
    valid = ctx(sessions, doc(0, INV, (DY,), licence_number="2026AA000001"), date=when)
    assert codes(licences.check(valid)) == []
    late = ctx(sessions, doc(0, INV, (DY,), licence_number="2026-AA-000001"), date=dt.date(2026, 8, 1))
    assert codes(licences.check(late)) == ["LICENCE_EXPIRED"]


def test_controls_not_yet_in_force_do_not_fire(sessions) -> None:
    early = ctx(sessions, doc(0, INV, (DY,)), date=dt.date(2024, 1, 10))
    assert codes(controls.check(early)) == []


def test_low_confidence_fields_are_named(sessions) -> None:
    weak = Document(0, "x.png", INV, 1, ocr_confidence=0.9,
                    fields={"total_net_weight_kg": FieldValue(480.0, "48O", 1, (1, 1, 5, 5), 0.31)})
    found = list(ocr_quality.check(ctx(sessions, weak)))
    assert codes(found) == ["OCR_LOW_CONFIDENCE"] and found[0].field == "total_net_weight_kg"


def test_a_labelled_value_that_could_not_be_read_is_named_with_its_box(sessions) -> None:
    spot = FieldValue(None, "2#,8@O", 1, (400, 900, 180, 30), 0.35)
    unreadable = Document(0, "x.png", INV, 1, ocr_confidence=0.9, unread={"total_value": spot})
    found = list(ocr_quality.check(ctx(sessions, unreadable)))
    assert codes(found) == ["OCR_LOW_CONFIDENCE"]
    assert (found[0].field, found[0].page, found[0].bbox) == ("total_value", 1, (400, 900, 180, 30))
    # Not when the value was read after all (another label, a table total), nor for fields that do not matter.
    read = Document(0, "x.png", INV, 1, ocr_confidence=0.9, unread={"total_value": spot},
                    fields={"total_value": FieldValue(28800.0, "28,800.00", 1, (1, 1, 5, 5), 0.95)})
    assert list(ocr_quality.check(ctx(sessions, read))) == []
    vessel = Document(0, "x.png", INV, 1, ocr_confidence=0.9, unread={"vessel": spot})
    assert list(ocr_quality.check(ctx(sessions, vessel))) == []


def test_shipment_date_prefers_the_bill_of_lading() -> None:
    docs = (doc(0, INV, date="2026-03-01"), doc(1, BL, date="2026-03-12"))
    assert shipment_date(docs) == dt.date(2026, 3, 12)
    assert shipment_date((doc(0, INV, date="2026-03-01"),)) == dt.date(2026, 3, 1)
    assert shipment_date(()) is None




def test_one_misread_document_is_one_mismatch_against_the_majority(sessions) -> None:
    docs = [doc(0, INV, consignee="2 Invoice Numbr Rcvd"), doc(1, PL, consignee="Summit Resources Inc."),
            doc(2, BL, consignee="SUMMIT RESOURCES INC")]
    found = list(parties.check(ctx(sessions, *docs)))
    assert codes(found) == ["FIELD_MISMATCH"] and found[0].document == 0


def test_words_split_or_joined_by_ocr_are_the_same_party_but_another_name_is_not(sessions) -> None:
    split = [doc(0, INV, consignee="Maasland Materials Trading B.V."),
             doc(1, COO, consignee="Maasland Matcrials 'l'rading B.V.")]
    assert list(parties.check(ctx(sessions, *split))) == []
    other = [doc(0, INV, consignee="Maasland Materials Trading B.V."),
             doc(1, BL, consignee="Delta Materials Trading B.V.")]
    assert codes(parties.check(ctx(sessions, *other))) == ["FIELD_MISMATCH"]


def test_a_reference_cut_short_is_not_a_mismatch_but_another_number_is(sessions) -> None:
    cut = [doc(0, INV, invoice_number="INV-2026-0384"), doc(1, DEC, invoice_number="INV-2026")]
    assert list(parties.check(ctx(sessions, *cut))) == []
    other = [doc(0, INV, invoice_number="INV-2026-0384"), doc(1, DEC, invoice_number="INV-2026-0385")]
    assert codes(parties.check(ctx(sessions, *other))) == ["FIELD_MISMATCH"]


def test_a_chinese_name_and_an_english_name_are_not_compared(sessions) -> None:
    docs = [doc(0, INV, exporter="昆明盛泰新型碳材料有限公司"),
            doc(1, PL, exporter="Kunming Shengtai New Carbon Materials Co., Ltd."),
            doc(2, BL, exporter="KUNMING SHENGTAI NEW CARBON MATERIALS CO., LTD.")]
    assert list(parties.check(ctx(sessions, *docs))) == []
    # Two Chinese names that differ are still a mismatch.
    docs = [doc(0, INV, exporter="昆明盛泰新型碳材料有限公司"), doc(1, DEC, exporter="包头天宇稀土材料有限公司")]
    assert codes(parties.check(ctx(sessions, *docs))) == ["FIELD_MISMATCH"]
