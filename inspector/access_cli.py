"""`inspector users add | list | disable | enable` (local accounts) and `inspector encrypt-cases` (the case
database encrypted at rest): who may open the case database and act on it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.passphrase import ask_new


def add_access_parsers(sub: Any, add_data_dir: Any) -> None:
    """The `users` and `encrypt-cases` subcommands."""
    users = sub.add_parser("users", help="local accounts and their roles (inspector, supervisor)")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add", help="add an account (the password is asked, or read from --password-env)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("inspector", "supervisor"))
    add.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")
    listing = actions.add_parser("list", help="the accounts, their roles and whether they are active")
    listing.add_argument("--json", action="store_true")
    switches = [actions.add_parser(a, help=f"{a} an account") for a in ("disable", "enable")]
    for p in switches:
        p.add_argument("name", metavar="NAME")
    for p in (add, listing, *switches):
        add_data_dir(p)
    enc = sub.add_parser("encrypt-cases", help="encrypt the case database in place with the passphrase "
                         "(INSPECTOR_PASSPHRASE or --passphrase-env)")
    add_data_dir(enc)


def run_users(args: argparse.Namespace, config: Config) -> int:
    """Run one `users` action on the case database."""
    from inspector import accounts
    from inspector.db.cases.repository import open_cases

    password = ask_new("password", args.password_env) if args.users_command == "add" else ""
    config.data.ensure()
    engine = open_cases(config.data)
    try:
        with Session(engine) as s, s.begin():
            if args.users_command == "add":
                user = accounts.create_user(s, args.name, args.role, password)
                print(f"Account {user.name} ({user.role.value}) created.")
            elif args.users_command == "list":
                _print_users(accounts.list_users(s), args.json)
            else:
                user = accounts.set_active(s, args.name, args.users_command == "enable")
                print(f"Account {user.name} {'enabled' if user.active else 'disabled'}.")
    finally:
        engine.dispose()
    return 0


def _print_users(users: list, as_json: bool) -> None:
    rows = [{"name": u.name, "role": u.role.value, "active": u.active,
             "created_at": u.created_at.isoformat(timespec="seconds")} for u in users]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        print(f"{r['name']:30} {r['role']:11} {'active' if r['active'] else 'disabled':9} {r['created_at']}")
    if not rows:
        print("No accounts yet: add one with `inspector users add NAME --role supervisor`.")


def run_encrypt(config: Config) -> int:
    """Encrypt the plain case database of the data directory under the configured passphrase."""
    from inspector.db.cipher import encrypt_in_place
    from inspector.errors import UsageError

    if not config.data.passphrase:
        raise UsageError("No passphrase: set INSPECTOR_PASSPHRASE, or name another variable with --passphrase-env.")
    if not config.data.case_db_is_file:
        raise UsageError(f"The case database is on a server ({config.data.case_db_shown()}): Inspector encrypts only "
                         "its SQLite file; a server's database is protected by the server (docs/centre.md).")
    tables = encrypt_in_place(config.data.cases_db, config.data.passphrase)
    print(f"Encrypted {config.data.cases_db} ({tables} tables). From now on give the same passphrase to open it.")
    return 0
