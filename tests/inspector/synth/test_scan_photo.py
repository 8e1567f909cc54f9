"""Scan profiles (fax, RGB, random mixes) and phone photos."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image, ImageOps

from inspector.synth.photo import PHOTO_SIZE, simulate_photo
from inspector.synth.scan import ScanProfile, random_profile, simulate_scan


def _page(mode="L"):
    img = Image.new(mode, (2480, 3508), 255 if mode == "L" else (255, 255, 255))
    img.paste(0 if mode == "L" else (200, 0, 0), (400, 400, 2000, 900))
    return img


def test_fax_profile_is_binary_and_halved_vertically():
    out = simulate_scan(_page(), ScanProfile(dpi=200, fax=True, speckle=0.001), random.Random(1))
    arr = np.asarray(out)
    assert set(np.unique(arr)) <= {0, 255}
    assert out.size == (1653, 2339)
    assert ((arr[:, :1000] == 0).mean()) > 0  # specks or the block survive


def test_rgb_page_keeps_colour():
    out = simulate_scan(_page("RGB"), ScanProfile(angle=2.0, noise=3, jpeg_quality=60, uneven_light=0.1),
                        random.Random(2))
    r, g, b = (np.asarray(out)[600:700, 1000:1200, i].mean() for i in range(3))
    assert out.mode == "RGB" and r > g + 60 and r > b + 60


def test_random_profiles_are_a_realistic_mix():
    rng = random.Random(0)
    profiles = [random_profile(rng) for _ in range(400)]
    assert all(abs(p.angle) <= 4 for p in profiles)
    assert all(p.jpeg_quality is None or 30 <= p.jpeg_quality <= 90 for p in profiles)
    dpis = [p.dpi for p in profiles if not p.fax]
    assert dpis.count(300) > dpis.count(200) > 0
    assert 0 < sum(p.fax for p in profiles) < 100


def test_photo_puts_a_warped_page_on_a_background():
    for seed in range(3):
        shot = simulate_photo(_page(), random.Random(seed))
        upright = ImageOps.exif_transpose(_reload(shot))
        assert upright.size == PHOTO_SIZE
        quad = np.array(shot.info["page_quad"], dtype=float)
        assert (quad >= 0).all() and (quad[:, 0] < PHOTO_SIZE[0]).all() and (quad[:, 1] < PHOTO_SIZE[1]).all()
        area = 0.5 * abs(np.dot(quad[:, 0], np.roll(quad[:, 1], 1)) - np.dot(quad[:, 1], np.roll(quad[:, 0], 1)))
        assert 0.5 < area / (PHOTO_SIZE[0] * PHOTO_SIZE[1]) < 0.9
        edges = np.diff(quad, axis=0, append=quad[:1])
        assert not np.allclose(edges[0][1], 0, atol=1) or not np.allclose(edges[2][1], 0, atol=1)  # not axis-aligned
        assert 75 <= shot.info["jpeg_quality"] <= 92


def test_photo_exif_orientation_makes_it_upright():
    shots = [simulate_photo(_page(), random.Random(seed)) for seed in (4, 5)]
    rotated = [s for s in shots if s.info.get("exif")]
    assert rotated
    for shot in rotated:
        assert shot.size == PHOTO_SIZE[::-1]
        assert ImageOps.exif_transpose(_reload(shot)).size == PHOTO_SIZE


def _reload(shot: Image.Image) -> Image.Image:
    buf = io.BytesIO()
    shot.save(buf, format="JPEG", quality=80, exif=shot.info.get("exif", b""))
    buf.seek(0)
    return Image.open(buf)
