"""The `inspector synth` subcommand: write a synthetic corpus for training and benchmarks."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from inspector.synth.corpus import write_corpus


class _StderrProgress:
    """Prints 'done/total message' lines on stderr."""

    def update(self, done: int, total: int, message: str) -> None:
        """Report one finished case."""
        print(f"[{done}/{total}] {message}", file=sys.stderr, flush=True)


def add_synth_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `synth` subcommand to a CLI's subparsers."""
    parser = subparsers.add_parser("synth", help="write a synthetic corpus of export paperwork")
    parser.add_argument("outdir", metavar="OUTDIR", type=Path)
    parser.add_argument("--cases", type=int, default=30, help="number of cases (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
    parser.add_argument("--tamper", action="store_true", help="also write tampered/control document pairs")
    parser.add_argument("--sequences", action="store_true", help="also write case sequences (fragmentation, reuse)")
    parser.add_argument("--photos", action="store_true", help="make some documents phone photos")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.set_defaults(func=run_synth)
    return parser


def run_synth(args: argparse.Namespace) -> int:
    """Write the corpus; one summary line on stdout, progress on stderr; exit status."""
    if args.cases < 1 or args.workers < 1:
        print("--cases and --workers must be at least 1", file=sys.stderr)
        return 2
    start = time.monotonic()
    manifest = write_corpus(args.outdir, cases=args.cases, seed=args.seed, tamper=args.tamper,
                            sequences=args.sequences, photos=args.photos, workers=args.workers,
                            progress=_StderrProgress())
    print(f"{len(manifest['cases'])} cases, {len(manifest['tamper'])} tamper pairs, "
          f"{len(manifest['sequences'])} sequences written to {args.outdir} "
          f"in {time.monotonic() - start:.1f} s")
    return 0
