"""The line items of a document: the goods it lists, from its tables."""

from __future__ import annotations

from inspector.extract.layout import PageLayout
from inspector.extract.tables import Table
from inspector.models import DocType, LineItem


def read_items(doc_type: DocType, layouts: list[PageLayout], tables: list[Table]) -> list[LineItem]:
    """All items of a document, in reading order."""
    return [item for t in tables for item in t.items]
