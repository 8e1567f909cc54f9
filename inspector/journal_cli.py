"""`inspector journal list|rerun|clear`: the checks a kill, crash or power cut interrupted."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict

from inspector import journal
from inspector.config import Config
from inspector.paths import DataPaths

MAX_LISTED = 5  # interrupted checks named on stderr before a check; the rest are counted


def add_journal_parser(sub: argparse._SubParsersAction,
                       add_data_dir: Callable[[argparse.ArgumentParser], None]) -> None:
    """The `journal` subcommands."""
    parser = sub.add_parser("journal", help="checks that were interrupted before their case was recorded")
    cmds = parser.add_subparsers(dest="journal_command", required=True)
    shown = cmds.add_parser("list", help="list the interrupted checks")
    shown.add_argument("--json", action="store_true", help="one JSON array on stdout")
    add_data_dir(shown)
    again = cmds.add_parser("rerun", help="check the files of an interrupted check again and record it")
    again.add_argument("token", metavar="TOKEN", help="as `inspector journal list` shows it (a prefix will do)")
    again.add_argument("--json", action="store_true", help="print the contract JSON on stdout")
    again.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the readable summary")
    add_data_dir(again)
    gone = cmds.add_parser("clear", help="forget interrupted checks (their files are not touched)")
    gone.add_argument("tokens", nargs="*", metavar="TOKEN")
    gone.add_argument("--all", action="store_true", help="forget every interrupted check")
    add_data_dir(gone)


def run_journal(args: argparse.Namespace, config: Config) -> int | None:
    """`list` and `clear`; returns None for `rerun`, which the caller runs like a check."""
    if args.journal_command == "list":
        entries = journal.pending(config.data)
        if args.json:
            print(json.dumps([asdict(e) for e in entries], indent=2))
        else:
            print("\n".join(journal.describe(e) for e in entries) or "No interrupted check.")
        return 0
    if args.journal_command == "clear":
        return _clear(args, config.data)
    return None


def _clear(args: argparse.Namespace, data: DataPaths) -> int:
    if args.all == bool(args.tokens):
        print("inspector: give the TOKENs of the checks to forget, or --all", file=sys.stderr)
        return 2
    tokens = [e.token for e in journal.pending(data)] if args.all else [journal.find(data, t).token
                                                                       for t in args.tokens]
    forgotten = sum(journal.forget(data, t) for t in tokens)
    print(f"Forgot {forgotten} interrupted check(s).")
    return 0


def warn_interrupted(data: DataPaths) -> None:
    """One stderr line per interrupted check, before a new check (stdout stays the contract's)."""
    entries = journal.pending(data)
    for entry in entries[:MAX_LISTED]:
        print(f"inspector: {journal.describe(entry)}", file=sys.stderr)
    if len(entries) > MAX_LISTED:
        print(f"inspector: and {len(entries) - MAX_LISTED} more interrupted check(s): "
              "`inspector journal list`", file=sys.stderr)
