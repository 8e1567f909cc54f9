"""DOCUMENT_REUSED: a scan of an earlier case's certificate with one number retyped is found, naming both
cases; the same papers checked again and an honest repeat shipment on the issuer's template are not.

Pages are drawn and scanned by `inspector.synth` (the reuse series: case-01's certificate reused in case-03
with one number retyped, case-02 an ordinary repeat shipment) and hashed as `forensics.examine` hashes
them; the fields and text are what the synthetic truth says was printed (the check compares readings).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.orm import Session

from inspector.checks import reuse
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.db.cases.repository import open_cases, record_case, reuse_candidates
from inspector.db.rules.seed import open_rules
from inspector.forensics.phash import page_phash
from inspector.forensics.regions import region_phashes
from inspector.models import CaseResult, DocType, Document, FieldValue, Lane
from inspector.paths import DataPaths
from inspector.synth.scan import simulate_scan
from inspector.synth.sequences import PROFILE, build_series, plan_documents


def _series(doc_type: DocType):
    for seed in range(40):
        series = build_series("reuse", random.Random(seed))
        if series.reuse.doc_type == doc_type:
            return series
    raise AssertionError(f"no reuse series of {doc_type}")


def _document(plan, index: int = 0, *, rescan_key: str | None = None) -> Document:
    """The document as the pipeline would leave it: hashes of the scanned page, fields and text."""
    rng = random.Random(rescan_key or plan.scan_key)
    gray = [np.asarray(simulate_scan(p, PROFILE, rng).convert("L")) for p in plan.rendered.pages]
    fields = {name: FieldValue(value, raw=str(value), page=1, bbox=(200, 300, 600, 50), confidence=0.9)
              for name, value in plan.fields.items() if value not in (None, [])}
    text = "\n".join(d.text for d in plan.rendered.drawn)
    return Document(index, f"{plan.rendered.doc_type}.jpg", plan.rendered.doc_type, len(gray), fields=fields,
                    page_hashes=tuple(hashlib.sha256(g.tobytes()).hexdigest() for g in gray),
                    text=text, page_phashes=tuple(page_phash(g) for g in gray),
                    region_phashes=tuple(region_phashes(g) for g in gray))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory):
    """case-01 recorded; the certificates of case-02 (repeat) and case-03 (reused) ready to check."""
    series = _series(DocType.CERTIFICATE_OF_ORIGIN)
    plans = plan_documents(series, "test-reuse")
    pick = [next(p for p in docs if p.rendered.doc_type == DocType.CERTIFICATE_OF_ORIGIN) for docs in plans]
    docs = [_document(p) for p in pick]
    old, new = series.reuse.old_number, series.reuse.new_number  # the synthetic plan keeps the source's lines
    docs[2] = replace(docs[2], text=docs[2].text.replace(old, new))
    paths = DataPaths(tmp_path_factory.mktemp("reuse"))
    paths.ensure()
    rules_engine, cases_engine = open_rules(paths), open_cases(paths)
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        record_case(cases, CaseResult("case-01", Lane.GREEN, 0, None, (docs[0],), ()))
        cases.commit()
        yield rules, cases, series, pick, docs
    rules_engine.dispose()
    cases_engine.dispose()


def _check(world, *docs: Document):
    rules, cases = world[0], world[1]
    return list(reuse.check(CheckContext(tuple(docs), Config(), rules, cases, None)))


def test_the_reused_certificate_with_one_number_retyped_is_found_with_both_cases(world) -> None:
    series, docs = world[2], world[4]
    (found,) = _check(world, docs[2])
    assert found.code == "DOCUMENT_REUSED" and found.severity == "high"
    assert found.evidence["earlier_case"] == "case-01" and found.evidence["earlier_page"] == 1
    assert found.evidence["page_distance"] <= reuse.PAGE_MAX
    changed = {c["field"]: (c["earlier"], c["now"]) for c in found.evidence["changed_fields"]}
    assert changed == {"document_number": (series.reuse.old_number, series.reuse.new_number)}
    assert "case-01" in found.message and "case-01" in found.message_zh
    said = f"document number: {series.reuse.old_number} -> {series.reuse.new_number}"
    assert said in found.message and found.message.count(series.reuse.new_number) == 1  # said once
    assert found.field == "document_number" and found.bbox == (200, 300, 600, 50)


def test_a_number_outside_the_fields_is_found_in_the_text(world) -> None:
    """The retyped number is not one the reader extracts (a purchase order reference): the text says it."""
    series, docs = world[2], world[4]
    unchanged = {**docs[2].fields, "document_number": docs[0].fields["document_number"]}
    (found,) = _check(world, replace(docs[2], fields=unchanged))
    assert found.evidence["changed_fields"] == []
    assert {"earlier": series.reuse.old_number, "now": series.reuse.new_number} in found.evidence["changed_numbers"]


def test_the_same_papers_checked_again_are_not_reuse(world) -> None:
    assert _check(world, world[4][0]) == []


def test_the_same_paper_scanned_again_with_the_same_data_is_not_reuse(world) -> None:
    """A fresh scan (other noise) of case-01's certificate, read alike: a paper shown again, not changed."""
    rescan = _document(world[3][0], rescan_key="another scanner")
    assert [c.case_id for c in reuse_candidates(world[1], rescan, reuse.PAGE_MAX)] == ["case-01"]  # it matches
    assert _check(world, rescan) == []


def test_an_ordinary_repeat_shipment_on_the_same_template_is_not_reuse(world) -> None:
    docs = world[4]
    assert docs[1].fields["document_number"].value != docs[0].fields["document_number"].value
    assert _check(world, docs[1]) == []


def test_an_empty_case_database_finds_nothing(tmp_path: Path, world) -> None:
    paths = DataPaths(tmp_path)
    paths.ensure()
    engine = open_cases(paths)
    with Session(engine) as cases:
        assert list(reuse.check(CheckContext((world[4][2],), Config(), world[0], cases, None))) == []
    engine.dispose()
