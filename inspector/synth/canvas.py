"""A drawing surface for one synthetic document: text, boxes and ruled tables, plus the truth it shows."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from inspector.synth.truth import ItemTruth, empty_fields

A4_300DPI = (2480, 3508)
MARGIN = 150
BODY = 36  # font size in px at 300 dpi: capitals about 26 px high, lines about 42 px
LABEL = 30
SMALL = 26

_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVu"
_NOTO = "/usr/share/fonts/opentype/noto/Noto"
FAMILIES = ("sans", "condensed", "serif", "mono")  # font families a layout may draw in
_LATIN = {"sans": "Sans", "condensed": "SansCondensed", "serif": "Serif", "mono": "SansMono"}


@functools.lru_cache(maxsize=128)
def font(size: int, bold: bool = False, cjk: bool = False, family: str = "sans") -> ImageFont.FreeTypeFont:
    """A TrueType font of a family: DejaVu for Latin text, Noto CJK SC (serif or sans) for Chinese."""
    if family not in _LATIN:
        raise ValueError(f"font family must be one of {FAMILIES}, not {family!r}")
    weight = "Bold" if bold else "Regular"
    if cjk:  # index 2 of the collections: Simplified Chinese
        kind = "Serif" if family == "serif" else "Sans"
        return ImageFont.truetype(f"{_NOTO}{kind}CJK-{weight}.ttc", size, index=2)
    suffix = "-Bold" if bold else ""
    return ImageFont.truetype(f"{_DEJAVU}{_LATIN[family]}{suffix}.ttf", size)


def has_cjk(text: str) -> bool:
    """Whether a string holds CJK characters (needs the CJK font)."""
    return any(ord(c) >= 0x2E80 for c in text)


@dataclass(frozen=True)
class Column:
    """A table column: header (may hold '\\n'), width in px, alignment 'l', 'r' or 'c'."""

    title: str
    width: int
    align: str = "l"


@dataclass(frozen=True)
class Drawn:
    """One line of text as drawn: page index (0-based), the text, its box (x, y, w, h) at 300 dpi."""

    page: int
    text: str
    bbox: tuple[int, int, int, int]


@dataclass
class Sheet:
    """Pages being drawn for one document, and the contract fields and items drawn on them."""

    pages: list[Image.Image] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=empty_fields)
    items: list[ItemTruth] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)
    family: str = "sans"  # font family of the text drawn from now on (see FAMILIES)
    mode: str = "L"  # "L" grayscale; "RGB" once `use_colour` was called (for red seals)

    def __post_init__(self) -> None:
        if not self.pages:
            self.new_page()

    def new_page(self) -> None:
        """Start a blank white A4 page at 300 dpi (in the sheet's mode)."""
        self.pages.append(Image.new(self.mode, A4_300DPI, self.ink(255)))

    def use_colour(self) -> None:
        """Turn every page (and the pages to come) into RGB, so coloured ink can be drawn."""
        self.mode = "RGB"
        self.pages = [page.convert("RGB") for page in self.pages]

    def ink(self, grey: int) -> int | tuple[int, int, int]:
        """A grey level as a fill colour in the sheet's mode."""
        return grey if self.mode == "L" else (grey, grey, grey)

    @property
    def draw(self) -> ImageDraw.ImageDraw:
        """A drawing context on the current page."""
        return ImageDraw.Draw(self.pages[-1])

    def put(self, name: str, value: Any) -> None:
        """Record that the document shows a contract field with this (contract-form) value."""
        if name not in self.fields:
            raise KeyError(f"not a contract field: {name}")
        self.fields[name] = value

    def text(self, x: int, y: int, s: str, size: int = BODY, bold: bool = False,
             anchor: str = "la") -> int:
        """Draw one line of text; returns its right edge."""
        f = font(size, bold, has_cjk(s), self.family)
        self.draw.text((x, y), s, font=f, fill=self.ink(0), anchor=anchor)
        x0, y0, x1, y1 = (int(v) for v in self.draw.textbbox((x, y), s, font=f, anchor=anchor))
        self.drawn.append(Drawn(len(self.pages) - 1, s, (x0, y0, x1 - x0, y1 - y0)))
        return x1

    def lines(self, x: int, y: int, lines: Sequence[str], size: int = BODY, bold: bool = False,
              gap: float = 1.25) -> int:
        """Draw lines of text one under the other; returns the y below the last one."""
        for line in lines:
            self.text(x, y, line, size, bold)
            y += int(size * gap)
        return y

    def rect(self, x: int, y: int, w: int, h: int, width: int = 3) -> None:
        """Draw a rectangle outline."""
        self.draw.rectangle((x, y, x + w, y + h), outline=self.ink(0), width=width)

    def hline(self, x0: int, x1: int, y: int, width: int = 3) -> None:
        """Draw a horizontal rule."""
        self.draw.line((x0, y, x1, y), fill=self.ink(0), width=width)

    def vline(self, x: int, y0: int, y1: int, width: int = 3) -> None:
        """Draw a vertical rule."""
        self.draw.line((x, y0, x, y1), fill=self.ink(0), width=width)

    def width_of(self, s: str, size: int = BODY, bold: bool = False) -> int:
        """Rendered width of a string in px."""
        return int(font(size, bold, has_cjk(s), self.family).getlength(s))

    def wrap(self, s: str, width: int, size: int = BODY, bold: bool = False) -> list[str]:
        """Split a string into lines that fit `width` px (on spaces; CJK may break anywhere)."""
        out: list[str] = []
        for word in s.split(" "):
            if out and self.width_of(f"{out[-1]} {word}", size, bold) <= width:
                out[-1] = f"{out[-1]} {word}"
            else:
                out.append(word)
        return out

    def label_value(self, x: int, y: int, label: str, value: str | Sequence[str], *,
                    below: bool = False, label_w: int = 0, size: int = BODY, width: int = 0) -> int:
        """'Label: value' on one line (value at `label_w` if given) or the label above the value lines."""
        values = [value] if isinstance(value, str) else list(value)
        if width:
            values = [part for v in values for part in self.wrap(v, width, size)]
        if below:
            self.text(x, y, label, LABEL, bold=True)
            return self.lines(x, y + int(LABEL * 1.4), values, size)
        right = self.text(x, y, f"{label}:", LABEL if label_w else size, bold=True)
        vx = x + label_w if label_w else right + 18
        return self.lines(vx, y, values, size)

    def cell(self, x: int, y: int, w: int, h: int, label: str, values: Sequence[str] = (),
             size: int = BODY, label_size: int = SMALL) -> None:
        """A boxed cell: small label at its top left, value lines under it."""
        self.rect(x, y, w, h, width=2)
        self.text(x + 12, y + 8, label, label_size)
        wrapped = [part for value in values for part in self.wrap(value, w - 36, size)]
        self.lines(x + 18, y + 14 + int(label_size * 1.5), wrapped, size)

    def table(self, x: int, y: int, columns: Sequence[Column], rows: Sequence[Sequence[str]],
              total: Sequence[str] | None = None, size: int = 32, min_rows: int = 0) -> int:
        """A ruled table: header, one band per row (cells may wrap), optional TOTAL row; returns its bottom."""
        width = sum(c.width for c in columns)
        head_h = self._header(x, y, columns, size)
        top, y = y, y + head_h
        for row in list(rows) + [[""] * len(columns)] * max(0, min_rows - len(rows)):
            y = self._row(x, y, columns, row, size)
            self.hline(x, x + width, y, width=1)
        if total is not None:
            self.hline(x, x + width, y, width=3)
            y = self._row(x, y, columns, total, size, bold=True)
        self.rect(x, top, width, y - top)
        self._column_rules(x, top, y, columns)
        return y

    def _header(self, x: int, y: int, columns: Sequence[Column], size: int) -> int:
        head_lines = max(c.title.count("\n") + 1 for c in columns)
        head_h = int(head_lines * size * 1.2) + 30
        for c in columns:
            self._cell_text(x, y + 14, c, c.title.split("\n"), size - 4, bold=True, align="c")
            x += c.width
        self.hline(x - sum(c.width for c in columns), x, y + head_h)
        return head_h

    def _row(self, x: int, y: int, columns: Sequence[Column], row: Sequence[str], size: int,
             bold: bool = False) -> int:
        wrapped = [self._wrap_cell(v, c.width - 30, size, bold) for c, v in zip(columns, row, strict=False)]
        height = max([len(w) for w in wrapped] + [1]) * int(size * 1.3) + 28
        for c, lines in zip(columns, wrapped, strict=False):
            self._cell_text(x, y + 16, c, lines, size, bold, c.align)
            x += c.width
        return y + height

    def _wrap_cell(self, value: str, width: int, size: int, bold: bool) -> list[str]:
        return [w for part in value.split("\n") for w in self.wrap(part, width, size, bold)] if value else []

    def _cell_text(self, x: int, y: int, col: Column, lines: Sequence[str], size: int, bold: bool,
                   align: str) -> None:
        for line in lines:
            w = self.width_of(line, size, bold)
            lx = {"l": x + 15, "r": x + col.width - 15 - w, "c": x + (col.width - w) // 2}[align]
            self.text(lx, y, line, size, bold)
            y += int(size * 1.3)

    def _column_rules(self, x: int, y0: int, y1: int, columns: Sequence[Column]) -> None:
        for c in columns[:-1]:
            x += c.width
            self.vline(x, y0, y1, width=2)
