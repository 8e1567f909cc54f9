"""Alembic environment of the rules database; the logic lives in inspector.db.migrate."""

from alembic import context

from inspector.db.migrate import run_env

run_env(context)
