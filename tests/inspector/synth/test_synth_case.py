"""write_case: deterministic files, formats with their dpi and pages, truth.json that round-trips."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from inspector.models import FIELD_NAMES, DocType
from inspector.paths import resource
from inspector.synth.case import write_case
from inspector.synth.sample import write_sample
from inspector.synth.scan import ScanProfile
from inspector.synth.truth import CaseTruth

FAST = {DocType.COMMERCIAL_INVOICE: "png", DocType.PACKING_LIST: "png", DocType.BILL_OF_LADING: "tif",
        DocType.EXPORT_DECLARATION: "pdf"}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_gives_same_truth_and_same_bytes(tmp_path):
    kwargs = dict(seed=11, problem="weight_mismatch", formats=FAST, doc_types=tuple(FAST),
                  profile=ScanProfile(angle=0.7, blur=0.5))
    first = write_case(tmp_path / "a", **kwargs)
    second = write_case(tmp_path / "b", **kwargs)
    assert first == second
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_other_seed_gives_other_case(tmp_path):
    a = write_case(tmp_path / "a", seed=1, doc_types=(DocType.COMMERCIAL_INVOICE,), formats=FAST)
    b = write_case(tmp_path / "b", seed=2, doc_types=(DocType.COMMERCIAL_INVOICE,), formats=FAST)
    assert a.documents[0].fields != b.documents[0].fields


def test_files_carry_dpi_and_pages(tmp_path):
    truth = write_case(tmp_path, seed=3, formats=FAST, doc_types=tuple(FAST), profile=ScanProfile(dpi=200))
    for doc in truth.documents:
        path = tmp_path / doc.filename
        if path.suffix == ".pdf":
            assert path.read_bytes().startswith(b"%PDF")
            continue
        with Image.open(path) as img:
            assert round(img.info["dpi"][0]) == 200
            assert img.size == (1653, 2339)
            assert getattr(img, "n_frames", 1) == doc.pages
    assert truth.document(DocType.BILL_OF_LADING).pages == 2


def test_truth_json_round_trips(tmp_path):
    truth = write_case(tmp_path, seed=4, problem="bad_container", doc_types=(DocType.BILL_OF_LADING,),
                       formats={DocType.BILL_OF_LADING: "png"})
    loaded = CaseTruth.from_json((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert loaded == truth
    assert loaded.planted == ("CONTROLLED_GOODS", "CONTAINER_CHECK_DIGIT")
    assert list(json.loads(truth.to_json())["documents"][0]["fields"]) == list(FIELD_NAMES)


def test_bad_format_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_case(tmp_path, seed=1, formats={DocType.COMMERCIAL_INVOICE: "gif"},
                   doc_types=(DocType.COMMERCIAL_INVOICE,))


def test_bundled_sample_is_what_the_generator_writes(tmp_path):
    truth = write_sample(tmp_path)
    shipped = resource("samples")
    assert (shipped / "truth.json").read_text(encoding="utf-8") == truth.to_json()
    for doc in truth.documents:
        assert (shipped / doc.filename).read_bytes() == (tmp_path / doc.filename).read_bytes(), doc.filename
    assert truth.planted == ("CONTROLLED_GOODS", "LICENCE_MISSING")
    assert all(d.fields["licence_number"] is None for d in truth.documents)
    assert sum(p.stat().st_size for p in shipped.iterdir()) < 3_000_000
