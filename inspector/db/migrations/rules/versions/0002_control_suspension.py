"""Rules database: a control's suspension window (start and suspending announcement).

Revision ID: rules_0002
Revises: rules_0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "rules_0002"
down_revision = "rules_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add when a suspension starts and which announcement suspends the control."""
    with op.batch_alter_table("control") as batch:
        batch.add_column(sa.Column("suspended_from", sa.Date()))
        batch.add_column(sa.Column("suspended_by", sa.String(120)))


def downgrade() -> None:
    """Drop the suspension-window columns."""
    with op.batch_alter_table("control") as batch:
        batch.drop_column("suspended_by")
        batch.drop_column("suspended_from")
