"""Every finding says its one sentence in English and in Simplified Chinese, with the same figures.

The checks run on the true documents of generated shipments (one per planted problem, plus a clean
one), read once at a good confidence and once at a poor one (the doubt branches), and on a few
hand-made variants for the codes no planted problem raises (an unreadable file, an unknown HS code,
a value that could not be read, an unknown currency, a doctored text layer, a licence already used).
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy.orm import Session

from inspector.checks import text_layer
from inspector.config import Config
from inspector.db.cases.repository import case_findings, open_cases, record_case
from inspector.db.rules.repository import import_licences, import_watchlist
from inspector.db.rules.seed import open_rules
from inspector.models import (
    FIELD_NAMES,
    CaseResult,
    DocType,
    Document,
    FieldValue,
    Finding,
    Lane,
    LineItem,
    Message,
    Severity,
)
from inspector.ocr.text_compare import Disagreement
from inspector.paths import DataPaths
from inspector.pipeline import evaluate
from inspector.report.contract import to_contract
from inspector.report.text import summary
from inspector.synth.case import default_doc_types, show_transit
from inspector.synth.corpus import LICENCE_COLUMNS, WATCHLIST_COLUMNS
from inspector.synth.render import Rendered, render_document
from inspector.synth.shipment import INVENTED_WATCHLIST, PROBLEMS, licence_record, make_shipment
from inspector.verdict import weigh_unsure
from inspector.wording import DOC_TYPES, FIELDS, doc_name, field_name
from tests.inspector.conftest import CONTRACT

# The codes of the modules whose findings were made bilingual here (parties and routes: elsewhere).
CODES = ("INPUT_UNREADABLE", "OCR_LOW_CONFIDENCE", "TAMPER_SUSPECTED", "HS_UNKNOWN", "HS_DESCRIPTION_MISMATCH",
         "CONTROLLED_GOODS", "LICENCE_MISSING", "LICENCE_NOT_FOUND", "LICENCE_EXPIRED", "LICENCE_MISMATCH",
         "LICENCE_EXCEEDED", "WEIGHT_INCONSISTENT", "WEIGHT_SUM_MISMATCH", "WEIGHT_IMPLAUSIBLE", "VALUE_OUTLIER",
         "CONTAINER_CHECK_DIGIT", "PARTY_WATCHLIST", "DATE_INCONSISTENT")
ALL_CODES = tuple(json.loads(CONTRACT.read_text("utf-8"))["properties"]["findings"]["items"]["properties"]
                  ["code"]["enum"])
CJK = re.compile(r"[\u4e00-\u9fff]")
GOOD, POOR = 0.95, 0.45  # POOR: below the field threshold (0.60) and the document one (0.50)


def numbers(text: str) -> Counter[str]:
    """The digit sequences of a text ("1,250.00 kg" -> 1, 250, 00)."""
    return Counter(re.findall(r"\d+", text))


def problems_of(f: Finding) -> list[str]:
    """What is wrong with a finding's Chinese sentence (nothing: [])."""
    out = []
    if not f.message_zh.strip():
        out.append("no Chinese message")
    elif not CJK.search(f.message_zh):
        out.append("Chinese message without Chinese characters")
    elif numbers(f.message) != numbers(f.message_zh):
        out.append(f"figures differ: {sorted(numbers(f.message).elements())} vs "
                   f"{sorted(numbers(f.message_zh).elements())}")
    return out


def _document(index: int, r: Rendered, confidence: float, **changes) -> Document:
    fields = {name: FieldValue(value, str(value), 1, (100, 100 + 40 * k, 400, 30), confidence)
              for k, (name, value) in enumerate(r.fields.items()) if value not in (None, [], "")}
    items = tuple(LineItem(it.description, it.hs_code, it.quantity, it.unit, it.net_weight_kg, it.gross_weight_kg,
                           it.value, page=1, bbox=(100, 1200 + 60 * k, 2000, 40)) for k, it in enumerate(r.items))
    doc = Document(index, f"/scans/{index + 1:02d}_{r.doc_type}.png", r.doc_type, len(r.pages),
                   ocr_confidence=confidence, fields=fields, items=items,
                   text=" ".join(str(v) for v in r.fields.values() if v))
    return replace(doc, **changes)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    """(data paths, [(problem, rendered documents)]): one shipment per problem and a clean one, the
    licence registry and watchlist they assume imported into a scratch rules database."""
    shipments = []
    for problem in (None, *PROBLEMS):
        ship = make_shipment(random.Random(f"messages:{problem}"), goods="controlled", problem=problem)
        rendered = [show_transit(render_document(ship, t, random.Random(f"messages:{t}")), ship)
                    for t in default_doc_types(ship)]
        shipments.append((ship, rendered))
    root = tmp_path_factory.mktemp("messages")
    data = DataPaths(root / "data")
    data.ensure()
    with (root / "licences.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, LICENCE_COLUMNS)
        writer.writeheader()
        writer.writerows(rec.row() for ship, _ in shipments if (rec := licence_record(ship)))
    with (root / "watchlist.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, WATCHLIST_COLUMNS)
        writer.writeheader()
        writer.writerows(e.row() for e in INVENTED_WATCHLIST)
    engine = open_rules(data)
    with Session(engine) as rules:
        import_licences(rules, root / "licences.csv")
        import_watchlist(rules, root / "watchlist.csv", "SYNTH WATCHLIST")
        rules.commit()
    engine.dispose()
    return data, [(ship.problem, rendered) for ship, rendered in shipments]


def _variants(problem: str | None, rendered: list[Rendered]) -> list[tuple[Document, ...]]:
    """The case read well, read poorly, and the hand-made twists for codes no planted problem raises."""
    good = tuple(_document(i, r, GOOD) for i, r in enumerate(rendered))
    poor = tuple(_document(i, r, POOR) for i, r in enumerate(rendered))
    out = [good, poor]
    if problem is None:
        broken = Document(len(good), "/scans/broken.pdf", error="The file is not a PDF, TIFF, PNG or JPEG.")
        first = good[0]
        unknown_hs = replace(first, items=tuple(replace(it, hs_code="0000000000") for it in first.items))
        fields = {k: v for k, v in good[1].fields.items() if k != "total_net_weight_kg"}
        unread = replace(good[1], fields=fields,
                         unread={"total_net_weight_kg": FieldValue(None, "1O,4?5 KG", 1, (300, 900, 200, 30), 0.2)})
        out.append((unknown_hs, unread, *good[2:], broken))
    if problem == "value_outlier":
        out.append(tuple(d.with_fields({"currency": FieldValue("XYZ", "XYZ", 1, (1, 1, 50, 20), GOOD)})
                         for d in good))
    return out


@pytest.fixture(scope="module")
def findings(world) -> list[Finding]:
    """Every finding of every variant of every case (a licence_exceeded case is also checked again
    after it was recorded, so that the earlier shipment on the licence is counted)."""
    data, cases = world
    config = replace(Config(data=data), save=False)
    out: list[Finding] = []
    rules_engine, cases_engine = open_rules(data), open_cases(data)
    with Session(rules_engine) as rules, Session(cases_engine) as recorded:
        for problem, rendered in cases:
            for docs in _variants(problem, rendered):
                found, score, lane, date = evaluate(docs, config, rules, recorded)
                out += found
            if problem == "licence_exceeded":
                docs = _variants(problem, rendered)[0]
                record_case(recorded, CaseResult("C-EARLIER", lane, score, date, docs, tuple(found)))
                recorded.flush()
                out += evaluate(docs, config, rules, recorded)[0]
        recorded.rollback()
    rules_engine.dispose()
    cases_engine.dispose()
    # TAMPER_SUSPECTED needs a PDF and Tesseract; its sentence is built the same way from a disagreement.
    doc = _document(0, cases[0][1][0], GOOD)
    box = doc.fields["total_value"].bbox if "total_value" in doc.fields else (100, 100, 400, 30)
    for seen in (True, False):
        out.append(text_layer._finding(doc, Disagreement(1, box, "12,500.00", "42,500.00", seen, 0.91)))
    out.append(text_layer._finding(doc, Disagreement(2, (1, 1, 2, 2), "7", "1", False, 0.5)))
    return out


def test_every_code_of_the_converted_checks_is_raised(findings) -> None:
    assert set(CODES) - {f.code for f in findings} == set()


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_finding_says_it_in_chinese_with_the_same_figures(code, findings) -> None:
    raised = [f for f in findings if f.code == code]
    if not raised:
        pytest.skip(f"{code} is not raised on these cases")
    wrong = {f"{f.message}\n  {f.message_zh}": problems_of(f) for f in raised if problems_of(f)}
    assert wrong == {}


def test_the_low_confidence_notes_are_said_in_both_languages(findings) -> None:
    notes = [f for f in findings if "confidence" in f.message and f.code != "OCR_LOW_CONFIDENCE"]
    assert notes and all("置信度" in f.message_zh for f in notes)


def test_documents_are_named_in_chinese(findings) -> None:
    weights = [f for f in findings if f.code == "WEIGHT_INCONSISTENT"]
    assert weights and all(any(n.zh in f.message_zh for n in DOC_TYPES.values()) for f in weights)
    assert all("_" not in f.message_zh.split("“")[0] for f in weights)  # no "packing_list"


def test_wording_names_every_document_type_and_field() -> None:
    assert set(DOC_TYPES) == set(DocType)
    assert set(FIELD_NAMES) <= set(FIELDS)
    assert doc_name(DocType.EXPORT_DECLARATION) == Message("export declaration", "出口报关单")
    assert doc_name("certificate_of_origin").zh == "原产地证书" and doc_name("nonsense").zh == "未知文件"
    assert field_name("total_gross_weight_kg").zh == "总毛重"
    assert field_name("items[2].hs_code") == Message("item 3 HS code", "第 3 项货物的 HS 编码")
    assert field_name("some_new_field") == Message("some new field", "some new field")
    assert all(CJK.search(m.zh) for m in (*DOC_TYPES.values(), *FIELDS.values()))


def test_weigh_unsure_adds_its_note_in_both_languages() -> None:
    doc = Document(0, "inv.png", DocType.COMMERCIAL_INVOICE,
                   fields={"total_value": FieldValue(100.0, "100.00", 1, (1, 1, 9, 9), 0.41)})
    f = Finding("VALUE_OUTLIER", Severity.HIGH, "Too cheap.", 0, "total_value", message_zh="过于便宜。")
    plain = Finding("VALUE_OUTLIER", Severity.HIGH, "Too cheap.", 0, "total_value")
    weighed, untranslated = weigh_unsure([f, plain], [doc], 0.6)
    assert weighed.severity == Severity.MEDIUM
    assert weighed.message == "Too cheap. (read with 41% confidence: check the paper)"
    assert weighed.message_zh == "过于便宜。（该项识读置信度为 41%：请查看纸质单据）"
    assert untranslated.message_zh == ""  # no half-Chinese sentence made up for an untranslated one


def _result(findings: list[Finding]) -> CaseResult:
    doc = Document(0, "inv.png", DocType.COMMERCIAL_INVOICE, 1)
    return CaseResult("C-1", Lane.RED, 80, None, (doc,), tuple(replace(f, document=0) for f in findings[:5]))


def test_contract_json_carries_both_messages_and_validates(findings) -> None:
    data = to_contract(_result(findings))
    jsonschema.validate(json.loads(json.dumps(data, ensure_ascii=False)), json.loads(CONTRACT.read_text("utf-8")))
    for out, f in zip(data["findings"], findings[:5], strict=True):
        assert out["message"] == f.message and out["message_zh"] == f.message_zh


def test_readable_summary_in_chinese(findings) -> None:
    result = _result(findings)
    zh, en = summary(result, "zh"), summary(result, "en")
    assert "红色" in zh and "商业发票" in zh and result.findings[0].message_zh in zh
    assert "lane RED" in en and result.findings[0].message in en and not CJK.search(en.split("Findings")[0])


def test_the_chinese_message_is_recorded_and_read_back(world, findings, tmp_path: Path) -> None:
    engine = open_cases(DataPaths(tmp_path))
    chosen = [f for f in findings if f.code == "WEIGHT_INCONSISTENT"][:1] + [
        Finding("HS_UNKNOWN", Severity.MEDIUM, "English only.")]
    result = CaseResult("C-ZH", Lane.RED, 50, None, (), tuple(chosen))
    with Session(engine) as s:
        record_case(s, result)
        s.commit()
    with Session(engine) as s:
        back = case_findings(s, "C-ZH")
    engine.dispose()
    assert [(f.code, f.message, f.message_zh) for f in back] == [(f.code, f.message, f.message_zh) for f in chosen]
    assert back[0].evidence == json.loads(json.dumps(dict(chosen[0].evidence)))
