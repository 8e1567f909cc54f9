"""Case sequences: split consignments, a reused scan, and honest repeat business."""

from __future__ import annotations

import datetime as dt
import json
import random

import numpy as np
import pytest

from inspector.models import DocType
from inspector.synth.scan import ScanProfile
from inspector.synth.sequences import (
    KINDS,
    build_series,
    edited_box,
    hugs_threshold,
    name_variants,
    next_number,
    plan_documents,
    reused_line,
    series_for,
    write_sequences,
)
from inspector.synth.truth import CaseTruth

SEED = 21


def _series(kind: str, count: int = 4):
    return [build_series(kind, random.Random(f"{SEED}:{kind}:{i}")) for i in range(count)]


def _net(ship) -> float:
    return sum(line.net_kg for line in ship.lines)


def test_fragmentation_lots_stay_under_while_the_total_goes_over():
    for series in _series("fragmentation"):
        weights = [_net(s) for s in series.shipments]
        assert 3 <= len(weights) <= 6
        assert all(0.95 * series.threshold_kg <= w < series.threshold_kg for w in weights)
        assert sum(weights) > series.threshold_kg
        tip = next(i for i in range(len(weights)) if sum(weights[:i + 1]) > series.threshold_kg)
        assert series.expect[0]["case"] == f"case-{tip + 1:02d}"
        assert series.expect[-1]["linked"] == [f"case-{i:02d}" for i in range(1, len(weights))]
        assert all(e["codes"] == ["FRAGMENTATION_SUSPECTED"] for e in series.expect)


def test_fragmentation_dates_ports_names_numbers_and_container():
    for series in _series("fragmentation"):
        ships = series.shipments
        dates = [s.shipped_date for s in ships]
        assert all(a < b for a, b in zip(dates, dates[1:], strict=False))
        assert 30 <= (dates[-1] - dates[0]).days <= 90
        assert all(s.origin_port.locode != t.origin_port.locode for s, t in zip(ships, ships[1:], strict=False))
        assert len({s.consignee.name for s in ships}) >= 3
        assert [s.invoice_number for s in ships] == [next_number(ships[0].invoice_number, i) for i in range(len(ships))]
        assert {s.containers for s in ships} == {ships[0].containers} and len(ships[0].containers) == 1
        for ship in ships:
            line = ship.lines[0]
            assert line.gross_kg == pytest.approx(line.net_kg + line.packages * line.spec.tare_kg)
            assert ship.invoice_date < ship.shipped_date and ship.licence_date < ship.invoice_date


def test_negative_series_do_not_hug_a_threshold():
    for series in _series("negative"):
        weights = [_net(s) for s in series.shipments]
        assert series.expect == () and series.threshold_kg is None
        assert not any(hugs_threshold(w) for w in weights)
        assert max(weights) >= 1.3 * min(weights)
        assert len({(s.consignee.name, s.origin_port.locode) for s in series.shipments}) == 1
        assert len({s.containers for s in series.shipments}) == len(series.shipments)


@pytest.mark.parametrize("doc_type", [DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN])
def test_reuse_series_pages_differ_only_in_the_edited_number(doc_type):
    series = next(s for s in (build_series("reuse", random.Random(f"{SEED}:reuse:{i}")) for i in range(20))
                  if s.reuse.doc_type == doc_type)
    reuse = series.reuse
    plans = plan_documents(series, "test")
    source = next(d for d in plans[reuse.source] if d.rendered.doc_type == reuse.doc_type)
    reused = next(d for d in plans[reuse.target] if d.rendered.doc_type == reuse.doc_type)
    assert reused.scan_key == source.scan_key
    drawn = reused_line(source.rendered, reuse)
    a = np.asarray(source.rendered.pages[drawn.page], dtype=np.int16)
    b = np.asarray(reused.rendered.pages[drawn.page], dtype=np.int16)
    x, y, w, h = edited_box(drawn, drawn.text.replace(reuse.old_number, reuse.new_number))
    inside = np.abs(a - b)[y:y + h, x:x + w].copy()
    diff = np.abs(a - b)
    diff[y:y + h, x:x + w] = 0
    assert diff.max() == 0 and inside.max() > 100
    assert reused.fields != source.fields or reuse.doc_type == DocType.EXPORT_LICENCE
    assert series.expect == ({"case": "case-03", "codes": ["DOCUMENT_REUSED"], "linked": ["case-01"]},)


def test_series_are_deterministic_and_kinds_cycle():
    assert [series_for(SEED, i).kind for i in range(6)] == list(KINDS) * 2
    assert series_for(SEED, 0) == series_for(SEED, 0)
    assert series_for(SEED, 0) != series_for(SEED + 1, 0)


def test_name_variants_are_small_spellings():
    variants = name_variants("Summit Resources Inc.")
    assert variants[0] == "Summit Resources Inc."
    assert {"SUMMIT RESOURCES INC", "Summit Resources Incorporated", "Summit Resource Inc."} <= set(variants)


def test_written_sequences_follow_the_format(tmp_path):
    clean = ScanProfile()
    names = write_sequences(tmp_path / "a", seed=SEED, count=2, profile=clean)
    assert names == ["seq-001", "seq-002"]
    for name in names:
        data = json.loads((tmp_path / "a" / name / "sequence.json").read_text(encoding="utf-8"))
        assert set(data) == {"kind", "description", "threshold_kg", "expect"}
        cases = sorted(p.name for p in (tmp_path / "a" / name).iterdir() if p.is_dir())
        assert cases == [f"case-{i:02d}" for i in range(1, len(cases) + 1)]
        for case in cases:
            truth = CaseTruth.from_json((tmp_path / "a" / name / case / "truth.json").read_text(encoding="utf-8"))
            assert all((tmp_path / "a" / name / case / d.filename).exists() for d in truth.documents)
            expected = [e["codes"] for e in data["expect"] if e["case"] == case]
            assert set(truth.planted) == {"CONTROLLED_GOODS", *(expected[0] if expected else ())}
            assert dt.date.fromisoformat(truth.shipment_date)
    frag = CaseTruth.from_json((tmp_path / "a" / "seq-001" / "case-01" / "truth.json").read_text(encoding="utf-8"))
    assert frag.document(DocType.COMMERCIAL_INVOICE).fields["total_net_weight_kg"] < 1000
