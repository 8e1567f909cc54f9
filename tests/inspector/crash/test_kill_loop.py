"""kill -9 at random moments while checks record cases: the databases stay consistent, no recorded case
loses a row, and every check that was cut short is in the journal (issue 10, crash safety).

Half the kills are aimed at the commit (a few milliseconds after the worker says it is recording),
the others fall anywhere in a worker's life: reading, cross-checking, between two cases.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from inspector import journal
from inspector.config import Config
from inspector.paths import DataPaths

WORKER = Path(__file__).with_name("kill_worker.py")
ROOT = Path(__file__).resolve().parents[3]
FILES = [ROOT / "resources" / "samples" / "02_packing_list.png"]  # one page: a case in about a second
ROW_COUNTS = {  # what the worker reports -> how to count it in the case database
    "documents": "SELECT count(*) FROM case_document WHERE case_id = ?",
    "pages": "SELECT count(*) FROM case_page JOIN case_document d ON d.id = case_page.document_id WHERE d.case_id = ?",
    "fields": "SELECT count(*) FROM case_field JOIN case_document d ON d.id = case_field.document_id WHERE d.case_id = ?",
    "items": "SELECT count(*) FROM case_item JOIN case_document d ON d.id = case_item.document_id WHERE d.case_id = ?",
    "findings": "SELECT count(*) FROM case_finding WHERE case_id = ?",
}


class Zygote:
    """The kill_worker.py process: forks workers on demand; their lines arrive in a queue."""

    def __init__(self, data_dir: Path) -> None:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, str(WORKER), str(data_dir), *map(str, FILES)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        assert self.next(120) == "ready"

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next(self, timeout: float) -> str | None:
        """The next line, or None after `timeout` seconds."""
        try:
            return self.lines.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None

    def fork(self, first: int) -> int:
        """Start a worker at case number `first`; its pid."""
        self.proc.stdin.write(f"fork {first}\n")
        self.proc.stdin.flush()
        while (line := self.next(30)) is not None:
            if line.startswith("pid "):
                return int(line.split()[1])
        raise AssertionError("the zygote did not fork")

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@dataclass
class Ledger:
    """What the workers said: cases recorded (with their row counts), the case in flight."""

    recorded: dict[str, dict[str, int]] = field(default_factory=dict)
    in_flight: str | None = None
    highest: int = 0
    kills: int = 0
    at_commit: int = 0
    interrupted: list[str] = field(default_factory=list)
    outcomes: dict[bool, int] = field(default_factory=lambda: {True: 0, False: 0})  # in flight: committed?
    life_seconds: float = 1.0  # from a fork to its first case recorded, OCR cached (measured)
    record_seconds: float = 0.05  # from "recording" to "done": opening the database, the transaction

    def read(self, line: str) -> None:
        kind, case_id, *rest = line.split(" ", 2)
        if kind == "started":
            self.in_flight = case_id
            self.highest = max(self.highest, _number(case_id))
        elif kind == "done":
            self.recorded[case_id] = json.loads(rest[0])
            self.in_flight = None


def _live(zygote: Zygote, ledger: Ledger, pid: int, rng: random.Random) -> None:
    """Let one worker run, then kill it: at the commit, or at a random moment of its first cases."""
    aim_at_commit = rng.random() < 0.5
    deadline = time.monotonic() + (120 if aim_at_commit else rng.uniform(0.05, 2.0) * ledger.life_seconds)
    while (line := zygote.next(deadline - time.monotonic())) is not None:
        ledger.read(line)
        if aim_at_commit and line.startswith("recording "):
            time.sleep(rng.uniform(0.0, 1.2) * ledger.record_seconds)  # before, in or just after the commit
            ledger.at_commit += 1
            break
    os.kill(pid, signal.SIGKILL)
    ledger.kills += 1
    time.sleep(0.05)  # lines written before the kill
    while (line := zygote.next(0.05)) is not None:
        ledger.read(line)


def _check_databases(data: DataPaths, ledger: Ledger) -> None:
    """Integrity, every reported case with all its rows, and the case in flight: recorded or journalled."""
    for db in (data.cases_db, data.rules_db):
        with sqlite3.connect(db) as c:
            assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)], db
    with sqlite3.connect(data.cases_db) as c:
        present = {r[0] for r in c.execute("SELECT id FROM cases")}
        for case_id, counts in ledger.recorded.items():
            assert case_id in present, f"{case_id} was recorded and is gone"
            got = {k: c.execute(sql, (case_id,)).fetchone()[0] for k, sql in ROW_COUNTS.items()}
            assert got == counts, f"{case_id}: rows {got}, recorded {counts}"
        for case_id in present - set(ledger.recorded):  # committed, killed before it said so: whole too
            docs = c.execute(ROW_COUNTS["documents"], (case_id,)).fetchone()[0]
            history = c.execute("SELECT count(*) FROM case_shipment WHERE case_id = ?", (case_id,)).fetchone()[0]
            assert docs == len(FILES) and history == 1, case_id
    pending = {e.case_id for e in journal.pending(data)}
    if ledger.in_flight is not None:
        assert (ledger.in_flight in present) != (ledger.in_flight in pending), ledger.in_flight
        ledger.outcomes[ledger.in_flight in present] += 1
    assert not pending & present, "a marker outlived its recorded case"
    unannounced = pending - set(ledger.interrupted) - {ledger.in_flight}
    assert all(_number(c) == ledger.highest + 1 for c in unannounced), unannounced  # killed before "started"
    ledger.interrupted += sorted(pending - set(ledger.interrupted))
    ledger.highest = max([ledger.highest, *map(_number, unannounced)])
    assert pending == set(ledger.interrupted)
    ledger.in_flight = None


def _number(case_id: str) -> int:
    return int(case_id.split("-")[1])


def kill_loop(data_dir: Path, kills: int, seed: int) -> Ledger:
    """Run workers and kill them until `kills` kills are done, checking the databases after each."""
    rng, ledger, data = random.Random(seed), Ledger(), DataPaths(data_dir)
    zygote = Zygote(data_dir)
    try:
        for _warm_up in range(2):  # a first case each, not killed: OCR cache, databases, the life's length
            began, pid = time.monotonic(), zygote.fork(ledger.highest + 1)
            while (line := zygote.next(300)) is not None:
                ledger.read(line)
                if line.startswith("recording "):
                    recording = time.monotonic()
                if line.startswith("done "):
                    break
            ledger.life_seconds = time.monotonic() - began
            ledger.record_seconds = time.monotonic() - recording
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.05)
            while (line := zygote.next(0.05)) is not None:
                ledger.read(line)
            ledger.highest += 1  # the next case may have been journalled: skipped, and cleared below
        ledger.in_flight = None
        journal.clear(data)
        while ledger.kills < kills:
            _live(zygote, ledger, zygote.fork(ledger.highest + 1), rng)
            _check_databases(data, ledger)
    finally:
        zygote.close()
    return ledger


def _report(ledger: Ledger, seconds: float) -> None:
    print(f"\nkill loop: {ledger.kills} kills ({ledger.at_commit} aimed at the commit, which took "
          f"{ledger.record_seconds * 1000:.0f} ms; a worker's first case in {ledger.life_seconds:.1f} s), "
          f"{len(ledger.recorded)} cases recorded, 0 lost; of the checks cut short {ledger.outcomes[True]} had "
          f"committed, {ledger.outcomes[False]} had not; {len(ledger.interrupted)} interrupted checks "
          f"journalled, {seconds:.0f} s")


def test_kill_9_at_random_moments_loses_no_case(data_dir: Path) -> None:
    start = time.monotonic()
    ledger = kill_loop(data_dir, kills=20, seed=10)
    _report(ledger, time.monotonic() - start)
    assert ledger.kills >= 20 and ledger.recorded and ledger.at_commit >= 3
    assert ledger.interrupted, "no kill left an interrupted check: the loop aims badly"
    data = DataPaths(data_dir)  # the journal lists them all; one re-runs into its recorded case
    entries = journal.pending(data)
    assert sorted(e.case_id for e in entries) == sorted(ledger.interrupted)
    again = journal.rerun(entries[-1].token, Config(data=data, workers=1))
    assert again.case_id == entries[-1].case_id and len(again.documents) == len(FILES)
    assert [e.token for e in journal.pending(data)] == [e.token for e in entries[:-1]]


@pytest.mark.slow
def test_kill_9_two_hundred_times(data_dir: Path) -> None:
    start = time.monotonic()
    ledger = kill_loop(data_dir, kills=200, seed=11)
    _report(ledger, time.monotonic() - start)
    assert ledger.kills >= 200 and ledger.at_commit >= 50
