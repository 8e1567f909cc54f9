"""ORM tables of the case database (schema owned by migrations/cases)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class CasesBase(DeclarativeBase):
    """Declarative base of the case database."""


class Case(CasesBase):
    """One checked shipment."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    shipment_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    lane: Mapped[str] = mapped_column(String(10))
    risk_score: Mapped[int] = mapped_column(Integer)
    rules_version: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="recorded")
    net_weight_kg: Mapped[float | None] = mapped_column(Float)  # the shipment's declared net weight

    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", order_by="CaseDocument.idx", cascade="all, delete-orphan"
    )
    findings: Mapped[list[CaseFinding]] = relationship(
        back_populates="case", order_by="CaseFinding.id", cascade="all, delete-orphan"
    )


class CaseDocument(CasesBase):
    """One file of a case."""

    __tablename__ = "case_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(40))
    pages: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    numbers: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # number tokens of its text (0003)

    case: Mapped[Case] = relationship(back_populates="documents")
    page_rows: Mapped[list[CasePage]] = relationship(
        order_by="CasePage.number", cascade="all, delete-orphan"
    )
    field_rows: Mapped[list[CaseField]] = relationship(
        order_by="CaseField.id", cascade="all, delete-orphan"
    )
    item_rows: Mapped[list[CaseItem]] = relationship(
        order_by="CaseItem.idx", cascade="all, delete-orphan"
    )
    phash_rows: Mapped[list[CasePagePhash]] = relationship(
        order_by="CasePagePhash.page", cascade="all, delete-orphan"
    )


class CasePage(CasesBase):
    """One page of a case document, identified by the hash of its image."""

    __tablename__ = "case_page"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("case_document.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    image_hash: Mapped[str] = mapped_column(String(128), index=True)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)


class CasePagePhash(CasesBase):
    """The perceptual hash of one page of a case document and of its tiles (migration cases_0003).

    `band0..band3` are the hash's four 16-bit bands, each indexed: two hashes within 3 bits share a
    band, so a look-up is four index probes, never a scan (see phash_index)."""

    __tablename__ = "case_page_phash"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("case_document.id"), index=True)
    case_id: Mapped[str] = mapped_column(String(80))
    page: Mapped[int] = mapped_column(Integer)
    phash: Mapped[str] = mapped_column(String(16))  # 16 hex digits
    band0: Mapped[int] = mapped_column(Integer, index=True)
    band1: Mapped[int] = mapped_column(Integer, index=True)
    band2: Mapped[int] = mapped_column(Integer, index=True)
    band3: Mapped[int] = mapped_column(Integer, index=True)
    grid: Mapped[int] = mapped_column(Integer)  # tiles per side
    regions: Mapped[list[str]] = mapped_column(JSON)  # tile hashes row by row, "" for a blank tile


class CaseField(CasesBase):
    """One extracted field of a case document."""

    __tablename__ = "case_field"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("case_document.id"), index=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    raw: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[int] | None] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class CaseItem(CasesBase):
    """One goods line of a case document."""

    __tablename__ = "case_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("case_document.id"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    hs_code: Mapped[str | None] = mapped_column(String(10), index=True)
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(20))
    net_weight_kg: Mapped[float | None] = mapped_column(Float)
    gross_weight_kg: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[int] | None] = mapped_column(JSON)


class CaseFinding(CasesBase):
    """One finding of a case."""

    __tablename__ = "case_finding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)  # English
    message_zh: Mapped[str | None] = mapped_column(Text, nullable=True)  # Chinese; None in cases before 0002
    document_idx: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(80))
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[int] | None] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="findings")
