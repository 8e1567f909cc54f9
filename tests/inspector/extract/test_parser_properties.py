"""Property-based tests (hypothesis) of every text parser: numbers, weights, dates, HS codes, container
numbers (ISO 6346), countries, currencies, Tesseract TSV and PDF dates.

Properties: no parser raises on any text; what the paperwork formatter writes (`inspector.synth.fmt`, the
variants seen on real papers) reads back to the value it was given; a container number with its ISO 6346
check digit validates and one changed digit does not.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import inspector.extract.normalise as norm
from inspector.extract.normalise.codes import _LETTER_VALUES
from inspector.extract.normalise.numbers import digits_to_float, find_number
from inspector.forensics.pdf_structure import parse_pdf_date
from inspector.ocr.tesseract import parse_tsv
from inspector.synth import fmt
from inspector.synth.catalogue import COUNTRIES

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any text, and text made of what paperwork is made of (digits, separators, units, CJK dates), so the
# parsers' interesting branches are reached, not only their "nothing here" exit.
PAPER = st.text(alphabet="0123456789.,'’ -/()$€¥:：年月日十二〇OIlSBkgKGSMTlbsUSDCNY\u00a0\u202f", max_size=40)
ANY_TEXT = st.one_of(st.text(max_size=80), PAPER)
PARSERS = {
    "parse_number": norm.parse_number, "parse_int": norm.parse_int, "parse_weight": norm.parse_weight,
    "weight_unit": norm.weight_unit, "parse_date": norm.parse_date, "normalise_hs": norm.normalise_hs,
    "normalise_container": norm.normalise_container, "containers_in": norm.containers_in,
    "iso6346_valid": norm.iso6346_valid, "normalise_currency": norm.normalise_currency,
    "country_code": norm.country_code, "countries_in": norm.countries_in, "clean_party": norm.clean_party,
    "normalise_party_key": norm.normalise_party_key, "find_number": find_number,
    "parse_pdf_date": parse_pdf_date, "parse_tsv": parse_tsv,
}  # fmt: skip


def test_every_exported_parser_is_covered() -> None:
    assert set(norm.__all__) - {"iso6346_check_digit"} <= set(PARSERS)


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_no_parser_raises_on_any_text(name: str) -> None:
    parse = PARSERS[name]

    @FAST
    @given(ANY_TEXT)
    def never_raises(text: str) -> None:
        parse(text)

    never_raises()


@FAST
@given(st.from_regex(r"\A[0-9]{1,12}([.,'’ ][0-9]{1,4}){0,4}\Z"))
def test_digits_to_float_never_raises_on_a_matched_number(raw: str) -> None:
    value = digits_to_float(raw)
    assert value is None or value >= 0


@FAST
@given(st.integers(0, 10**11), st.sampled_from([0, 1, 2]), st.booleans())
def test_numbers_read_back(cents: int, decimals: int, thousands: bool) -> None:
    x = round(cents / 100, decimals)
    assert norm.parse_number(fmt.number(x, decimals, thousands)) == pytest.approx(x, rel=1e-12, abs=1e-9)


@FAST
@given(st.integers(0, 10**9), st.sampled_from(["{:,}", "{}", "{:,} CTNS", "{}件", "TOTAL: {:,} PKGS"]))
def test_whole_numbers_read_back(n: int, form: str) -> None:
    assert norm.parse_int(form.format(n)) == n


@FAST
@given(st.integers(1, 10**10), st.sampled_from(fmt.WEIGHT_STYLES))
def test_weights_read_back_in_kg(centikilos: int, style: str) -> None:
    # what each style can carry: kgs and plain two decimals, kg one, tonnes three (whole kilograms)
    kg = {"kg": round(centikilos / 100, 1), "mt": float(centikilos // 100 or 1)}.get(style, centikilos / 100)
    assert norm.parse_weight(fmt.weight(kg, style)) == pytest.approx(kg, rel=1e-9, abs=1e-6), fmt.weight(kg, style)


@FAST
@given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
       st.sampled_from(sorted(set(fmt.DATE_STYLES) | set(fmt.CN_DATE_STYLES))))
def test_dates_read_back(day: dt.date, style: str) -> None:
    written = fmt.date(day, style)
    assert norm.parse_date(written) == day, written


@FAST
@given(st.from_regex(r"\A[0-9]{4}\Z"), st.lists(st.from_regex(r"\A[0-9]{2}\Z"), min_size=1, max_size=3),
       st.sampled_from([".", "-", " ", ""]), st.sampled_from(["{}", "HS CODE: {}", "H.S. {}", "税号 {}"]))
def test_hs_codes_read_back(heading: str, pairs: list[str], sep: str, form: str) -> None:
    code = heading + "".join(pairs)
    written = form.format(heading + sep + sep.join(pairs) if sep else code)
    assert norm.normalise_hs(written) == code, written


OWNER = st.from_regex(r"\A[A-Z]{3}[UJZ]\Z")
SERIAL = st.from_regex(r"\A[0-9]{6}\Z")
CONTAINER_FORMS = ["{o}{s}{c}", "{o} {s}-{c}", "{o} {s} {c}", "{o}{s}({c})", "{o}-{s}-{c}", "CNTR NO. {o}{s}/{c}"]


def _weighted_sum(owner_serial: str) -> int:
    values = [_LETTER_VALUES[c] if c.isalpha() else int(c) for c in owner_serial]
    return sum(v * 2**i for i, v in enumerate(values))


@FAST
@given(OWNER, SERIAL, st.sampled_from(CONTAINER_FORMS))
def test_a_container_number_with_its_check_digit_reads_back_and_validates(owner: str, serial: str, form: str) -> None:
    check = norm.iso6346_check_digit(owner + serial)
    written = form.format(o=owner, s=serial, c=check)
    assert norm.normalise_container(written) == f"{owner}{serial}{check}", written
    assert norm.iso6346_valid(written)


@FAST
@given(OWNER, SERIAL, st.integers(4, 10), st.integers(1, 9))
def test_one_changed_digit_fails_the_check_digit(owner: str, serial: str, position: int, shift: int) -> None:
    # ISO 6346 maps a remainder of 10 to the digit 0, as it does a remainder of 0: serials whose sum
    # leaves 10 are not to be issued (the standard says so), and only they can hide a changed digit.
    assume(_weighted_sum(owner + serial) % 11 != 10)
    number = list(f"{owner}{serial}{norm.iso6346_check_digit(owner + serial)}")
    number[position] = str((int(number[position]) + shift) % 10)
    if position < 10:
        assume(_weighted_sum("".join(number[:10])) % 11 != 10)
    assert not norm.iso6346_valid("".join(number)), "".join(number)


@FAST
@given(st.sampled_from(sorted(COUNTRIES)), st.booleans(), st.sampled_from(["{}", "MADE IN {}", "Destination: {}"]))
def test_countries_read_back(code: str, chinese: bool, form: str) -> None:
    written = form.format(fmt.country(code, chinese))
    assert norm.country_code(written) == code, written
    assert code in norm.countries_in(written)


@FAST
@given(st.integers(0, 10**10), st.sampled_from([("USD", "code"), ("USD", "symbol"), ("EUR", "code"),
                                                ("EUR", "symbol"), ("CNY", "code"), ("JPY", "code")]))
def test_money_reads_back_its_currency_and_amount(cents: int, currency_style: tuple[str, str]) -> None:
    currency, style = currency_style
    written = fmt.money(cents / 100, currency, style)
    assert norm.normalise_currency(written) == currency, written
    assert norm.parse_number(written) == pytest.approx(cents / 100, rel=1e-12, abs=1e-9)
