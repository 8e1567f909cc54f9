"""Engines and sessions for the SQLite (or PostgreSQL) databases."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def database_url(url_or_path: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a URL string or a filesystem path (SQLite)."""
    text = os.fspath(url_or_path)
    if "://" in text:
        return text
    path = Path(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url_or_path: str | os.PathLike[str], passphrase: str | None = None) -> Engine:
    """An engine for a SQLite file path or any SQLAlchemy URL; SQLite gets WAL and foreign keys.
    With a passphrase, the file is an SQLCipher database encrypted under it (`inspector.db.cipher`)."""
    if passphrase is not None:
        from inspector.db.cipher import encrypted_engine

        return encrypted_engine(url_or_path, passphrase, _sqlite_pragmas)
    url = server_driver(database_url(url_or_path))
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:  # a server (the centre's PostgreSQL): connections checked before use, the server may restart
        engine = create_engine(url, pool_pre_ping=True)
    log.debug("engine for %s", engine.url)
    return engine


def server_driver(url: str) -> str:
    """The URL with the driver Inspector ships for its server: a bare `postgresql://` (whose default
    driver, psycopg2, is not installed) becomes `postgresql+psycopg://` (psycopg 3, extra `centre`)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Set WAL journal, foreign keys and a busy timeout on every new SQLite connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session maker bound to `engine` (one session per thread, opened where it is used)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
