"""Key-value extraction from layout: find a field's label, read the value beside or below it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from inspector.extract.labels import (
    ANY_LABEL,
    ENUMERATOR,
    TOTAL_ROW,
    Label,
    is_label,
    labels_for,
    longest_label,
)
from inspector.extract.layout import PageLayout, Segment, union_box
from inspector.extract.normalise.numbers import parse_number
from inspector.models import BBox, DocType

_LEAD = " :：.-|/#)）"
_TRAIL = " :：-|/#("
# "Terms of Payment: L/C": a labelled value of some other field, not a value for ours.
_LABELLED = re.compile(r"^[^\d:：]{2,40}[:：]\s*\S")
BELOW_LINES = 3
# "9. Sailing on or about": the numbered label of another form box, never a value.
_BOX_LABEL = re.compile(r"^\(?\d{1,2}\s*[.)）、]\s*(?:[A-Z][a-z]{2,}|[\u4e00-\u9fff]{2})")
# A "label: value" pair inside a longer line: "N/M 装货港 : 青岛 Qingdao 原产国 : 中国".
_PAIR_START = re.compile(r"(?<=\s)(?=[^\s:：]+\s*[:：])")


@dataclass(frozen=True)
class Candidate:
    """A possible value of a field: its text, where it is, and how it was found."""

    field: str
    text: str
    page: int
    bbox: BBox
    confidence: float
    label: str  # the label text as read
    how: str  # "inline", "cell", "right", "below" or "total" (a column's totals row)
    rank: int = 0  # index of the label in labels_for(): lower is more specific
    block: tuple[str, ...] = ()  # further lines below (party blocks)
    part: int = -1  # under a shared label "Booking No. / B/L No.": which "/"-separated part is ours


# A form box's explanation after its label: "(Exporter's business name, address, country)".
_LABEL_NOTE = re.compile(r"\s*[(（][^()（）]{3,80}[)）]?[\s:：.]*$|\s*[(（][^()（）]{3,80}[)）][\s:：.]*")
_GARBLE_WORD = r"(?:[^\x00-\x7f]{1,6}|[\w#*&%$@!?~^,.;'\"]{1,4})\s+"
_GARBLED = (re.compile(rf"^{_GARBLE_WORD}(?=[A-Za-z])"), re.compile(rf"^{_GARBLE_WORD}{_GARBLE_WORD}(?=[A-Za-z])"))


def _tidy(text: str) -> str:
    """A value without the separators around it; a final full stop (Ltd.) is kept."""
    return text.lstrip(_LEAD).rstrip(_TRAIL)


# Fields whose label words are also units after a number: "55 PACKAGES" is a value, not a label.
_COUNTED = frozenset({"packages", "total_net_weight_kg", "total_gross_weight_kg"})
_WORDS = frozenset(["of", "to", "the", "and", "per", "for", "by", "at", "in", "on", "from", "sold", "port", "date", "no"])


def _is_garble(text: str) -> bool:
    """Whether words before a label look like OCR's reading of Chinese characters ("HBiS", "3275",
    "ia 4", "Aft"), not English words that belong to a longer label ("Port of", "Sold")."""
    tokens = text.split()
    return not any(t.casefold() in _WORDS or (re.fullmatch(r"[A-Z]?[a-z]{3,}", t) and len(t) > 3)
                   for t in tokens)


def _is_value(text: str) -> bool:
    """Whether a segment can be a value: not a label (nor one behind the garbled reading of its Chinese
    half: "出需关别 Customs of exit"), not another field's 'label: value'."""
    if is_label(text) or _LABELLED.match(text) is not None or _BOX_LABEL.match(text) is not None:
        return False
    garbled = next((m for rx in _GARBLED if (m := rx.match(text))), None)
    # ... but "55 PACKAGES" is a count, not a label behind debris
    return garbled is None or any(c.isdigit() for c in garbled.group()) or not is_label(text[garbled.end():])


def _strip_labels(field: str, doc_type: DocType, text: str) -> tuple[str, int, int]:
    """Remove a field's labels (possibly bilingual, one after the other) from the start of text.

    Returns the label text, the characters consumed and the rank of the first label matched.
    """
    enum = ENUMERATOR.match(text)
    consumed, rank = (enum.end() if enum else 0), -1
    labels = labels_for(field, doc_type)
    if not any(lab.pattern.match(text[consumed:]) for lab in labels) and not ANY_LABEL.match(text[consumed:]):
        for garbled in _GARBLED:  # a misread Chinese half of a bilingual label: "REA Consignor"
            m = garbled.match(text[consumed:])
            counted = field in _COUNTED and m is not None and m.group(0).strip().isdigit()  # "55 PACKAGES"
            if m and not counted and _is_garble(m.group(0)) and any(
                    lab.pattern.match(text[consumed + m.end():]) for lab in labels):
                consumed += m.end()
                break
    start = consumed
    first = next((m.end() for lab in labels if (m := lab.pattern.match(text[start:]))), 0)
    if first and longest_label(text[start:], doc_type, field) > first:
        return "", 0, -1  # "Packing List No." labels the list's number, not its packages
    for _ in range(3):
        # The longest label that matches ("Total Value", not "Total"), the most specific among equals.
        ends = [(m.end(), -i) for i, lab in enumerate(labels) if (m := lab.pattern.match(text[consumed:]))]
        if not ends or max(ends)[0] == 0:
            break
        end, neg_index = max(ends)
        consumed += end
        rank = -neg_index if rank < 0 else rank
    if rank < 0:
        return "", 0, -1
    if (note := _LABEL_NOTE.match(text[consumed:])) is not None:
        consumed += note.end()  # "Goods consigned from (Exporter's business name, address, country)"
    return text[start:consumed], consumed, rank


def _overlaps(a: BBox, b: BBox, slack: float) -> bool:
    """Whether b lies horizontally within a's column, widened by slack pixels."""
    return b[0] < a[0] + a[2] + slack and b[0] + b[2] > a[0] - slack


def _below(layout: PageLayout, line_idx: int, anchor: BBox) -> list[Segment]:
    """Segments on the next few lines in the anchor's column, stopping at the next label."""
    found: list[Segment] = []
    max_gap = layout.text_height * 3.5
    last_bottom = anchor[1] + anchor[3]
    for line in layout.lines[line_idx + 1: line_idx + 1 + BELOW_LINES + 2]:
        col = [s for s in line if _overlaps(anchor, s.bbox, layout.text_height)]
        if not col:
            continue
        seg = min(col, key=lambda s: abs(s.bbox[0] - anchor[0]))
        if seg.bbox[1] - last_bottom > max_gap or not _is_value(seg.text):
            break
        found.append(seg)
        last_bottom = seg.bbox[1] + seg.bbox[3]
        if len(found) >= BELOW_LINES:
            break
    return found


def _grid_row(layout: PageLayout, li: int, si: int, below: Segment) -> bool:
    """Whether labels and values sit side by side in rows: the label has a value to its right and
    the segment under the label has a neighbour under that value."""
    line = layout.lines[li]
    if si + 1 >= len(line) or not _is_value(line[si + 1].text):
        return False
    right_x = line[si + 1].bbox[0]
    under = layout.lines[below.line]
    return any(s is not below and abs(s.bbox[0] - right_x) < layout.text_height * 2 for s in under)


# Fields a table column may carry per row, with the case's figure on the table's totals row.
_COLUMN_TOTALS = frozenset({"total_net_weight_kg", "total_gross_weight_kg", "packages", "total_value"})
_TOTAL_ROW_LINES = 15


def _column_total(layout: PageLayout, li: int, si: int) -> tuple[Segment, float] | None:
    """The figure under a column header on the table's "TOTAL" row (a bill of lading's container rows
    carry one container's weight each; the case's weight is their total), with its confidence: raised
    to the rows' when the rows above add up to it. None without such a row."""
    header = layout.lines[li]
    anchor = header[si].bbox
    right = header[si + 1].bbox[0] if si + 1 < len(header) else layout.width
    left = anchor[0] - layout.text_height

    def in_column(seg: Segment) -> bool:
        return left <= seg.bbox[0] + seg.bbox[2] / 2 < right and _is_value(seg.text)

    rows: list[Segment] = []
    for line in layout.lines[li + 1: li + 1 + _TOTAL_ROW_LINES]:
        if not TOTAL_ROW.match(line[0].text):
            if any(is_label(s.text) for s in line):
                return None  # another table's header, or the next labelled box: not this column's rows
            rows.extend([s for s in line if in_column(s)][:1])
            continue
        col = [s for s in line[1:] if in_column(s)]
        if not col:
            return None
        total = col[0]
        figures = [parse_number(s.text) for s in rows]
        value = parse_number(total.text)
        adds_up = (value is not None and len(figures) >= 2 and None not in figures
                   and abs(sum(f for f in figures if f is not None) - value) <= max(0.5, value * 0.001))
        confidence = max(total.confidence, min(s.confidence for s in rows)) if adds_up else total.confidence
        return total, confidence
    return None


def _second_label(field: str, doc_type: DocType, text: str) -> tuple[str, int, int] | None:
    """Our label second in a shared one: "BOOKING NO. / BILL OF LADING NO." (values "x / y")."""
    enum = ENUMERATOR.match(text)
    start = enum.end() if enum else 0
    other = longest_label(text[start:], doc_type, field)
    if not other or not text[start:start + other].rstrip().endswith("/"):
        return None
    label_text, consumed, rank = _strip_labels(field, doc_type, text[start + other:])
    return (label_text, start + other + consumed, rank) if consumed else None


def _pairs(field: str, doc_type: DocType, seg: Segment) -> Iterator[Candidate]:
    """Values of 'label: value' pairs that start inside a segment (remarks lines)."""
    text = seg.text
    starts = [m.start() for m in _PAIR_START.finditer(text)]
    words = [0, *(m.end() for m in re.finditer(r"\s+", text))]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        piece = text[start:end]
        if any(ws + longest_label(text[ws:], doc_type, field) > start for ws in words if start - 30 <= ws < start):
            continue  # "Departure date: ..." is not a "date: ..." pair
        label_text, consumed, rank = _strip_labels(field, doc_type, piece)
        value = _tidy(piece[consumed:])
        if consumed and value and label_text.rstrip().endswith((":", "：")):
            yield Candidate(field, value, seg.page, seg.bbox, seg.confidence * 0.9, label_text, "inline", rank)


def _cell_candidates(layout: PageLayout, li: int, seg: Segment, field: str, label_text: str,
                     rank: int, inline: bool) -> Iterator[Candidate]:
    """A label at the top of a ruled box: the value is the rest of its box; a label alone in its box
    (no value after it on its line either): the value fills the box beside it, or else the one under it."""
    cell = layout.cell_of(seg.bbox)
    if cell is None:
        return
    groups = [[s for s in layout.in_cell(cell, li) if _is_value(s.text)]]
    for other in () if inline else (layout.cell_right(cell), layout.cell_under(cell)):
        if other is not None:
            group = layout.in_cell(other)
            groups.append(group if group and _is_value(group[0].text) else [])
    for inside in groups:
        if inside:
            first = inside[0]
            yield Candidate(field, _tidy(first.text), first.page, first.bbox, first.confidence, label_text,
                            "cell", rank, tuple(s.text for s in inside[1:BELOW_LINES + 1]))


def _candidates_at(layout: PageLayout, li: int, si: int, field: str, label_text: str,
                   consumed: int, rank: int) -> Iterator[Candidate]:
    line = layout.lines[li]
    seg = line[si]
    rest_seg = seg.tail(consumed)
    rest = _tidy(seg.text[consumed:])
    if rest and rest_seg is not None:
        yield Candidate(field, rest, seg.page, rest_seg.bbox, rest_seg.confidence, label_text, "inline", rank)
    if field in _COLUMN_TOTALS and not rest and (found := _column_total(layout, li, si)) is not None:
        total, confidence = found
        yield Candidate(field, _tidy(total.text), total.page, total.bbox, confidence, label_text, "total", rank)
    if layout.cells and layout.cell_of(seg.bbox) is not None:
        yield from _cell_candidates(layout, li, seg, field, label_text, rank, bool(rest))
        return
    if si + 1 < len(line) and _is_value(line[si + 1].text):
        right = line[si + 1]
        yield Candidate(field, _tidy(right.text), right.page, right.bbox, right.confidence,
                        label_text, "right", rank)
        if si + 2 < len(line) and _is_value(line[si + 2].text):
            # "目的港 To || e3} 本 || ROTTERDAM": a misread Chinese name split off its English one.
            both = line[si + 1: si + 3]
            yield Candidate(field, _tidy(" ".join(s.text for s in both)), right.page,
                            union_box([s.bbox for s in both]), min(s.confidence for s in both),
                            label_text, "right", rank)
    below = _below(layout, li, seg.bbox)
    if below and _grid_row(layout, li, si, below[0]):
        below = []  # the label's value is beside it; the line below is the next label/value row
    if below:
        first = below[0]
        yield Candidate(field, _tidy(first.text), first.page, first.bbox, first.confidence,
                        label_text, "below", rank, tuple(s.text for s in below[1:]))


def find_candidates(layouts: list[PageLayout], field: str, doc_type: DocType,
                    skip_lines: frozenset[tuple[int, int]] = frozenset()) -> list[Candidate]:
    """Every value candidate for a field, in page order, best-placed label first per spot."""
    labels: list[Label] = labels_for(field, doc_type)
    if not labels:
        return []
    out: list[Candidate] = []
    for layout in layouts:
        for li, line in enumerate(layout.lines):
            if (layout.page, li) in skip_lines:
                continue
            for si, seg in enumerate(line):
                label_text, consumed, rank = _strip_labels(field, doc_type, seg.text)
                if consumed:
                    out.extend(_candidates_at(layout, li, si, field, label_text, consumed, rank))
                elif (second := _second_label(field, doc_type, seg.text)) is not None:
                    lab_text, used, rank = second
                    out.extend(replace(c, part=1) for c in
                               _candidates_at(layout, li, si, field, lab_text, used, rank))
                else:
                    out.extend(_pairs(field, doc_type, seg))
    return out


def block_box(cands: list[Candidate]) -> BBox:
    """Box around several candidates."""
    return union_box([c.bbox for c in cands])
