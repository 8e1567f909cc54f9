"""write_corpus and `inspector synth`: the corpus format, determinism, the registry rows the cases assume."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from pathlib import Path

import pytest

from inspector.synth.case import make_case_shipment
from inspector.synth.corpus import LICENCE_COLUMNS, WATCHLIST_COLUMNS, plan_cases, write_corpus
from inspector.synth.shipment import licence_record
from inspector.synth.synth_cli import add_synth_parser, run_synth
from inspector.synth.truth import CaseTruth


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    manifest = write_corpus(root, cases=2, seed=7, photos=True, workers=2)
    return root, manifest


def test_layout_matches_the_format(corpus):
    root, manifest = corpus
    data = json.loads((root / "corpus.json").read_text(encoding="utf-8"))
    assert data == manifest
    assert data["format"] == 1 and data["seed"] == 7 and data["generator"].startswith("inspector ")
    assert data["cases"] == [f"cases/case-{i:04d}" for i in range(1, 3)]
    assert data["tamper"] == [] and data["sequences"] == []
    with (root / "licences.csv").open(encoding="utf-8") as f:
        assert tuple(csv.DictReader(f).fieldnames) == LICENCE_COLUMNS
    with (root / "watchlist.csv").open(encoding="utf-8") as f:
        assert tuple(csv.DictReader(f).fieldnames) == WATCHLIST_COLUMNS
    for rel in data["cases"]:
        truth = CaseTruth.from_json((root / rel / "truth.json").read_text(encoding="utf-8"))
        assert {d.filename for d in truth.documents} | {"truth.json"} == {p.name for p in (root / rel).iterdir()}
        assert truth.shipment_date and all(d.dpi in range(150, 400) for d in truth.documents)


def test_every_shown_licence_has_its_registry_row(corpus):
    root, manifest = corpus
    with (root / "licences.csv").open(encoding="utf-8") as f:
        rows = {r["licence_number"]: r for r in csv.DictReader(f)}
    for rel in manifest["cases"]:
        truth = CaseTruth.from_json((root / rel / "truth.json").read_text(encoding="utf-8"))
        numbers = {d.fields["licence_number"] for d in truth.documents} - {None}
        for number in numbers:
            assert (number in rows) == (truth.problem != "licence_not_found")
            if truth.problem is None:
                row = rows[number]
                assert row["valid_from"] <= truth.shipment_date <= row["valid_to"]


def test_same_seed_same_bytes(corpus, tmp_path):
    root, _ = corpus
    write_corpus(tmp_path, cases=2, seed=7, photos=True, workers=1)
    assert _digests(tmp_path) == _digests(root)


def test_plan_is_half_clean_and_covers_problems():
    plans = plan_cases(30, 0)
    assert sum(p.problem is None for p in plans) == 15
    assert len({p.problem for p in plans} - {None}) == 15
    assert all(p.goods == "controlled" for p in plans if p.problem and p.problem.startswith("licence"))


def test_licence_expired_row_ends_before_shipment():
    plan = next(p for p in plan_cases(30, 0) if p.problem == "licence_expired")
    ship = make_case_shipment(plan.seed, plan.goods, plan.problem, plan.products)
    assert licence_record(ship).row()["valid_to"] < ship.shipped_date.isoformat()


def test_cli_writes_a_corpus(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="inspector")
    add_synth_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["synth", str(tmp_path / "out"), "--cases", "1", "--seed", "3", "--workers", "1"])
    assert args.func(args) == 0
    out, err = capsys.readouterr()
    assert out.count("\n") == 1 and "1 cases" in out and "[1/1]" in err
    assert (tmp_path / "out" / "corpus.json").exists()
    bad = parser.parse_args(["synth", str(tmp_path / "x"), "--cases", "0"])
    assert run_synth(bad) == 2


@pytest.mark.slow
def test_thirty_cases_in_under_two_minutes(tmp_path):
    start = time.monotonic()
    write_corpus(tmp_path, cases=30, seed=1, workers=2)
    assert time.monotonic() - start < 120
