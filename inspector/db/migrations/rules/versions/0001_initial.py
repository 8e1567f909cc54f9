"""Rules database: HS codes, controls, keywords, licences, watchlist, meta.

Revision ID: rules_0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first rules schema."""
    _hs_and_controls()
    _licences_and_watchlist()
    op.create_table(
        "meta",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def _hs_and_controls() -> None:
    """HS nomenclature, control lines and control keywords."""
    op.create_table(
        "hs_code",
        sa.Column("code", sa.String(10), primary_key=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent", sa.String(10)),
        sa.Column("section", sa.String(8)),
    )
    op.create_table(
        "control",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("announcement", sa.String(120), nullable=False, index=True),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("hs_code", sa.String(10), index=True),
        sa.Column("family", sa.String(40), nullable=False, index=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("suspended_until", sa.Date()),
        sa.Column("notes", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("unsure", sa.Text()),
    )
    op.create_table(
        "control_keyword",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("family", sa.String(40), nullable=False, index=True),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("lang", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
    )


def _licences_and_watchlist() -> None:
    """The licence registry and the watchlist."""
    op.create_table(
        "licence",
        sa.Column("licence_number", sa.String(80), primary_key=True),
        sa.Column("number_key", sa.String(80), nullable=False, index=True),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("consignee", sa.Text(), nullable=False),
        sa.Column("end_user", sa.Text(), nullable=False),
        sa.Column("destination_country", sa.String(2), nullable=False),
        sa.Column("hs_code", sa.String(10), nullable=False),
        sa.Column("quantity_kg", sa.Float(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "watchlist_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.Text()),
        sa.Column("list_name", sa.String(120), nullable=False, index=True),
        sa.Column("reason", sa.Text()),
        sa.Column("source_id", sa.Text()),
        sa.Column("unsure", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    """Drop every table of the first rules schema."""
    for table in ("meta", "watchlist_entry", "licence", "control_keyword", "control", "hs_code"):
        op.drop_table(table)
