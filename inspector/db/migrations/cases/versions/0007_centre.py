"""Case database: the coordination centre (issue 11): cases of other ports, sync bundles, PostgreSQL.

- cases.port, origin_laptop, origin_id, conflict_of: where an imported case comes from (its port, the
  laptop it was recorded on and its id there) and, for a second version of a case edited on both sides,
  the case it is a version of (docs/centre.md); NULL for the cases recorded here;
- case_sync: per imported case the version last imported, the laptop's audit sequence number and the
  digest of the case as imported (an edit made here since is seen);
- sync_bundle: the bundles imported (the same bundle twice changes nothing);
- sync_audit: the audit rows of other installations, as written there (their own hash chains);
- on PostgreSQL only: the columns holding values read off the papers (HS code, unit, container and seal
  numbers, licence keys, party keys, currency, a finding's field) become TEXT, since PostgreSQL enforces
  the VARCHAR lengths SQLite never did (a laptop's longer reading must still import); and the pg_trgm
  extension with GIN trigram indexes on the party spellings and the shipments' party names, which serve
  the history's "name contains" searches (LIKE '%...%') without a scan. On SQLite both are no-ops.

Cases recorded before this revision keep everything; their new columns stay NULL (recorded here).

Revision ID: cases_0007
Revises: cases_0006
Create Date: 2027-01-12
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "cases_0007"
down_revision = "cases_0006"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

# (table, column, length): values read off the papers, TEXT on PostgreSQL
READ_COLUMNS = (("case_item", "hs_code", 10), ("case_item", "unit", 20), ("party_alias", "key", 200),
                ("case_shipment", "currency", 3), ("case_licence", "licence_key", 80),
                ("case_container", "number", 20), ("case_seal", "number", 40), ("case_finding", "field", 80))
# (index, table, column): trigram indexes on PostgreSQL
TRIGRAM = (("ix_party_alias_key_trgm", "party_alias", "key"),
           ("ix_case_shipment_exporter_name_trgm", "case_shipment", "exporter_name"),
           ("ix_case_shipment_consignee_name_trgm", "case_shipment", "consignee_name"))


def upgrade() -> None:
    """Add the origin columns and the sync tables; on PostgreSQL widen the read columns and add the
    trigram indexes."""
    for column in (sa.Column("port", sa.String(40), nullable=True),
                   sa.Column("origin_laptop", sa.String(80), nullable=True),
                   sa.Column("origin_id", sa.String(80), nullable=True),
                   sa.Column("conflict_of", sa.String(80), nullable=True)):
        op.add_column("cases", column)  # ALTER TABLE in place: case_document and others reference cases
    op.create_index("ix_cases_port", "cases", ["port"])
    op.create_index("ix_cases_origin", "cases", ["origin_laptop", "origin_id"])
    _sync_tables()
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()


def _sync_tables() -> None:
    op.create_table(
        "case_sync",
        sa.Column("case_id", sa.String(80), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("origin_seq", sa.Integer(), nullable=False),
        sa.Column("synced_digest", sa.String(64), nullable=False),
        sa.Column("bundle_sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("port", sa.String(40), nullable=False),
        sa.Column("laptop", sa.String(80), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("port", sa.String(40), nullable=False),
        sa.Column("laptop", sa.String(80), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("case_id", sa.String(80), nullable=True),
        sa.Column("origin_case_id", sa.String(80), nullable=True),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_sync_audit_laptop", "sync_audit", ["laptop"])
    op.create_index("ix_sync_audit_case_id", "sync_audit", ["case_id"])


def _postgresql() -> None:
    """TEXT for the read columns; pg_trgm and its indexes when the extension can be had."""
    for table, column, length in READ_COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))
    bind = op.get_bind()
    if not _trigram_available(bind):
        log.warning("pg_trgm is not available to this database user: the history's name searches run "
                    "without trigram indexes (docs/centre.md says how to add them)")
        return
    for index, table, column in TRIGRAM:
        op.execute(f"CREATE INDEX {index} ON {table} USING gin ({column} gin_trgm_ops)")


def _trigram_available(bind: sa.Connection) -> bool:
    """Whether pg_trgm is installed, or can be (a trusted extension: the database owner may create it).
    Tried in a savepoint, so a refusal leaves the migration's transaction usable."""
    if bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first():
        return True
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        return True
    except sa.exc.DBAPIError as exc:
        log.warning("CREATE EXTENSION pg_trgm refused: %s", exc.orig)
        return False


def downgrade() -> None:
    """Drop the sync tables and origin columns (the cases keep everything they had at cases_0006)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for index, _table, _column in TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS {index}")
        for table, column, length in READ_COLUMNS:
            op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text())
    for table in ("sync_audit", "sync_bundle", "case_sync"):
        op.drop_table(table)
    op.drop_index("ix_cases_origin", table_name="cases")
    op.drop_index("ix_cases_port", table_name="cases")
    for column in ("conflict_of", "origin_id", "origin_laptop", "port"):
        op.execute(f"ALTER TABLE cases DROP COLUMN {column}")  # in place (SQLite >= 3.35)
