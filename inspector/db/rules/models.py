"""ORM tables of the rules database (schema owned by migrations/rules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class RulesBase(DeclarativeBase):
    """Declarative base of the rules database."""


class HsCode(RulesBase):
    """One HS 2022 nomenclature entry (chapter, heading or subheading)."""

    __tablename__ = "hs_code"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    description: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    parent: Mapped[str | None] = mapped_column(String(10))
    section: Mapped[str | None] = mapped_column(String(8))


class Control(RulesBase):
    """One export-control line: an item of an announcement under one national code."""

    __tablename__ = "control"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    announcement: Mapped[str] = mapped_column(String(120), index=True)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    item: Mapped[str] = mapped_column(Text)
    hs_code: Mapped[str | None] = mapped_column(String(10), index=True)
    family: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(Text)
    suspended_from: Mapped[dt.date | None] = mapped_column(Date)  # None: since effective_date
    suspended_until: Mapped[dt.date | None] = mapped_column(Date)
    suspended_by: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    unsure: Mapped[str | None] = mapped_column(Text)


class ControlKeyword(RulesBase):
    """A word that names a control family's goods, in English, Chinese or as a formula."""

    __tablename__ = "control_keyword"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family: Mapped[str] = mapped_column(String(40), index=True)
    term: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(10))  # en | zh | formula
    kind: Mapped[str] = mapped_column(String(20))  # name | formula | trade | symbol


class Licence(RulesBase):
    """An export licence from the licence registry CSV."""

    __tablename__ = "licence"

    licence_number: Mapped[str] = mapped_column(String(80), primary_key=True)
    number_key: Mapped[str] = mapped_column(String(80), index=True)
    holder: Mapped[str] = mapped_column(Text)
    consignee: Mapped[str] = mapped_column(Text)
    end_user: Mapped[str] = mapped_column(Text)
    destination_country: Mapped[str] = mapped_column(String(2))
    hs_code: Mapped[str] = mapped_column(String(10))
    quantity_kg: Mapped[float] = mapped_column(Float)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    source_file: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class WatchlistEntry(RulesBase):
    """A party on a sanctions or export-control list."""

    __tablename__ = "watchlist_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    country: Mapped[str | None] = mapped_column(Text)
    list_name: Mapped[str] = mapped_column(String(120), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[str | None] = mapped_column(Text)
    unsure: Mapped[bool] = mapped_column(Boolean, default=False)


class DiversionRoute(RulesBase):
    """A country named as a diversion (transshipment) route for a goods family (routes/diversion_routes.csv).
    Rows that name no country ("third countries, unnamed") are kept, with `country` None."""

    __tablename__ = "diversion_route"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)  # ISO 3166 alpha-2
    country_name: Mapped[str] = mapped_column(Text)
    goods_family: Mapped[str] = mapped_column(Text)  # ";"-separated families, or dual_use_general
    named_by: Mapped[str] = mapped_column(Text)
    date_text: Mapped[str] = mapped_column(String(40))  # as given: "2022-06-28", "2025-07", "2023-03/2023-04"
    date: Mapped[dt.date | None] = mapped_column(Date)  # the first day the text names
    source: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    unsure: Mapped[str | None] = mapped_column(Text)


class Port(RulesBase):
    """A seaport by UN/LOCODE, with its names (locations/ports.csv)."""

    __tablename__ = "port"

    locode: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2), index=True)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    unsure: Mapped[str | None] = mapped_column(Text)


class Meta(RulesBase):
    """Key/value facts about the rules database (version, seed time)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HistorySetting(RulesBase):
    """A window, threshold or tolerance of the fragmentation check (history/thresholds.csv, migration
    rules_0004): `name` is window_days | threshold_kg | round_kg | just_under | sequential_gap | min_ports,
    `family` a control family or "*" for all, with where the value comes from."""

    __tablename__ = "history_setting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    family: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
