"""Render every page of a PDF to a grayscale image at 300 dpi with PDFium, and keep the page's
own text when it is a born-digital page (see `inspector.intake.pdf_text` for when it is)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from inspector.errors import InputUnreadableError
from inspector.intake import errors
from inspector.intake.limits import MAX_FORM_DEPTH, MAX_PAGE_PIXELS, RENDER_DPI
from inspector.intake.pdf_text import read_text_layer, usable_words
from inspector.models import Page, Word

log = logging.getLogger(__name__)

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_ERR_SECURITY = 5  # FPDF_ERR_SECURITY: unsupported security handler
_SCALE = RENDER_DPI / 72.0


def load_pdf(path: str, source: str, max_pages: int) -> list[Page]:
    """All pages of the PDF at `path`, rendered at 300 dpi; `source` is kept on each page."""
    return list(iter_pdf(path, source, max_pages))


def iter_pdf(path: str, source: str, max_pages: int) -> Iterator[Page]:
    """The pages of the PDF one by one, as they are rendered (the page count is checked first)."""
    doc = _open(path)
    try:
        count = len(doc)
        if count == 0:
            raise InputUnreadableError("This PDF has no pages.")
        if count > max_pages:
            raise errors.too_many_pages(count, max_pages)
        for index in range(count):
            yield _render(doc, index, source)
    finally:
        doc.close()


def _open(path: str) -> pdfium.PdfDocument:
    """Open the document, turning PDFium's error codes into sentences."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if exc.err_code == _ERR_PASSWORD:
            raise InputUnreadableError(
                "This PDF is password-protected: ask the exporter for an unprotected copy."
            ) from exc
        if exc.err_code == _ERR_SECURITY:
            raise InputUnreadableError(
                "This PDF uses an unsupported encryption: ask the exporter for an unprotected copy."
            ) from exc
        raise errors.damaged("PDF") from exc


def _render(doc: pdfium.PdfDocument, index: int, source: str) -> Page:
    """Render one page after checking that its size and the images it draws are sane."""
    page = _load_page(doc, index)
    try:
        _check_size(page, index + 1)
        _check_images(page, index + 1)
        bitmap = page.render(scale=_SCALE, grayscale=True)
        image = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True).squeeze()
        bitmap.close()
        words = _text_layer(page, image.shape[1::-1], source, index + 1)
    except pdfium.PdfiumError as exc:
        raise InputUnreadableError(
            f"Page {index + 1} of this PDF cannot be drawn: the file is damaged; ask for it again."
        ) from exc
    finally:
        page.close()
    return Page(source=source, number=index + 1, dpi=RENDER_DPI, image=image, text_layer=words)


def _load_page(doc: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """One page; a page tree PDFium cannot walk (cycles, absurd depth) is a damaged file."""
    try:
        return doc[index]
    except pdfium.PdfiumError as exc:
        raise InputUnreadableError(
            f"Page {index + 1} of this PDF cannot be read: its page tree is damaged; ask for the file again."
        ) from exc


def _check_images(page: pdfium.PdfPage, number: int) -> None:
    """Refuse a page whose images decode to more than the pixel limit: PDFium decodes an image
    whole before it scales it to the page (a 1.5 MB file can hold a 1.6-gigapixel image)."""
    total = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=MAX_FORM_DEPTH):
        try:
            width, height = obj.get_px_size()
        except pdfium.PdfiumError:
            continue  # PDFium cannot size it, so it will not decode it either
        total += width * height
        if total > MAX_PAGE_PIXELS:
            raise InputUnreadableError(
                f"Page {number} of this PDF draws images of {total / 1e6:,.0f} megapixels (the last one "
                f"{width} x {height}), over the {MAX_PAGE_PIXELS // 1_000_000}-megapixel limit: it may be a "
                "decompression bomb."
            )


def _text_layer(page: pdfium.PdfPage, size: tuple[int, int], source: str,
                number: int) -> tuple[Word, ...] | None:
    """The page's words from its text layer, or None when it must be OCR'd; a text layer PDFium
    cannot read costs only the shortcut, never the page."""
    try:
        words = usable_words(read_text_layer(page, size))
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        log.warning("%s page %d: text layer unreadable (%s), OCR instead", source, number, exc)
        return None
    if words is not None:
        log.debug("%s page %d: %d words from the text layer", source, number, len(words))
    return words


def _check_size(page: pdfium.PdfPage, number: int) -> None:
    """Refuse a page that would render to more than the pixel limit (or to nothing)."""
    width_pt, height_pt = page.get_size()
    width, height = round(width_pt * _SCALE), round(height_pt * _SCALE)
    if width < 1 or height < 1:
        raise InputUnreadableError(f"Page {number} of this PDF has no size: the file is damaged.")
    if width * height > MAX_PAGE_PIXELS:
        raise InputUnreadableError(
            f"Page {number} of this PDF is {width_pt / 72:.0f} x {height_pt / 72:.0f} inches "
            f"({width} x {height} pixels at {RENDER_DPI} dpi), over the "
            f"{MAX_PAGE_PIXELS // 1_000_000}-megapixel limit."
        )
