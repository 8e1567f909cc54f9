"""The forensic framework: perceptual hashes, the clean-page geometry, calibration and the check that
turns signals into TAMPER_SUSPECTED."""

from __future__ import annotations

import json

import cv2
import numpy as np

from inspector.checks import forensics as forensics_check
from inspector.checks.context import CheckContext
from inspector.config import Config
from inspector.forensics.base import to_clean_geometry
from inspector.forensics.phash import distance, page_phash
from inspector.forensics.thresholds import calibrate, load, write
from inspector.imaging.clean import clean_page
from inspector.models import DocType, Document, Page, Severity, Signal
from inspector.paths import DataPaths


def _page_image(seed: int) -> np.ndarray:
    """Rows of figures, like a page of text."""
    rng = np.random.default_rng(seed)
    img = np.full((1100, 850), 245, np.uint8)
    for y in range(90, 1040, 45):
        line = "  ".join(str(rng.integers(1000, 99999)) for _ in range(int(rng.integers(2, 6))))
        cv2.putText(img, line, (int(rng.integers(40, 90)), y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 20, 2)
    return img


def test_a_recompressed_page_hashes_alike_and_another_page_does_not() -> None:
    page = _page_image(1)
    ok, jpg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 60])
    again = cv2.imdecode(jpg, cv2.IMREAD_GRAYSCALE)
    assert distance(page_phash(page), page_phash(again)) <= 4
    assert distance(page_phash(page), page_phash(_page_image(2))) >= 16


def test_a_map_on_the_original_lands_where_the_clean_page_has_it() -> None:
    # a 150-dpi page tilted 2 degrees: clean-up rescales and deskews; a mark's map must follow
    base = _page_image(3)
    matrix = cv2.getRotationMatrix2D((425, 550), 2.0, 1.0)
    tilted = cv2.warpAffine(base, matrix, (850, 1100), borderValue=245)
    small = cv2.resize(tilted, (425, 550), interpolation=cv2.INTER_AREA)
    page = Page("x.png", 1, 150, small)
    clean = clean_page(page)
    assert abs(clean.skew) > 1.0 and clean.image.shape == (1100, 850)
    dark = (small < 128).astype(np.float32)
    carried = to_clean_geometry(dark, page, clean)
    assert carried.shape == clean.image.shape
    ink = clean.image < 128
    assert carried[ink].mean() > 0.5 > carried[~ink].mean()


def test_calibration_puts_the_threshold_above_the_genuine_quantile_with_roc_points(tmp_path) -> None:
    genuine = {"noise": [0.1 * i for i in range(100)]}  # 0.0 .. 9.9
    forged = {"noise": [5.0, 12.0, 15.0, 20.0]}
    table = calibrate(genuine, 0.05, forged)["noise"]
    assert 9.4 < table.threshold <= 9.5 + 1e-6
    assert sum(s >= table.threshold for s in genuine["noise"]) <= 5
    assert table.sure >= 9.9 and table.roc[0][2] > 0  # the strictest point already finds forgeries
    paths = DataPaths(tmp_path)
    write(paths.forensic_thresholds, {"noise": table}, "test", 0.05)
    assert load(paths).get("noise").threshold == table.threshold
    assert load(DataPaths(tmp_path / "none")).source == "shipped"


def _ctx(tmp_path, *signals: Signal) -> CheckContext:
    paths = DataPaths(tmp_path)
    paths.forensic_thresholds.parent.mkdir(parents=True, exist_ok=True)
    paths.forensic_thresholds.write_text(json.dumps({"methods": {
        "noise": {"threshold": 2.0, "sure": 6.0}, "glyph": {"threshold": 3.0, "sure": 9.0}}}))
    doc = Document(0, "inv.jpg", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9, signals=signals)
    return CheckContext((doc,), Config(data=paths), None, None, None)


def test_a_signal_below_its_threshold_or_of_an_uncalibrated_method_says_nothing(tmp_path) -> None:
    quiet = _ctx(tmp_path, Signal("noise", 1.9, 1, (10, 10, 50, 20)), Signal("unknown", 99.0, 1, (0, 0, 5, 5)))
    assert list(forensics_check.check(quiet)) == []


def test_signals_at_threshold_are_medium_and_sure_or_corroborated_ones_high(tmp_path) -> None:
    found = list(forensics_check.check(_ctx(tmp_path, Signal("noise", 2.5, 1, (10, 10, 50, 20), "total_value"))))
    assert [(f.code, f.severity, f.field, f.page, f.bbox) for f in found] == [
        ("TAMPER_SUSPECTED", Severity.MEDIUM, "total_value", 1, (10, 10, 50, 20))]
    assert found[0].evidence["method"] == "noise" and "疑似改动" in found[0].message_zh
    sure = list(forensics_check.check(_ctx(tmp_path, Signal("noise", 7.0, 1, (10, 10, 50, 20)))))
    assert sure[0].severity == Severity.HIGH
    both = list(forensics_check.check(_ctx(tmp_path, Signal("noise", 2.5, 1, (10, 10, 50, 20)),
                                           Signal("glyph", 3.5, 1, (30, 15, 20, 10)))))
    assert {f.severity for f in both} == {Severity.HIGH}
    assert both[0].evidence["also_found_by"]


def test_documents_that_must_stay_quiet_raise_the_threshold_above_them() -> None:
    genuine = {"tape": [0.0] * 99 + [6.2]}  # one genuine document scores: the 2% quantile would be 0
    assert calibrate(genuine, 0.02)["tape"].threshold < 0.01
    raised = calibrate(genuine, 0.02, quiet={"tape": [6.2]})["tape"]
    assert raised.threshold > 6.2 * 1.09 and raised.sure >= raised.threshold


def test_the_shipped_table_turns_an_edited_pdf_into_a_finding_and_leaves_unused_methods_out(tmp_path) -> None:
    shipped = load(None)
    assert {"noise", "glyph", "tape", "copy_move", "pdf_structure"} <= set(shipped.methods)
    assert "ela" not in shipped.methods and "jpeg_ghost" not in shipped.methods  # no recall worth a false alarm
    doc = Document(0, "inv.pdf", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9, signals=(
        Signal("pdf_structure", 1.0, None, None, None, {"cues": [{"cue": "incremental_updates", "score": 1.0}]}),))
    ctx = CheckContext((doc,), Config(data=DataPaths(tmp_path)), None, None, None)
    found = list(forensics_check.check(ctx))
    assert [(f.code, f.evidence["method"], f.page) for f in found] == [("TAMPER_SUSPECTED", "pdf_structure", None)]
    modified_only = Signal("pdf_structure", 0.6, None, None, None, {"cues": [{"cue": "modified", "score": 0.6}]})
    ctx = CheckContext((Document(0, "inv.pdf", DocType.COMMERCIAL_INVOICE, 1, signals=(modified_only,)),),
                       Config(data=DataPaths(tmp_path)), None, None, None)
    assert list(forensics_check.check(ctx)) == []  # a later save alone is no edit


def test_a_signal_genuine_documents_also_reach_is_info_and_leaves_the_lane_alone(tmp_path) -> None:
    """Between the threshold (2 % of genuine documents reach it) and the alarm (none did): info, shown
    with its box; from the alarm: medium; the lane follows."""
    from inspector.verdict import lane
    paths = DataPaths(tmp_path)
    paths.forensic_thresholds.parent.mkdir(parents=True, exist_ok=True)
    paths.forensic_thresholds.write_text(json.dumps({"methods": {
        "glyph": {"threshold": 4.0, "alarm": 6.0, "sure": 9.0}}}))

    def found(score: float):
        doc = Document(0, "inv.jpg", DocType.COMMERCIAL_INVOICE, 1, ocr_confidence=0.9,
                       signals=(Signal("glyph", score, 1, (10, 10, 50, 20), "total_value"),))
        return list(forensics_check.check(CheckContext((doc,), Config(data=paths), None, None, None)))

    assert found(3.9) == []
    (weak,) = found(4.5)
    assert weak.severity == Severity.INFO and weak.bbox == (10, 10, 50, 20) and weak.evidence["alarm"] == 6.0
    assert lane([weak]).value == "green"
    assert [f.severity for f in found(6.5)] == [Severity.MEDIUM] and lane(found(6.5)).value == "yellow"
    assert [f.severity for f in found(9.5)] == [Severity.HIGH]


def test_calibration_keeps_the_alarm_above_every_genuine_document() -> None:
    genuine = {"glyph": [0.1 * i for i in range(100)]}  # 0.0 .. 9.9
    table = calibrate(genuine, 0.02)["glyph"]
    assert table.threshold < table.alarm <= 9.9 + 2e-6 and table.alarm > 9.9 and table.sure >= table.alarm
