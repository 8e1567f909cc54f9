"""Parsing keywords.csv cells into terms and finding terms in text."""

from __future__ import annotations

from inspector.db.rules.keywords import Term, derive_family, find_term, matchable, terms_of_row


def _row(**cells: str) -> dict[str, str]:
    base = {
        "family": "fam",
        "english_names": "",
        "formulas": "",
        "trade_names": "",
        "chinese_names": "",
    }
    return {**base, **cells}


def test_bare_element_symbols_are_kept_but_never_matched() -> None:
    terms = terms_of_row(_row(formulas="Dy; Dy2O3; DyF3"))
    assert Term("fam", "Dy", "formula", "symbol") in terms
    assert [t.term for t in matchable(terms)] == ["Dy2O3", "DyF3"]


def test_brackets_notes_context_and_quotes() -> None:
    terms = terms_of_row(
        _row(
            english_names="antimony trioxide (>=99.99% listed); W heavy alloys (W-Ni-Fe, W-Ni-Cu)",
            formulas="Sb2S3 (stibnite); CdZnTe (CZT); MoO3 (context)",
            trade_names='"heavy rare earth" (HREE); SmCo magnets (钐钴磁铁)',
            chinese_names="钼; 氧化钼(背景)",
        )
    )
    pairs = {(t.term, t.lang) for t in terms}
    assert {("antimony trioxide", "en"), ("W heavy alloys", "en"), ("Sb2S3", "formula")} <= pairs
    assert {("CZT", "formula"), ("heavy rare earth", "en"), ("HREE", "formula")} <= pairs
    assert {("钐钴磁铁", "zh"), ("钼", "zh")} <= pairs
    assert not {t.term for t in terms} & {"stibnite", "MoO3", "氧化钼", "context"}


def test_find_term_english_is_case_insensitive_and_word_bounded() -> None:
    assert find_term("DYSPROSIUM OXIDE 99.5%", "dysprosium oxide", "en") == 0
    assert find_term("holmium-dysprosiumish", "dysprosium", "en") == -1


def test_find_term_formula_is_case_sensitive_and_word_bounded() -> None:
    assert find_term("oxide Dy2O3 min 99%", "Dy2O3", "formula") == 6
    assert find_term("oxide dy2o3", "Dy2O3", "formula") == -1
    assert find_term("XDy2O3", "Dy2O3", "formula") == -1


def test_find_term_chinese_is_a_substring() -> None:
    assert find_term("出口氧化镝99.5%", "镝", "zh") == 4
    assert find_term("出口氧化铝", "镝", "zh") == -1


def test_derive_family_prefers_the_longest_keyword_then_a_unique_hs6() -> None:
    terms = [Term("gallium", "gallium", "en", "name"), Term("indium", "indium", "en", "name")]
    hs6 = {"gallium": ["811292"], "indium": ["811292", "285390"], "superhard": ["710510"]}
    assert derive_family("Indium gallium arsenide", None, terms, hs6) == "gallium"
    assert derive_family("Artificial diamond crystals", "71051020", terms, hs6) == "superhard"
    assert derive_family("Something", "8112921090", terms, hs6) == "other"  # shared HS6
    assert derive_family("Superhard-material items", None, terms, hs6) == "superhard"
