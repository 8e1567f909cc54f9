"""Every normaliser takes any OCR garbage without raising, and the country table loads once."""

from __future__ import annotations

import datetime as dt
import random
import string

import pytest

import inspector.extract.normalise as norm
from inspector.extract.normalise.countries import country_index

_ALPHABET = string.printable + "年月日十二〇一吨千克公斤￥¥€$（）：，。、中国德国香港OlI"
_NOISE = [
    "".join(random.Random(seed).choice(_ALPHABET) for _ in range(seed % 40)) for seed in range(300)
]


_RETURNS: dict[str, type | tuple[type, ...]] = {
    "clean_party": str,
    "normalise_party_key": str,
    "containers_in": list,
    "countries_in": list,
    "iso6346_valid": bool,
    "parse_number": float,
    "parse_weight": float,
    "parse_int": int,
    "parse_date": dt.date,
}


@pytest.mark.parametrize("name", [n for n in norm.__all__ if n != "iso6346_check_digit"])
def test_no_exception_on_noise(name: str) -> None:
    func, expected = getattr(norm, name), _RETURNS.get(name, str)
    for text in _NOISE:
        result = func(text)
        assert isinstance(result, expected) or (result is None and expected not in (list, bool))


def test_all_exports_exist() -> None:
    assert all(callable(getattr(norm, name)) for name in norm.__all__)


def test_country_index_is_loaded_once_and_complete() -> None:
    index = country_index()
    assert index is country_index()
    assert len(index.alpha2) >= 240
    assert index.alpha3["DEU"] == "DE"
    assert index.english["germany"] == "DE"
