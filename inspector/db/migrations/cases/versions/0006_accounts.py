"""Case database: local user accounts with roles (issue 10), for sign-off by a supervisor.

- user_account: name (unique, and unique once casefolded), role (inspector | supervisor), the scrypt
  hash of the password with its parameters and salt, active flag, creation and password-change times.

Cases recorded before this revision are not touched: the table starts empty.

Revision ID: cases_0006
Revises: cases_0005
Create Date: 2027-01-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0006"
down_revision = "cases_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the account table."""
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False, unique=True),
        sa.Column("name_key", sa.String(80), nullable=False, unique=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("password_set_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    """Drop the accounts (the cases keep everything)."""
    op.drop_table("user_account")
