"""Tests of HS codes, ISO 6346 container numbers and currencies."""

from __future__ import annotations

import pytest

from inspector.extract.normalise import (
    containers_in,
    iso6346_check_digit,
    iso6346_valid,
    normalise_container,
    normalise_currency,
    normalise_hs,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2846.90.19", "28469019"),
        ("HS CODE: 8112.92-10 10", "8112921010"),
        ("28469019", "28469019"),
        ("2846 90 19", "28469019"),
        ("8112.92", "811292"),
        ("海关编码：2846901900", "2846901900"),
        ("HS: 2846.9O.l9", "28469019"),  # O -> 0, l -> 1 inside a numeric token
        ("HS: 8S05.B0", "850580"),  # S -> 5, B -> 8
        ("HS CODE: 2846.90.19.", "28469019"),
        ("2846.90.19 500 KGS", "28469019"),  # the quantity is not part of the code
        ("HS 2846.90.19 / 2846.90.19", "28469019"),  # repeated, same code
    ],
)
def test_normalise_hs(text: str, code: str) -> None:
    assert normalise_hs(text) == code


@pytest.mark.parametrize(
    "text",
    ["", "HS CODE", "12345", "ISO 9001", "HS 2846.90 and 8112.92", "28469O19X", None],
)
def test_normalise_hs_refuses(text: str | None) -> None:
    assert normalise_hs(text) is None


@pytest.mark.parametrize(
    ("owner_serial", "digit"),
    [
        ("CSQU305438", 3),  # the example of ISO 6346
        ("BICU123456", 5),  # BIC's example
        ("csqu305438", 3),
    ],
)
def test_iso6346_check_digit(owner_serial: str, digit: int) -> None:
    assert iso6346_check_digit(owner_serial) == digit


@pytest.mark.parametrize("bad", ["CSQU30543", "CSQ1305438", "1234305438", ""])
def test_iso6346_check_digit_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        iso6346_check_digit(bad)


def test_iso6346_by_hand() -> None:
    # A=10, U=32; weights 1, 2, 4, ... 512.
    # AAAU000000: 10 + 20 + 40 + 32*8 = 326 = 29*11 + 7 -> 7.
    assert iso6346_check_digit("AAAU000000") == 7
    # AAAU000010: 326 + 1*256 = 582 = 52*11 + 10 -> remainder 10 gives check digit 0.
    assert iso6346_check_digit("AAAU000010") == 0


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("CSQU3054383", True),
        ("CSQU 305438 3", True),
        ("BICU1234565", True),
        ("CSQU3054384", False),
        ("BICU1234567", False),
        ("not a container", False),
        ("", False),
    ],
)
def test_iso6346_valid(number: str, valid: bool) -> None:
    assert iso6346_valid(number) is valid


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("MSKU 123456-7", "MSKU1234567"),
        ("MSKU1234567", "MSKU1234567"),
        ("msku 123456 7", "MSKU1234567"),
        ("MSKU123456(7)", "MSKU1234567"),
        ("MSKU 123456/7", "MSKU1234567"),
        ("TEMU 1234567 40HC", "TEMU1234567"),
        ("MSKU 12345O-7", "MSKU1234507"),  # OCR O -> 0 in the serial
    ],
)
def test_normalise_container(text: str, number: str) -> None:
    assert normalise_container(text) == number


@pytest.mark.parametrize(
    "text", ["", "MSKU12345678", "ABCD1234567", "MSKU12345", "MSKU1234567, TGHU7654321"]
)
def test_normalise_container_refuses(text: str) -> None:
    assert normalise_container(text) is None


def test_containers_in() -> None:
    text = "Containers: MSKU 123456-7, TGHU7654321 / msku1234567\nSeal: 123456"
    assert containers_in(text) == ["MSKU1234567", "TGHU7654321"]
    assert containers_in("no containers here, 1234567") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USD", "USD"),
        ("usd", "USD"),
        ("US$", "USD"),
        ("US$12,500.00", "USD"),
        ("$", "USD"),
        ("$12,500.00", "USD"),
        ("Amount in US Dollars", "USD"),
        ("美元", "USD"),
        ("EUR", "EUR"),
        ("€ 12.500,00", "EUR"),
        ("Euro", "EUR"),
        ("CNY", "CNY"),
        ("RMB", "CNY"),
        ("RMB12,500", "CNY"),
        ("人民币", "CNY"),
        ("CNH", "CNY"),
        ("JPY", "JPY"),
        ("日元", "JPY"),
        ("HKD", "HKD"),
        ("HK$ 100", "HKD"),
        ("港币", "HKD"),
        ("S$ 10", "SGD"),
        ("GBP", "GBP"),
        ("£5", "GBP"),
        ("RMB ¥ 12,500", "CNY"),  # ¥ with context
        ("总价：¥12,500", "CNY"),  # Chinese text
        ("合計 ¥12,500 です", "JPY"),  # kana
        ("ALL CHARGES PREPAID, USD", "USD"),  # upper-case words are not codes
        ("TRY", "TRY"),
    ],
)
def test_normalise_currency(text: str, code: str) -> None:
    assert normalise_currency(text) == code


@pytest.mark.parametrize(
    "text",
    ["", "¥", "¥12,500", "12,500.00", "USD 100 / EUR 90", "Europe", "Try again", "KGS", None],
)
def test_normalise_currency_refuses(text: str | None) -> None:
    assert normalise_currency(text) is None
