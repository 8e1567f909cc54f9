"""Tests of clean_party / normalise_party_key."""

from __future__ import annotations

import pytest

from inspector.extract.normalise import clean_party, normalise_party_key


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        (": ABC Trading Co., Ltd.", "ABC Trading Co., Ltd."),
        ("：中国五矿集团有限公司", "中国五矿集团有限公司"),
        ("  ABC   Trading\nCo.,Ltd. ,", "ABC Trading Co.,Ltd."),
        ("中 国 五 矿 集 团", "中国五矿集团"),  # OCR spaces between Chinese characters
        ("\u3000ABC GmbH\u3000", "ABC GmbH"),
        ("- ABC Inc. ;", "ABC Inc."),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_party(text: str | None, cleaned: str) -> None:
    assert clean_party(text) == cleaned


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ABC Trading Co., Ltd.", "abc trading"),
        ("abc trading company limited", "abc trading"),
        ("ABC TRADING CO.,LTD", "abc trading"),
        ("ABC Co.Ltd", "abc"),
        ("ABC GmbH & Co. KG", "abc"),
        ("ABC Inc.", "abc"),
        ("ABC Corp.", "abc"),
        ("ABC LLC", "abc"),
        ("Glencore S.A.", "glencore"),
        ("J.P. Morgan Ltd", "jp morgan"),
        ("ABC (Shanghai) Co., Ltd.", "abc shanghai"),
        ("Limited Edition Trading", "limited edition trading"),  # only trailing suffixes go
        ("中国五矿集团有限公司", "中国五矿集团"),
        ("中国五矿集团公司", "中国五矿集团"),
        ("北京某某股份有限公司", "北京某某"),
        ("赣州 稀土 有限责任公司", "赣州稀土"),
        ("Müller GmbH", "müller"),
        ("", ""),
    ],
)
def test_normalise_party_key(text: str, key: str) -> None:
    assert normalise_party_key(text) == key


def test_party_keys_match_across_spellings() -> None:
    a = normalise_party_key(": ABC Rare Earth Trading Co., Ltd.")
    b = normalise_party_key("ABC RARE-EARTH TRADING COMPANY LIMITED")
    assert a == b == "abc rare earth trading"
    assert normalise_party_key("ABC Trading Ltd") != normalise_party_key("ABD Trading Ltd")
