"""A field whose label is on the page but whose value cannot be read is reported as unread, with the
spot where the value should be, so the inspector is sent to the paper instead of trusting a gap."""

from __future__ import annotations

from inspector.extract.fields import extract_document
from inspector.models import OcrPage, Word


def _line(y: int, line: int, *texts: str) -> list[Word]:
    words, x = [], 100
    for text in texts:
        words.append(Word(text, 93.0, (x, y, 22 * len(text), 30), 1, 1, line))
        x += 22 * len(text) + 20
    return words


def _page(*lines: tuple[str, ...]) -> OcrPage:
    words = [w for i, texts in enumerate(lines) for w in _line(200 + 60 * i, i, *texts)]
    return OcrPage(1, 2480, 3508, tuple(words))


def test_a_label_with_an_unreadable_value_is_reported_where_the_value_is() -> None:
    page = _page(("COMMERCIAL", "INVOICE"), ("Invoice", "No.:", "INV-2026-0042"), ("Total", "Amount:", "~#@%"))
    extraction = extract_document([page])
    assert "total_value" not in extraction.fields
    spot = extraction.unread["total_value"]
    assert spot.raw == "~#@%" and spot.page == 1 and spot.bbox is not None and spot.bbox[1] == 320


def test_a_value_that_was_read_is_not_unread() -> None:
    page = _page(("COMMERCIAL", "INVOICE"), ("Invoice", "No.:", "INV-2026-0042"), ("Total", "Amount:", "USD", "28,800.00"))
    extraction = extract_document([page])
    assert extraction.fields["total_value"].value == 28800.0
    assert "total_value" not in extraction.unread and "invoice_number" not in extraction.unread
