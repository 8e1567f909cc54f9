"""Tests of parse_weight / weight_unit: units in English and Chinese, both conventions."""

from __future__ import annotations

import pytest

from inspector.extract.normalise import parse_weight, weight_unit


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("12.500,00 KGS", 12500.0),
        ("12,500.00 kg", 12500.0),
        ("480 KG", 480.0),
        ("480 kgs.", 480.0),
        ("480 K.G.", 480.0),
        ("480公斤", 480.0),
        ("净重: 480 千克", 480.0),
        ("N.W.: 480 KGS", 480.0),
        ("Net weight (KGS): 480", 480.0),
        ("25 MT", 25000.0),
        ("25 M/T", 25000.0),
        ("2.5T", 2500.0),
        ("2 TNE", 2000.0),
        ("2 tons", 2000.0),
        ("2 tonnes", 2000.0),
        ("2 吨", 2000.0),
        ("1,102.31 LBS", 500.0),
        ("480 lb", 217.72434),
        ("12lbs", 5.44311),
        ("500 g", 0.5),
        ("500 grams", 0.5),
        ("500克", 0.5),
        ("G.W. 480", 480.0),  # no unit: default kg ("G." is not grams)
        ("1O0kg", 100.0),  # OCR O -> 0
    ],
)
def test_parse_weight(text: str, kg: float) -> None:
    assert parse_weight(text) == pytest.approx(kg, rel=1e-5)


def test_default_unit() -> None:
    assert parse_weight("480", default_unit="t") == 480000.0
    assert parse_weight("480", default_unit=None) is None
    assert parse_weight("480 KGS", default_unit=None) == 480.0


@pytest.mark.parametrize(
    "text", ["", "KGS", "480 pcs", "480件", "-5 kg", "25 MT (25,000 KGS)", "480 / 500 kg"]
)
def test_parse_weight_refuses(text: str) -> None:
    assert parse_weight(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("KGS", "kg"),
        ("kgs.", "kg"),
        ("K.G.", "kg"),
        ("公斤", "kg"),
        ("千克", "kg"),
        ("MT", "t"),
        ("M/T", "t"),
        ("TNE", "t"),
        ("tonnes", "t"),
        ("吨", "t"),
        ("LBS", "lb"),
        ("lb", "lb"),
        ("grams", "g"),
        ("克", "g"),
        ("25 T", "t"),
        ("500 g", "g"),
    ],
)
def test_weight_unit(text: str, unit: str) -> None:
    assert weight_unit(text) == unit


@pytest.mark.parametrize("text", ["", "G.W.", "T/T", "480", "kg or lbs", "Total"])
def test_weight_unit_refuses(text: str) -> None:
    assert weight_unit(text) is None
