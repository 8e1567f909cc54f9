"""Tests of parse_date: numeric, month-name and Chinese forms; impossible dates refused."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.extract.normalise import parse_date

MAR_12 = dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-12", MAR_12),
        ("2026/03/12", MAR_12),
        ("2026.03.12", MAR_12),
        ("2026-3-12", MAR_12),
        ("2026-03-12T10:00:00", MAR_12),
        ("20260312", MAR_12),
        ("12/03/2026", MAR_12),  # day first: the international convention
        ("12.03.2026", MAR_12),
        ("12-03-2026", MAR_12),
        ("03/12/2026", dt.date(2026, 12, 3)),  # still day first
        ("13/03/2026", dt.date(2026, 3, 13)),  # first > 12: unambiguous
        ("03/13/2026", dt.date(2026, 3, 13)),  # second > 12: month first
        ("12 Mar 2026", MAR_12),
        ("12-MAR-2026", MAR_12),
        ("12 March, 2026", MAR_12),
        ("12th of March 2026", MAR_12),
        ("Mar 12, 2026", MAR_12),
        ("March 12th 2026", MAR_12),
        ("Sept. 3, 2026", dt.date(2026, 9, 3)),
        ("2026-Mar-12", MAR_12),
        ("2026年3月12日", MAR_12),
        ("2026 年 03 月 12 日", MAR_12),  # OCR spaces
        ("２０２６年３月１２日", MAR_12),  # full-width digits
        ("2026 干 3 月 12 日", MAR_12),  # 年 misread as 干
        ("2026午3月12曰", MAR_12),  # 年 as 午, 日 as 曰
        ("二〇二六年三月十二日", MAR_12),
        ("二〇二六年十月一日", dt.date(2026, 10, 1)),
        ("二〇二六年十二月三十一日", dt.date(2026, 12, 31)),
        ("Date: 2O26-O3-l2", MAR_12),  # OCR O -> 0, l -> 1
        ("Dated 1 May 2026.", dt.date(2026, 5, 1)),
        ("ETD: 2026-03-12 ETA 2026-04-01", MAR_12),  # the first date
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "2026-02-30",  # impossible
        "2025-02-29",  # not a leap year
        "31/31/2026",
        "2026-13-01",
        "32 Mar 2026",
        "1800-01-01",  # out of range
        "12 mar 26",  # two-digit year: not guessed
        "Invoice 12345678",
        "Remark 2026",
        "二〇二六年十三月一日",
        None,
    ],
)
def test_parse_date_refuses(text: str | None) -> None:
    assert parse_date(text) is None
