"""Alembic migrations of the two databases, run programmatically (no alembic.ini)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

Which = Literal["rules", "cases"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def version_table(which: Which) -> str:
    """Name of the table where Alembic keeps the revision of one database."""
    return f"alembic_version_{which}"


def alembic_config(which: Which, connection: Any = None) -> Config:
    """An Alembic config for one migration tree, optionally carrying an open connection."""
    if which not in ("rules", "cases"):
        raise ValueError(f"unknown database {which!r}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR / which))
    cfg.attributes["which"] = which
    cfg.attributes["connection"] = connection
    return cfg


# Alembic keeps the running migration's context in module globals (alembic.context, alembic.op): two
# threads migrating at once (the desktop app opens the rules and case databases from workers) would
# trample each other's ("KeyError: 'script'"). One migration at a time per process.
_MIGRATING = threading.Lock()


def upgrade(engine: Engine, which: Which) -> None:
    """Bring one database's schema up to the newest revision, in one transaction."""
    with _MIGRATING, engine.begin() as connection:
        command.upgrade(alembic_config(which, connection), "head")
    log.info("%s database at revision %s", which, current_revision(engine, which))


def current_revision(engine: Engine, which: Which) -> str | None:
    """The revision the database is at, None when it was never migrated."""
    with engine.connect() as connection:
        ctx = MigrationContext.configure(connection, opts={"version_table": version_table(which)})
        return ctx.get_current_revision()


def head_revision(which: Which) -> str | None:
    """The newest revision of one migration tree."""
    return ScriptDirectory.from_config(alembic_config(which)).get_current_head()


def run_env(context: EnvironmentContext) -> None:
    """Body of both env.py files: migrate through the connection handed over in the config."""
    cfg = context.config
    connection = cfg.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through inspector.db.migrate.upgrade()")
    context.configure(
        connection=connection,
        version_table=version_table(cfg.attributes["which"]),
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
