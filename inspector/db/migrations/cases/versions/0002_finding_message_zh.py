"""Case database: findings carry their message in Simplified Chinese too.

Revision ID: cases_0002
Revises: cases_0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0002"
down_revision = "cases_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable `message_zh` column; the findings of cases already recorded keep NULL there."""
    with op.batch_alter_table("case_finding") as batch:
        batch.add_column(sa.Column("message_zh", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the Chinese messages."""
    with op.batch_alter_table("case_finding") as batch:
        batch.drop_column("message_zh")
