"""Party resolution: a consignee spelt three ways is one entity; another company is not."""

from __future__ import annotations

from inspector.history.entities import (
    SAME_ENTITY,
    best_match,
    blocking_tokens,
    party_key,
    similarity,
)

SPELLINGS = ("Lion City Materials Trading Pte. Ltd.", "LION CITY MATERIALS TRADING PRIVATE LIMITED",
             "Lion City Material Trading Pte Ltd", "Lion  City Materials Trading Pte. Ltd.")


def test_spellings_of_one_company_are_one_entity_and_share_a_blocking_token() -> None:
    base = party_key(SPELLINGS[0])
    for name in SPELLINGS[1:]:
        key = party_key(name)
        assert similarity(base, key) >= SAME_ENTITY
        assert blocking_tokens(base) & blocking_tokens(key)
    assert similarity(party_key("Rhein Metals GmbH"), party_key("RHEIN METALS G.m.b.H.")) >= SAME_ENTITY
    assert similarity(party_key("Rhein Metals GmbH"), party_key("Rhine Metals GmbH")) >= SAME_ENTITY  # a typo


def test_other_companies_with_similar_names_are_not_the_same_entity() -> None:
    base = party_key(SPELLINGS[0])
    for other in ("Lion City Metals Trading Pte Ltd", "Lion Rock Materials Trading Pte Ltd",
                  "Merlion Materials Pte Ltd"):
        assert similarity(base, party_key(other)) < SAME_ENTITY


def test_a_chinese_name_is_keyed_by_its_pinyin() -> None:
    assert party_key("赣州稀土有限公司") == party_key("赣州稀土") and "gan" in party_key("赣州稀土有限公司")


def test_best_match_picks_the_closest_entity_and_refuses_a_distant_one() -> None:
    candidates = [(1, party_key("Rhein Metals GmbH")), (2, party_key("Ruhr Metals GmbH"))]
    assert best_match(party_key("Rhein Metal GmbH"), candidates)[0] == 1
    assert best_match(party_key("Hollandia Trading B.V."), candidates) is None
