"""A page's OCR result taken from its PDF text layer instead of Tesseract.

Intake keeps a born-digital page's words (`Page.text_layer`, boxed on the page rendered at 300
dpi) and clean-up leaves such a page as rendered (no rotation, deskew or rescale), so the boxes
hold on the clean image as they are. Reading the layer takes milliseconds where OCR takes
seconds, and it is exact; whether its text matches what the page shows is checked apart
(`inspector.ocr.text_compare`, the TAMPER_SUSPECTED check).
"""

from __future__ import annotations

from inspector.models import CleanPage, OcrPage


def text_layer_page(clean: CleanPage) -> OcrPage | None:
    """The page's words from its text layer, or None when the page has to be OCR'd."""
    if clean.text_layer is None:
        return None
    height, width = clean.image.shape[:2]
    return OcrPage(clean.number, width, height, clean.text_layer, clean.cells)
