"""The intake's messages for files that cannot be read, one sentence each."""

from __future__ import annotations

from inspector.errors import InputUnreadableError
from inspector.intake.limits import MAX_FILE_BYTES, MAX_PAGE_PIXELS, MAX_PAGES

_MP_LIMIT = MAX_PAGE_PIXELS // 1_000_000


def too_many_pixels(width: int, height: int) -> InputUnreadableError:
    """A page whose declared size is over the pixel limit."""
    return InputUnreadableError(
        f"The image is {width} x {height} pixels, over the {_MP_LIMIT}-megapixel limit: "
        "it may be a decompression bomb."
    )


def too_many_megapixels(megapixels: int) -> InputUnreadableError:
    """A page over the pixel limit when only its pixel count is known."""
    return InputUnreadableError(
        f"The image declares {megapixels:,} megapixels, over the {_MP_LIMIT}-megapixel limit: "
        "it may be a decompression bomb."
    )


def too_many_pages(count: int, limit: int = MAX_PAGES) -> InputUnreadableError:
    """A file with more pages than one check accepts."""
    return InputUnreadableError(
        f"The file has {count} pages, over the {limit}-page limit: split it into smaller files."
    )


def too_big(size: int) -> InputUnreadableError:
    """A file larger than the size limit."""
    return InputUnreadableError(
        f"The file is {size / 1e6:,.0f} MB, over the {MAX_FILE_BYTES // 1_000_000} MB limit: "
        "ask for a smaller scan or split the file."
    )


def damaged(kind: str, exc: BaseException | None = None) -> InputUnreadableError:
    """A file of a known type that fails to decode; truncation gets its own advice."""
    if exc is not None and "truncated" in str(exc).lower():
        return InputUnreadableError(
            f"This {kind} is truncated: the scan was not fully saved or sent; ask for the file again."
        )
    return InputUnreadableError(
        f"This {kind} file is damaged and cannot be decoded; ask for the file again."
    )
