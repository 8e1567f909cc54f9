"""Limits on what intake accepts, so a hostile or broken file cannot exhaust memory."""

from __future__ import annotations

MAX_FILE_BYTES = 500_000_000  # 500 MB on disk
MAX_PAGES = 200  # pages (PDF) or frames (TIFF) per file
MAX_PAGE_PIXELS = 120_000_000  # decoded pixels per page; an A4 page at 600 dpi is ~35 M
RENDER_DPI = 300  # PDF pages are rendered at this resolution
MIN_DPI = 100  # plausible scan resolutions; outside, the dpi is estimated from the page size
MAX_DPI = 600
ASSUMED_PAGE_WIDTH_IN = 8.27  # A4 short side; Letter (8.5 in) is within the tolerance
MIN_PAGE_WIDTH_IN = 1.0  # a short side outside this range makes metadata dpi implausible
MAX_PAGE_WIDTH_IN = 17.0
SNIFF_BYTES = 2048  # bytes read to recognise the file type
