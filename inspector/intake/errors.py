"""The intake's messages for files that cannot be read, one sentence each."""

from __future__ import annotations

from inspector.errors import InputUnreadableError
from inspector.intake.limits import (
    MAX_CASE_DECODED_BYTES,
    MAX_FILE_BYTES,
    MAX_FILE_DECODED_BYTES,
    MAX_PAGE_ASPECT,
    MAX_PAGE_PIXELS,
    MAX_PAGES,
    MIN_PAGE_SIDE,
)

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


def too_much_decoded(decoded: int, page: int) -> InputUnreadableError:
    """A file whose pages decode to more memory than one file may take."""
    return InputUnreadableError(
        f"The pages of this file decode to over {decoded / 1e9:.1f} GB by page {page}, over the "
        f"{MAX_FILE_DECODED_BYTES / 1e9:.1f} GB limit for one file: split it or scan it at a lower resolution."
    )


def over_case_budget(decoded: int) -> InputUnreadableError:
    """A file that would take the case's decoded pages over the limit of one case."""
    return InputUnreadableError(
        f"With this file the pages of the case would take {decoded / 1e9:.1f} GB of memory, over the "
        f"{MAX_CASE_DECODED_BYTES / 1e9:.1f} GB limit for one case: check its files in smaller cases."
    )


def out_of_memory() -> InputUnreadableError:
    """A file that ran out of memory while it was decoded."""
    return InputUnreadableError(
        "This file needs more memory to decode than Inspector allows: it may be a decompression bomb; "
        "ask for a smaller scan."
    )


def too_slow(seconds: float) -> InputUnreadableError:
    """A file whose decoding went over its time limit (and was stopped)."""
    return InputUnreadableError(
        f"This file took over {seconds:.0f} seconds to decode and was stopped: it may be built to break "
        "the reader; ask for a plain scan."
    )


def decoder_died(code: int | None) -> InputUnreadableError:
    """A file that made the decoding process crash or run out of memory."""
    how = "" if code is None else f" (signal {-code})" if code < 0 else f" (exit status {code})"
    return InputUnreadableError(
        f"This file crashed the decoder or exhausted its memory{how}: it may be damaged or built to break "
        "the reader; ask for the file again."
    )


def not_a_page(width: int, height: int, number: int) -> InputUnreadableError:
    """A page too small or too narrow to be a page of paperwork."""
    return InputUnreadableError(
        f"Page {number} is {width} x {height} pixels: too small or too narrow to be a page of paperwork "
        f"(at least {MIN_PAGE_SIDE} pixels a side, at most {MAX_PAGE_ASPECT:g} times longer than wide)."
    )
