"""Every layout of every document type: renders for several seeds, records only what it draws, stays consistent."""

from __future__ import annotations

import datetime as dt
import random
import re

import numpy as np
import pytest

from inspector.models import DocType
from inspector.synth import fmt
from inspector.synth.canvas import FAMILIES, Sheet, font
from inspector.synth.catalogue import COUNTRIES
from inspector.synth.iso6346 import is_valid
from inspector.synth.layouts.marks import chinese_name
from inspector.synth.render import LAYOUTS, render_document
from inspector.synth.scan import LIGHT, simulate_scan
from inspector.synth.shipment import make_shipment

ALL = [(t, name) for t, layouts in LAYOUTS.items() for name in sorted(layouts)]
SEEDS = (21, 22, 23)
TEXT_FIELDS = ("document_number", "exporter", "consignee", "end_user", "port_of_loading", "port_of_discharge",
               "vessel", "licence_number", "invoice_number", "currency")


def _norm(s: str) -> str:
    return re.sub(r"[^0-9A-Z\u4e00-\u9fff]", "", s.upper())


def _render(doc_type, layout, seed, goods="controlled"):
    ship = make_shipment(random.Random(seed), goods=goods)
    return ship, render_document(ship, doc_type, random.Random(f"{seed}:{layout}"), layout=layout)


def test_at_least_three_layouts_per_type():
    assert all(len(layouts) >= 3 for layouts in LAYOUTS.values())


@pytest.mark.parametrize("doc_type,layout", ALL, ids=lambda v: str(v))
@pytest.mark.parametrize("seed", SEEDS)
def test_layout_renders_and_records_only_what_it_draws(doc_type, layout, seed):
    goods = "ordinary" if seed == 22 and doc_type != DocType.EXPORT_LICENCE else "controlled"
    ship, out = _render(doc_type, layout, seed, goods)
    assert out.layout == layout and out.pages[0].size == (2480, 3508)
    ink = (np.asarray(out.pages[0].convert("L")) < 128).mean()
    assert 0.01 < ink < 0.2
    text = _norm(" ".join(d.text for d in out.drawn))
    for name in TEXT_FIELDS:
        if out.fields[name] is not None:
            assert _norm(out.fields[name]) in text, (name, out.fields[name])
    for number in out.fields["container_numbers"]:
        assert number in text
    _assert_date_drawn(out.fields["date"], out.drawn)
    for name in ("country_of_origin", "country_of_destination"):
        if out.fields[name]:
            en, cn = COUNTRIES[out.fields[name]]
            assert _norm(en) in text or cn in text, name


def _assert_date_drawn(iso: str | None, drawn) -> None:
    if iso is None:
        return
    day = dt.date.fromisoformat(iso)
    styles = fmt.DATE_STYLES + fmt.CN_DATE_STYLES
    shown = " ".join(d.text for d in drawn).upper()
    assert any(fmt.date(day, s).upper() in shown for s in styles), iso


@pytest.mark.parametrize("doc_type,layout", ALL, ids=lambda v: str(v))
def test_truth_is_consistent(doc_type, layout):
    for seed in SEEDS:
        ship, out = _render(doc_type, layout, seed)
        f = out.fields
        if f["total_net_weight_kg"] is not None and f["total_gross_weight_kg"] is not None:
            assert f["total_gross_weight_kg"] >= f["total_net_weight_kg"]
        for key, total in (("net_weight_kg", "total_net_weight_kg"), ("gross_weight_kg", "total_gross_weight_kg"),
                           ("value", "total_value")):
            values = [getattr(i, key) for i in out.items]
            if values and None not in values and f[total] is not None:
                assert sum(values) == pytest.approx(f[total], abs=0.01)
        assert all(is_valid(n) for n in f["container_numbers"])
        assert len(out.items) == len(ship.lines)
        assert all(i.hs_code is None or i.hs_code.isdigit() for i in out.items)


def test_fonts_of_every_family_load():
    for family in FAMILIES:
        assert font(30, False, False, family).getlength("INVOICE") > 0
        assert font(30, True, True, family).getlength("发票") > 0
    with pytest.raises(ValueError):
        font(30, family="comic")


def test_sheet_turns_rgb_for_seals_and_scans_in_colour():
    sheet = Sheet()
    sheet.text(200, 200, "ABC")
    sheet.use_colour()
    sheet.new_page()
    assert [p.mode for p in sheet.pages] == ["RGB", "RGB"]
    assert np.asarray(sheet.pages[0])[200:240, 200:280].min() == 0  # text kept
    scanned = simulate_scan(sheet.pages[0], LIGHT, random.Random(1))
    assert scanned.mode == "RGB" and scanned.size == (2480, 3508)


def test_seal_is_red_and_translucent():
    ship, out = _render(DocType.COMMERCIAL_INVOICE, "bilingual", 30)
    page = np.asarray(out.pages[0]).astype(int)
    red = (page[..., 0] - page[..., 2] > 60)
    assert red.sum() > 5000  # a seal was stamped
    dark_under_red = ((page[..., 0] < 120) & (page[..., 1] < 80)).sum()
    assert dark_under_red > 0  # text or signature still shows through the ink


def test_chinese_names_of_chinese_exporters():
    ship = make_shipment(random.Random(3))
    name = chinese_name(ship.exporter)
    assert name and name.endswith("有限公司")
    assert chinese_name(ship.consignee) is None
