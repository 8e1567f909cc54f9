"""Run the forensic methods over a read case and attach their signals to the documents.

A method that fails costs its own signals, never the case: the failure is logged and the others run.
Pages are examined in a thread pool (OpenCV releases the GIL), so forensics overlap on the cores.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from inspector.forensics import registry
from inspector.forensics.base import DocumentEvidence, PageEvidence, Signal
from inspector.forensics.phash import page_phash
from inspector.forensics.regions import region_phashes
from inspector.intake.sniff import FileKind, sniff
from inspector.models import CleanPage, Document, OcrPage, Page

log = logging.getLogger(__name__)


def file_kind(path: str) -> FileKind | None:
    """What a file is, from its first bytes (None when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(16), path)
    except Exception:  # noqa: BLE001 - an unreadable file has no forensics
        return None


def _run(name: str, method, evidence) -> list:
    started = time.perf_counter()
    try:
        out = list(method(evidence))
    except Exception:  # noqa: BLE001 - a forensic bug must cost its signals, not the case
        log.exception("forensic method %s failed", name)
        return []
    log.debug("forensics %s: %d signal(s) in %.0f ms", name, len(out), (time.perf_counter() - started) * 1000)
    return out


def _page_signals(evidence: PageEvidence) -> list[Signal]:
    return [s for name, method in registry.PAGE_METHODS for s in _run(name, method, evidence)]


def examine(documents: Sequence[Document], pages: Sequence[Sequence[tuple[Page, CleanPage, OcrPage]]],
            workers: int = 2) -> tuple[Document, ...]:
    """The documents with their forensic signals and perceptual page hashes. `pages[i]` holds, for
    document i, each page as decoded, cleaned and read (empty for an unreadable document)."""
    kinds = [file_kind(doc.path) if pages[i] else None for i, doc in enumerate(documents)]
    evidence = [DocumentEvidence(doc, doc.path, kinds[i], tuple(
        PageEvidence(doc, page, clean, ocr, kinds[i]) for page, clean, ocr in pages[i]))
        for i, doc in enumerate(documents)]
    found: dict[int, list[Signal]] = defaultdict(list)
    flat = [(i, p) for i, ev in enumerate(evidence) for p in ev.pages]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for (i, _), signals in zip(flat, pool.map(lambda item: _page_signals(item[1]), flat), strict=True):
            found[i].extend(signals)
    for i, ev in enumerate(evidence):
        if ev.pages:
            for name, method in registry.DOCUMENT_METHODS:
                found[i].extend(_run(name, method, ev))
    readable = tuple(ev for ev in evidence if ev.pages)
    for name, method in registry.CASE_METHODS:
        for i, signal in _run(name, method, readable):
            found[i].append(signal)
    return tuple(replace(doc, signals=tuple(found[i]), page_phashes=_phashes(pages[i]),
                         region_phashes=_regions(pages[i]))
                 for i, doc in enumerate(documents))


def _phashes(pages: Iterable[tuple[Page, CleanPage, OcrPage]]) -> tuple[str, ...]:
    return tuple(page_phash(clean.image) for _, clean, _ in pages)


def _regions(pages: Iterable[tuple[Page, CleanPage, OcrPage]]) -> tuple[tuple[str, ...], ...]:
    return tuple(region_phashes(clean.image) for _, clean, _ in pages)
