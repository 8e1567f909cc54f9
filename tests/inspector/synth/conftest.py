"""Shared helpers for the synthetic-case tests."""

from __future__ import annotations

import random

import pytest

from inspector.models import DocType
from inspector.synth.case import default_doc_types
from inspector.synth.render import render_document
from inspector.synth.shipment import LEGACY_PROBLEMS, Shipment, make_shipment


def rendered_case(seed: int, goods: str = "controlled", problem: str | None = None):
    """The shipment and, per document type, what the renderer drew (no files written)."""
    ship = make_shipment(random.Random(seed), goods=goods, problem=problem)
    docs = {t: render_document(ship, t, random.Random(f"{seed}:{t}")) for t in default_doc_types(ship)}
    return ship, docs


CASES = [(seed, goods, problem) for seed in (1, 2) for goods in ("controlled", "ordinary")
         for problem in (None, *LEGACY_PROBLEMS, "weight_sum_mismatch", "date_inconsistent", "watchlist_party")
         if not (goods == "ordinary" and problem == "licence_missing")]


@pytest.fixture(scope="session", params=CASES, ids=lambda c: f"{c[0]}-{c[1]}-{c[2]}")
def case(request) -> tuple[Shipment, dict[DocType, object]]:
    """One rendered case per (seed, goods, problem)."""
    return rendered_case(*request.param)
