"""Write a whole synthetic corpus: cases, the licence registry and watchlist they assume, corpus.json."""

from __future__ import annotations

import csv
import importlib
import json
import logging
import random
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector import __version__
from inspector.models import DocType
from inspector.progress import NullProgress, Progress
from inspector.synth import catalogue as cat
from inspector.synth.case import FORMATS, make_case_shipment, write_shipment_case
from inspector.synth.scan import ScanProfile, random_profile
from inspector.synth.shipment import CONTROLLED_ONLY, INVENTED_WATCHLIST, PROBLEMS, licence_record

log = logging.getLogger(__name__)

CORPUS_FORMAT = 1
LICENCE_COLUMNS = ("licence_number", "holder", "consignee", "end_user", "destination_country", "hs_code",
                   "quantity_kg", "valid_from", "valid_to")
WATCHLIST_COLUMNS = ("name", "aliases", "country", "list", "reason")
ALL_TYPES = (DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.EXPORT_DECLARATION,
             DocType.BILL_OF_LADING, DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN)
SAME_HEADING_PAIR = ("dysprosium_oxide", "terbium_oxide")


@dataclass(frozen=True)
class CasePlan:
    """Everything that decides one case of the corpus (picklable, for the worker processes)."""

    name: str  # "case-0001"
    seed: int
    goods: str
    problem: str | None
    products: tuple[str, ...] | None
    formats: tuple[tuple[DocType, str], ...]
    profiles: tuple[tuple[DocType, ScanProfile], ...]
    photos: tuple[DocType, ...]


@dataclass(frozen=True)
class CaseResult:
    """What a worker wrote: the case directory (relative) and the registry row its licence assumes."""

    path: str
    licence: dict[str, str] | None


def write_corpus(out_dir: Path, *, cases: int = 30, seed: int = 0, tamper: bool = False, sequences: bool = False,
                 photos: bool = False, workers: int = 2, progress: Progress | None = None) -> dict[str, Any]:
    """Write a corpus (see the corpus format) to `out_dir`; returns what corpus.json says. Same seed, same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = _write_cases(out_dir, plan_cases(cases, seed, photos), workers, progress or NullProgress())
    _write_csv(out_dir / "licences.csv", LICENCE_COLUMNS, [r.licence for r in results if r.licence])
    _write_csv(out_dir / "watchlist.csv", WATCHLIST_COLUMNS, [e.row() for e in INVENTED_WATCHLIST])
    manifest = {"format": CORPUS_FORMAT, "seed": seed, "generator": f"inspector {__version__}",
                "cases": [r.path for r in results],
                "tamper": _optional(out_dir, "tamper", "write_tamper_pairs", seed=seed, pairs=max(12, cases // 2))
                if tamper else [],
                "sequences": _optional(out_dir, "sequences", "write_sequences", seed=seed, count=max(6, cases // 5))
                if sequences else []}
    (out_dir / "corpus.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    log.info("wrote corpus of %d cases to %s", len(results), out_dir)
    return manifest


def plan_cases(cases: int, seed: int, photos: bool = False) -> list[CasePlan]:
    """The plan of every case: about half clean, the rest cycling through every problem."""
    rng = random.Random(f"{seed}:corpus")
    problems: list[str | None] = [None] * (cases - cases // 2)
    order = list(PROBLEMS)
    rng.shuffle(order)
    problems += [order[i % len(order)] for i in range(cases // 2)]
    rng.shuffle(problems)
    return [_plan(i, seed, problem, photos) for i, problem in enumerate(problems, 1)]


def _plan(index: int, seed: int, problem: str | None, photos: bool) -> CasePlan:
    rng = random.Random(f"{seed}:case:{index}")
    goods = "controlled" if problem in CONTROLLED_ONLY or rng.random() < 0.65 else "ordinary"
    products = None
    if goods == "controlled":
        products = SAME_HEADING_PAIR if rng.random() < 0.2 else (rng.choice(cat.CONTROLLED_GOODS).key,)
    profiles = tuple((t, random_profile(rng)) for t in ALL_TYPES)
    formats = tuple((t, _format(rng, p)) for t, p in profiles)
    shot = tuple(t for t in ALL_TYPES if rng.random() < 0.35) if photos and rng.random() < 0.5 else ()
    return CasePlan(f"case-{index:04d}", seed * 100_003 + index, goods, problem, products, formats, profiles, shot)


def _format(rng: random.Random, profile: ScanProfile) -> str:
    fmt_ = rng.choice(FORMATS)
    return "png" if profile.fax and fmt_ == "jpg" else fmt_


def write_planned_case(root: Path, plan: CasePlan) -> CaseResult:
    """Write one planned case under root/cases (runs in a worker process)."""
    ship = make_case_shipment(plan.seed, plan.goods, plan.problem, plan.products)
    write_shipment_case(root / "cases" / plan.name, ship, seed=plan.seed, profile=dict(plan.profiles),
                        formats=dict(plan.formats), photos=plan.photos, record_scan=True)
    record = licence_record(ship)
    return CaseResult(f"cases/{plan.name}", record.row() if record else None)


def _write_cases(root: Path, plans: list[CasePlan], workers: int, progress: Progress) -> list[CaseResult]:
    if workers <= 1:
        return _collect(map(lambda p: write_planned_case(root, p), plans), len(plans), progress)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return _collect(pool.map(write_planned_case, [root] * len(plans), plans), len(plans), progress)


def _collect(results: Any, total: int, progress: Progress) -> list[CaseResult]:
    out = []
    for done, result in enumerate(results, 1):
        out.append(result)
        progress.update(done, total, result.path)
    return out


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _optional(out_dir: Path, part: str, function: str, **kwargs: int) -> list[str]:
    """Run inspector.synth.<part>.<function>(out_dir/part, ...) if that generator exists; its dirs, prefixed."""
    writer = _load(f"inspector.synth.{part}", function)
    if writer is None:
        log.warning("skipping %s: inspector.synth.%s.%s is not available", part, part, function)
        return []
    return [f"{part}/{name}" for name in writer(out_dir / part, **kwargs)]


def _load(module: str, function: str) -> Callable[..., list[str]] | None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return getattr(mod, function, None)
