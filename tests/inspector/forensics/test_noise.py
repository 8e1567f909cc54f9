"""noise: a pasted block (splice) is found where it is; genuine, re-saved and fax-like scans stay quiet.

Pages: tests/inspector/forensics/pages.py."""

from __future__ import annotations

import numpy as np
import pytest

from inspector.forensics.base import PageEvidence
from inspector.forensics.noise import noise
from inspector.intake.sniff import FileKind
from inspector.models import Document, OcrPage
from inspector.synth.scan import ScanProfile
from inspector.synth.tamper import make_pair
from tests.inspector.forensics.pages import FAX, overlap
from tests.inspector.forensics.pages import scanned_evidence as evidence


@pytest.fixture(scope="module")
def spliced():
    pair = make_pair(77, 2, "splice")  # a value pasted over with a block of another scan
    assert pair.edit.page == 0
    return pair


def test_a_spliced_value_is_the_strongest_signal_and_stands_out(spliced, tmp_path) -> None:
    ev = evidence(spliced.forged_page, spliced.rendered.drawn, tmp_path / "forged.jpg")
    signals = sorted(noise(ev), key=lambda s: -s.score)
    assert signals, "the splice must be seen"
    top = signals[0]
    assert overlap(top.bbox, spliced.edit.bbox)
    assert top.score >= 5.0
    assert top.detail["tone_step"] < -3  # the donor paper is darker than this page's
    assert top.overlay is not None and top.overlay.heatmap is not None
    assert float(top.overlay.heatmap.min()) >= 0.0 and float(top.overlay.heatmap.max()) <= 1.0


def test_the_same_page_untouched_and_resaved_stays_under_the_splice(spliced, tmp_path) -> None:
    for name, resave in (("control.jpg", None), ("resaved.jpg", 45)):
        ev = evidence(spliced.rendered.pages[0], spliced.rendered.drawn, tmp_path / name, resave=resave)
        scores = [s.score for s in noise(ev)]
        assert max(scores, default=0.0) < 4.0, name


def test_a_fax_like_page_has_no_grain_and_the_method_abstains(spliced, tmp_path) -> None:
    ev = evidence(spliced.forged_page, spliced.rendered.drawn, tmp_path / "fax", profile=FAX)
    assert list(noise(ev)) == []


def test_a_page_at_200_dpi_is_measured_in_its_own_geometry(spliced, tmp_path) -> None:
    profile = ScanProfile(dpi=200, blur=0.3, noise=2.5)
    forged = evidence(spliced.forged_page, spliced.rendered.drawn, tmp_path / "f200.jpg", profile)
    control = evidence(spliced.rendered.pages[0], spliced.rendered.drawn, tmp_path / "c200.jpg", profile)
    assert forged.page.dpi == 200 and forged.page.image.shape[1] < forged.clean.image.shape[1]
    top = max(noise(forged), key=lambda s: s.score)
    assert overlap(top.bbox, spliced.edit.bbox) and top.score >= 5.0
    assert max((s.score for s in noise(control)), default=0.0) < 4.0


def test_a_photo_is_not_judged(spliced, tmp_path) -> None:
    from dataclasses import replace
    ev = evidence(spliced.forged_page, spliced.rendered.drawn, tmp_path / "p.jpg")
    assert list(noise(replace(ev, clean=replace(ev.clean, photo=True)))) == []


def test_boxes_go_back_to_the_original_through_scale_turn_and_skew() -> None:
    from inspector.forensics.base import to_clean_geometry
    from inspector.forensics.original import to_original
    from inspector.imaging.orient import rotate_image
    from inspector.imaging.rescale import rescale_to_target
    from inspector.models import CleanPage, Page
    original = np.full((500, 700), 255, np.uint8)
    original[100:140, 300:380] = 0  # a mark on the original
    page = Page("x.png", 1, 200, original)
    for rotation, skew in ((0, 0.0), (90, 0.0), (270, 1.5), (180, -2.0)):
        shape = rotate_image(rescale_to_target(original, 200), rotation).shape
        clean = CleanPage("x.png", 1, np.zeros(shape, np.uint8), 200, rotation=rotation, skew=skew)
        carried = to_clean_geometry(original, page, clean)
        ys, xs = np.nonzero(carried < 128)
        box = (int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1))
        ev = PageEvidence(Document(0, "x.png"), page, clean, OcrPage(1, 1, 1, ()), FileKind.PNG)
        x0, y0, x1, y1 = to_original(ev, box)
        assert abs(x0 - 300) <= 6 and abs(y0 - 100) <= 6 and abs(x1 - 380) <= 6 and abs(y1 - 140) <= 6, rotation


def test_reverse_print_is_not_paper(tmp_path) -> None:
    """A carrier's logo, white letters in a black box, read by OCR as a word ("CS"): the box has no
    paper to compare, so it gives no signal (it used to score ~80 on this genuine bill of lading)."""
    pair = make_pair(77, 32, "digit_overwrite")  # t77 pair-0033: a COSCO bill of lading
    logo = (188, 173, 73, 41)  # the word's box as Tesseract reads it
    ev = evidence(pair.rendered.pages[0], pair.rendered.drawn, tmp_path / "control.jpg", value=logo)
    scale = ev.clean.image.shape[1] / pair.rendered.pages[0].width
    box = tuple(round(v * scale) for v in logo)
    assert not [s for s in noise(ev) if overlap(s.bbox, box, slack=0) and s.score > 2.0]
