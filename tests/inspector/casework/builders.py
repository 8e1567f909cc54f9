"""Cases built by hand for the casework tests (no OCR): a shipment of controlled goods, recorded as
`pipeline.check_case` records it (evaluate, then record_case)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from inspector.config import Config
from inspector.db.cases.repository import record_case
from inspector.db.rules.repository import rules_version
from inspector.models import CaseResult, DocType, Document, FieldValue, LineItem
from inspector.pipeline import evaluate

BOX = (120, 340, 420, 36)


def fv(value, raw: str | None = None, conf: float = 0.92) -> FieldValue:
    """A field read on page 1 at BOX."""
    return FieldValue(value, str(value) if raw is None else raw, 1, BOX, conf)


def shipment(tmp_path: Path, invoice_net: float = 3105.0, **extra: FieldValue) -> tuple[Document, ...]:
    """Invoice, packing list and declaration of 3,150 kg of dysprosium oxide (controlled, no licence),
    the invoice's net weight misread as `invoice_net`; each a small file in tmp_path."""
    item = LineItem("DYSPROSIUM OXIDE Dy2O3 99.9% MIN", "2846901920", 3150.0, "KG", 3150.0, 3433.5, 819630.0, 1,
                    (100, 900, 1800, 40))
    common = {"exporter": fv("Foshan Hengtai Rare Earth Materials Co., Ltd."), "consignee": fv("Summit Resources Inc."),
              "date": fv("2026-05-14"), "country_of_origin": fv("CN"), "country_of_destination": fv("US"),
              "invoice_number": fv("2026441833"), **extra}
    own = {DocType.COMMERCIAL_INVOICE: {"total_net_weight_kg": fv(invoice_net), "total_value": fv(819630.0),
                                        "currency": fv("USD")},
           DocType.PACKING_LIST: {"total_net_weight_kg": fv(3150.0), "total_gross_weight_kg": fv(3433.5),
                                  "packages": fv(63, "63 DRUMS")},
           DocType.EXPORT_DECLARATION: {"total_net_weight_kg": fv(3150.0), "total_gross_weight_kg": fv(3433.5)}}
    docs = []
    tmp_path.mkdir(parents=True, exist_ok=True)
    for i, (doc_type, fields) in enumerate(own.items()):
        path = tmp_path / f"{i:02d}_{doc_type.value}.png"
        path.write_bytes(f"scan of {doc_type.value}".encode())
        docs.append(Document(i, str(path), doc_type, 1, ocr_confidence=0.9, fields={**common, **fields},
                             items=(item,), page_hashes=(f"img-{i}",), text="63 DRUMS 2026441833 3,150.00 KGS"))
    return tuple(docs)


def record(rules: Session, cases: Session, config: Config, case_id: str, documents: tuple[Document, ...]) -> CaseResult:
    """Check documents (pipeline.evaluate) and record the case, as a check does."""
    findings, score, lane, date = evaluate(documents, config, rules, cases)
    result = CaseResult(case_id, lane, score, date, documents, tuple(findings), rules_version(rules))
    record_case(cases, result)
    cases.commit()
    return result


def codes(result: CaseResult) -> list[str]:
    return sorted(f.code for f in result.findings)
