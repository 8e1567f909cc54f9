"""A recorded case read back as the engine's dataclasses, corrections included (the field rows hold
the corrected values; `case_correction` keeps what was read)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from inspector.casework.errors import unknown_case
from inspector.db.cases.models import Case, CaseDocument
from inspector.db.cases.repository import case_findings
from inspector.models import (
    BBox,
    CaseResult,
    DocType,
    Document,
    FieldValue,
    Finding,
    Lane,
    LineItem,
)


def load_case(s: Session, case_id: str) -> CaseResult:
    """A recorded case: documents with their fields (page, box, confidence), goods lines, page hashes and
    text; findings (both languages, boxes); lane, score and rules version. `pages` is empty: the pages
    are rendered again from the original files (`original_file`)."""
    case = s.get(Case, case_id, populate_existing=True)
    if case is None:
        raise unknown_case(case_id)
    findings = case_findings(s, case_id)
    return CaseResult(case.id, Lane(case.lane), case.risk_score, case.shipment_date,
                      stored_documents(s, case_id, findings), tuple(findings), case.rules_version)


def stored_documents(s: Session, case_id: str, findings: Sequence[Finding] = ()) -> tuple[Document, ...]:
    """The documents of a recorded case, in order, as the checks take them. The fields a document
    labels but could not read come back from its OCR_LOW_CONFIDENCE findings (`findings`), so that a
    re-check asks for them again until they are corrected."""
    loaded = selectinload(CaseDocument.field_rows), selectinload(CaseDocument.item_rows), \
        selectinload(CaseDocument.page_rows), selectinload(CaseDocument.phash_rows)
    rows = s.scalars(select(CaseDocument).where(CaseDocument.case_id == case_id).order_by(CaseDocument.idx)
                     .options(*loaded).execution_options(populate_existing=True)).all()
    return tuple(_document(row, [f for f in findings if f.document == row.idx]) for row in rows)


def _document(row: CaseDocument, findings: Iterable[Finding]) -> Document:
    fields = {f.name: FieldValue(f.value, f.raw or "", f.page, _box(f.bbox), f.confidence) for f in row.field_rows}
    items = tuple(LineItem(i.description, i.hs_code, i.quantity, i.unit, i.net_weight_kg, i.gross_weight_kg, i.value,
                           i.page, _box(i.bbox)) for i in row.item_rows)
    text = row.text if row.text is not None else " ".join(row.numbers or ())  # before cases_0005: the numbers
    return Document(
        row.idx, row.path, _doc_type(row.type), row.pages, row.error, row.ocr_confidence, fields, items,
        page_hashes=tuple(p.image_hash for p in row.page_rows), text=text, unread=_unread(fields, findings),
        page_phashes=tuple(p.phash for p in row.phash_rows),
        region_phashes=tuple(tuple(p.regions or ()) for p in row.phash_rows),
    )  # fmt: skip


def _unread(fields: dict[str, FieldValue], findings: Iterable[Finding]) -> dict[str, FieldValue]:
    """Fields labelled on the paper whose value could not be read: an OCR_LOW_CONFIDENCE finding on a
    field the document has no value for."""
    out = {}
    for f in findings:
        if f.code == "OCR_LOW_CONFIDENCE" and f.field and f.field not in fields:
            out[f.field] = FieldValue(None, str(f.evidence.get("read_as", "")), f.page, f.bbox,
                                      float(f.evidence.get("confidence", 0.0)))
    return out


def _box(value: Any) -> BBox | None:
    return tuple(int(v) for v in value) if value else None  # type: ignore[return-value]


def _doc_type(text: str) -> DocType:
    try:
        return DocType(text)
    except ValueError:
        return DocType.UNKNOWN
