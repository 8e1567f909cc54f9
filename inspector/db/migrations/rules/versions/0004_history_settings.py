"""Rules database: the fragmentation check's windows and thresholds (history/thresholds.csv), with
their sources, tunable by an office (filled by the next seed).

Revision ID: rules_0004
Revises: rules_0003
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0004"
down_revision = "rules_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the history_setting table."""
    op.create_table(
        "history_setting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False, index=True),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text()),
    )


def downgrade() -> None:
    """Drop the history_setting table."""
    op.drop_table("history_setting")
