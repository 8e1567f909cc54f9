"""Open one input file of a case and return its pages, or say in one sentence why not."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from inspector.errors import InputUnreadableError
from inspector.intake import errors
from inspector.intake.images import load_image
from inspector.intake.limits import MAX_FILE_BYTES, MAX_PAGES, SNIFF_BYTES
from inspector.intake.pdf import load_pdf
from inspector.intake.sniff import FileKind, sniff
from inspector.models import Page

log = logging.getLogger(__name__)


def load_pages(path: str | os.PathLike[str], *, max_pages: int = MAX_PAGES) -> list[Page]:
    """Decode every page of a PDF, TIFF, PNG or JPEG file (type from its bytes, not its name).

    Raises InputUnreadableError with a sentence the inspector can act on when the file is
    missing, empty, too large, of another type, encrypted, truncated or damaged.
    """
    source = str(path)
    kind = sniff(_read_head(source), source)
    log.debug("%s: %s", source, kind)
    if kind is FileKind.PDF:
        pages = load_pdf(source, source, max_pages)
    else:
        pages = load_image(source, source, kind, max_pages)
    log.info("%s: %d page(s) loaded", source, len(pages))
    return pages


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
