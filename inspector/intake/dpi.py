"""Decide a page's resolution: trust plausible metadata, else assume A4/Letter paper."""

from __future__ import annotations

import logging

from inspector.intake.limits import (
    ASSUMED_PAGE_WIDTH_IN,
    MAX_DPI,
    MAX_PAGE_WIDTH_IN,
    MIN_DPI,
    MIN_PAGE_WIDTH_IN,
)

log = logging.getLogger(__name__)


def estimate_dpi(width: int, height: int) -> int:
    """The dpi the page would have if its short side were an A4 width, clamped to 100..600."""
    guess = round(min(width, height) / ASSUMED_PAGE_WIDTH_IN)
    return max(MIN_DPI, min(MAX_DPI, guess))


def plausible(dpi: float, width: int, height: int) -> bool:
    """Whether metadata dpi is a scan resolution that gives a paper-sized page."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        return False
    short_side_in = min(width, height) / dpi
    return MIN_PAGE_WIDTH_IN <= short_side_in <= MAX_PAGE_WIDTH_IN


def resolve_dpi(meta: object, width: int, height: int) -> int:
    """The page dpi from PIL's `info["dpi"]` (a number or an (x, y) pair) or an estimate."""
    value = _first_number(meta)
    if value is not None and plausible(value, width, height):
        return round(value)
    estimate = estimate_dpi(width, height)
    log.debug("dpi metadata %r not usable for %dx%d; assuming %d", meta, width, height, estimate)
    return estimate


def _first_number(meta: object) -> float | None:
    """The x resolution of a dpi value as PIL reports it, or None."""
    if isinstance(meta, tuple | list):
        meta = meta[0] if meta else None
    try:
        value = float(meta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None
