"""Render every page of a PDF to a grayscale image at 300 dpi with PDFium, and keep the page's
own text when it is a born-digital page (see `inspector.intake.pdf_text` for when it is)."""

from __future__ import annotations

import logging

import numpy as np
import pypdfium2 as pdfium

from inspector.errors import InputUnreadableError
from inspector.intake import errors
from inspector.intake.limits import MAX_PAGE_PIXELS, RENDER_DPI
from inspector.intake.pdf_text import read_text_layer, usable_words
from inspector.models import Page, Word

log = logging.getLogger(__name__)

_ERR_PASSWORD = 4  # FPDF_ERR_PASSWORD
_ERR_SECURITY = 5  # FPDF_ERR_SECURITY: unsupported security handler
_SCALE = RENDER_DPI / 72.0


def load_pdf(path: str, source: str, max_pages: int) -> list[Page]:
    """All pages of the PDF at `path`, rendered at 300 dpi; `source` is kept on each page."""
    doc = _open(path)
    try:
        count = len(doc)
        if count == 0:
            raise InputUnreadableError("This PDF has no pages.")
        if count > max_pages:
            raise errors.too_many_pages(count, max_pages)
        return [_render(doc, index, source) for index in range(count)]
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
    """Render one page after checking that its size is sane."""
    page = doc[index]
    try:
        _check_size(page, index + 1)
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
