"""Frozen records the rules repository returns (never ORM objects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class HsEntry:
    """One HS nomenclature entry."""

    code: str
    description: str
    level: int


@dataclass(frozen=True)
class ControlMatch:
    """A control line that applies to a goods line, and why."""

    announcement: str
    item: str
    hs_code: str | None
    family: str
    effective_date: dt.date
    status: str
    unsure: str | None
    matched_by: str  # "hs" | "keyword"
    matched_term: str  # the control code or the keyword found
    suspended_from: dt.date | None = None  # a suspension window, over or not yet begun on the day
    suspended_until: dt.date | None = None
    suspended_by: str | None = None


@dataclass(frozen=True)
class LicenceRecord:
    """A licence of the registry."""

    licence_number: str
    holder: str
    consignee: str
    end_user: str
    destination_country: str
    hs_code: str
    quantity_kg: float
    valid_from: dt.date
    valid_to: dt.date
    source_file: str
    imported_at: dt.datetime


@dataclass(frozen=True)
class WatchEntry:
    """A watchlist party, for fuzzy matching against the parties of a case."""

    id: int
    name: str
    aliases: tuple[str, ...]
    country: str | None
    list_name: str
    reason: str | None
    source_id: str | None
    unsure: bool


@dataclass(frozen=True)
class RouteRecord:
    """A country named as a diversion route for goods families (rows naming no country are not returned)."""

    country: str  # ISO 3166 alpha-2
    country_name: str
    families: frozenset[str]  # goods families, or dual_use_general
    named_by: str
    date: dt.date | None  # the first day the date text names
    date_text: str
    source: str
    notes: str
    unsure: str  # "" when sure


@dataclass(frozen=True)
class PortRecord:
    """A seaport: UN/LOCODE, name, country, other names (local script, old names) and unsure note."""

    locode: str
    name: str
    country: str
    aliases: tuple[str, ...]
    unsure: str | None


@dataclass(frozen=True)
class RulesInfo:
    """What `inspector rules info` prints."""

    version: str
    seeded_at: str | None
    counts: Mapping[str, int]  # rows per table
    lists: Mapping[str, int]  # watchlist entries per list name
    unsure_controls: int

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (for `rules info --json`)."""
        data = asdict(self)
        data["counts"], data["lists"] = dict(self.counts), dict(self.lists)
        return data
