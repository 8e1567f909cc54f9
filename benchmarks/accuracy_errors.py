"""List every field and line-item error of an accuracy run, grouped by layout, to see where to work.

    python benchmarks/accuracy_errors.py CORPUS OUTPUTS [--field F] [--layout L] [--examples N]

OUTPUTS is the `--outputs` directory of `benchmarks/accuracy.py` (one JSON file per check). The figures
are the same comparisons as the benchmark's (`accuracy_score.outcome`); this only regroups them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_score import outcome  # noqa: E402

from inspector.models import FIELD_KINDS  # noqa: E402


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "documents" in data else None


def _group(truth_doc: dict[str, Any]) -> str:
    capture = "photo" if truth_doc.get("photo") else f"{truth_doc.get('dpi') or 300}dpi"
    return f"{truth_doc.get('type')}/{truth_doc.get('layout', '?')}", capture


def collect(corpus: Path, outputs: Path) -> list[dict[str, Any]]:
    """One row per (document, field or item key) that is not right."""
    rows: list[dict[str, Any]] = []
    for case_dir in sorted((corpus / "cases").iterdir()):
        truth = json.loads((case_dir / "truth.json").read_text(encoding="utf-8"))
        output = _load(outputs / f"cases__{case_dir.name}.json") or {"documents": []}
        predicted = {Path(d["path"]).name: d for d in output["documents"]}
        for tdoc in truth["documents"]:
            pdoc = predicted.get(tdoc["filename"])
            layout, capture = _group(tdoc)
            base = {"case": case_dir.name, "file": tdoc["filename"], "layout": layout, "capture": capture,
                    "ptype": pdoc["type"] if pdoc else "(missing)"}
            fields = (pdoc or {}).get("fields") or {}
            for name in FIELD_KINDS:
                want, got = tdoc["fields"].get(name), fields.get(name)
                result = outcome(name, want, got)
                if result not in ("tp", "tn"):
                    rows.append(base | {"key": name, "outcome": result, "truth": want, "got": got})
            items = (pdoc or {}).get("items") or []
            for index, titem in enumerate(tdoc.get("items") or []):
                pitem = items[index] if index < len(items) else {}
                for key in ("hs_code", "net_weight_kg", "gross_weight_kg"):
                    want, got = titem.get(key), pitem.get(key)
                    if want not in (None, "") and str(want) != str(got) and not _close(want, got):
                        rows.append(base | {"key": f"item.{key}", "outcome": "item", "truth": want, "got": got})
            if len(items) != len(tdoc.get("items") or []):
                rows.append(base | {"key": "item.count", "outcome": "item",
                                    "truth": len(tdoc.get("items") or []), "got": len(items)})
    return rows


def _close(want: Any, got: Any) -> bool:
    try:
        return abs(float(got) - float(want)) <= 0.005 * abs(float(want))
    except (TypeError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("outputs", type=Path)
    parser.add_argument("--field", help="only this field (or item.hs_code, ...)")
    parser.add_argument("--layout", help="only layouts containing this text")
    parser.add_argument("--examples", type=int, default=0, help="print up to N example rows per group")
    args = parser.parse_args(argv)

    rows = collect(args.corpus, args.outputs)
    if args.field:
        rows = [r for r in rows if r["key"] == args.field]
    if args.layout:
        rows = [r for r in rows if args.layout in r["layout"]]
    by_layout = Counter(r["layout"] for r in rows)
    by_key = Counter(r["key"] for r in rows)
    print("== errors by layout ==")
    for layout, count in by_layout.most_common():
        print(f"{count:5d}  {layout}")
    print("== errors by field ==")
    for key, count in by_key.most_common():
        print(f"{count:5d}  {key}")
    if args.examples:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[(row["layout"], row["key"])].append(row)
        print("== examples ==")
        for (layout, key), group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"-- {layout} {key} ({len(group)})")
            for row in group[: args.examples]:
                print(f"     {row['case']}/{row['file']} [{row['capture']}, read as {row['ptype']}] "
                      f"{row['outcome']}: truth={row['truth']!r} got={row['got']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
