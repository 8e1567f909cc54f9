"""Tests of country_code / countries_in against the shipped country CSV."""

from __future__ import annotations

import pytest

from inspector.extract.normalise import countries_in, country_code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("Federal Republic of Germany", "DE"),
        ("the Federal Republic of Germany", "DE"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("US", "US"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("United Kingdom", "GB"),
        ("Korea, Republic of", "KR"),
        ("Republic of Korea", "KR"),
        ("South Korea", "KR"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Hong Kong", "HK"),
        ("Hong Kong SAR, China", "HK"),
        ("Kowloon, Hong Kong", "HK"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("UAE", "AE"),
        ("United Arab Emirates", "AE"),
        ("Holland", "NL"),
        ("the Netherlands", "NL"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Côte d’Ivoire", "CI"),
        ("Trinidad & Tobago", "TT"),
        ("Guinea", "GN"),
        ("Guinea-Bissau", "GW"),
        ("Papua New Guinea", "PG"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("德国", "DE"),
        ("美国", "US"),
        ("日本", "JP"),
        ("韩国", "KR"),
        ("越南", "VN"),
        ("香港", "HK"),
        ("中国香港", "HK"),
        ("中国", "CN"),
        ("中华人民共和国", "CN"),
        ("荷兰", "NL"),
        ("俄罗斯", "RU"),
        ("阿联酋", "AE"),
        ("马来西亚", "MY"),
        ("泰国", "TH"),
        ("印度", "IN"),
        ("印度尼西亚", "ID"),  # not India
        ("原产国：中国", "CN"),
        ("DE", "DE"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("CHN", "CN"),
        ("IN", "IN"),
        ("Hamburg, Germany", "DE"),
        ("Hamburg, DE", "DE"),
        ("MADE IN CHINA", "CN"),
        ("P.R. China", "CN"),
        ("PRC", "CN"),
        ("Shanghai, China.", "CN"),
        ("Gemany", "DE"),  # OCR error, fuzzy
        ("Hamburg, Gemany", "DE"),
        ("Singapore.", "SG"),
    ],
)
def test_country_code(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello world",
        "Korea",  # North or South: not guessed
        "Congo",
        "Made in China, shipped to Germany",  # two countries
        "Chna",  # too short for fuzzy matching
        "Austrlia",  # as close to Austria as to Australia
        "XX",
        "Hamburg",
        None,
    ],
)
def test_country_code_refuses(text: str | None) -> None:
    assert country_code(text) is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("via Singapore and Malaysia", ["SG", "MY"]),
        ("经新加坡转运", ["SG"]),
        ("via Singapore, Malaysia and Singapore", ["SG", "MY"]),
        ("Transit: Hong Kong / 新加坡 / Busan, Korea", ["HK", "SG"]),
        ("经香港、新加坡转运至德国", ["HK", "SG", "DE"]),
        ("Transhipment in Hong Kong SAR, China", ["HK"]),
        ("DIRECT, IN TRANSIT", []),  # "IN" is not India here
        ("", []),
    ],
)
def test_countries_in(text: str, codes: list[str]) -> None:
    assert countries_in(text) == codes
