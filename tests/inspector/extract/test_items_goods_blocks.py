"""Items of goods written as text (a sea waybill's goods block, a Form E certificate's goods cell with
'HS CODE: ...' inside), read end to end with real Tesseract on one generated case."""

from __future__ import annotations

import dataclasses

import pytest

from inspector.config import Config
from inspector.models import DocType
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from inspector.synth.case import write_case
from inspector.synth.scan import ScanProfile

LAYOUTS = {DocType.BILL_OF_LADING: "waybill", DocType.CERTIFICATE_OF_ORIGIN: "form_e"}


@pytest.fixture(scope="module")
def read_case(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("case")
    truth = write_case(out, seed=1003, goods="ordinary", layouts=LAYOUTS, doc_types=list(LAYOUTS),
                       profile=ScanProfile(dpi=300, angle=0.8))
    docs = [d for d in truth.documents if d.type in LAYOUTS]
    config = dataclasses.replace(Config(data=DataPaths(tmp_path_factory.mktemp("data"))), save=False)
    return docs, check_case([str(out / d.filename) for d in docs], config)


@pytest.mark.parametrize("doc_type", list(LAYOUTS))
def test_one_item_per_hs_note_with_the_printed_digits(read_case, doc_type: DocType) -> None:
    docs, result = read_case
    i = next(k for k, d in enumerate(docs) if d.type == doc_type)
    truth, read = docs[i].items, result.documents[i].items
    assert len(truth) >= 2  # the seed ships more than one product: the rule for each note is exercised
    assert [item.hs_code for item in read] == [item.hs_code for item in truth]


def test_form_e_item_takes_the_gross_weight_of_its_row(read_case) -> None:
    docs, result = read_case
    i = next(k for k, d in enumerate(docs) if d.type == DocType.CERTIFICATE_OF_ORIGIN)
    assert [item.gross_weight_kg for item in result.documents[i].items] == [
        pytest.approx(item.gross_weight_kg) for item in docs[i].items]
