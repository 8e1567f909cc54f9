"""Pure functions turning OCR'd field text into normalised values (numbers, weights, dates...)."""

from __future__ import annotations

from inspector.extract.normalise.codes import (
    containers_in,
    iso6346_check_digit,
    iso6346_valid,
    normalise_container,
    normalise_currency,
    normalise_hs,
)
from inspector.extract.normalise.countries import countries_in, country_code
from inspector.extract.normalise.dates import parse_date
from inspector.extract.normalise.numbers import parse_int, parse_number
from inspector.extract.normalise.text import clean_party, normalise_party_key
from inspector.extract.normalise.weights import parse_weight, weight_unit

__all__ = [
    "clean_party",
    "containers_in",
    "countries_in",
    "country_code",
    "iso6346_check_digit",
    "iso6346_valid",
    "normalise_container",
    "normalise_currency",
    "normalise_hs",
    "normalise_party_key",
    "parse_date",
    "parse_int",
    "parse_number",
    "parse_weight",
    "weight_unit",
]
