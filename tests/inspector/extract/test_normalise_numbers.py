"""Tests of parse_number / parse_int, both decimal conventions and OCR noise."""

from __future__ import annotations

import pytest

from inspector.extract.normalise import parse_int, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,500.00", 12500.0),
        ("12.500,00", 12500.0),
        ("12 500,5", 12500.5),
        ("1 234 567", 1234567.0),
        ("12'500.50", 12500.5),
        ("1,234", 1234.0),  # lone separator + 3 digits = thousands
        ("1.234", 1234.0),
        ("0.125", 0.125),  # ...unless the integer part is 0
        ("1234.567", 1234.567),  # ...or longer than a thousands group
        ("12,5", 12.5),
        ("0,5", 0.5),
        ("12500", 12500.0),
        ("1,234,567.89", 1234567.89),
        ("1.234.567,89", 1234567.89),
        ("USD 12,500.00", 12500.0),
        ("$12,500.00", 12500.0),
        ("12.500,00 EUR", 12500.0),
        ("(12.5)", -12.5),
        ("( 12.5 )", -12.5),
        ("-12.5", -12.5),
        ("USD -12.5", -12.5),
        ("l2,5OO.OO", 12500.0),  # OCR: l -> 1, O -> 0
        ("12, 500.00", 12500.0),  # OCR stray spaces
        ("12,500. 00", 12500.0),
        ("12,500.00.", 12500.0),  # trailing punctuation
        ("１２，５００．００", 12500.0),  # full-width
        ("INV-2026", 2026.0),  # a hyphen after a word is not a minus sign
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", "-", "N/A", "USD", "1.2.3", "12.50,0", "2026 03 12", "12.5.2026", "12 and 13", None],
)
def test_parse_number_refuses(text: str | None) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120 CTNS", 120),
        ("120 bags", 120),
        ("120件", 120),
        ("1,200 PKGS", 1200),
        ("1.200 bags", 1200),
        ("12O cartons", 120),
        ("Packages: 36 pallets", 36),
    ],
)
def test_parse_int(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize("text", ["12.5 pkgs", "一百二十", "", "-", "bags"])
def test_parse_int_refuses(text: str) -> None:
    assert parse_int(text) is None
