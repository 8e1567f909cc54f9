"""Case database: the history (issue 7): party entities, a shipment summary per case, the licence,
container and seal indexes, and the inspectors' entity decisions.

- party_entity / party_alias / party_token: one company however its name is spelt; a spelling (its
  party key) belongs to one entity; each spelling is filed under its blocking tokens (indexed), so
  resolving a new name probes an index instead of comparing with every entity;
- case_shipment: per recorded case its date, exporter and consignee entities, control family, HS
  headings, net kg, value, invoice and B/L numbers, vessel/voyage, ports and licence, indexed on
  (exporter_entity, consignee_entity, family, shipment_date) for the fragmentation check;
- case_licence, case_container, case_seal: the licence ledger's and the links' indexes;
- entity_decision: merges and splits, kept and re-applied after a rebuild.

Cases recorded before this revision get their summaries here, from their stored fields and findings
(`repository.rebuild_history`); nothing of the cases themselves is changed.

Revision ID: cases_0004
Revises: cases_0003
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "cases_0004"
down_revision = "cases_0003"
branch_labels = None
depends_on = None

TABLES = ("case_seal", "case_container", "case_licence", "case_shipment", "entity_decision", "party_token",
          "party_alias", "party_entity")


def upgrade() -> None:
    """Create the history tables and indexes, then summarise the cases already recorded."""
    _parties()
    op.create_table(
        "case_shipment",
        sa.Column("case_id", sa.String(80), primary_key=True),
        sa.Column("shipment_date", sa.Date()),
        sa.Column("exporter_entity", sa.Integer()),
        sa.Column("consignee_entity", sa.Integer()),
        sa.Column("exporter_alias", sa.Integer()),
        sa.Column("consignee_alias", sa.Integer()),
        sa.Column("exporter_name", sa.Text()),
        sa.Column("consignee_name", sa.Text()),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("hs_headings", sa.Text(), nullable=False),
        sa.Column("net_kg", sa.Float()),
        sa.Column("value", sa.Float()),
        sa.Column("currency", sa.String(3)),
        sa.Column("invoice_number", sa.Text()),
        sa.Column("bl_number", sa.Text()),
        sa.Column("vessel_voyage", sa.Text()),
        sa.Column("port_of_loading", sa.Text()),
        sa.Column("port_of_discharge", sa.Text()),
        sa.Column("licence_number", sa.Text()),
        sa.Column("containers", sa.Text()),
        sa.Column("seals", sa.Text()),
    )
    op.create_index("ix_case_shipment_parties", "case_shipment",
                    ["exporter_entity", "consignee_entity", "family", "shipment_date"])
    op.create_index("ix_case_shipment_consignee", "case_shipment", ["consignee_entity", "shipment_date"])
    op.create_index("ix_case_shipment_exporter_alias", "case_shipment", ["exporter_alias"])
    op.create_index("ix_case_shipment_consignee_alias", "case_shipment", ["consignee_alias"])
    for table, column, size in (("case_licence", "licence_key", 80), ("case_container", "number", 20),
                                ("case_seal", "number", 40)):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("case_id", sa.String(80), nullable=False),
            sa.Column(column, sa.String(size), nullable=False),
        )
        op.create_index(f"ix_{table}_{'key' if column == 'licence_key' else column}", table, [column, "case_id"])
    from inspector.db.cases.repository import rebuild_history  # the code of this revision's rows

    with Session(bind=op.get_bind()) as s:
        rebuild_history(s)
        s.flush()


def _parties() -> None:
    op.create_table(
        "party_entity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("merged_into", sa.Integer()),
    )
    op.create_table(
        "party_alias",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), nullable=False, index=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "party_token",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token", sa.String(8), nullable=False),
        sa.Column("alias_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_party_token_token", "party_token", ["token", "alias_id"])
    op.create_table(
        "entity_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("entity_a", sa.Integer()),
        sa.Column("entity_b", sa.Integer()),
        sa.Column("alias_key", sa.Text()),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    """Drop the history (the cases keep everything they had at cases_0003)."""
    for table in TABLES:
        op.drop_table(table)
