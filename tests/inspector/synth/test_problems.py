"""Each planted problem of the corpus is really in the generated data, and labelled with its finding code."""

from __future__ import annotations

import csv
import datetime as dt
import random

import pytest
from rapidfuzz import fuzz

from inspector.models import DocType
from inspector.paths import resource
from inspector.synth.case import default_doc_types, planted_codes
from inspector.synth.render import render_document
from inspector.synth.shipment import (
    CONTROL_FAMILY,
    COVER_HEADINGS,
    NEW_PROBLEMS,
    PLANTED,
    diversion_countries,
    licence_record,
    make_shipment,
    reference_low_usd_per_kg,
    totals,
)

BL, INV, PL = DocType.BILL_OF_LADING, DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST


def _ship(problem, seed=3, goods="controlled"):
    return make_shipment(random.Random(seed), goods=goods, problem=problem)


def _docs(ship, seed=3):
    return {t: render_document(ship, t, random.Random(f"{seed}:{t}")) for t in default_doc_types(ship)}


@pytest.mark.parametrize("problem", NEW_PROBLEMS)
def test_planted_code_is_labelled(problem):
    ship = _ship(problem, goods="ordinary")
    assert set(PLANTED[problem]) <= set(planted_codes(ship))
    assert ship.problem == problem


def test_cover_headings_are_named_in_keywords_and_exist():
    cover = {r["family"]: r["misdeclaration_cover_headings"]
             for r in csv.DictReader(resource("data", "controls", "keywords.csv").open(encoding="utf-8"))}
    hs = {r["hscode"] for r in csv.DictReader(resource("data", "hs", "harmonized-system.csv").open(encoding="utf-8"))}
    for key, codes in COVER_HEADINGS.items():
        text = cover[CONTROL_FAMILY[key]]
        text += cover.get(text.split(";")[0].removeprefix("as "), "")  # "as rare_earth_dy; ..."
        for code in codes:
            assert code in hs and code[:4] in text, (key, code)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hs_description_mismatch_on_every_document(seed):
    ship = _ship("hs_description_mismatch", seed)
    for doc in _docs(ship, seed).values():
        for item in doc.items:
            if item.hs_code:
                assert any(item.hs_code.startswith(c) for cs in COVER_HEADINGS.values() for c in cs)
    assert any(w in ship.lines[0].spec.description for w in ("OXIDE", "GALLIUM", "GERMANIUM", "GRAPHITE", "APT"))


def test_weight_sum_mismatch_on_packing_list_only():
    ship = _ship("weight_sum_mismatch")
    docs = _docs(ship)
    pl = docs[PL]
    assert sum(i.net_weight_kg for i in pl.items) != pytest.approx(pl.fields["total_net_weight_kg"], abs=1)
    assert pl.fields["total_net_weight_kg"] == docs[INV].fields["total_net_weight_kg"]


@pytest.mark.parametrize("seed", range(1, 7))
def test_date_inconsistent(seed):
    ship = _ship("date_inconsistent", seed)
    docs = _docs(ship, seed)
    bl_date = dt.date.fromisoformat(docs[BL].fields["date"])
    if "LICENCE_EXPIRED" in ship.extra_planted:
        assert dt.date.fromisoformat(docs[DocType.EXPORT_LICENCE].fields["date"]) > bl_date
    else:
        assert bl_date < dt.date.fromisoformat(docs[INV].fields["date"])


def test_licence_rows_tailored():
    assert licence_record(_ship("licence_not_found")) is None
    expired = _ship("licence_expired")
    assert licence_record(expired).valid_to < expired.shipped_date
    exceeded = _ship("licence_exceeded")
    assert licence_record(exceeded).quantity_kg < totals(exceeded.lines)[0]
    for seed in (1, 2, 3, 4):
        ship = _ship("licence_mismatch", seed)
        row = licence_record(ship)
        assert (row.consignee, row.destination_country) != (ship.consignee.name, ship.destination_country)
    clean = _ship(None)
    row = licence_record(clean)
    assert row.valid_from <= clean.shipped_date <= row.valid_to and row.quantity_kg >= totals(clean.lines)[0]
    assert row.consignee == clean.consignee.name and row.licence_number == clean.licence_number


@pytest.mark.parametrize("seed", range(1, 9))
def test_watchlist_party_is_a_close_variant(seed):
    ship = _ship("watchlist_party", seed)
    entry = ship.watchlist_entry
    names = {ship.consignee.name, ship.end_user.name}
    assert entry.name not in names
    assert max(fuzz.ratio(entry.name.lower(), n.lower()) for n in names) >= 85
    assert entry.country == ship.destination_country


def test_route_risk_shows_transit():
    ship = _ship("route_risk")
    (country,) = ship.transit_countries
    assert country in diversion_countries(ship.lines[0].spec.key) and country != ship.destination_country


def test_value_outlier_far_below_reference():
    ship = _ship("value_outlier")
    for line in ship.lines:
        assert line.value / line.net_kg < 0.25 * reference_low_usd_per_kg(line.spec.key)
