"""Every document type in every layout the generator draws, English and Chinese labels alike, read end
to end with real Tesseract from a lightly noisy 300-dpi scan: the type, the fields and the items' HS codes.

A document may miss one field (OCR is OCR); two misses, a wrong type or a wrong HS code fail the test.
The figures over many cases, noisy scans and phone photos are in docs/ACCURACY.md.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from rapidfuzz import fuzz

from inspector.config import Config
from inspector.models import FIELD_KINDS, DocType
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from inspector.synth.case import write_case
from inspector.synth.render import LAYOUTS
from inspector.synth.scan import ScanProfile

ALL = [(t, name) for t, layouts in LAYOUTS.items() for name in sorted(layouts)]
FUZZY = {"exporter", "consignee", "end_user", "port_of_loading", "port_of_discharge", "vessel"}
SCAN = ScanProfile(dpi=300, angle=0.8, blur=0.4, noise=3.0, jpeg_quality=80)
MAX_MISSES = 1


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold().rstrip(".,; ")


def right(name: str, want, got) -> bool:
    """The benchmark's rule (docs/ACCURACY.md): fuzzy names, numbers within 0.5 %, lists as sets."""
    if want in (None, []) or got in (None, []):
        return want in (None, []) and got in (None, [])
    kind = FIELD_KINDS[name]
    if kind.endswith("_list"):
        return {_norm(v) for v in want} == {_norm(v) for v in got}
    if kind in ("number", "weight", "integer"):
        return abs(float(got) - float(want)) <= 0.005 * abs(float(want))
    if name in FUZZY:
        return fuzz.ratio(_norm(want), _norm(got)) >= 90
    return _norm(want) == _norm(got)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return dataclasses.replace(Config(data=DataPaths(tmp_path_factory.mktemp("data"))), save=False)


@pytest.mark.parametrize(("doc_type", "layout"), ALL, ids=[f"{t.value}-{n}" for t, n in ALL])
def test_layout_is_read(doc_type: DocType, layout: str, config: Config, tmp_path) -> None:
    truth = write_case(tmp_path, seed=4242, goods="controlled", doc_types=[doc_type], layouts={doc_type: layout},
                       profile=SCAN)
    want = truth.documents[0]
    got = check_case([str(tmp_path / want.filename)], config).documents[0]
    assert got.type == doc_type
    misses = {name: (want.fields[name], got.value(name)) for name in FIELD_KINDS
              if not right(name, want.fields[name], got.value(name))}
    assert len(misses) <= MAX_MISSES, misses
    assert [i.hs_code for i in got.items] == [i.hs_code for i in want.items]
