"""Accuracy benchmark: run `inspector check` over a synthetic corpus and score it against the truth.

    python benchmarks/accuracy.py CORPUS [--workers N] [--out report.json] [--limit N] [--timeout S]
                                       [--outputs DIR]

Prints document-type accuracy, per-field precision/recall/F1, line-item shares, recall and false-positive
rate per finding code, tamper and sequence figures, and seconds per page (see docs/ACCURACY.md).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the accuracy_* helper modules beside this file

from accuracy_report import render  # noqa: E402
from accuracy_run import DEFAULT_TIMEOUT_S, CorpusRuns, Runner, all_checks, run_corpus  # noqa: E402
from accuracy_score import score  # noqa: E402

log = logging.getLogger(__name__)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="corpus directory (with corpus.json, cases/, ...)")
    parser.add_argument("--workers", type=int, default=1, help="checks run at the same time (default 1)")
    parser.add_argument("--out", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--limit", type=int, help="only the first N cases, N tamper pairs and N sequences")
    parser.add_argument("--outputs", type=Path, help="keep every check's JSON output in this directory")
    parser.add_argument("--data-dir", type=Path, help="keep the checks' data directory here (its OCR cache makes "
                        "a rerun after a change past reading cheap); default a temporary one")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds before a check counts "
                        "as crashed")
    return parser.parse_args(argv)


def progress(message: str) -> None:
    """Progress to stderr, so stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


def save_outputs(runs: CorpusRuns, out_dir: Path) -> None:
    """Write each check's JSON output (or its error) to `out_dir`, one file per check."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for check in all_checks(runs):
        name = check.label.replace("/", "__").replace(":", "_") + ".json"
        body = check.output if check.output is not None else {"error": check.error}
        (out_dir / name).write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the report; 2 when the corpus is not there."""
    args = parse_args(argv)
    root = args.corpus.resolve()
    if not root.is_dir():
        print(f"no corpus directory at {root}", file=sys.stderr)
        return 2
    runner = Runner(licences=root / "licences.csv", watchlist=root / "watchlist.csv", timeout_s=args.timeout)
    runs = run_corpus(root, runner, workers=args.workers, limit=args.limit, report=progress, keep=args.data_dir)
    if args.outputs:
        save_outputs(runs, args.outputs)
    figures = score(runs)
    print(render(figures, str(root)), end="")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        progress(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
