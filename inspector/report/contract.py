"""The `inspector.check/1` JSON document of CHECK.md, built from a CaseResult."""

from __future__ import annotations

from typing import Any

from inspector.models import FIELD_NAMES, LIST_FIELDS, CaseResult, Document, Finding, LineItem

SCHEMA = "inspector.check/1"


def _fields(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in FIELD_NAMES:
        value = doc.value(name)
        out[name] = list(value) if name in LIST_FIELDS else value
    return out


def _item(item: LineItem) -> dict[str, Any]:
    return {
        "description": item.description, "hs_code": item.hs_code, "quantity": item.quantity,
        "unit": item.unit, "net_weight_kg": item.net_weight_kg, "gross_weight_kg": item.gross_weight_kg,
        "value": item.value,
    }


def _document(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"path": doc.path, "type": doc.type.value, "pages": doc.pages}
    if doc.error:
        out["error"] = doc.error
    if doc.ocr_confidence is not None:
        out["ocr_confidence"] = round(min(1.0, max(0.0, doc.ocr_confidence)), 3)
    out["fields"] = _fields(doc)
    out["items"] = [_item(i) for i in doc.items]
    return out


def _finding(f: Finding) -> dict[str, Any]:
    """A finding of the contract; "message" is English, "message_zh" (an extra property the contract
    allows) the same sentence in Simplified Chinese."""
    return {
        "code": f.code, "severity": f.severity.value, "message": f.message, "message_zh": f.message_zh,
        "document": f.document,
        "field": f.field, "page": f.page, "bbox": list(f.bbox) if f.bbox else None,
        "evidence": dict(f.evidence),
    }


def to_contract(result: CaseResult) -> dict[str, Any]:
    """The contract JSON of a checked case."""
    return {
        "schema": SCHEMA,
        "case": {
            "id": result.case_id, "lane": result.lane.value, "risk_score": result.risk_score,
            "shipment_date": result.shipment_date.isoformat() if result.shipment_date else None,
        },
        "documents": [_document(d) for d in result.documents],
        "findings": [_finding(f) for f in result.findings],
    }
