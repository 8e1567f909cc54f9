"""Case database: perceptual hashes of every page and of its regions, indexed for reuse look-ups.

One row per page of a recorded document: the page's 64-bit DCT hash (16 hex digits), the same hash
cut into four 16-bit bands (each with its own index: multi-index hashing, see
inspector.db.cases.phash_index) and the hashes of the page's tiles (a JSON list). Each document
also keeps the numbers its text shows (`case_document.numbers`), so that a later copy of the page
with one number changed can be told from the same papers checked again. Cases recorded before this
revision have no hashes: their pages were never hashed, so they are never matched.

Revision ID: cases_0003
Revises: cases_0002
Create Date: 2026-12-13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0003"
down_revision = "cases_0002"
branch_labels = None
depends_on = None

BANDS = 4


def upgrade() -> None:
    """Create the page-hash table and one index per band."""
    op.create_table(
        "case_page_phash",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("case_document.id"), nullable=False, index=True),
        sa.Column("case_id", sa.String(80), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("phash", sa.String(16), nullable=False),
        *(sa.Column(f"band{i}", sa.Integer(), nullable=False) for i in range(BANDS)),
        sa.Column("grid", sa.Integer(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
    )
    for i in range(BANDS):
        op.create_index(f"ix_case_page_phash_band{i}", "case_page_phash", [f"band{i}"])
    # ALTER TABLE in place (a batch copy would drop case_document, which its pages and fields reference)
    op.add_column("case_document", sa.Column("numbers", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Drop the page hashes and numbers (the cases keep everything else)."""
    for i in range(BANDS):
        op.drop_index(f"ix_case_page_phash_band{i}", table_name="case_page_phash")
    op.drop_table("case_page_phash")
    op.execute("ALTER TABLE case_document DROP COLUMN numbers")  # in place: SQLite >= 3.35
