"""Case database: casework (issues 8 and 10): corrections, decisions, sign-off and the audit trail.

- case_correction: every field (or goods-line cell) an inspector corrected, with the value as read;
- case_decision: the decisions taken on a case, the newest in force;
- audit_log: every action (check, correction, decision, sign-off, export, entity merge or split),
  hash-chained row to row (inspector.casework.audit, docs/casework.md);
- case_signoff: the supervisor's sign-off of the decision in force; `cases.status` goes on holding
  "recorded" and now also "decided" and "signed_off" (read-only from then on);
- case_document.sha256 (the file as checked, kept under the data directory's `originals/`) and
  case_document.text (its text as read, so that a correction re-runs the checks without OCR).

Cases recorded before this revision keep everything; their new columns stay NULL (no kept original,
no stored text: a re-check then falls back on the number tokens kept since cases_0003).

Revision ID: cases_0005
Revises: cases_0004
Create Date: 2027-01-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "cases_0005"
down_revision = "cases_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the document columns, then the correction, decision, sign-off and audit tables."""
    with op.batch_alter_table("case_document") as batch:
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("text", sa.Text(), nullable=True))
    op.create_table(
        "case_correction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("document_idx", sa.Integer(), nullable=False),
        sa.Column("item_idx", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("old_raw", sa.Text(), nullable=True),
        sa.Column("new_raw", sa.Text(), nullable=False),
        sa.Column("old_confidence", sa.Float(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_case_correction_case_id", "case_correction", ["case_id"])
    op.create_table(
        "case_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("decision", sa.String(30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_case_decision_case_id", "case_decision", ["case_id"])
    op.create_table(
        "case_signoff",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("decision_id", sa.Integer(), sa.ForeignKey("case_decision.id"), nullable=False),
        sa.Column("supervisor", sa.Text(), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False, unique=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(80), nullable=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])


def downgrade() -> None:
    """Drop the casework (the cases keep everything they had at cases_0004)."""
    for table in ("audit_log", "case_signoff", "case_decision", "case_correction"):
        op.drop_table(table)  # their indexes go with them
    for column in ("text", "sha256"):
        op.execute(f"ALTER TABLE case_document DROP COLUMN {column}")  # in place (SQLite >= 3.35): no table copy
