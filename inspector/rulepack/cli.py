"""`inspector rules keygen | export-pack | import-pack`: signed rule packs on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.passphrase import from_env
from inspector.paths import DataPaths

PACK_COMMANDS = ("keygen", "export-pack", "import-pack")


def add_pack_parsers(rules: Any, add_data_dir: Any) -> None:
    """The pack actions of `inspector rules`."""
    keygen = rules.add_parser("keygen", help="make a new signing key pair for the authority (docs/rule-packs.md)")
    keygen.add_argument("out_dir", metavar="OUT_DIR", help="where to write <id>.key.pem and <id>.pub.pem")
    export = rules.add_parser("export-pack", help="write the rules database as a signed rule pack (authority)")
    export.add_argument("out", metavar="OUT", help="the pack file to write")
    export.add_argument("--key", required=True, metavar="PRIVATE_KEY.pem", help="the authority's private key")
    export.add_argument("--version", type=int, metavar="V", help="pack version (default: one above the last)")
    export.add_argument("--note", default="", help="what the pack changes (shown when it is applied)")
    for p in (keygen, export):
        p.add_argument("--key-passphrase-env", metavar="VAR",
                       help="environment variable holding the private key's passphrase")
    add_data_dir(export)
    imp = rules.add_parser("import-pack", help="verify a signed rule pack and apply it (all or nothing)")
    imp.add_argument("file", metavar="FILE")
    add_data_dir(imp)


def run_pack(args: argparse.Namespace, data: DataPaths) -> int:
    """Run one pack action; errors are raised as PackError subclasses with their exit status."""
    secret = from_env(args.key_passphrase_env) if getattr(args, "key_passphrase_env", None) else None
    if args.rules_command == "keygen":
        return _keygen(Path(args.out_dir), secret)
    from inspector.db.rules.seed import open_rules
    from inspector.rulepack.apply import export_pack, import_pack
    from inspector.rulepack.keys import shipped_keys

    data.ensure()
    engine = open_rules(data)
    try:
        if args.rules_command == "export-pack":
            done = export_pack(engine, Path(args.out), Path(args.key), secret, args.version, args.note)
            print(f"Wrote rule pack version {done.pack_version} to {done.path}, signed with key {done.key_id} "
                  f"(sha256 {done.sha256[:12]}): {_counts(done.counts)}.")
        else:
            applied = import_pack(engine, Path(args.file), shipped_keys())
            print(f"Applied rule pack version {applied.pack_version} (was {applied.previous_version or 'none'}), "
                  f"signed with key {applied.key_id}: {_counts(applied.counts)}. "
                  f"Rules version now {applied.rules_version}.")
    finally:
        engine.dispose()
    return 0


def _keygen(out_dir: Path, secret: str | None) -> int:
    from inspector.rulepack.keys import generate

    files = generate(out_dir, secret)
    print(f"Key {files.key_id}:\n  private: {files.private_path} (keep offline; never ship it)\n"
          f"  public:  {files.public_path} (ship in resources/keys/)")
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())
