"""Case database: cases with their documents, pages, fields, items and findings.

Revision ID: cases_0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first case schema."""
    _cases_and_documents()
    _document_children()
    op.create_table(
        "case_finding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("code", sa.String(40), nullable=False, index=True),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("document_idx", sa.Integer()),
        sa.Column("field", sa.String(80)),
        sa.Column("page", sa.Integer()),
        sa.Column("bbox", sa.JSON()),
        sa.Column("evidence", sa.JSON(), nullable=False),
    )


def _cases_and_documents() -> None:
    """The case and document tables."""
    op.create_table(
        "cases",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("shipment_date", sa.Date(), index=True),
        sa.Column("lane", sa.String(10), nullable=False),
        sa.Column("risk_score", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.Text(), nullable=False),
        sa.Column("engine_version", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("net_weight_kg", sa.Float()),
    )
    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("ocr_confidence", sa.Float()),
    )


def _document_children() -> None:
    """Pages, fields and items, each belonging to one document."""
    op.create_table(
        "case_page",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("case_document.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("image_hash", sa.String(128), nullable=False, index=True),
        sa.Column("width", sa.Integer()),
        sa.Column("height", sa.Integer()),
    )
    op.create_table(
        "case_field",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("case_document.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(60), nullable=False, index=True),
        sa.Column("value", sa.JSON()),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer()),
        sa.Column("bbox", sa.JSON()),
        sa.Column("confidence", sa.Float(), nullable=False),
    )
    op.create_table(
        "case_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "document_id",
            sa.Integer(),
            sa.ForeignKey("case_document.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hs_code", sa.String(10), index=True),
        sa.Column("quantity", sa.Float()),
        sa.Column("unit", sa.String(20)),
        sa.Column("net_weight_kg", sa.Float()),
        sa.Column("gross_weight_kg", sa.Float()),
        sa.Column("value", sa.Float()),
        sa.Column("page", sa.Integer()),
        sa.Column("bbox", sa.JSON()),
    )


def downgrade() -> None:
    """Drop every table of the first case schema."""
    for table in ("case_finding", "case_item", "case_field", "case_page", "case_document", "cases"):
        op.drop_table(table)
