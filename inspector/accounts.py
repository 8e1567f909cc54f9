"""Local user accounts with roles (inspector, supervisor), stored in the case database (user_account).

Passwords are kept as scrypt hashes (memory-hard: n=2**14, r=8, p=1, 16 MiB, random 16-byte salt) with
their parameters, so stronger parameters later do not strand older accounts; comparison is constant-
time. An unknown name costs the same hash as a wrong password, and both get the same message, so the
answer does not tell which names exist. A supervisor may do everything an inspector may.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import functools
import hashlib
import hmac
import logging
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.cases.models import UserAccount
from inspector.errors import InspectorError

log = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MIN_PASSWORD = 10
MAX_NAME = 80
_MAXMEM = 64 * 2**20
_SCHEME = "scrypt"


class Role(enum.StrEnum):
    """What an account may do; each role includes those below it."""

    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"


_RANK = {Role.INSPECTOR: 1, Role.SUPERVISOR: 2}


class AccountError(InspectorError):
    """An account could not be created or changed (name taken, unknown role, weak password)."""

    exit_code = 2


class AuthenticationError(InspectorError):
    """The name and password do not match an active account."""

    exit_code = 2


class RoleError(InspectorError):
    """The user's role does not allow the action."""

    exit_code = 2


@dataclass(frozen=True)
class User:
    """An account as the rest of the engine sees it (never its password hash)."""

    name: str
    role: Role
    active: bool
    created_at: dt.datetime


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash` of a password (NFC-normalised, UTF-8), with a fresh random salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join((_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)))


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` hashes to `stored` (constant-time comparison); False for a malformed hash."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p), len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int = HASH_BYTES) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=length)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown (same cost as a real account)."""
    return hash_password(secrets.token_hex(16))


def create_user(s: Session, name: str, role: str | Role, password: str) -> User:
    """Add an account (the caller commits). Refuses a taken name (ignoring case), an unknown role and a
    password shorter than MIN_PASSWORD characters."""
    shown = _clean_name(name)
    kind = _role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password is too short: use at least {MIN_PASSWORD} characters.")
    if _row(s, shown) is not None:
        raise AccountError(f"There is already an account named {shown!r}; choose another name.")
    now = dt.datetime.now().replace(microsecond=0)
    row = UserAccount(name=shown, name_key=shown.casefold(), role=kind.value, password_hash=hash_password(password),
                      active=True, created_at=now, password_set_at=now)
    s.add(row)
    s.flush()
    log.info("account %s (%s) created", shown, kind.value)
    return _user(row)


def authenticate(s: Session, name: str, password: str) -> User:
    """The active account of `name` if `password` is its password; AuthenticationError otherwise."""
    row = _row(s, name.strip())
    ok = verify_password(password, row.password_hash if row is not None else _dummy_hash())
    if row is None or not ok or not row.active:
        log.info("failed sign-in as %r", name)
        raise AuthenticationError("The name or the password is wrong (or the account is disabled).")
    return _user(row)


def require_role(user: User, role: str | Role) -> None:
    """Raise RoleError unless `user` is active and holds `role` or a higher one."""
    needed = _role(role)
    if not user.active or _RANK[user.role] < _RANK[needed]:
        raise RoleError(f"{user.name} is {'a disabled account' if not user.active else f'an {user.role.value}'}: "
                        f"this needs a {needed.value}.")


def get_user(s: Session, name: str) -> User | None:
    """The account of `name` (ignoring case), None when there is none."""
    row = _row(s, name.strip())
    return _user(row) if row is not None else None


def list_users(s: Session) -> list[User]:
    """Every account, by name."""
    return [_user(r) for r in s.scalars(select(UserAccount).order_by(UserAccount.name_key))]


def set_active(s: Session, name: str, active: bool) -> User:
    """Enable or disable an account (the caller commits); disabled accounts cannot sign in."""
    row = _row(s, name.strip())
    if row is None:
        raise AccountError(f"There is no account named {name!r}.")
    row.active = active
    s.flush()
    return _user(row)


def _row(s: Session, name: str) -> UserAccount | None:
    return s.scalars(select(UserAccount).where(UserAccount.name_key == name.casefold())).first()


def _clean_name(name: str) -> str:
    """A name as stored: NFC, trimmed, 1 to MAX_NAME printable characters."""
    shown = unicodedata.normalize("NFC", name).strip()
    if not shown or len(shown) > MAX_NAME or not shown.isprintable():
        raise AccountError(f"An account name must be 1 to {MAX_NAME} printable characters; got {name!r}.")
    return shown


def _role(role: str | Role) -> Role:
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        raise AccountError(f"Unknown role {role!r}: use one of {', '.join(r.value for r in Role)}.") from None


def _user(row: UserAccount) -> User:
    return User(row.name, Role(row.role), bool(row.active), row.created_at)
