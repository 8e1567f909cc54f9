"""The `inspector` command line: the engine without a window (contract: shared/contract/CHECK.md)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from inspector import __version__
from inspector.config import Config
from inspector.errors import InspectorError
from inspector.passphrase import from_env as passphrase_from_env
from inspector.paths import data_paths
from inspector.synth.synth_cli import add_synth_parser, run_synth

log = logging.getLogger("inspector")

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 2, 3


class StderrProgress:
    """Progress lines on stderr, never stdout."""

    def update(self, done: int, total: int, message: str) -> None:
        """Print one progress line."""
        print(f"[{done}/{total}] {message}", file=sys.stderr, flush=True)


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR", help="where the rules and case databases live "
                   "(default: the per-user data directory)")
    p.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the passphrase of "
                   "the encrypted case database (default: INSPECTOR_PASSPHRASE when set)")
    p.add_argument("--case-db", metavar="URL", help="the case database as a URL, e.g. a coordination centre's "
                   "postgresql://user@host/inspector (default: INSPECTOR_CASE_DB, else the SQLite file of the "
                   "data directory; docs/centre.md)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="inspector", description="Check the export paperwork of "
                                     "one shipment of strategic minerals, offline.")
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check the documents of one shipment (one case)")
    check.add_argument("files", nargs="+", metavar="FILE", help="PDF, TIFF, PNG or JPEG files")
    check.add_argument("--json", action="store_true", help="print the contract JSON on stdout")
    check.add_argument("--no-save", action="store_true", help="do not record the case")
    check.add_argument("--case-id", metavar="ID", help="the inspector's reference for the case")
    check.add_argument("--workers", type=int, default=None, help="pages OCR'd in parallel")
    check.add_argument("--lang", choices=("en", "zh"), default="en",
                       help="language of the readable summary (default en; --json always carries both)")
    _add_data_dir(check)
    rules = sub.add_parser("rules", help="the rules database").add_subparsers(dest="rules_command",
                                                                            required=True)
    lic = rules.add_parser("import-licences", help="import a licence registry CSV")
    lic.add_argument("file", metavar="FILE.csv")
    _add_data_dir(lic)
    wl = rules.add_parser("import-watchlist", help="import a watchlist CSV: minimal form, OpenSanctions "
                            "targets.simple.csv, US CSL, or OFAC SDN.CSV (with alt.csv/add.csv beside it)")
    wl.add_argument("file", metavar="FILE.csv")
    wl.add_argument("--list", dest="list_name", metavar="NAME", help="name of the list")
    _add_data_dir(wl)
    info = rules.add_parser("info", help="what the rules database holds")
    info.add_argument("--json", action="store_true")
    _add_data_dir(info)
    from inspector.rulepack.cli import add_pack_parsers

    add_pack_parsers(rules, _add_data_dir)
    forensics = sub.add_parser("forensics", help="the forensic thresholds").add_subparsers(
        dest="forensics_command", required=True)
    cal = forensics.add_parser("calibrate", help="recalibrate the forensic thresholds on this office's own "
                               "genuine scans (files or folders)")
    cal.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    cal.add_argument("--fpr", type=float, default=0.01,
                     help="share of genuine documents allowed to reach a method's threshold (default 0.01)")
    cal.add_argument("--min-documents", type=int, default=None, help="refuse with fewer readable documents")
    _add_data_dir(cal)
    shown = forensics.add_parser("info", help="the forensic thresholds in force and where they come from")
    _add_data_dir(shown)
    from inspector.access_cli import add_access_parsers

    add_access_parsers(sub, _add_data_dir)
    add_synth_parser(sub)
    from inspector.history.cli import add_history_parser

    add_history_parser(sub, _add_data_dir)
    from inspector.casework.cli import add_casework_parsers

    add_casework_parsers(sub, _add_data_dir)
    from inspector.journal_cli import add_journal_parser

    add_journal_parser(sub, _add_data_dir)
    from inspector.sync.cli import add_sync_parser

    add_sync_parser(sub, _add_data_dir)
    return parser


def _config(args: argparse.Namespace) -> Config:
    env = getattr(args, "passphrase_env", None)
    config = Config(data=data_paths(args.data_dir, passphrase_from_env(env) if env else None,
                                    getattr(args, "case_db", None)))
    if getattr(args, "no_save", False):
        config = replace(config, save=False)
    if getattr(args, "workers", None):
        config = replace(config, workers=max(1, args.workers))
    return config


def _run_check(args: argparse.Namespace) -> int:
    from inspector.journal_cli import warn_interrupted
    from inspector.pipeline import check_case

    config = _config(args)
    warn_interrupted(config.data)  # stderr only: stdout stays the contract's
    progress = None if args.json else StderrProgress()
    result = check_case(args.files, config, case_id=args.case_id, progress=progress)
    return _print_result(result, args)


def _run_journal(args: argparse.Namespace) -> int:
    from inspector import journal
    from inspector.journal_cli import run_journal

    config = _config(args)
    done = run_journal(args, config)
    if done is not None:
        return done
    result = journal.rerun(args.token, config, progress=None if args.json else StderrProgress())
    return _print_result(result, args)


def _print_result(result, args: argparse.Namespace) -> int:
    """Print a checked case (contract JSON or the summary); the exit status of a check."""
    from inspector.report.contract import to_contract
    from inspector.report.text import summary

    if args.json:
        text = json.dumps(to_contract(result), ensure_ascii=False, indent=2)
        # a file name that is not UTF-8 arrives as surrogate escapes: written as \udcXX JSON escapes
        sys.stdout.buffer.write(text.encode("utf-8", "backslashreplace") + b"\n")
        sys.stdout.flush()
    else:
        print(summary(result, args.lang))
    return EXIT_UNREADABLE if result.unreadable else EXIT_OK


def _run_rules(args: argparse.Namespace) -> int:
    from inspector.db.rules import repository as repo
    from inspector.db.rules.seed import open_rules
    from inspector.rulepack.cli import PACK_COMMANDS, run_pack

    if args.rules_command in PACK_COMMANDS:
        return run_pack(args, data_paths(getattr(args, "data_dir", None)))
    config = _config(args)
    config.data.ensure()
    engine = open_rules(config.data)
    try:
        with Session(engine) as s:
            if args.rules_command == "info":
                return _print_info(repo.rules_info(s), args.json)
            if args.rules_command == "import-licences":
                count = repo.import_licences(s, Path(args.file))
                what = "licence(s)"
            else:
                count = repo.import_watchlist(s, Path(args.file), args.list_name)
                what = "watchlist entr(y/ies)"
            s.commit()
    finally:
        engine.dispose()
    print(f"Imported {count} {what} from {args.file}.")
    return EXIT_OK


def _run_forensics(args: argparse.Namespace) -> int:
    from inspector.forensics.calibrate import MIN_DOCUMENTS, recalibrate
    from inspector.forensics.thresholds import load

    config = _config(args)
    config.data.ensure()
    if args.forensics_command == "info":
        table = load(config.data)
        print(f"thresholds: {table.source} ({table.calibrated}; target false-positive rate {table.target_fpr})")
        for name, t in sorted(table.methods.items()):
            print(f"  {name:14} threshold {t.threshold:g}  sure {t.sure:g}  ({t.genuine_documents} genuine documents)")
        return EXIT_OK
    done = recalibrate(args.paths, config, args.fpr, min_documents=args.min_documents or MIN_DOCUMENTS,
                       progress=StderrProgress())
    print(f"Calibrated on {done.documents} genuine document(s): {done.path}")
    for name, t in sorted(done.methods.items()):
        kept = " (shipped: this office's scans gave no signal)" if name in done.kept_shipped else ""
        print(f"  {name:14} threshold {t.threshold:g}{kept}")
    return EXIT_OK


def _run_history(args: argparse.Namespace) -> int:
    from inspector.db.cases.repository import open_cases
    from inspector.history.cli import run_history

    config = _config(args)
    config.data.ensure()
    engine = open_cases(config.data)
    try:
        return run_history(args, engine)
    finally:
        engine.dispose()


def _run_casework(args: argparse.Namespace) -> int:
    from inspector.casework.cli import run_casework

    config = _config(args)
    config.data.ensure()
    return run_casework(args, config)


def _print_info(info, as_json: bool) -> int:
    data = info.as_dict() if hasattr(info, "as_dict") else vars(info)
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `inspector` command."""
    if list(sys.argv[1:] if argv is None else argv)[:1] == ["--inspector-decode-sandbox"]:
        from inspector.intake.sandbox import main as decode  # the frozen app's decoding child

        return decode()
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "check":
            return _run_check(args)
        if args.command == "synth":
            return run_synth(args)
        if args.command == "forensics":
            return _run_forensics(args)
        if args.command == "history":
            return _run_history(args)
        if args.command in ("case", "audit"):
            return _run_casework(args)
        if args.command in ("users", "encrypt-cases"):
            from inspector.access_cli import run_encrypt, run_users

            return run_users(args, _config(args)) if args.command == "users" else run_encrypt(_config(args))
        if args.command == "sync":
            from inspector.sync.cli import run_sync

            return run_sync(args, _config(args))
        if args.command == "journal":
            return _run_journal(args)
        return _run_rules(args)
    except InspectorError as exc:
        print(f"inspector: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("inspector: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
