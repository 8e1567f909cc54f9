"""Items of export declarations whose goods are not one row each: the single-window print-out
(numbered lines, quantity and value on the line under) and the form with two lines per item, read end
to end with real Tesseract on one generated case each."""

from __future__ import annotations

import dataclasses

import pytest

from inspector.config import Config
from inspector.models import DocType
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from inspector.synth.case import write_case
from inspector.synth.scan import ScanProfile


@pytest.fixture(scope="module", params=["cn_brief", "cn_continued"])
def read_case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp(request.param)
    truth = write_case(out, seed=1003, goods="ordinary", layouts={DocType.EXPORT_DECLARATION: request.param},
                       doc_types=[DocType.EXPORT_DECLARATION], profile=ScanProfile(dpi=300, angle=-0.6))
    doc = truth.documents[0]
    config = dataclasses.replace(Config(data=DataPaths(tmp_path_factory.mktemp("data"))), save=False)
    return doc, check_case([str(out / doc.filename)], config).documents[0]


def test_every_item_once_with_its_hs_code(read_case) -> None:
    truth, read = read_case
    assert len(truth.items) >= 2
    assert [item.hs_code for item in read.items] == [item.hs_code for item in truth.items]

