"""Hostile input files (tests/data/hostile/make_hostile.py) through `inspector check --json --no-save` in a
subprocess with a time limit and an address-space limit: each is refused with its sentence or read, the
process never crashes (no traceback, no signal), and stays within time and memory (issue 10).

The fast test runs the corpus as one case (one process: every file is still decoded on its own, in the
decoding sandbox); the slow one runs every file as its own case, including the two that cost a minute.
The sandbox's own limits (time, memory, a decoder that dies, a cancel) are tested in-process below.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from inspector.errors import CancelledError, InputUnreadableError
from inspector.intake.sandbox import Budget, Decoder
from inspector.progress import CancelToken
from tests.data.hostile import make_hostile

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "check-output.schema.json"
INSPECTOR = [sys.executable, "-m", "inspector.cli"]
ADDRESS_SPACE = 6_000_000_000  # RLIMIT_AS of the inspector process (and so of its decoder and Tesseract)
PEAK_RSS_MB = 2_000  # what a hostile run may reach (resident), measured on the process


@dataclass
class Run:
    """What one `inspector check` subprocess did."""

    code: int | None  # exit status; None when killed by a signal or the time limit
    signal: int | None
    out: bytes
    err: bytes
    seconds: float
    peak_rss_mb: float

    @property
    def crashed(self) -> bool:
        """A signal, a time-out, a traceback, or an exit status outside the contract's."""
        return self.code not in (0, 3) or b"Traceback" in self.err

    def documents(self) -> list[dict]:
        data = json.loads(self.out)
        jsonschema.validate(data, json.loads(CONTRACT.read_text("utf-8")))
        return data["documents"]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_check(files: list[bytes], data_dir: Path, timeout: float) -> Run:
    """`inspector check FILES --json --no-save` in a subprocess under the limits, killed at `timeout`;
    its peak resident memory from wait4."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    argv = [*map(os.fsencode, INSPECTOR), b"check", *files, b"--json", b"--no-save", b"--data-dir",
            os.fsencode(data_dir)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, preexec_fn=_limits)
        pid, status, usage = 0, 0, None
        while not pid:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if not pid and time.monotonic() - start > timeout:
                proc.kill()
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
        out.seek(0)
        err.seek(0)
        code = proc.returncode
        return Run(code if code >= 0 else None, -code if code < 0 else None, out.read(), err.read(),
                   time.monotonic() - start, usage.ru_maxrss / 1024)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[bytes, Path]:
    return make_hostile.write_all(tmp_path_factory.mktemp("hostile"))


def _judge(item: make_hostile.Hostile, doc: dict) -> str | None:
    """What is wrong with one document's outcome, or None."""
    error = doc.get("error")
    if item.expect is None:
        return None if error is None and doc["pages"] >= 1 else f"not read: {error}"
    if error is None or item.expect not in error:
        return f"refusal {error!r} lacks {item.expect!r}"
    if not error.endswith(".") or "Traceback" in error:
        return f"not a sentence: {error!r}"
    return None


def test_the_hostile_corpus_as_one_case_is_refused_or_read_without_a_crash(corpus, data_dir: Path) -> None:
    items = [i for i in make_hostile.MAKERS if not i.slow]
    run = run_check([os.fsencode(corpus[i.name]) for i in items], data_dir, timeout=400)
    assert not run.crashed, (run.code, run.signal, run.err[-3000:].decode(errors="replace"))
    assert run.code == 3  # some inputs could not be read: the contract's status
    docs = run.documents()
    assert [os.fsencode(d["path"]) for d in docs] == [os.fsencode(corpus[i.name]) for i in items]  # names kept
    wrong = {i.name: why for i, d in zip(items, docs, strict=True) if (why := _judge(i, d))}
    assert not wrong, wrong
    assert run.peak_rss_mb < PEAK_RSS_MB
    refused = sum(i.expect is not None for i in items)
    print(f"\nhostile corpus: {len(items)} inputs tried ({refused} refused with a sentence, "
          f"{len(items) - refused} read), 0 crashes, {run.seconds:.0f} s, peak RSS {run.peak_rss_mb:.0f} MB")


@pytest.mark.slow
def test_every_hostile_file_alone_is_refused_or_read_without_a_crash(corpus, data_dir: Path) -> None:
    crashes, wrong, slowest = [], {}, 0.0
    for item in make_hostile.MAKERS:
        run = run_check([os.fsencode(corpus[item.name])], data_dir, timeout=300)
        slowest = max(slowest, run.seconds)
        if run.crashed:
            crashes.append((item.name, run.code, run.signal, run.err[-500:]))
            continue
        (doc,) = run.documents()
        if why := _judge(item, doc):
            wrong[item.name] = why
    print(f"\nhostile corpus: {len(make_hostile.MAKERS)} inputs tried one by one, {len(crashes)} crashes, "
          f"slowest {slowest:.0f} s")
    assert not crashes and not wrong, (crashes, wrong)


def test_a_pdf_that_stalls_pdfium_is_stopped_at_the_page_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "fan_out.pdf"
    path.write_bytes(make_hostile.fan_out_form_pdf())
    start = time.monotonic()
    with Decoder(Budget(page_seconds=2.0)) as decoder, pytest.raises(InputUnreadableError, match="took over"):
        decoder.load(str(path))
    assert time.monotonic() - start < 10


def test_a_file_over_the_memory_budget_costs_its_file_only(tmp_path: Path) -> None:
    bomb, good = tmp_path / "dense.png", tmp_path / "good.png"
    bomb.write_bytes(make_hostile.dense_bomb_png(10_000, 10_000))  # 100 MP: under the pixel limit
    good.write_bytes(make_hostile.png_image())
    with Decoder(Budget(memory_bytes=150_000_000)) as decoder:
        with pytest.raises(InputUnreadableError, match="more memory"):
            decoder.load(str(bomb))
        assert len(decoder.load(str(good))) == 1  # the same decoder goes on with the next file


def test_a_decoder_that_dies_costs_its_file_only(tmp_path: Path) -> None:
    stall, good = tmp_path / "fan_out.pdf", tmp_path / "good.png"
    stall.write_bytes(make_hostile.fan_out_form_pdf())
    good.write_bytes(make_hostile.png_image())
    with Decoder() as decoder:
        threading.Timer(1.0, lambda: os.kill(decoder._proc.pid, signal.SIGKILL)).start()  # a crash in C code
        with pytest.raises(InputUnreadableError, match="crashed the decoder"):
            decoder.load(str(stall))
        assert len(decoder.load(str(good))) == 1


def test_cancel_stops_a_stalled_decoder_at_once(tmp_path: Path) -> None:
    stall = tmp_path / "fan_out.pdf"
    stall.write_bytes(make_hostile.fan_out_form_pdf())
    cancel = CancelToken()
    threading.Timer(1.0, cancel.cancel).start()
    start = time.monotonic()
    with Decoder() as decoder, pytest.raises(CancelledError):
        decoder.load(str(stall), cancel)
    assert time.monotonic() - start < 5
