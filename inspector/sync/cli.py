"""`inspector sync init|export|import|trust|status`: cases between laptops and the centre without a network."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.errors import UsageError
from inspector.models import Finding

EXIT_OK = 0


def add_sync_parser(sub: Any, add_data_dir: Any) -> None:
    """The `sync` subcommand and its actions."""
    sync = sub.add_parser("sync", help="cases between laptops and the coordination centre, by file (docs/centre.md)")
    actions = sync.add_subparsers(dest="sync_command", required=True)
    init = actions.add_parser("init", help="give this installation its port, name and signing key (once)")
    init.add_argument("--port", required=True, metavar="PORT", help="the port this laptop works at, e.g. NANSHA")
    init.add_argument("--laptop", metavar="NAME", help="this laptop's name (default: the host name)")
    export = actions.add_parser("export", help="write the cases since a date into a signed bundle")
    export.add_argument("out", metavar="OUT.bundle")
    export.add_argument("--since", required=True, metavar="YYYY-MM-DD", help="cases recorded or acted on since")
    export.add_argument("--with-pages", action="store_true", help="carry the kept original files too")
    imp = actions.add_parser("import", help="verify a bundle and merge it into this case database")
    imp.add_argument("bundle", metavar="BUNDLE")
    imp.add_argument("--no-recheck", action="store_true",
                     help="do not re-run the fragmentation check of the imported cases against every port's lots")
    trust = actions.add_parser("trust", help="trust a laptop's public key for one port")
    trust.add_argument("public_key", metavar="KEY.pub.pem")
    trust.add_argument("--port", required=True, metavar="PORT")
    status = actions.add_parser("status", help="this installation's identity, trusted keys and imported bundles")
    for p in (init, export, imp, trust, status):
        p.add_argument("--json", action="store_true", help="print JSON on stdout")
        add_data_dir(p)
    for p in (export, imp):
        p.add_argument("--by", metavar="NAME", help="who acts (default: the login name)")


def run_sync(args: argparse.Namespace, config: Config) -> int:
    """Run one `sync` action; errors are raised as SyncError subclasses with their exit status."""
    config.data.ensure()
    action = {"init": _init, "export": _export, "import": _import, "trust": _trust, "status": _status}
    out = action[args.sync_command](args, config)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        print(out.pop("text"))
    return EXIT_OK


def _init(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    from inspector.sync.identity import init_identity, public_key_file

    me = init_identity(config.data, args.port, args.laptop)
    public = public_key_file(config.data, me)
    return {**dataclasses.asdict(me), "public_key": str(public), "text": (
        f"This installation signs its bundles as {me.port}/{me.laptop} with key {me.key_id}.\n"
        f"Give the centre {public}; it runs: inspector sync trust {public.name} --port {me.port}")}


def _export(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    from inspector.db.cases.repository import open_cases
    from inspector.sync.export import export_bundle

    try:
        since = dt.date.fromisoformat(args.since)
    except ValueError as exc:
        raise UsageError(f"--since {args.since!r} is not a date: give it as YYYY-MM-DD.") from exc
    engine = open_cases(config.data)
    try:
        with Session(engine) as s:
            done = export_bundle(s, config.data, Path(args.out), since, with_pages=args.with_pages, actor=args.by)
            s.commit()
    finally:
        engine.dispose()
    out = {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(done).items()}
    return {**out, "text": f"Wrote {done.cases} case(s), {done.audit_rows} audit row(s) and {done.originals} "
                           f"original file(s) of {done.port}/{done.laptop} to {done.path} (sha256 {done.sha256[:12]})."}


def _import(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    from inspector.db.cases.repository import open_cases
    from inspector.sync.merge import import_bundle

    engine = open_cases(config.data)
    try:
        done = import_bundle(engine, config.data, Path(args.bundle), actor=args.by)
        found = {} if done.already or args.no_recheck else _recheck(engine, config, [c.case_id for c in done.changed])
    finally:
        engine.dispose()
    out = {"path": str(done.path), "sha256": done.sha256, "port": done.port, "laptop": done.laptop,
           "already_imported": done.already, "cases": [dataclasses.asdict(c) for c in done.cases],
           "audit_rows": done.audit_rows, "audit_unverified": done.audit_unverified, "originals": done.originals,
           "fragmentation": {k: {"severity": str(f.severity), "message": f.message, "message_zh": f.message_zh,
                                 "evidence": f.evidence} for k, f in found.items()}}
    return {**out, "text": _import_text(done, found)}


def _recheck(engine: Any, config: Config, case_ids: list[str]) -> dict[str, Finding]:
    """FRAGMENTATION_SUSPECTED of each imported case against every port's lots here."""
    if not case_ids:
        return {}
    from inspector.db.rules.seed import open_rules
    from inspector.sync.centre import recheck_fragmentation

    rules_engine = open_rules(config.data)
    try:
        with Session(rules_engine) as rules, Session(engine) as cases:
            found = {case_id: recheck_fragmentation(cases, rules, case_id, config) for case_id in case_ids}
    finally:
        rules_engine.dispose()
    return {k: f for k, f in found.items() if f is not None}


def _import_text(done: Any, found: dict[str, Finding]) -> str:
    if done.already:
        return f"{done.path} ({done.port}/{done.laptop}, sha256 {done.sha256[:12]}) was imported before: nothing changed."
    tally: dict[str, int] = {}
    for c in done.cases:
        tally[c.action] = tally.get(c.action, 0) + 1
    lines = [f"Imported {done.path} from {done.port}/{done.laptop}: "
             + (", ".join(f"{n} {action}" for action, n in sorted(tally.items())) or "no cases")
             + f"; {done.audit_rows} new audit row(s), {done.originals} original file(s)."]
    lines += [f"  {c.origin_id} -> {c.case_id} ({c.action}{', another version of ' + c.conflict_of if c.conflict_of else ''})"
              for c in done.cases if c.action in ("imported", "updated", "conflict") and c.origin_id != c.case_id
              or c.action == "conflict"]
    if done.audit_unverified:
        lines.append(f"  {done.audit_unverified} audit row(s) of the laptop do not match their hashes: check its "
                     "trail (inspector audit verify on the laptop).")
    lines += [f"  {case_id}: FRAGMENTATION_SUSPECTED ({f.severity}) across the ports: {f.message}"
              for case_id, f in found.items()]
    return "\n".join(lines)


def _trust(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    from inspector.sync.identity import port_name, trust_key

    kid = trust_key(config.data, Path(args.public_key), args.port)
    port = port_name(args.port)
    return {"key_id": kid, "port": port, "text": f"Key {kid} is trusted for port {port}: its bundles can be imported."}


def _status(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    from inspector.db.cases.models import SyncBundle
    from inspector.db.cases.repository import open_cases
    from inspector.sync.errors import SyncSetupError
    from inspector.sync.identity import PORT_SUFFIX, load_identity, trusted_dir

    try:
        me: dict[str, Any] | None = dataclasses.asdict(load_identity(config.data))
    except SyncSetupError:
        me = None
    folder = trusted_dir(config.data)
    trusted = {p.name.removesuffix(PORT_SUFFIX): p.read_text("utf-8").strip()
               for p in sorted(folder.glob(f"*{PORT_SUFFIX}"))} if folder.is_dir() else {}
    engine = open_cases(config.data)
    try:
        with Session(engine) as s:
            bundles = s.scalar(select(func.count()).select_from(SyncBundle)) or 0
    finally:
        engine.dispose()
    text = [f"identity: {me['port']}/{me['laptop']} (key {me['key_id']})" if me else
            "identity: none (inspector sync init --port PORT)",
            f"trusted keys: {', '.join(f'{k} ({p})' for k, p in trusted.items()) or 'none'}",
            f"bundles imported: {bundles}"]
    return {"identity": me, "trusted": trusted, "bundles_imported": bundles, "text": "\n".join(text)}
