"""Every document type and layout renders a legible A4 page; scan profiles really rotate and downscale."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from inspector.models import DocType
from inspector.synth.render import LAYOUTS, render_document
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.shipment import make_shipment

ALL_LAYOUTS = [(t, name) for t, layouts in LAYOUTS.items() for name in layouts]


@pytest.mark.parametrize("doc_type,layout", ALL_LAYOUTS, ids=lambda v: str(v))
def test_every_layout_renders_an_a4_page_with_ink(doc_type, layout):
    ship = make_shipment(random.Random(5), goods="controlled")
    out = render_document(ship, doc_type, random.Random(1), layout=layout)
    page = np.asarray(out.pages[0])
    assert out.pages[0].size == (2480, 3508)
    assert 0.01 < (page < 128).mean() < 0.2  # text and rules, not a blank or black page
    assert out.fields["document_number"]


def test_document_types_cover_the_contract():
    assert set(LAYOUTS) == set(DocType) - {DocType.UNKNOWN}


def test_extra_page_adds_a_back_page():
    ship = make_shipment(random.Random(5))
    out = render_document(ship, DocType.BILL_OF_LADING, random.Random(1), extra_page=True)
    assert len(out.pages) == 2


def test_licence_cannot_be_rendered_when_missing():
    ship = make_shipment(random.Random(5), problem="licence_missing")
    with pytest.raises(ValueError):
        render_document(ship, DocType.EXPORT_LICENCE, random.Random(1))


def _line_page() -> Image.Image:
    img = Image.new("L", (2480, 3508), 255)
    ImageDraw.Draw(img).line((200, 1750, 2280, 1750), fill=0, width=6)
    return img


def _line_rows(img: Image.Image, x: int) -> float:
    column = np.asarray(img)[:, x]
    return float(np.median(np.flatnonzero(column < 128)))  # median: a stray pepper dot must not move it


def test_200_dpi_scan_is_two_thirds_the_size_and_says_so():
    out = simulate_scan(_line_page(), ScanProfile(dpi=200), random.Random(0))
    assert out.size == (1653, 2339)
    assert out.info["dpi"] == (200, 200)


def test_angle_rotates_the_page_with_white_fill():
    out = simulate_scan(_line_page(), ScanProfile(angle=2.0), random.Random(0))
    drop = _line_rows(out, 400) - _line_rows(out, 2080)  # counter-clockwise: the right end rises
    assert drop == pytest.approx(1680 * np.tan(np.radians(2.0)), abs=4)
    assert np.asarray(out)[:20, :20].min() == 255


def test_noise_blur_and_jpeg_degrade_but_keep_the_page():
    profile = ScanProfile(blur=1.0, noise=8.0, jpeg_quality=60, salt_pepper=0.001, uneven_light=0.2)
    clean = np.asarray(_line_page(), dtype=float)
    out = np.asarray(simulate_scan(_line_page(), profile, random.Random(0)), dtype=float)
    assert out.shape == clean.shape
    assert 2 < np.abs(out - clean).mean() < 60
    assert _line_rows(Image.fromarray(out.astype(np.uint8)), 1240) == pytest.approx(1750, abs=3)


def test_profile_rejects_other_dpis():
    with pytest.raises(ValueError):
        ScanProfile(dpi=150)
