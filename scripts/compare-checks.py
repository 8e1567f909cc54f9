"""Compare two `inspector check --json` outputs of the same files (the smoke test of the frozen app:
development install vs bundle). Same lane and score, the same findings (code, severity, document,
field, page) and the same fields read from every document, or exit 1 naming the differences.

usage: python scripts/compare-checks.py EXPECTED.json ACTUAL.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def findings(report: dict) -> list[tuple]:
    """The findings as comparable tuples, in a stable order."""
    rows = [(f["code"], f["severity"], f.get("document"), f.get("field"), f.get("page"))
            for f in report["findings"]]
    return sorted(rows, key=repr)


def documents(report: dict) -> list[tuple]:
    """What was read from each document: its type and fields."""
    return [(d["path"], d.get("type"), json.dumps(d.get("fields"), sort_keys=True, ensure_ascii=False))
            for d in report["documents"]]


def differences(expected: dict, actual: dict) -> list[str]:
    """Human-readable differences; empty when the two checks agree."""
    out = []
    for key in ("lane", "risk_score"):
        if expected["case"].get(key) != actual["case"].get(key):
            out.append(f"{key}: {expected['case'].get(key)} expected, {actual['case'].get(key)} got")
    want, got = findings(expected), findings(actual)
    out += [f"finding missing: {row}" for row in want if row not in got]
    out += [f"finding extra: {row}" for row in got if row not in want]
    for (path, kind, fields), (_, kind2, fields2) in zip(documents(expected), documents(actual), strict=False):
        if (kind, fields) != (kind2, fields2):
            out.append(f"document {path}: read differently ({kind} {fields} vs {kind2} {fields2})")
    if len(expected["documents"]) != len(actual["documents"]):
        out.append(f"{len(expected['documents'])} documents expected, {len(actual['documents'])} got")
    return out


def main(argv: list[str]) -> int:
    """Print the verdict of the comparison; 0 when identical."""
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    expected, actual = (json.loads(Path(p).read_text("utf-8")) for p in argv)
    diffs = differences(expected, actual)
    if diffs:
        print("\n".join(diffs))
        return 1
    codes = ", ".join(f"{c}/{s}" for c, s, *_ in findings(actual))
    print(f"{len(actual['findings'])} findings identical ({codes}), lane {actual['case']['lane']}, "
          f"score {actual['case']['risk_score']}, fields of {len(actual['documents'])} documents identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
