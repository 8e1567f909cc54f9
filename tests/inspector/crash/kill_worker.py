"""A zygote for the kill -9 test: imports the engine once, then forks workers that record cases in a loop.

`python kill_worker.py DATA_DIR FILE...` reads commands on stdin: `fork N` forks a worker that checks
FILE... as case K-N, K-N+1, ... for ever, recording each; the zygote answers `pid PID`. A worker
writes one line per event on stdout (shared with the zygote, each line one atomic write):
`started ID` once the check is journalled (its first progress update), `recording ID` just before
the commit, `done ID {row counts}` after it. The test kills workers with SIGKILL at random moments.
Forking a process that has imported the engine but run nothing costs milliseconds, where a new
Python would take seconds to import it: that is what makes 20 kills fit in a fast test.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from inspector.config import Config
from inspector.paths import DataPaths
from inspector.pipeline import check_case


def emit(line: str) -> None:
    """One line on stdout in one write: lines of the zygote and its workers never interleave."""
    os.write(1, (line + "\n").encode())


class LineProgress:
    """Reports the moments the test aims its kills at."""

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.started = False

    def update(self, done: int, total: int, message: str) -> None:
        """`started` on the first update (the journal marker is written by then), `recording` before the commit."""
        if not self.started:
            self.started = True
            emit(f"started {self.case_id}")
        if message == "Recording the case":
            emit(f"recording {self.case_id}")


def work(data_dir: str, first: int, files: list[str]) -> None:
    """Check and record the files as one case after another until killed."""
    config = Config(data=DataPaths(Path(data_dir)), workers=1)
    number = first
    while True:
        case_id = f"K-{number:04d}"
        result = check_case(files, config, case_id=case_id, progress=LineProgress(case_id))
        counts = {
            "documents": len(result.documents),
            "pages": sum(len(d.page_hashes) for d in result.documents),
            "fields": sum(len(d.fields) for d in result.documents),
            "items": sum(len(d.items) for d in result.documents),
            "findings": len(result.findings),
        }
        emit(f"done {case_id} {json.dumps(counts)}")
        number += 1


def main() -> None:
    """The zygote's command loop."""
    data_dir, files = sys.argv[1], sys.argv[2:]
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped by the kernel
    emit("ready")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command != "fork":
            break
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the worker waits for Tesseract and its decoder
            sys.stdin.close()
            try:
                work(data_dir, int(arg), files)
            finally:
                os._exit(1)
        emit(f"pid {pid}")


if __name__ == "__main__":
    main()
