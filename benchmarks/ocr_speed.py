"""OCR speed: our page pipeline against the bare `tesseract` command on the same pages, same run.

Prints seconds per page for
  - bare `tesseract PAGE stdout -l eng+chi_sim` (OMP_THREAD_LIMIT=1), one process at a time;
  - our pipeline (intake, clean-up, OCR to word boxes, no cache), one worker;
  - our pipeline with two workers (throughput);
  - the whole reading (fields, items, corrections, re-reads), one worker;
and the ratios: ours/bare with one worker (target <= 1.15), the two-worker speed-up (target >= 1.7)
and the whole reading against bare (target <= 1.25).

    python benchmarks/ocr_speed.py [--pages N] [--rounds R] [--noisy]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from inspector.config import Config
from inspector.intake import load_pages
from inspector.models import DocType
from inspector.paths import DataPaths
from inspector.pipeline import make_reader, read_documents, read_pages
from inspector.progress import CancelToken, NullProgress
from inspector.synth.case import write_case
from inspector.synth.scan import random_profile

LANG = "eng+chi_sim"


def make_pages(out: Path, count: int, noisy: bool = False) -> list[Path]:
    """Generated PNG scans: invoices, packing lists, declarations, bills of lading; clean 300-dpi scans,
    or with `noisy` the corpus's mix of scan defects (200 dpi, blur, noise, JPEG, fax), where re-reads
    happen."""
    files: list[Path] = []
    seed = 1000
    types = [DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.EXPORT_DECLARATION,
             DocType.BILL_OF_LADING]
    while len(files) < count:
        case_dir = out / f"case{seed}"
        profile = random_profile(random.Random(seed)) if noisy else None
        write_case(case_dir, seed=seed, formats={t: "png" for t in types}, doc_types=types, profile=profile)
        files += sorted(case_dir.glob("*.png"))
        seed += 1
    return files[:count]


def bare_tesseract(files: list[Path]) -> float:
    """Seconds per page for the bare command, one process at a time."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    start = time.perf_counter()
    for f in files:
        subprocess.run(["tesseract", str(f), "stdout", "-l", LANG], env=env, check=True,
                       capture_output=True)
    return (time.perf_counter() - start) / len(files)


def ours(files: list[Path], workers: int, data: Path) -> float:
    """Seconds per page for our pipeline from file to words, without the OCR cache."""
    config = replace(Config(data=DataPaths(data)), workers=workers, use_ocr_cache=False, languages=LANG)
    reader = make_reader(config)
    start = time.perf_counter()
    pages = [p for f in files for p in load_pages(str(f))]
    read_pages(reader, pages, workers, NullProgress(), CancelToken())
    return (time.perf_counter() - start) / len(files)


def ours_read(files: list[Path], data: Path) -> float:
    """Seconds per page for the whole reading, one worker, no cache: OCR plus classification, fields,
    items, validation with its corrections and targeted re-reads, and the consensus across documents."""
    config = replace(Config(data=DataPaths(data)), workers=1, use_ocr_cache=False, languages=LANG)
    reader = make_reader(config)
    start = time.perf_counter()
    read_documents([str(f) for f in files], reader, 1, NullProgress(), CancelToken())
    return (time.perf_counter() - start) / len(files)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--noisy", action="store_true", help="pages with the corpus's scan defects")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_pages(Path(tmp) / "pages", args.pages, args.noisy)
        bare, one, two, full = [], [], [], []
        for _ in range(args.rounds):  # interleave, so that machine noise hits all four alike
            bare.append(bare_tesseract(files))
            one.append(ours(files, 1, Path(tmp) / "d1"))
            two.append(ours(files, 2, Path(tmp) / "d2"))
            full.append(ours_read(files, Path(tmp) / "d3"))
    b, o, t, r = (statistics.median(x) for x in (bare, one, two, full))
    print(f"pages: {len(files)}, rounds: {args.rounds}, languages: {LANG}, cores: {os.cpu_count()}")
    print(f"bare tesseract, 1 process : {b:6.2f} s/page")
    print(f"our pipeline, 1 worker    : {o:6.2f} s/page   ratio to bare {o / b:5.2f}x (target <= 1.15)")
    print(f"our pipeline, 2 workers   : {t:6.2f} s/page   throughput {o / t:5.2f}x one worker "
          f"(target >= 1.7)")
    print(f"whole reading, 1 worker   : {r:6.2f} s/page   ratio to bare {r / b:5.2f}x (target <= 1.25: "
          "re-reads, validation, extraction included)")


if __name__ == "__main__":
    main()
