"""Rules database: the diversion-route table and the port table (seeded, versioned with the rules).

Revision ID: rules_0003
Revises: rules_0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0003"
down_revision = "rules_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the diversion_route and port tables (filled by the next seed)."""
    op.create_table(
        "diversion_route",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("country_name", sa.Text(), nullable=False),
        sa.Column("goods_family", sa.Text(), nullable=False),
        sa.Column("named_by", sa.Text(), nullable=False),
        sa.Column("date_text", sa.String(40), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("source", sa.Text()),
        sa.Column("notes", sa.Text()),
        sa.Column("unsure", sa.Text()),
    )
    op.create_table(
        "port",
        sa.Column("locode", sa.String(5), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False, index=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("unsure", sa.Text()),
    )


def downgrade() -> None:
    """Drop the route and port tables."""
    op.drop_table("port")
    op.drop_table("diversion_route")
