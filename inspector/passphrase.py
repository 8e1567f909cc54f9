"""Passphrases and passwords for the command line: from an environment variable or a prompt, never from an
argument (arguments are visible to every user of the machine in the process list)."""

from __future__ import annotations

import getpass
import os
import sys

from inspector.errors import UsageError


def from_env(var: str) -> str:
    """The value of environment variable `var`; a UsageError when it is unset or empty."""
    value = os.environ.get(var)
    if not value:
        raise UsageError(f"The environment variable {var} is not set (or is empty): set it to the passphrase.")
    return value


def ask_new(what: str, env: str | None = None) -> str:
    """A new secret: from `env` when given, else typed twice at a terminal."""
    if env:
        return from_env(env)
    if not sys.stdin.isatty():
        raise UsageError(f"No terminal to type the {what} at: set it in an environment variable and name it "
                         "with --password-env VAR.")
    first = getpass.getpass(f"{what}: ")
    if first != getpass.getpass(f"{what} again: "):
        raise UsageError(f"The two {what}s differ; nothing was changed.")
    return first
