"""Local accounts: scrypt-hashed passwords, sign-in, roles; the account table arrives by migration cases_0006."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from inspector import accounts
from inspector.accounts import (
    AccountError,
    AuthenticationError,
    Role,
    RoleError,
    authenticate,
    create_user,
    require_role,
)
from inspector.db.base import make_engine
from inspector.db.cases.models import UserAccount
from inspector.db.cases.repository import list_cases, open_cases
from inspector.db.migrate import alembic_config, current_revision, head_revision
from inspector.paths import DataPaths

PASSWORD = "tungsten-and-gallium"


@pytest.fixture
def engine(tmp_path: Path):
    engine = open_cases(DataPaths(tmp_path))
    yield engine
    engine.dispose()


def test_password_hash_is_scrypt_salted_and_verified(engine: Engine) -> None:
    stored = accounts.hash_password(PASSWORD)
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", 2**14, 8, 1)
    assert stored != accounts.hash_password(PASSWORD)  # a fresh salt each time
    assert PASSWORD not in stored
    assert accounts.verify_password(PASSWORD, stored)
    assert not accounts.verify_password(PASSWORD + "x", stored)
    assert not accounts.verify_password(PASSWORD, "md5$" + hashlib.md5(PASSWORD.encode()).hexdigest())
    assert not accounts.verify_password(PASSWORD, "scrypt$16384$8$1$not base64$!!")


def test_create_authenticate_and_roles(engine: Engine) -> None:
    with Session(engine) as s, s.begin():
        create_user(s, "Li Wei", "supervisor", PASSWORD)
        create_user(s, "Anna Berg", Role.INSPECTOR, PASSWORD + "2")
    with Session(engine) as s:
        row = s.scalars(select(UserAccount).where(UserAccount.name == "Li Wei")).one()
        assert PASSWORD not in row.password_hash
        chief = authenticate(s, "li wei", PASSWORD)  # names ignore case
        clerk = authenticate(s, "Anna Berg", PASSWORD + "2")
        assert (chief.name, chief.role, clerk.role) == ("Li Wei", Role.SUPERVISOR, Role.INSPECTOR)
        require_role(chief, "supervisor")
        require_role(chief, "inspector")  # a supervisor may do what an inspector may
        require_role(clerk, Role.INSPECTOR)
        with pytest.raises(RoleError, match="needs a supervisor"):
            require_role(clerk, "supervisor")
        for name, password in (("Li Wei", "wrong password"), ("Nobody", PASSWORD)):
            with pytest.raises(AuthenticationError, match="name or the password is wrong"):
                authenticate(s, name, password)
        assert [u.name for u in accounts.list_users(s)] == ["Anna Berg", "Li Wei"]


def test_refusals_and_disabled_accounts(engine: Engine) -> None:
    with Session(engine) as s, s.begin():
        create_user(s, "Li Wei", "supervisor", PASSWORD)
        with pytest.raises(AccountError, match="already an account"):
            create_user(s, "LI WEI", "inspector", PASSWORD)
        with pytest.raises(AccountError, match="Unknown role"):
            create_user(s, "Zhang", "admin", PASSWORD)
        with pytest.raises(AccountError, match="too short"):
            create_user(s, "Zhang", "inspector", "short")
        with pytest.raises(AccountError, match="printable"):
            create_user(s, "  ", "inspector", PASSWORD)
        accounts.set_active(s, "Li Wei", False)
    with Session(engine) as s:
        with pytest.raises(AuthenticationError):
            authenticate(s, "Li Wei", PASSWORD)
        user = accounts.get_user(s, "li wei")
        assert user is not None and not user.active
        with pytest.raises(RoleError, match="disabled"):
            require_role(user, "inspector")


def test_migration_0006_adds_accounts_and_keeps_cases(tmp_path: Path) -> None:
    """A database at cases_0005 holding a case is upgraded in place; the case is still there."""
    engine = make_engine(tmp_path / "cases.sqlite")
    with engine.begin() as connection:
        command.upgrade(alembic_config("cases", connection), "cases_0005")
    with engine.begin() as c:  # a case of that release, written in its columns (today's code has more)
        c.execute(text("INSERT INTO cases (id, created_at, shipment_date, lane, risk_score, rules_version, "
                       "engine_version, status) VALUES ('C-20261129-0001', '2026-11-29 10:00:00', '2026-11-21', "
                       "'green', 0, '', '0.1.0', 'recorded')"))
    engine.dispose()
    engine = open_cases(DataPaths(tmp_path))
    try:
        assert current_revision(engine, "cases") == head_revision("cases")
        with Session(engine) as s, s.begin():
            assert [c.id for c in list_cases(s)] == ["C-20261129-0001"]
            create_user(s, "Li Wei", "supervisor", PASSWORD)
    finally:
        engine.dispose()


def test_users_on_the_command_line(tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PW", PASSWORD)
    run = run_cli("users", "add", "Li Wei", "--role", "supervisor", "--password-env", "PW", "--data-dir", str(tmp_path))
    assert run.code == 0 and "Li Wei (supervisor) created" in run.out
    run = run_cli("users", "add", "li wei", "--role", "inspector", "--password-env", "PW", "--data-dir", str(tmp_path))
    assert run.code == 2 and "already an account" in run.err
    run = run_cli("users", "list", "--json", "--data-dir", str(tmp_path))
    assert run.code == 0 and '"role": "supervisor"' in run.out and PASSWORD not in run.out
    run = run_cli("users", "add", "Zhang", "--role", "inspector", "--data-dir", str(tmp_path))
    assert run.code == 2 and "--password-env" in run.err  # no terminal under pytest: never a silent empty password
