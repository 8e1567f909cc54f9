"""What every check receives: the documents of the case and the databases to consult."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.models import BBox, DocType, Document, FieldValue, Finding, Message, Severity

# Where the shipment date is read, most telling first.
_DATE_SOURCES = (DocType.BILL_OF_LADING, DocType.EXPORT_DECLARATION, DocType.COMMERCIAL_INVOICE,
                 DocType.PACKING_LIST)


@dataclass(frozen=True)
class CheckContext:
    """The case as read, plus read-only sessions on the rules and case databases."""

    documents: tuple[Document, ...]
    config: Config
    rules: Session
    cases: Session
    shipment_date: dt.date | None

    def readable(self) -> Iterator[Document]:
        """Documents that could be read."""
        return (d for d in self.documents if d.error is None)

    def with_field(self, name: str) -> Iterator[tuple[Document, FieldValue]]:
        """(document, field) for every readable document that has the field."""
        for doc in self.readable():
            fv = doc.fields.get(name)
            if fv is not None and fv.value not in (None, []):
                yield doc, fv


def finding(code: str, severity: Severity, message: Message, doc: Document | None = None,
            field: str | None = None, fv: FieldValue | None = None, *, page: int | None = None,
            bbox: BBox | None = None, **evidence: Any) -> Finding:
    """A Finding located at a field's box (or an explicit page and box), its message in English and
    Chinese."""
    if not isinstance(message, Message) or not message.en or not message.zh:
        raise TypeError(f"{code}: a finding's message is a Message with English and Chinese")
    return Finding(
        code=code, severity=severity, message=message.en, message_zh=message.zh,
        document=doc.index if doc is not None else None, field=field,
        page=page if page is not None else (fv.page if fv else None),
        bbox=bbox if bbox is not None else (fv.bbox if fv else None),
        evidence=evidence,
    )


def shipment_date(documents: tuple[Document, ...]) -> dt.date | None:
    """The shipment date: bill of lading, else declaration, else invoice, else packing list date."""
    for doc_type in _DATE_SOURCES:
        for doc in documents:
            if doc.type == doc_type and doc.value("date"):
                return dt.date.fromisoformat(doc.value("date"))
    return None
