"""The case database encrypted at rest with SQLCipher, under a key derived from a passphrase.

The key is scrypt(passphrase, salt) (memory-hard: n=2**15, r=8, p=1, 32 MiB), handed to SQLCipher as a raw
key together with its salt. SQLCipher keeps that salt in the first 16 bytes of the file, so an existing
database gives its own salt back and nothing else has to be stored beside it. The write-ahead log is
encrypted too. Without the passphrase the file is noise: a lost laptop does not leak cases.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import secrets
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

from inspector.errors import InspectorError, MissingDependencyError, UsageError
from inspector.paths import PASSPHRASE_ENV

log = logging.getLogger(__name__)

SALT_BYTES = 16
KEY_BYTES = 32
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_SCRYPT_MAXMEM = 64 * 2**20
PLAIN_HEADER = b"SQLite format 3\x00"


class WrongPassphraseError(InspectorError):
    """The encrypted case database does not open with the passphrase given."""

    exit_code = 2


class NotEncryptedError(InspectorError):
    """A passphrase was given for a database that is stored in clear."""

    exit_code = 2


def sqlcipher_module() -> Any:
    """The SQLCipher DB-API module, or a MissingDependencyError that says how to get it."""
    try:
        import sqlcipher3
    except ImportError as exc:
        raise MissingDependencyError(
            "Encrypting the case database needs SQLCipher, which is not installed: "
            "install the Python package sqlcipher3-binary (Linux x86-64) or sqlcipher3."
        ) from exc
    _quiet(sqlcipher3)
    return sqlcipher3


@functools.cache
def _quiet(module: Any) -> None:
    """Stop SQLCipher printing its own errors on stderr (process-wide): a wrong passphrase is reported
    once, as a WrongPassphraseError."""
    con = module.connect(":memory:")
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
    finally:
        con.close()


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The 32-byte database key of a passphrase (NFC-normalised, UTF-8) and a 16-byte salt."""
    if not passphrase:
        raise UsageError("The passphrase of the case database is empty: give a non-empty one.")
    if len(salt) != SALT_BYTES:
        raise ValueError(f"salt must be {SALT_BYTES} bytes")
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                          maxmem=_SCRYPT_MAXMEM, dklen=KEY_BYTES)


def raw_key_pragma(passphrase: str, salt: bytes) -> str:
    """SQLCipher's raw key with explicit salt: x'<64 hex key><32 hex salt>'."""
    return f"x'{derive_key(passphrase, salt).hex()}{salt.hex()}'"


def file_salt(path: Path) -> bytes | None:
    """The salt an existing encrypted database was made with; None for a new or empty file.

    Raises NotEncryptedError for a plain SQLite file (opening it with a key would only fail later)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        head = fh.read(SALT_BYTES)
    if head == PLAIN_HEADER:
        raise NotEncryptedError(
            f"The case database {path} is stored in clear, but a passphrase was given. Encrypt it first "
            "with `inspector encrypt-cases` (same passphrase), or open it without a passphrase."
        )
    if len(head) < SALT_BYTES:
        raise WrongPassphraseError(f"The case database {path} is too short to be an encrypted database.")
    return head


def encrypted_engine(path: str | os.PathLike[str], passphrase: str,
                     on_connect: Callable[[Any, Any], None] | None = None) -> Engine:
    """An engine on an SQLCipher file (created when missing), checked to open with this passphrase."""
    sqlcipher_module()
    path = Path(os.fspath(path))
    if "://" in str(path):
        raise UsageError("An encrypted database must be a local file path, not a URL.")
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = file_salt(path) or secrets.token_bytes(SALT_BYTES)
    url = URL.create("sqlite+pysqlcipher", password=raw_key_pragma(passphrase, salt), database=str(path))
    engine = create_engine(url, poolclass=QueuePool)
    if on_connect is not None:
        event.listen(engine, "connect", on_connect)
    _check_key(engine, path)
    log.debug("encrypted engine for %s", path)
    return engine


def _check_key(engine: Engine, path: Path) -> None:
    """Read the schema once, so that a wrong passphrase fails here with a clear message."""
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except DatabaseError as exc:
        engine.dispose()
        raise WrongPassphraseError(
            f"The case database {path} could not be opened with this passphrase ({exc.orig}): check the "
            f"passphrase ({PASSPHRASE_ENV} or --passphrase-env). The file was not changed."
        ) from exc


def is_encrypted(path: Path) -> bool:
    """Whether an existing, non-empty database file is not a plain SQLite file."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        return fh.read(len(PLAIN_HEADER)) != PLAIN_HEADER


def encrypt_in_place(path: Path, passphrase: str) -> int:
    """Encrypt a plain case database: an encrypted copy is written beside it, checked table by table, then
    moved over the original (one rename). Returns the number of tables copied."""
    cipher = sqlcipher_module()
    if not path.exists() or is_encrypted(path):
        raise UsageError(f"{path} is not a plain SQLite database (missing, or already encrypted).")
    _checkpoint(path)
    target = path.with_name(path.name + ".encrypting")
    target.unlink(missing_ok=True)
    salt = secrets.token_bytes(SALT_BYTES)
    con = cipher.connect(str(path))
    try:
        counts = _row_counts(con)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), raw_key_pragma(passphrase, salt)))
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    _verify_copy(target, passphrase, counts)
    os.replace(target, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    log.info("encrypted %s (%d tables)", path, len(counts))
    return len(counts)


def _checkpoint(path: Path) -> None:
    """Fold a plain database's write-ahead log into the file, so the copy misses nothing."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _row_counts(con: Any) -> dict[str, int]:
    """Rows per table of an open connection."""
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _verify_copy(target: Path, passphrase: str, counts: dict[str, int]) -> None:
    """The encrypted copy opens with the passphrase and holds as many rows per table as the original."""
    engine = encrypted_engine(target, passphrase)
    try:
        with engine.connect() as connection:
            copied = _row_counts(connection.connection.dbapi_connection)
    finally:
        engine.dispose()
    if copied != counts:
        target.unlink(missing_ok=True)
        raise InspectorError(f"The encrypted copy differs from the case database ({copied} != {counts}); "
                             "the original was left as it is.")
