"""Open one input file of a case and return its pages, or say in one sentence why not."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from inspector.errors import InputUnreadableError
from inspector.intake import errors
from inspector.intake.images import iter_image
from inspector.intake.limits import (
    MAX_FILE_BYTES,
    MAX_FILE_DECODED_BYTES,
    MAX_PAGE_ASPECT,
    MAX_PAGES,
    MIN_PAGE_SIDE,
    SNIFF_BYTES,
)
from inspector.intake.pdf import iter_pdf
from inspector.intake.sniff import FileKind, sniff
from inspector.models import Page

log = logging.getLogger(__name__)


def load_pages(path: str | os.PathLike[str], *, max_pages: int = MAX_PAGES) -> list[Page]:
    """Decode every page of a PDF, TIFF, PNG or JPEG file (type from its bytes, not its name).

    Raises InputUnreadableError with a sentence the inspector can act on when the file is
    missing, empty, too large, of another type, encrypted, truncated, damaged, or decodes to more
    than the memory limit of one file (`limits.MAX_FILE_DECODED_BYTES`).
    """
    pages = list(iter_pages(path, max_pages=max_pages))
    log.info("%s: %d page(s) loaded", path, len(pages))
    return pages


def iter_pages(path: str | os.PathLike[str], *, max_pages: int = MAX_PAGES) -> Iterator[Page]:
    """The pages of a file one by one, as `load_pages` decodes them (what the sandbox streams)."""
    source = str(path)
    kind = sniff(_read_head(source), source)
    log.debug("%s: %s", source, kind)
    pages = iter_pdf(source, source, max_pages) if kind is FileKind.PDF else iter_image(
        source, source, kind, max_pages)
    decoded = 0
    try:
        for page in pages:
            _check_shape(page)
            decoded += page.image.nbytes
            if decoded > MAX_FILE_DECODED_BYTES:
                raise errors.too_much_decoded(decoded, page.number)
            yield page
    except MemoryError as exc:
        raise errors.out_of_memory() from exc
    finally:
        pages.close()


def _check_shape(page: Page) -> None:
    """Refuse a page too small or too thin to be paperwork (image clean-up needs some room)."""
    height, width = page.image.shape[:2]
    if min(width, height) < MIN_PAGE_SIDE or max(width, height) > MAX_PAGE_ASPECT * min(width, height):
        raise errors.not_a_page(width, height, page.number)


def _read_head(path: str) -> bytes:
    """The first bytes of the file, after checking it exists and is not too large."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise InputUnreadableError("This is a folder, not a file: choose the files inside it.")
        if size > MAX_FILE_BYTES:
            raise errors.too_big(size)
        with file.open("rb") as handle:
            return handle.read(SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise InputUnreadableError("The file does not exist.") from exc
    except PermissionError as exc:
        raise InputUnreadableError("The file cannot be opened: permission denied.") from exc
    except OSError as exc:
        raise InputUnreadableError(f"The file cannot be read: {exc.strerror or exc}.") from exc
