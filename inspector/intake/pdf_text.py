"""Read a PDF page's text layer as words boxed in pixels of the page as rendered at 300 dpi.

A born-digital PDF carries its text: reading it is exact and far faster than OCR. Not every text
layer can be trusted as the page's content, though, so each word also says whether it is *seen*:

- text drawn in render mode 3 (invisible) is the layer a scanner's OCR lays over a scan;
- text that an image drawn after it covers, or that lies off the page, is hidden as well.

`usable_words` keeps a layer for reading only when the page is born-digital: enough seen words,
that decode to real characters (fonts without a Unicode map yield U+FFFD, private-use or control
codes), and no image covering most of the page (a scan whose few text lines, a fax header or
a stamped page number, are not its content). Everything else goes through OCR as before; the
whole layer, seen or hidden, is still compared with the printed page (`inspector.ocr.text_compare`).
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from inspector.models import BBox, Word

TEXT_LAYER_CONF = 96.0  # confidence given to a word read from the text layer
MIN_WORDS = 5  # fewer seen words than this: not a text page (a page number, a stamp)
MIN_READABLE = 0.9  # share of characters that must decode to letters, digits or punctuation
MAX_IMAGE_COVER = 0.5  # an image over more of the page than this makes it a scan
_INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE
_GAP_EM = 0.3  # a horizontal gap wider than this many text heights splits a word


@dataclass(frozen=True)
class LayerWord:
    """A word of the text layer; `seen` is False when it is invisible or under an image."""

    word: Word
    seen: bool


@dataclass(frozen=True)
class TextLayer:
    """The text layer of one page and what is known of the page's images."""

    words: tuple[LayerWord, ...]
    image_cover: float  # share of the page area under the largest image
    readable: float  # share of non-space characters that decode to real characters

    @property
    def seen(self) -> list[Word]:
        """The words a reader of the page sees."""
        return [lw.word for lw in self.words if lw.seen]


@dataclass
class _Char:
    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in rendered pixels: the glyph's ink
    seen: bool
    cell: tuple[float, float, float, float] = (0, 0, 0, 0)  # the glyph's advance and font height


def read_text_layer(page: pdfium.PdfPage, size: tuple[int, int]) -> TextLayer:
    """The page's text layer in pixels of the page as rendered to `size` (width, height)."""
    width, height = size
    z_order, images = _objects(page)
    textpage = page.get_textpage()
    try:
        chars = [_char(page, textpage, i, width, height, z_order, images)
                 for i in range(textpage.count_chars())]
    finally:
        textpage.close()
    page_area = float(page.get_width() * page.get_height()) or 1.0
    cover = max((_area(b) / page_area for _, b in images), default=0.0)
    return TextLayer(tuple(_words(chars)), min(cover, 1.0), _readable(chars))


def usable_words(layer: TextLayer) -> tuple[Word, ...] | None:
    """The words to read the page from, or None when the page must be OCR'd (see module doc)."""
    seen = layer.seen
    if len(seen) < MIN_WORDS or layer.readable < MIN_READABLE or layer.image_cover > MAX_IMAGE_COVER:
        return None
    return tuple(seen)


def _objects(page: pdfium.PdfPage) -> tuple[dict[int, int], list[tuple[int, tuple[float, ...]]]]:
    """Drawing order of the page's top-level objects, and (order, bounds) of its images."""
    z_order: dict[int, int] = {}
    images: list[tuple[int, tuple[float, ...]]] = []
    for z, obj in enumerate(page.get_objects(max_depth=0)):
        z_order[_address(obj.raw)] = z
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append((z, tuple(obj.get_bounds())))  # left, bottom, right, top in points
    return z_order, images


def _address(handle: object) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _area(bounds: tuple[float, ...]) -> float:
    left, bottom, right, top = bounds
    return max(0.0, right - left) * max(0.0, top - bottom)


def _char(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, index: int, width: int, height: int,
          z_order: dict[int, int], images: list[tuple[int, tuple[float, ...]]]) -> _Char:
    code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
    text = chr(code) if 0 < code < 0x110000 else "\ufffd"
    if pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, index) == 1:
        text = "\ufffd"
    if text.isspace() or pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1:
        return _Char(" " if text not in "\r\n" else "\n", (0, 0, 0, 0), True)
    bounds = textpage.get_charbox(index)
    box = _device_box(page, bounds, width, height)
    cell = _device_box(page, textpage.get_charbox(index, loose=True), width, height)
    on_page = 0 <= (box[0] + box[2]) / 2 <= width and 0 <= (box[1] + box[3]) / 2 <= height
    return _Char(text, box, on_page and _is_seen(textpage, index, bounds, z_order, images), cell)


def _device_box(page: pdfium.PdfPage, bounds: tuple[float, float, float, float], width: int,
                height: int) -> tuple[float, float, float, float]:
    left, bottom, right, top = bounds
    x0, y0 = _to_device(page, left, top, width, height)
    x1, y1 = _to_device(page, right, bottom, width, height)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _to_device(page: pdfium.PdfPage, x: float, y: float, width: int, height: int) -> tuple[int, int]:
    """Page coordinates (points) to pixels of the rendered page; PDFium applies /Rotate here as
    it does when rendering."""
    dx, dy = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(dx),
                               ctypes.byref(dy))
    return dx.value, dy.value


def _is_seen(textpage: pdfium.PdfTextPage, index: int, box: tuple[float, float, float, float],
             z_order: dict[int, int], images: list[tuple[int, tuple[float, ...]]]) -> bool:
    """Whether the character is drawn visibly and no later image covers its centre."""
    obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
    if not obj:
        return True
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == _INVISIBLE:
        return False
    z = z_order.get(_address(obj))
    if z is None:  # inside a form XObject: its drawing order is not known here
        return True
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return not any(iz > z and b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for iz, b in images)


def _readable(chars: list[_Char]) -> float:
    """Share of non-space characters that are letters, digits, punctuation or symbols."""
    real = [c.text for c in chars if c.text.strip()]
    if not real:
        return 0.0
    good = sum(unicodedata.category(t)[0] in "LNPS" and t != "\ufffd" for t in real)
    return good / len(real)


def _words(chars: list[_Char]) -> list[LayerWord]:
    """Characters into words (split at spaces, line breaks and wide gaps), then into lines."""
    runs: list[list[_Char]] = [[]]
    for c in chars:
        prev = runs[-1][-1] if runs[-1] else None
        if not c.text.strip():
            runs.append([])
        elif prev is not None and (prev.seen != c.seen or _apart(prev, c)):
            runs.append([c])
        else:
            runs[-1].append(c)
    words = [_word(run) for run in runs if run]
    return _number_lines(words)


def _apart(prev: _Char, c: _Char) -> bool:
    """A gap, a step back or a change of line between two characters with no space between."""
    a, b = prev.cell, c.cell  # advance boxes: adjacent letters of a word touch
    h = max(a[3] - a[1], b[3] - b[1], 1.0)
    other_line = b[1] > a[3] or b[3] < a[1]  # no vertical overlap
    return b[0] - a[2] > _GAP_EM * h or b[2] < a[0] or other_line


def _word(run: list[_Char]) -> LayerWord:
    x0 = min(c.box[0] for c in run)
    y0 = min(c.box[1] for c in run)
    x1 = max(c.box[2] for c in run)
    y1 = max(c.box[3] for c in run)
    box: BBox = (int(x0), int(y0), max(1, round(x1 - x0)), max(1, round(y1 - y0)))
    return LayerWord(Word("".join(c.text for c in run), TEXT_LAYER_CONF, box), run[0].seen)


def _number_lines(words: list[LayerWord]) -> list[LayerWord]:
    """Give words Tesseract-like (block, par, line) ids: one block per visual line, its words in
    reading order, so OcrPage.text reads top to bottom and left to right."""
    if not words:
        return []
    order = sorted(words, key=lambda lw: (lw.word.bbox[1] + lw.word.bbox[3] / 2, lw.word.bbox[0]))
    lines: list[list[LayerWord]] = []
    top = bottom = 0.0  # vertical extent of the line being filled
    for lw in order:
        y0, y1 = lw.word.bbox[1], lw.word.bbox[1] + lw.word.bbox[3]
        overlap = min(y1, bottom) - max(y0, top)
        if lines and overlap >= 0.5 * min(y1 - y0, bottom - top):
            lines[-1].append(lw)
            top, bottom = min(top, y0), max(bottom, y1)
        else:
            lines.append([lw])
            top, bottom = y0, y1
    out: list[LayerWord] = []
    for n, line in enumerate(lines, start=1):
        for lw in sorted(line, key=lambda lw: lw.word.bbox[0]):
            w = lw.word
            out.append(LayerWord(Word(w.text, w.conf, w.bbox, n, 1, 1), lw.seen))
    return out
