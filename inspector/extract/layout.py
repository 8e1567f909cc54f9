"""Page layout from word boxes: visual lines, and segments of words separated by wide gaps."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from functools import cached_property

from inspector.models import BBox, OcrPage, Word

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def join_words(words: list[Word] | tuple[Word, ...]) -> str:
    """Words joined by spaces, with the spaces OCR puts between Chinese characters removed."""
    return _CJK_GAP.sub("", " ".join(w.text for w in words))


def union_box(boxes: list[BBox]) -> BBox:
    """The smallest box holding all boxes."""
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


WEAKEST_WORD_MARGIN = 0.5


@dataclass(frozen=True)
class Segment:
    """Words on one visual line with no wide gap between them: a phrase, a label, a value."""

    page: int
    line: int  # index of the visual line on its page
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The segment's text."""
        return join_words(self.words)

    @property
    def bbox(self) -> BBox:
        """Box around the segment's words."""
        return union_box([w.bbox for w in self.words])

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0..1, but at most the least sure word's plus one half: a name with one
        garbled word ("Ganzhou Hengtai jware Co., Ltd.", 9% on "jware") is a doubtful reading, however
        sure its other words are."""
        confs = [max(w.conf, 0.0) / 100.0 for w in self.words]
        return min(sum(confs) / len(confs), min(confs) + WEAKEST_WORD_MARGIN) if confs else 0.0

    def offsets(self) -> list[int]:
        """Start of each word in `text` (text joins words as join_words does)."""
        starts, pos, prev = [], 0, ""
        for w in self.words:
            if prev and not (_is_cjk(prev[-1]) and _is_cjk(w.text[0])):
                pos += 1
            starts.append(pos)
            pos += len(w.text)
            prev = w.text
        return starts

    def tail(self, start_char: int) -> Segment | None:
        """The words that reach past character `start_char` of the text, or None."""
        starts = self.offsets()
        keep = [w for w, s in zip(self.words, starts, strict=True) if s + len(w.text) > start_char]
        return Segment(self.page, self.line, tuple(keep)) if keep else None


def _is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", ch))


@dataclass(frozen=True)
class PageLayout:
    """Visual lines of one page, each a list of segments left to right."""

    page: int
    width: int
    height: int
    lines: tuple[tuple[Segment, ...], ...]
    text_height: float  # median word height in pixels
    cells: tuple[BBox, ...] = ()  # boxes enclosed by ruled lines (OcrPage.cells)

    def segments(self) -> list[Segment]:
        """All segments in reading order."""
        return [seg for line in self.lines for seg in line]

    def cell_of(self, box: BBox) -> BBox | None:
        """The smallest ruled box holding the centre of `box`, or None outside every box."""
        return cell_at(self.cells, box)

    @cached_property
    def _cell_segments(self) -> dict[BBox, list[Segment]]:
        """Each ruled box's segments in reading order, worked out once per page."""
        by_cell: dict[BBox, list[Segment]] = {}
        for seg in self.segments():
            if (cell := self.cell_of(seg.bbox)) is not None:
                by_cell.setdefault(cell, []).append(seg)
        return by_cell

    def in_cell(self, cell: BBox, after_line: int = -1) -> list[Segment]:
        """The segments of a ruled box below visual line `after_line`, top to bottom."""
        return [s for s in self._cell_segments.get(cell, []) if s.line > after_line]

    @property
    def _slack(self) -> int:
        """How far apart (pixels) two box edges may be and still be the same ruled line."""
        return max(12, int(self.text_height))

    def cell_right(self, cell: BBox) -> BBox | None:
        """The nearest box to the right on the same row that holds any text ("合计 Total | | 596,390.00"),
        else the box just beside it."""
        row = sorted((c for c in self.cells if c[0] >= cell[0] + cell[2] - 12 and _same_row(cell, c)),
                     key=lambda c: c[0])
        filled = next((c for c in row if c in self._cell_segments), None)
        return filled or next((c for c in self.cells if c != cell and _same_row(cell, c)
                               and abs(c[0] - (cell[0] + cell[2])) <= self._slack), None)

    def cell_under(self, cell: BBox, same_width: bool = True) -> BBox | None:
        """The box just below `cell`, in the same column (and of the same width, unless not asked)."""
        slack = self._slack
        return next((c for c in self.cells if c != cell and abs(c[1] - (cell[1] + cell[3])) <= slack
                     and abs(c[0] - cell[0]) <= slack and (not same_width or abs(c[2] - cell[2]) <= 2 * slack)),
                    None)


def _same_row(cell: BBox, other: BBox) -> bool:
    """Whether two boxes share most of their height."""
    top, bottom = max(cell[1], other[1]), min(cell[1] + cell[3], other[1] + other[3])
    return bottom - top >= 0.6 * min(cell[3], other[3])


def cell_at(cells: tuple[BBox, ...], box: BBox) -> BBox | None:
    """The smallest of `cells` holding the centre of `box`."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    inside = [c for c in cells if c[0] <= cx <= c[0] + c[2] and c[1] <= cy <= c[1] + c[3]]
    return min(inside, key=lambda c: c[2] * c[3]) if inside else None


def _visual_lines(words: list[Word]) -> list[list[Word]]:
    """Group words whose vertical centres lie within half a word height of a line's centre."""
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3] / 2, w.bbox[0])):
        cy = w.bbox[1] + w.bbox[3] / 2
        tol = max(6.0, w.bbox[3] * 0.5)
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            if abs(centres[i] - cy) <= tol:
                lines[i].append(w)
                centres[i] = statistics.fmean(x.bbox[1] + x.bbox[3] / 2 for x in lines[i])
                break
        else:
            lines.append([w])
            centres.append(cy)
    return [sorted(line, key=lambda w: w.bbox[0]) for line in lines]


_RULE_CHARS = "|丨[]"


def _is_rule(w: Word) -> bool:
    """A 'word' that is a vertical ruling line read as a character."""
    return all(c in _RULE_CHARS for c in w.text.strip())


def _split_segments(words: list[Word], gap: float, cells: tuple[BBox, ...] = ()) -> list[list[Word]]:
    """Split a left-to-right line where the gap exceeds `gap` pixels, at a ruling line read as a
    character, or where the words cross from one ruled box into another."""
    groups: list[list[Word]] = [[]]
    prev: Word | None = None
    for w in words:
        if _is_rule(w):
            groups.append([])
            continue
        if prev is not None and groups[-1] and (w.bbox[0] - (prev.bbox[0] + prev.bbox[2]) > gap or (
                cells and cell_at(cells, w.bbox) != cell_at(cells, prev.bbox))):
            groups.append([])
        groups[-1].append(w)
        prev = w
    return [g for g in groups if g]


def _trim_rules(w: Word) -> Word:
    """Drop ruling-line characters glued to a word's ends ("819,630.00|")."""
    text = w.text.strip(_RULE_CHARS) if not _is_rule(w) else w.text
    return w if text == w.text else Word(text, w.conf, w.bbox, w.block, w.par, w.line)


def _usable(w: Word) -> bool:
    """Drop empty words and the debris Tesseract reads off ruling lines."""
    text = w.text.strip()
    return bool(text) and not (w.conf < 30 and not any(c.isalnum() for c in text))


def page_layout(page: OcrPage) -> PageLayout:
    """Lines and segments of an OCR'd page."""
    words = [_trim_rules(w) for w in page.words if _usable(w)]
    height = statistics.median([w.bbox[3] for w in words]) if words else 30.0
    lines: list[tuple[Segment, ...]] = []
    for line in _visual_lines(words):
        groups = _split_segments(line, gap=max(height * 1.6, 25.0), cells=page.cells)
        if groups:  # a line of nothing but ruling-line glyphs holds no segment
            lines.append(tuple(Segment(page.number, len(lines), tuple(g)) for g in groups))
    return PageLayout(page.number, page.width, page.height, tuple(lines), float(height), page.cells)
