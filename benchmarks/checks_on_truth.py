"""The cross-checks alone, fed the corpus's TRUE documents instead of OCR: per-code recall and false alarms
of the check logic, and the time the checks of a case take.

    python benchmarks/checks_on_truth.py CORPUS [--code CODE] [--verbose]

Every case's documents are built from its `truth.json` (each field at confidence 0.95, the items as
printed), the corpus's `licences.csv` and `watchlist.csv` are imported into a scratch data directory,
and the engine's `evaluate` runs on them. Sequences are checked in order with each case recorded, so the
history checks see the earlier cases. Reading errors are out of the picture: a miss here is a check that
cannot see the problem even on perfect paper. Figures for the whole engine: `benchmarks/accuracy.py`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.db.cases.repository import open_cases, record_case
from inspector.db.rules.repository import import_licences, import_watchlist
from inspector.db.rules.seed import open_rules
from inspector.models import CaseResult, DocType, Document, FieldValue, LineItem
from inspector.paths import DataPaths
from inspector.pipeline import evaluate

TRUTH_CONFIDENCE = 0.95


def documents_of(truth: dict[str, Any], case_dir: Path) -> tuple[Document, ...]:
    """The case's documents as a perfect reading would give them."""
    docs = []
    for index, tdoc in enumerate(truth["documents"]):
        fields = {name: FieldValue(value, str(value), 1, (100, 100 + 40 * i, 400, 30), TRUTH_CONFIDENCE)
                  for i, (name, value) in enumerate(tdoc["fields"].items()) if value not in (None, [], "")}
        items = tuple(LineItem(description=it.get("description") or "", hs_code=it.get("hs_code"),
                               quantity=it.get("quantity"), unit=it.get("unit"),
                               net_weight_kg=it.get("net_weight_kg"), gross_weight_kg=it.get("gross_weight_kg"),
                               value=it.get("value"), page=1, bbox=(100, 1200 + 60 * k, 2000, 40))
                      for k, it in enumerate(tdoc.get("items") or []))
        docs.append(Document(index, str(case_dir / tdoc["filename"]), DocType(tdoc["type"]),
                             int(tdoc.get("pages") or 1), ocr_confidence=0.95, fields=fields, items=items,
                             text=" ".join(str(v) for v in tdoc["fields"].values() if v)))
    return tuple(docs)


def _data_dir(root: Path, corpus: Path) -> DataPaths:
    data = DataPaths(root)
    data.ensure()
    engine = open_rules(data)
    with Session(engine) as rules:
        for name, load in (("licences.csv", import_licences), ("watchlist.csv", import_watchlist)):
            path = corpus / name
            if path.exists() and path.stat().st_size > 0:
                if load is import_watchlist:
                    load(rules, path, "SYNTH WATCHLIST")
                else:
                    load(rules, path)
        rules.commit()
    engine.dispose()
    return data


def check(case_dir: Path, config: Config, save: bool, case_id: str) -> tuple[set[str], float, list]:
    truth = json.loads((case_dir / "truth.json").read_text(encoding="utf-8"))
    docs = documents_of(truth, case_dir)
    rules_engine, cases_engine = open_rules(config.data), open_cases(config.data)
    try:
        with Session(rules_engine) as rules, Session(cases_engine) as cases:
            start = time.perf_counter()
            findings, score, lane, date = evaluate(docs, config, rules, cases)
            seconds = time.perf_counter() - start
            if save:
                record_case(cases, CaseResult(case_id, lane, score, date, docs, tuple(findings), "truth"))
                cases.commit()
    finally:
        rules_engine.dispose()
        cases_engine.dispose()
    return {f.code for f in findings}, seconds, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--code", help="print the cases where this code is missed or raised on a clean case")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)

    planted_n, found_n, fp_n, raised_n = Counter(), Counter(), Counter(), Counter()
    clean_total, green_clean, times = 0, 0, []
    with tempfile.TemporaryDirectory() as tmp:
        config = replace(Config(data=_data_dir(Path(tmp) / "data", args.corpus)), save=False)
        for case_dir in sorted((args.corpus / "cases").iterdir()):
            truth = json.loads((case_dir / "truth.json").read_text(encoding="utf-8"))
            codes, seconds, findings = check(case_dir, config, False, case_dir.name)
            times.append(seconds)
            planted = set(truth.get("planted") or [])
            clean = not (planted - {"CONTROLLED_GOODS"})
            clean_total += clean
            for code in codes:
                raised_n[code] += 1
            for code in planted:
                planted_n[code] += 1
                found_n[code] += code in codes
                if code not in codes and args.code == code:
                    print(f"MISSED {code} in {case_dir.name}: {truth.get('notes', '')[:160]}")
            if clean:
                extra = codes - planted - {"CONTROLLED_GOODS"}
                green_clean += not any(f.severity.rank >= 1 for f in findings if f.code != "CONTROLLED_GOODS")
                for code in extra:
                    fp_n[code] += 1
                    if args.code == code or args.verbose:
                        msg = next(f.message for f in findings if f.code == code)
                        print(f"FALSE {code} in {case_dir.name}: {msg[:160]}")
        seq_expected, seq_found = Counter(), Counter()
        for seq_dir in sorted((args.corpus / "sequences").iterdir()) if (args.corpus / "sequences").exists() else []:
            seq_config = replace(config, data=_data_dir(Path(tmp) / f"seq-{seq_dir.name}", args.corpus), save=True)
            spec = json.loads((seq_dir / "sequence.json").read_text(encoding="utf-8"))
            raised: dict[str, set[str]] = defaultdict(set)
            for case_dir in sorted(p for p in seq_dir.iterdir() if p.is_dir()):
                raised[case_dir.name], _, _ = check(case_dir, seq_config, True, case_dir.name)
            for exp in spec.get("expect", []):
                for code in exp["codes"]:
                    seq_expected[code] += 1
                    seq_found[code] += code in raised[exp["case"]]
    print(f"cases {len(times)}, clean {clean_total}; checks per case: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms")
    print(f"clean cases without a finding above info (CONTROLLED_GOODS aside): {green_clean}/{clean_total}")
    for code in sorted(set(planted_n) | set(fp_n) | set(raised_n)):
        rec = f"{found_n[code]}/{planted_n[code]}" if planted_n[code] else "-"
        print(f"{code:26} recall {rec:>7}   false on clean {fp_n[code]}/{clean_total}   raised in {raised_n[code]}")
    for code in sorted(seq_expected):
        print(f"{code:26} sequences: {seq_found[code]}/{seq_expected[code]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
