"""Write PDFs that carry a text layer: born-digital pages, and scans with a (possibly false) layer.

Text is laid with PDFium's own API in a standard font (Helvetica), each run stretched to the box
it should cover, so a layer over a page image lines up with the ink the way a scanner's OCR layer
does. Used by the tests of text-layer reading and of the text-layer-versus-print check.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from inspector.synth.canvas import A4_300DPI

_PT = 72.0 / 300.0  # points per pixel at 300 dpi
FILL, INVISIBLE = 0, 3  # PDF text render modes


@dataclass(frozen=True)
class TextRun:
    """One line or phrase of the layer: its text and the box it covers, in pixels at 300 dpi."""

    text: str
    bbox: tuple[int, int, int, int]


def write_text_pdf(path: Path, pages: Sequence[Sequence[TextRun]], *,
                   images: Sequence[Image.Image | None] | None = None, invisible: bool = False,
                   cover_text: bool = False, size: tuple[int, int] = A4_300DPI) -> Path:
    """A PDF with one page per run list: its image (if any) under the text, drawn or invisible;
    `cover_text` draws the image last, over the text, hiding it from the eye but not from a
    machine."""
    pdf = pdfium.PdfDocument.new()
    font = pdfium_c.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    width_pt, height_pt = size[0] * _PT, size[1] * _PT
    for index, runs in enumerate(pages):
        page = pdf.new_page(width_pt, height_pt)
        image = images[index] if images else None
        if image is not None and not cover_text:
            _add_image(pdf, page, image, width_pt, height_pt)
        for run in runs:
            _add_text(pdf, page, font, run, height_pt, INVISIBLE if invisible else FILL)
        if image is not None and cover_text:
            _add_image(pdf, page, image, width_pt, height_pt)
        page.gen_content()
        page.close()
    pdf.save(str(path))
    pdf.close()
    return path


def _add_image(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, image: Image.Image, width_pt: float,
               height_pt: float) -> None:
    obj = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.from_pil(image.convert("RGB"))
    obj.set_bitmap(bitmap)
    obj.set_matrix(pdfium.PdfMatrix().scale(width_pt, height_pt))
    page.insert_obj(obj)


def _add_text(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, font: object, run: TextRun,
              height_pt: float, mode: int) -> None:
    """Lay `run.text` so that its glyphs fill `run.bbox` (stretched like an OCR layer)."""
    x, y, w, h = run.bbox
    obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, max(1.0, h * _PT))
    text = ctypes.create_string_buffer((run.text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFTextObj_SetTextRenderMode(obj, mode)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top)))
    sx = (w * _PT) / max(right.value - left.value, 1e-3)
    sy = (h * _PT) / max(top.value - bottom.value, 1e-3)
    target_left, target_bottom = x * _PT, height_pt - (y + h) * _PT
    pdfium_c.FPDFPageObj_Transform(obj, sx, 0, 0, sy, target_left - left.value * sx,
                                   target_bottom - bottom.value * sy)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
