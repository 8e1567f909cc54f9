"""Forensic scores on forged and genuine documents: per-method ROC, thresholds, recall, localisation, time.

    python benchmarks/forensics_scores.py ROOT [ROOT...] [--genuine CORPUS --genuine-cases N]
        [--workers 2] [--out scores.json] [--write-thresholds PATH --fpr 0.01] [--thresholds PATH]

Each ROOT holds `tamper/pair-*/` (control, forged, truth.json: `inspector synth --tamper`). `--genuine`
adds every document of the first N cases of a synthetic corpus as further genuine documents (fax,
200 dpi, photos: the scans a method must stay quiet on). Reading uses an OCR cache in
`--data-dir` (default /tmp/forensics_bench), so reruns after a change to a method cost only forensics.

For each document and method the score is the method's highest signal (0 when it said nothing). With
per-method thresholds at `--fpr` on the genuine documents (or those of `--thresholds`), it prints per
method: recall on forged documents, false-positive rate, and how often the strongest signal lies on the
edited box; then the document level (any method): recall per forgery method and overall, false
positives, and forensics' time against the time OCR took for the same pages in this run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from inspector.config import Config  # noqa: E402
from inspector.forensics import registry  # noqa: E402
from inspector.forensics.examine import examine  # noqa: E402
from inspector.forensics.thresholds import calibrate, load, write  # noqa: E402
from inspector.paths import DataPaths  # noqa: E402
from inspector.pipeline import make_reader, read_case  # noqa: E402
from inspector.progress import CancelToken, NullProgress  # noqa: E402

NOT_DOCUMENTS = {"truth.json", "sequence.json"}


def _items(roots: list[Path], genuine: Path | None, genuine_cases: int,
           quiet: list[Path]) -> list[dict[str, Any]]:
    items = []
    for root in roots:
        for pair in sorted((root / "tamper").glob("pair-*")):
            truth = json.loads((pair / "truth.json").read_text(encoding="utf-8"))
            items.append({"file": str(pair / truth["control"]), "forged": False, "kind": "control",
                          "method": truth["method"]})
            items.append({"file": str(pair / truth["forged"]), "forged": True, "kind": "forged",
                          "method": truth["method"], "page": truth["page"], "bbox": truth["bbox"]})
    if genuine is not None:
        for case in sorted((genuine / "cases").glob("case-*"))[:genuine_cases]:
            for f in sorted(case.iterdir()):
                if f.is_file() and f.name not in NOT_DOCUMENTS:
                    items.append({"file": str(f), "forged": False, "kind": "case", "method": None})
    for f in quiet:
        items.append({"file": str(f), "forged": False, "kind": "quiet", "method": None})
    return items


def _overlap(a: list[int] | tuple[int, ...], b: list[int] | tuple[int, ...], slack: int = 10) -> bool:
    return (a[0] - slack < b[0] + b[2] and b[0] - slack < a[0] + a[2]
            and a[1] - slack < b[1] + b[3] and b[1] - slack < a[1] + a[3])


def _score(item: dict[str, Any], data_dir: str) -> dict[str, Any]:
    config = replace(Config(data=DataPaths(Path(data_dir))), save=False, workers=1)
    config.data.ensure()
    reader = make_reader(config)
    started = time.perf_counter()
    read = read_case([item["file"]], reader, 1, NullProgress(), CancelToken())
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    docs = examine(read.documents, read.triples, workers=1)
    forensic_s = time.perf_counter() - started
    doc = docs[0]
    best: dict[str, Any] = {}
    for s in doc.signals:
        if s.method not in best or s.score > best[s.method]["score"]:
            on_edit = (item.get("bbox") is not None and s.bbox is not None and s.page == item.get("page")
                       and _overlap(s.bbox, item["bbox"]))
            best[s.method] = {"score": float(s.score), "on_edit": on_edit, "page": s.page, "bbox": s.bbox}
    return {**item, "pages": len(read.triples[0]), "read_s": read_s, "forensic_s": forensic_s,
            "error": doc.error, "best": best}


def _ocr_seconds_per_page(items: list[dict[str, Any]], n: int) -> float:
    """Bare Tesseract time per page on the first n files, uncached, measured now (the baseline)."""
    from inspector.intake import load_pages
    from inspector.ocr.tesseract import image_to_words
    from inspector.pipeline import prepare_page
    config = Config()
    reader = make_reader(replace(config, use_ocr_cache=False))
    total, pages = 0.0, 0
    for item in items[:n]:
        for page in load_pages(item["file"])[:1]:
            clean = prepare_page(page)
            started = time.perf_counter()
            image_to_words(reader.tess, clean.image, reader.args)
            total += time.perf_counter() - started
            pages += 1
    return total / max(pages, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("roots", nargs="+", type=Path)
    ap.add_argument("--genuine", type=Path)
    ap.add_argument("--genuine-cases", type=int, default=30)
    ap.add_argument("--quiet", type=Path, nargs="*", default=[], help="genuine files every method must stay "
                    "silent on (e.g. resources/samples/0*): thresholds are raised above their scores")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--data-dir", default="/tmp/forensics_bench")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--fpr", type=float, default=0.01, help="false-positive rate per method for thresholds")
    ap.add_argument("--thresholds", type=Path, help="judge with this table instead of calibrating")
    ap.add_argument("--write-thresholds", type=Path, help="write the calibrated table here")
    ap.add_argument("--ocr-baseline", type=int, default=6, help="files to time bare Tesseract on")
    args = ap.parse_args(argv)

    items = _items(args.roots, args.genuine, args.genuine_cases, args.quiet)
    print(f"{len(items)} documents; methods: {[m for m, _ in registry.PAGE_METHODS + registry.DOCUMENT_METHODS]}",
          file=sys.stderr)
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        futures = [pool.submit(_score, it, args.data_dir) for it in items]
        results = []
        for i, fut in enumerate(futures, 1):
            results.append(fut.result())
            if i % 25 == 0:
                print(f"[{i}/{len(items)}]", file=sys.stderr, flush=True)
    methods = sorted({m for r in results for m in r["best"]})
    genuine = {m: [r["best"].get(m, {}).get("score", 0.0) for r in results if not r["forged"]] for m in methods}
    forged = {m: [r["best"].get(m, {}).get("score", 0.0) for r in results if r["forged"]] for m in methods}
    if args.thresholds:
        if str(args.thresholds) == "shipped":
            limits = {m: t.threshold for m, t in load(None).methods.items()}
        else:
            data = json.loads(args.thresholds.read_text(encoding="utf-8"))
            limits = {m: float(v["threshold"]) for m, v in data["methods"].items()}
    else:
        quiet = {m: [r["best"].get(m, {}).get("score", 0.0) for r in results if r["kind"] == "quiet"]
                 for m in methods}
        cal = calibrate(genuine, args.fpr, forged, quiet)
        limits = {m: t.threshold for m, t in cal.items()}
        if args.write_thresholds:
            sources = [*map(str, args.roots), *([str(args.genuine)] if args.genuine else [])]
            n_gen = sum(not r["forged"] for r in results)
            write(args.write_thresholds, cal, f"{n_gen} genuine documents of {', '.join(sources)}", args.fpr)
    report = _report(results, methods, limits)
    n_pages = sum(r["pages"] for r in results)
    forensic_pp = sum(r["forensic_s"] for r in results) / max(n_pages, 1)
    ocr_pp = _ocr_seconds_per_page(items, args.ocr_baseline)
    report["time"] = {"forensics_s_per_page": round(forensic_pp, 4), "bare_tesseract_s_per_page": round(ocr_pp, 4),
                      "ratio": round(forensic_pp / ocr_pp, 4) if ocr_pp else None}
    print(json.dumps(report, indent=1))
    if args.out:
        args.out.write_text(json.dumps({"report": report, "results": results}, indent=1, default=str))
    return 0


def _report(results: list[dict[str, Any]], methods: list[str], limits: dict[str, float]) -> dict[str, Any]:
    forged = [r for r in results if r["forged"]]
    genuine = [r for r in results if not r["forged"]]

    def hit(r: dict[str, Any], m: str) -> bool:
        return m in limits and r["best"].get(m, {}).get("score", 0.0) >= limits[m]

    per_method = {}
    for m in methods:
        flagged = [r for r in forged if hit(r, m)]
        per_method[m] = {
            "threshold": limits.get(m), "recall": f"{len(flagged)}/{len(forged)}",
            "fpr_genuine": f"{sum(hit(r, m) for r in genuine)}/{len(genuine)}",
            "fpr_controls": f"{sum(hit(r, m) for r in genuine if r['kind'] == 'control')}"
                            f"/{sum(r['kind'] == 'control' for r in genuine)}",
            "on_edit": f"{sum(r['best'][m]['on_edit'] for r in flagged)}/{len(flagged)}",
            "recall_by_forgery": {k: f"{sum(hit(r, m) for r in forged if r['method'] == k)}"
                                     f"/{sum(r['method'] == k for r in forged)}"
                                  for k in sorted({r["method"] for r in forged})},
        }
    any_hit = [r for r in forged if any(hit(r, m) for m in methods)]
    return {
        "methods": per_method,
        "document": {
            "recall": f"{len(any_hit)}/{len(forged)}",
            "recall_by_forgery": {k: f"{sum(any(hit(r, m) for m in methods) for r in forged if r['method'] == k)}"
                                     f"/{sum(r['method'] == k for r in forged)}"
                                  for k in sorted({r["method"] for r in forged})},
            "fpr_controls": f"{sum(any(hit(r, m) for m in methods) for r in genuine if r['kind'] == 'control')}"
                            f"/{sum(r['kind'] == 'control' for r in genuine)}",
            "fpr_case_documents": f"{sum(any(hit(r, m) for m in methods) for r in genuine if r['kind'] == 'case')}"
                                  f"/{sum(r['kind'] == 'case' for r in genuine)}",
            "fpr_quiet": f"{sum(any(hit(r, m) for m in methods) for r in genuine if r['kind'] == 'quiet')}"
                         f"/{sum(r['kind'] == 'quiet' for r in genuine)}",
        },
    }


if __name__ == "__main__":
    sys.exit(main())
