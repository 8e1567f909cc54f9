"""Decode input files in a child process that may take only so much time and memory.

The decoders (PDFium, libtiff, libpng, libjpeg) are C code: a hostile file can make them run for
ever (a PDF whose form XObjects draw each other twice per level: 3 kB, 2^40 drawings), allocate
gigabytes, or crash. None of that can be stopped from a thread. So the files of a case are decoded by
one child process (`python -m inspector.intake.sandbox`, or the frozen app with `SANDBOX_ARG`), which
streams the pages back one by one. The parent kills it when a page takes longer than
`PAGE_DECODE_SECONDS`, a file longer than `FILE_DECODE_SECONDS`, or the check is cancelled; on Linux
the child caps its own address space at what it started with plus `DECODE_MEMORY_BYTES`. A child that
dies or is stopped costs its file only: the file gets a sentence, the next file a new child.

What comes back is data only: a JSON header and the page's pixel bytes, checked against the limits
before a Page is built. Nothing is unpickled, so a decoder a hostile file took over gains nothing in
the parent. A child is a new Python process (about 0.5 s a case), not a fork: it holds none of the
parent's files, locks or threads.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from inspector.errors import InputUnreadableError
from inspector.intake import errors
from inspector.intake.limits import (
    DECODE_MEMORY_BYTES,
    FILE_DECODE_SECONDS,
    MAX_PAGE_PIXELS,
    MAX_PAGES,
    PAGE_DECODE_SECONDS,
)
from inspector.models import Page, Word
from inspector.paths import is_frozen
from inspector.progress import CancelToken

log = logging.getLogger(__name__)

SANDBOX_ARG = "--inspector-decode-sandbox"  # the frozen app runs the child when called with this
_POLL_S = 0.2  # how often the parent looks at the cancel token while it waits
_HEADER = struct.Struct("<II")  # lengths of the JSON header and of the payload that follows
_MAX_HEADER = 64_000_000  # a text layer of a dense page is a few MB of JSON


@dataclass(frozen=True)
class Budget:
    """What one file may cost its decoding process."""

    page_seconds: float = PAGE_DECODE_SECONDS
    file_seconds: float = FILE_DECODE_SECONDS
    memory_bytes: int = DECODE_MEMORY_BYTES
    max_pages: int = MAX_PAGES


class Decoder:
    """Decodes the files of one case, each in the child process, within a Budget. Use as a context
    manager (or call close): the child lives until then, or until a file costs it its life."""

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or Budget()
        self._proc: subprocess.Popen[bytes] | None = None
        self._messages: queue.Queue[tuple[dict, bytes] | None] = queue.Queue()

    def __enter__(self) -> Decoder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def load(self, path: str, cancel: CancelToken | None = None) -> list[Page]:
        """Every page of the file, or InputUnreadableError saying why not (CancelledError on cancel)."""
        proc = self._child()
        try:
            _write(proc.stdin, {"path": path, "max_pages": self.budget.max_pages})
        except OSError:
            self._kill()
            raise errors.decoder_died(None) from None
        pages: list[Page] = []
        start = last = time.monotonic()
        while True:
            header, payload = self._next(start, last, cancel)
            kind = header.get("kind")
            if kind == "page":
                pages.append(_page(header, payload, path))
                last = time.monotonic()
            elif kind == "done":
                return pages
            elif kind == "refused":
                raise InputUnreadableError(str(header.get("message")))
            else:  # an unexpected error inside the decoder: the file costs its document only
                log.error("%s: the decoder failed: %s", path, header.get("message"))
                raise InputUnreadableError(f"This file could not be decoded ({header.get('error', 'error')}); "
                                           "ask for the file again.")

    def _next(self, start: float, last: float, cancel: CancelToken | None) -> tuple[dict, bytes]:
        """The child's next message, waiting within the page and file budgets."""
        while True:
            try:
                message = self._messages.get(timeout=_POLL_S)
            except queue.Empty:
                now = time.monotonic()
                if cancel is not None and cancel.cancelled:
                    self._kill()
                    cancel.raise_if_cancelled()
                if now - last > self.budget.page_seconds or now - start > self.budget.file_seconds:
                    self._kill()
                    raise errors.too_slow(now - start) from None
                continue
            if message is None:  # the child's output ended: it died
                code = self._proc.wait(timeout=5) if self._proc is not None else None
                self._kill()
                raise errors.decoder_died(code)
            return message

    def _child(self) -> subprocess.Popen[bytes]:
        """The running child, starting one when there is none."""
        if self._proc is None or self._proc.poll() is not None:
            self._kill()
            argv, executable = _command()
            env = {**os.environ, "INSPECTOR_DECODE_MEMORY": str(self.budget.memory_bytes)}
            self._proc = subprocess.Popen(argv, executable=executable, stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, env=env)
            self._messages = queue.Queue()
            threading.Thread(target=_pump, args=(self._proc.stdout, self._messages), daemon=True,
                             name="inspector-decoder-reader").start()
        return self._proc

    def _kill(self) -> None:
        """Stop the child at once (it may be stuck in C code) and forget it."""
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait(timeout=5)
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
        self._proc = None

    def close(self) -> None:
        """Tell the child to exit (kill it if it does not)."""
        if self._proc is not None and self._proc.poll() is None:
            try:
                self._proc.stdin.close()  # end of jobs
                self._proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._kill()


def _command() -> tuple[list[str], str | None]:
    """How to start the child: this Python on this module, or the frozen app as its command line."""
    if not is_frozen():
        return [sys.executable, "-m", "inspector.intake.sandbox"], None
    exe = Path(sys.executable)
    if os.name == "nt" and exe.stem.lower().startswith("inspector-gui"):
        exe = exe.with_name("inspector.exe")  # the GUI is a second executable on Windows
    return ["inspector", SANDBOX_ARG], str(exe)  # argv[0] "inspector": the launcher runs the CLI


def _pump(stream: IO[bytes], messages: queue.Queue[tuple[dict, bytes] | None]) -> None:
    """Read the child's messages into the queue; None when its output ends (exit, kill or crash)."""
    try:
        while True:
            messages.put(_read(stream))
    except (EOFError, OSError, ValueError):
        messages.put(None)


def _page(header: dict, payload: bytes, path: str) -> Page:
    """A Page from a message, after checking it against the limits (the child is not trusted)."""
    try:
        shape = tuple(int(n) for n in header["shape"])
        if len(shape) not in (2, 3) or (len(shape) == 3 and shape[2] != 3):
            raise ValueError(f"shape {shape}")
        if shape[0] * shape[1] > MAX_PAGE_PIXELS or len(payload) != int(np.prod(shape)):
            raise ValueError(f"{len(payload)} bytes for shape {shape}")
        words = header.get("words")
        layer = None if words is None else tuple(
            Word(str(t), float(c), (int(x), int(y), int(w), int(h)), int(b), int(p), int(line))
            for t, c, x, y, w, h, b, p, line in words)
        image = np.frombuffer(payload, dtype=np.uint8).reshape(shape).copy()
        return Page(source=path, number=int(header["number"]), dpi=int(header["dpi"]), image=image,
                    text_layer=layer)
    except (KeyError, TypeError, ValueError) as exc:
        log.error("%s: the decoder sent a malformed page (%s)", path, exc)
        raise errors.decoder_died(None) from exc


# --- the child ------------------------------------------------------------------------------

def serve(jobs: IO[bytes], out: IO[bytes]) -> None:
    """Decode each file named on `jobs`, streaming its pages to `out`, until `jobs` ends."""
    import warnings

    from PIL import Image

    warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # intake enforces its own limits
    while True:
        try:
            job, _ = _read(jobs)
        except EOFError:
            return
        _decode(out, str(job["path"]), int(job["max_pages"]))


def _decode(out: IO[bytes], path: str, max_pages: int) -> None:
    """Stream the pages of one file, then "done"; or say why not."""
    from inspector.intake.load import iter_pages

    try:
        for page in iter_pages(path, max_pages=max_pages):
            image = np.ascontiguousarray(page.image, dtype=np.uint8)
            words = None if page.text_layer is None else [
                [w.text, w.conf, *w.bbox, w.block, w.par, w.line] for w in page.text_layer]
            _write(out, {"kind": "page", "number": page.number, "dpi": page.dpi, "shape": image.shape,
                         "words": words}, image.tobytes())
    except InputUnreadableError as exc:
        _write(out, {"kind": "refused", "message": str(exc)})
    except Exception as exc:  # noqa: BLE001 - the parent turns it into a sentence for this file
        _write(out, {"kind": "error", "error": type(exc).__name__, "message": str(exc)})
    else:
        _write(out, {"kind": "done"})


def _write(out: IO[bytes] | None, header: dict[str, Any], payload: bytes = b"") -> None:
    """One message: the lengths, the JSON header, the payload."""
    assert out is not None
    data = json.dumps(header, ensure_ascii=True).encode()
    out.write(_HEADER.pack(len(data), len(payload)))
    out.write(data)
    out.write(payload)
    out.flush()


def _read(stream: IO[bytes]) -> tuple[dict, bytes]:
    """One message, EOFError at the end of the stream."""
    head = _exactly(stream, _HEADER.size)
    size, payload = _HEADER.unpack(head)
    if size > _MAX_HEADER:
        raise ValueError(f"header of {size} bytes")
    return json.loads(_exactly(stream, size)), _exactly(stream, payload)


def _exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size) if size else b""
    if len(data) != size:
        raise EOFError
    return data


def _cap_memory(extra: int) -> None:
    """Limit the address space to what the process has now plus `extra` (Linux)."""
    try:
        import resource
    except ImportError:  # Windows: time limits only
        return
    now = _address_space()
    if now is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int | None:
    """The process's virtual memory size in bytes (Linux /proc; None where it cannot be read)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def main() -> int:
    """The child's entry point: protocol on the original stdin/stdout, stray prints to stderr."""
    jobs = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() anywhere in the decoders must not corrupt the protocol
    import inspector.intake.load  # noqa: F401 - imported before the cap: the libraries are not the file's cost

    _cap_memory(int(os.environ.get("INSPECTOR_DECODE_MEMORY", DECODE_MEMORY_BYTES)))
    try:
        serve(jobs, out)
    except (BrokenPipeError, OSError):  # the parent is gone: nothing to say
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
