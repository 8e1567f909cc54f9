"""Pages and OCR words for the viewer, from the engine (no Qt; runs in worker threads).

A check's result carries its clean pages but not the words OCR read: they are taken back from the
OCR cache (the check just filled it) or the PDF text layer. A case reopened from the database carries
neither: its files (the copies kept at record time, else the paths as given) are loaded and read
again through the engine's Reader, which finds the words in the cache instead of running Tesseract.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from inspector.config import Config
from inspector.errors import InspectorError
from inspector.imaging.hashing import page_hash
from inspector.intake import load_pages
from inspector.models import BBox, CaseResult, CleanPage
from inspector.ocr.cache import cache_key
from inspector.pipeline import Reader, make_reader
from inspector.progress import CancelToken

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CasePages:
    """A case's clean pages in document order, the (document, page number) -> index map and the
    word boxes of each page."""

    pages: tuple[CleanPage, ...]
    page_map: dict[tuple[int, int], int]
    words: tuple[tuple[BBox, ...], ...]


def cached_words(reader: Reader, clean: CleanPage) -> tuple[BBox, ...]:
    """The boxes of the words read on a clean page: its text layer, else the OCR cache (empty when
    the cache is off or does not hold the page)."""
    if clean.text_layer is not None:
        return tuple(w.bbox for w in clean.text_layer)
    if reader.cache is None:
        return ()
    key = cache_key(page_hash(clean.image), reader.tess.version, reader.args.lang, reader.args.psm)
    return tuple(w.bbox for w in reader.cache.get(key) or ())


def result_words(config: Config, result: CaseResult) -> tuple[tuple[BBox, ...], ...]:
    """The word boxes of every page of a fresh check's result, in page order."""
    if not result.pages:
        return ()
    reader = make_reader(config)
    return tuple(cached_words(reader, page) for page in result.pages)


def reread_pages(
    config: Config,
    result: CaseResult,
    locate: Callable[[int], Path | None],
    cancel: CancelToken | None = None,
) -> CasePages:
    """Load and read again the files of a recorded case (`locate(document_index)` says where each
    one is, None when it is gone): pages whose words are cached cost no OCR."""
    reader = make_reader(config)
    pages: list[CleanPage] = []
    page_map: dict[tuple[int, int], int] = {}
    words: list[tuple[BBox, ...]] = []
    for doc in result.documents:
        for clean, boxes in _document_pages(reader, locate(doc.index), cancel):
            page_map[(doc.index, clean.number)] = len(pages)
            pages.append(clean)
            words.append(boxes)
    return CasePages(tuple(pages), page_map, tuple(words))


def _document_pages(
    reader: Reader, path: Path | None, cancel: CancelToken | None
) -> list[tuple[CleanPage, tuple[BBox, ...]]]:
    """The clean pages of one file with their word boxes; none when the file is gone or unreadable."""
    if path is None or not path.is_file():
        return []
    try:
        loaded = load_pages(path)
    except InspectorError as exc:
        log.warning("%s: %s", path, exc)
        return []
    out = []
    for page in loaded:
        if cancel is not None:
            cancel.raise_if_cancelled()
        reading = reader.read(replace(page, source=str(path)))
        out.append((reading.clean, tuple(w.bbox for w in reading.ocr.words)))
    return out


def with_pages(result: CaseResult, pages: CasePages) -> CaseResult:
    """The result with these pages (a recorded case loads without them)."""
    return replace(result, pages=pages.pages, page_map=pages.page_map)


def page_index(result: CaseResult, document: int | None, page: int | None) -> int | None:
    """Where a document's page is in the result's pages, None when it is not shown."""
    if document is None:
        return None
    return result.page_map.get((document, page or 1))


def first_existing(paths: Sequence[Path | str | None]) -> Path | None:
    """The first of these paths that is a file."""
    for p in paths:
        if p is not None and Path(p).is_file():
            return Path(p)
    return None
