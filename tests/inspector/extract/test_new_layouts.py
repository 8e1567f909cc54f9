"""Fields of the newer form layouts, read end to end with real Tesseract on one generated case."""

from __future__ import annotations

import dataclasses

import pytest

from inspector.config import Config
from inspector.models import DocType
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from inspector.synth.case import write_case
from inspector.synth.scan import ScanProfile

LAYOUTS = {DocType.COMMERCIAL_INVOICE: "grid", DocType.PACKING_LIST: "weight_list",
           DocType.EXPORT_DECLARATION: "cn_brief", DocType.BILL_OF_LADING: "waybill"}
FIXED = {
    DocType.COMMERCIAL_INVOICE: ["vessel", "packages"],
    DocType.PACKING_LIST: ["total_net_weight_kg", "total_gross_weight_kg", "packages"],
    DocType.EXPORT_DECLARATION: ["consignee", "total_net_weight_kg", "total_gross_weight_kg"],
    DocType.BILL_OF_LADING: ["document_number", "total_gross_weight_kg", "packages"],
}


@pytest.fixture(scope="module")
def read_case(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("case")
    truth = write_case(out, seed=1, goods="controlled", layouts=LAYOUTS,
                       profile=ScanProfile(dpi=300, angle=1.0))
    docs = [d for d in truth.documents if d.type in LAYOUTS]
    config = dataclasses.replace(Config(data=DataPaths(tmp_path_factory.mktemp("data"))), save=False)
    result = check_case([str(out / d.filename) for d in docs], config)
    return docs, result


def _same(expected, read) -> bool:
    if isinstance(expected, str) and isinstance(read, str):
        return expected.lower().rstrip(".") == read.lower().rstrip(".")
    return expected == read


@pytest.mark.parametrize("doc_type", list(LAYOUTS))
def test_fixed_fields_are_read(read_case, doc_type: DocType) -> None:
    docs, result = read_case
    i = next(k for k, d in enumerate(docs) if d.type == doc_type)
    wrong = {name: (docs[i].fields[name], result.documents[i].value(name)) for name in FIXED[doc_type]
             if not _same(docs[i].fields[name], result.documents[i].value(name))}
    assert wrong == {}
