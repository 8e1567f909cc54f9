"""Run `inspector check` over a corpus (cases, tamper pairs, sequences) in subprocesses, timed."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NOT_DOCUMENTS = frozenset({"truth.json", "sequence.json"})
DEFAULT_TIMEOUT_S = 900.0


@dataclass(frozen=True)
class CheckRun:
    """One `inspector check` call: what was given, how long it took, and what came back."""

    label: str  # e.g. "cases/case-0001" or "tamper/pair-0001:forged"
    files: tuple[str, ...]
    seconds: float
    pages: int
    returncode: int | None  # None when the check timed out
    output: dict[str, Any] | None  # the parsed JSON, None when the check crashed
    error: str | None = None  # why the output is missing (stderr tail, timeout)

    @property
    def crashed(self) -> bool:
        """Whether the check gave no usable JSON document."""
        return self.output is None


@dataclass(frozen=True)
class CaseRun:
    """A case directory with its truth and its check."""

    path: str  # relative to the corpus
    truth: dict[str, Any]
    run: CheckRun


@dataclass(frozen=True)
class PairRun:
    """A tamper pair: its truth and the checks of the control and of the forged file."""

    path: str
    truth: dict[str, Any]
    control: CheckRun
    forged: CheckRun


@dataclass(frozen=True)
class SequenceRun:
    """A series of cases checked in order into one data directory."""

    path: str
    spec: dict[str, Any]  # sequence.json
    cases: tuple[tuple[str, CheckRun], ...]  # (case dir name, its check), in order


@dataclass(frozen=True)
class CorpusRuns:
    """Everything the benchmark ran."""

    corpus: dict[str, Any]  # corpus.json (or what was found on disk)
    cases: tuple[CaseRun, ...]
    pairs: tuple[PairRun, ...]
    sequences: tuple[SequenceRun, ...]
    wall_seconds: float
    workers: int


@dataclass(frozen=True)
class Runner:
    """How to call the engine: interpreter, rules files to import, timeout."""

    python: str = sys.executable
    licences: Path | None = None
    watchlist: Path | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S

    def inspector(self, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
        """Run `python -m inspector ARGS`, capturing text output; on timeout its whole process group is killed."""
        argv = [self.python, "-m", "inspector", *args]
        with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              start_new_session=True) as proc:
            try:
                out, err = proc.communicate(timeout=timeout or self.timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the check and its OCR children, nothing else
                proc.communicate()
                raise
        return subprocess.CompletedProcess(argv, proc.returncode, out, err)

    def prepare(self, data_dir: Path) -> None:
        """Create the rules database in `data_dir` and import the corpus's registry and watchlist."""
        imports = [("import-licences", self.licences), ("import-watchlist", self.watchlist)]
        commands = [(cmd, path) for cmd, path in imports if _has_rows(path)]
        for cmd, path in commands:
            done = self.inspector("rules", cmd, str(path), "--data-dir", str(data_dir))
            if done.returncode != 0:
                raise RuntimeError(f"rules {cmd} {path} failed: {done.stderr.strip()[-500:]}")
        if not commands:  # seed the rules database once, before parallel checks race to create it
            self.inspector("rules", "info", "--data-dir", str(data_dir))

    def check(self, label: str, files: list[Path], data_dir: Path, *, save: bool, pages: int,
              case_id: str | None = None) -> CheckRun:
        """Check `files` as one case and time it; a crash or timeout is recorded, never raised."""
        args = ["check", *map(str, files), "--json", "--data-dir", str(data_dir)]
        args += [] if save else ["--no-save"]
        args += ["--case-id", case_id] if case_id else []
        start = time.perf_counter()
        try:
            done = self.inspector(*args)
        except subprocess.TimeoutExpired:
            return CheckRun(label, _names(files), time.perf_counter() - start, pages, None, None,
                            f"timed out after {self.timeout_s:.0f} s")
        seconds = time.perf_counter() - start
        output, error = _parse(done)
        return CheckRun(label, _names(files), seconds, pages, done.returncode, output, error)


def _has_rows(path: Path | None) -> bool:
    return path is not None and path.is_file() and path.stat().st_size > 0


def _names(files: list[Path]) -> tuple[str, ...]:
    return tuple(f.name for f in files)


def _parse(done: subprocess.CompletedProcess[str]) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None, f"exit {done.returncode}, no JSON on stdout: {done.stderr.strip()[-800:]}"
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        return None, f"exit {done.returncode}, JSON is not a check result"
    return data, None


def document_files(case_dir: Path) -> list[Path]:
    """Every document file of a case directory, in name order (truth.json and hidden files left out)."""
    return sorted(p for p in case_dir.iterdir()
                  if p.is_file() and p.name not in NOT_DOCUMENTS and not p.name.startswith("."))


def read_json(path: Path, default: Any = None) -> Any:
    """A JSON file's content, or `default` when it does not exist."""
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else default


def truth_pages(truth: dict[str, Any], files: list[Path]) -> int:
    """Pages of a case according to its truth (one per file when the truth does not say)."""
    docs = truth.get("documents") or []
    return sum(int(d.get("pages", 1)) for d in docs) if docs else len(files)


def corpus_index(root: Path) -> dict[str, Any]:
    """corpus.json, or the same lists found by looking at the folders when it is missing."""
    index = read_json(root / "corpus.json", {}) or {}
    found = {"cases": "cases/*", "tamper": "tamper/*", "sequences": "sequences/*"}
    for key, pattern in found.items():
        if key not in index:
            index[key] = [str(p.relative_to(root)) for p in sorted(root.glob(pattern)) if p.is_dir()]
    return index


@contextmanager
def data_dir(runner: Runner, keep: Path | None = None) -> Iterator[Path]:
    """A fresh data directory with the corpus's rules imported (temporary unless `keep` is given)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        runner.prepare(keep)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="inspector-accuracy-") as tmp:
        runner.prepare(Path(tmp))
        yield Path(tmp)


def run_case(runner: Runner, root: Path, rel: str, data: Path) -> CaseRun:
    """Check one case of the corpus without saving it."""
    files = document_files(root / rel)
    truth = read_json(root / rel / "truth.json", {}) or {}
    run = runner.check(rel, files, data, save=False, pages=truth_pages(truth, files))
    return CaseRun(rel, truth, run)


def run_pair(runner: Runner, root: Path, rel: str, data: Path) -> PairRun:
    """Check the control and the forged file of a tamper pair, each alone, without saving."""
    truth = read_json(root / rel / "truth.json", {}) or {}
    pages = {side: _pair_file(root / rel, truth, side) for side in ("control", "forged")}
    checks = {side: runner.check(f"{rel}:{side}", [path], data, save=False, pages=1)
              for side, path in pages.items()}
    return PairRun(rel, truth, checks["control"], checks["forged"])


def _pair_file(pair_dir: Path, truth: dict[str, Any], side: str) -> Path:
    if truth.get(side):
        return pair_dir / truth[side]
    return next(p for p in document_files(pair_dir) if p.stem == side)


def run_sequence(runner: Runner, root: Path, rel: str) -> SequenceRun:
    """Check a sequence's cases in order into one fresh data directory, saving each (history applies)."""
    seq_dir = root / rel
    spec = read_json(seq_dir / "sequence.json", {}) or {}
    runs = []
    with data_dir(runner) as data:
        for case_dir in sorted(p for p in seq_dir.iterdir() if p.is_dir()):
            files = document_files(case_dir)
            truth = read_json(case_dir / "truth.json", {}) or {}
            runs.append((case_dir.name, runner.check(f"{rel}/{case_dir.name}", files, data, save=True,
                                                     pages=truth_pages(truth, files), case_id=case_dir.name)))
    return SequenceRun(rel, spec, tuple(runs))


def run_corpus(root: Path, runner: Runner, *, workers: int = 1, limit: int | None = None,
               report: Callable[[str], None] = print, keep: Path | None = None) -> CorpusRuns:
    """Run every check of the corpus (`limit` caps each of cases, pairs and sequences)."""
    index = corpus_index(root)
    picked = {key: list(index.get(key, []))[:limit] for key in ("cases", "tamper", "sequences")}
    start = time.perf_counter()
    with data_dir(runner, keep) as data, ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        jobs = [pool.submit(run_case, runner, root, rel, data) for rel in picked["cases"]]
        jobs += [pool.submit(run_pair, runner, root, rel, data) for rel in picked["tamper"]]
        jobs += [pool.submit(run_sequence, runner, root, rel) for rel in picked["sequences"]]
        results = _collect(jobs, report)
    return CorpusRuns(index, *_split(results), wall_seconds=time.perf_counter() - start, workers=workers)


def _collect(jobs: list[Any], report: Callable[[str], None]) -> list[Any]:
    results = []
    for done, job in enumerate(as_completed(jobs), 1):
        result = job.result()
        results.append(result)
        report(f"[{done}/{len(jobs)}] {result.path} ({_seconds(result):.1f} s)")
    return results


def _seconds(result: CaseRun | PairRun | SequenceRun) -> float:
    if isinstance(result, CaseRun):
        return result.run.seconds
    if isinstance(result, PairRun):
        return result.control.seconds + result.forged.seconds
    return sum(run.seconds for _, run in result.cases)


def _split(results: list[Any]) -> tuple[tuple[CaseRun, ...], tuple[PairRun, ...], tuple[SequenceRun, ...]]:
    def of(kind: type) -> tuple[Any, ...]:
        return tuple(sorted((r for r in results if isinstance(r, kind)), key=lambda r: r.path))
    return of(CaseRun), of(PairRun), of(SequenceRun)


def all_checks(runs: CorpusRuns) -> list[CheckRun]:
    """Every check the benchmark made, in corpus order."""
    checks = [c.run for c in runs.cases]
    checks += [r for p in runs.pairs for r in (p.control, p.forged)]
    checks += [r for s in runs.sequences for _, r in s.cases]
    return checks
