"""Limits on what intake accepts, so a hostile or broken file cannot exhaust memory."""

from __future__ import annotations

MAX_FILE_BYTES = 500_000_000  # 500 MB on disk
MAX_PAGES = 200  # pages (PDF) or frames (TIFF) per file
MAX_PAGE_PIXELS = 120_000_000  # decoded pixels per page; an A4 page at 600 dpi is ~35 M
MIN_PAGE_SIDE = 100  # pixels: a smaller image is an icon or a sliver, not a page of paperwork
MAX_PAGE_ASPECT = 12.0  # long side over short side: a till receipt is ~10, A4 is 1.41
MAX_FILE_DECODED_BYTES = 2_000_000_000  # decoded pages of one file: 200 gray A4 pages at 300 dpi fit
MAX_CASE_DECODED_BYTES = 3_000_000_000  # decoded pages of all the files of one case
PAGE_DECODE_SECONDS = 60.0  # one page may take this long to decode (in the sandbox) before it is stopped
FILE_DECODE_SECONDS = 600.0  # and the whole file this long
DECODE_MEMORY_BYTES = 2_000_000_000  # address space the decoding process may add to what it starts with
RENDER_DPI = 300  # PDF pages are rendered at this resolution
MIN_DPI = 100  # plausible scan resolutions; outside, the dpi is estimated from the page size
MAX_DPI = 600
ASSUMED_PAGE_WIDTH_IN = 8.27  # A4 short side; Letter (8.5 in) is within the tolerance
MIN_PAGE_WIDTH_IN = 1.0  # a short side outside this range makes metadata dpi implausible
MAX_PAGE_WIDTH_IN = 17.0
SNIFF_BYTES = 2048  # bytes read to recognise the file type
MAX_FORM_DEPTH = 15  # nesting of PDF form XObjects searched for images (PDFium's own default)
