"""ORM tables of the case database (schema owned by migrations/cases)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine


class CasesBase(DeclarativeBase):
    """Declarative base of the case database."""


def read_text(length: int) -> TypeEngine[str]:
    """The type of a value read off the papers (an HS code, unit, container, seal, licence, party key):
    VARCHAR(length) on SQLite, which never enforces the length, TEXT on PostgreSQL, which would refuse
    a longer reading that SQLite took (migration cases_0007 widens these columns there)."""
    return String(length).with_variant(Text(), "postgresql")


class Case(CasesBase):
    """One checked shipment."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_origin", "origin_laptop", "origin_id"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    shipment_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    lane: Mapped[str] = mapped_column(String(10))
    risk_score: Mapped[int] = mapped_column(Integer)
    rules_version: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="recorded")  # recorded | decided | signed_off (0005)
    net_weight_kg: Mapped[float | None] = mapped_column(Float)  # the shipment's declared net weight
    # where an imported case comes from (0007, inspector.sync): None for a case recorded here. Deferred:
    # loading a case reads them only when asked, so code of earlier revisions' migrations still works
    port: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True, deferred=True)
    origin_laptop: Mapped[str | None] = mapped_column(String(80), nullable=True, deferred=True)
    origin_id: Mapped[str | None] = mapped_column(String(80), nullable=True, deferred=True)  # its id there
    conflict_of: Mapped[str | None] = mapped_column(String(80), nullable=True, deferred=True)  # another version of

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
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the file as checked, kept (0005)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # its text as read, for re-checks (0005)

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
    hs_code: Mapped[str | None] = mapped_column(read_text(10), index=True)
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(read_text(20))
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
    field: Mapped[str | None] = mapped_column(read_text(80))
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[int] | None] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    case: Mapped[Case] = relationship(back_populates="findings")


# ---------------------------------------------------------------- history (migration cases_0004)

class PartyEntity(CasesBase):
    """One company as the history knows it, however its name is spelt; `merged_into` points at the
    entity an inspector merged it into (its aliases and shipments moved there too)."""

    __tablename__ = "party_entity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)  # the first spelling seen
    key: Mapped[str] = mapped_column(Text)  # its party key
    merged_into: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PartyAlias(CasesBase):
    """One spelling (party key) of an entity; the key is unique: a spelling belongs to one entity."""

    __tablename__ = "party_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    key: Mapped[str] = mapped_column(read_text(200), unique=True)
    name: Mapped[str] = mapped_column(Text)  # a spelling as read
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)  # placed by an inspector: never re-matched


class PartyToken(CasesBase):
    """A blocking token of an alias: the candidates of a new name are the aliases sharing a token."""

    __tablename__ = "party_token"
    __table_args__ = (Index("ix_party_token_token", "token", "alias_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(8))
    alias_id: Mapped[int] = mapped_column(Integer)


class EntityDecision(CasesBase):
    """An inspector's merge or split, kept and re-applied when the history is rebuilt."""

    __tablename__ = "entity_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # merge | split
    entity_a: Mapped[int | None] = mapped_column(Integer, nullable=True)  # merge: merged into entity_b
    entity_b: Mapped[int | None] = mapped_column(Integer, nullable=True)
    alias_key: Mapped[str | None] = mapped_column(Text, nullable=True)  # split: the spelling split off
    names: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the spellings at decision time (for rebuilds)
    by: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseShipment(CasesBase):
    """The history's summary of one recorded case: what the fragmentation check compares."""

    __tablename__ = "case_shipment"
    __table_args__ = (
        Index("ix_case_shipment_parties", "exporter_entity", "consignee_entity", "family", "shipment_date"),
        Index("ix_case_shipment_consignee", "consignee_entity", "shipment_date"),
        Index("ix_case_shipment_exporter_alias", "exporter_alias"),
        Index("ix_case_shipment_consignee_alias", "consignee_alias"),
    )

    case_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    shipment_date: Mapped[dt.date | None] = mapped_column(Date)
    exporter_entity: Mapped[int | None] = mapped_column(Integer)
    consignee_entity: Mapped[int | None] = mapped_column(Integer)
    exporter_alias: Mapped[int | None] = mapped_column(Integer)
    consignee_alias: Mapped[int | None] = mapped_column(Integer)
    exporter_name: Mapped[str | None] = mapped_column(Text)
    consignee_name: Mapped[str | None] = mapped_column(Text)
    family: Mapped[str] = mapped_column(String(40), default="")
    hs_headings: Mapped[str] = mapped_column(Text, default="")  # ";"-joined 4-digit headings
    net_kg: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(read_text(3))
    invoice_number: Mapped[str | None] = mapped_column(Text)
    bl_number: Mapped[str | None] = mapped_column(Text)
    vessel_voyage: Mapped[str | None] = mapped_column(Text)
    port_of_loading: Mapped[str | None] = mapped_column(Text)
    port_of_discharge: Mapped[str | None] = mapped_column(Text)
    licence_number: Mapped[str | None] = mapped_column(Text)
    containers: Mapped[str | None] = mapped_column(Text)  # ";"-joined (case_container indexes them by number)
    seals: Mapped[str | None] = mapped_column(Text)  # ";"-joined (case_seal indexes them by number)


class CaseLicence(CasesBase):
    """A licence number (its key) a recorded case carries: the licence ledger's index."""

    __tablename__ = "case_licence"
    __table_args__ = (Index("ix_case_licence_key", "licence_key", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(80))
    licence_key: Mapped[str] = mapped_column(read_text(80))


class CaseContainer(CasesBase):
    """A container number a recorded case shows."""

    __tablename__ = "case_container"
    __table_args__ = (Index("ix_case_container_number", "number", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(80))
    number: Mapped[str] = mapped_column(read_text(20))


class CaseSeal(CasesBase):
    """A seal number a recorded case shows."""

    __tablename__ = "case_seal"
    __table_args__ = (Index("ix_case_seal_number", "number", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(80))
    number: Mapped[str] = mapped_column(read_text(40))


# ---------------------------------------------------------------- casework (migration cases_0005)

class CaseCorrection(CasesBase):
    """An inspector's correction of a field (or of a goods line's cell) as read: old and new value, who,
    when. The field row itself holds the corrected value; this row keeps what was read."""

    __tablename__ = "case_correction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    document_idx: Mapped[int] = mapped_column(Integer)
    item_idx: Mapped[int | None] = mapped_column(Integer, nullable=True)  # a goods line; None for a field
    field: Mapped[str] = mapped_column(String(60))  # the field, or the goods line's column
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    old_raw: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_raw: Mapped[str] = mapped_column(Text)
    old_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    actor: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseDecision(CasesBase):
    """An inspector's decision on a case; the newest row is in force, earlier ones are kept."""

    __tablename__ = "case_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    decision: Mapped[str] = mapped_column(String(30))  # casework.Decision
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseSignoff(CasesBase):
    """A supervisor's sign-off of a case's decision: from then on the case is read-only."""

    __tablename__ = "case_signoff"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("case_decision.id"))  # the decision signed
    supervisor: Mapped[str] = mapped_column(Text)
    signed_off_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditLog(CasesBase):
    """One action on the case database, hash-chained to the row before it (casework.audit): `hash` is
    sha256(prev_hash + canonical JSON of seq, at, case_id, action, actor, detail)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # 1, 2, 3... in chain order
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC, microseconds: hashed as written
    case_id: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


# ---------------------------------------------------------------- local accounts (migration cases_0006)

class UserAccount(CasesBase):
    """A local user of this Inspector (inspector.accounts): role and a memory-hard password hash, never
    the password. Accounts are disabled, not deleted, so that names in the records keep their meaning."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)  # as shown; compared case-insensitively
    name_key: Mapped[str] = mapped_column(String(80), unique=True)  # casefolded name
    role: Mapped[str] = mapped_column(String(20))  # accounts.Role: inspector | supervisor
    password_hash: Mapped[str] = mapped_column(Text)  # scrypt$n$r$p$salt$hash (base64)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    password_set_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------- sync between installations (migration cases_0007)

class CaseSync(CasesBase):
    """What the last import of a case brought (inspector.sync): the version (sha256 of the case as the
    bundle carried it), the laptop's audit sequence number of its newest action, and the digest of the
    case as imported, so that an edit made here since then is seen (audit.case_digest differs)."""

    __tablename__ = "case_sync"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    version: Mapped[str] = mapped_column(String(64))
    origin_seq: Mapped[int] = mapped_column(Integer)  # 0 when the case had no audit row on its laptop
    synced_digest: Mapped[str] = mapped_column(String(64))
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncBundle(CasesBase):
    """A bundle imported here, by the sha256 of its signed manifest: the same bundle twice is seen."""

    __tablename__ = "sync_bundle"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    port: Mapped[str] = mapped_column(String(40))
    laptop: Mapped[str] = mapped_column(String(80))
    key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(40))  # as the laptop wrote it (ISO 8601, UTC)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncAudit(CasesBase):
    """An audit row of another installation, kept as it was written there (its own hash chain: `hash`
    names it uniquely); `case_id` is the case here it belongs to (None: not a case's row)."""

    __tablename__ = "sync_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    port: Mapped[str] = mapped_column(String(40))
    laptop: Mapped[str] = mapped_column(String(80), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
    case_id: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    origin_case_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    action: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
