"""OCR_LOW_CONFIDENCE: a field that matters could not be read reliably.

Low when no other document of the case gives the field clearly: the cross-checks could not be made
and the inspector must read the paper. Info when another document reads it with confidence: the
inspector is told where the doubtful reading is, but the case's figures are known and compared, so
a smudge on one copy does not hold a shipment back.
"""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.models import Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name, field_name

FIELDS_THAT_MATTER = ("total_net_weight_kg", "total_gross_weight_kg", "total_value", "licence_number",
                      "exporter", "consignee", "container_numbers", "packages")
MIN_DOCUMENT_CONFIDENCE = 0.50


def _read_elsewhere(ctx: CheckContext, doc: Document, name: str) -> tuple[Document, FieldValue] | None:
    """Another document of the case that reads the field with confidence, if any (the surest)."""
    threshold = ctx.config.tolerances.low_confidence
    clear = [(other, fv) for other, fv in ctx.with_field(name) if other is not doc and fv.confidence >= threshold]
    return max(clear, key=lambda r: r[1].confidence, default=None)


def _weighed(ctx: CheckContext, doc: Document, name: str, message: Message) -> tuple[Severity, Message, dict]:
    """LOW, or INFO with a word on where the field is read clearly (see the module's note)."""
    elsewhere = _read_elsewhere(ctx, doc, name)
    if elsewhere is None:
        return Severity.LOW, message, {}
    other, fv = elsewhere
    name_of = doc_name(other.type)
    note = Message(f" The {name_of.en} reads it clearly: '{fv.raw}'.", f"{name_of.zh}上清晰可读：“{fv.raw}”。")
    return Severity.INFO, message + note, {"read_elsewhere": {"document": other.index, "value": fv.value,
                                                              "page": fv.page, "bbox": fv.bbox}}


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Low-confidence fields that matter, and documents that read badly as a whole."""
    threshold = ctx.config.tolerances.low_confidence
    for doc in ctx.readable():
        if doc.ocr_confidence is not None and doc.ocr_confidence < MIN_DOCUMENT_CONFIDENCE:
            yield finding("OCR_LOW_CONFIDENCE", Severity.LOW, Message(
                          f"{doc.path} reads poorly (confidence {doc.ocr_confidence:.0%}): "
                          "check its fields against the paper.",
                          f"{doc.path} 识读质量差（置信度 {doc.ocr_confidence:.0%}）：请对照纸质单据核对其各项内容。"),
                          doc, page=1,
                          confidence=doc.ocr_confidence)
        for name in FIELDS_THAT_MATTER:
            label = field_name(name)
            if (spot := doc.unread.get(name)) is not None and not doc.value(name):
                severity, message, extra = _weighed(ctx, doc, name, Message(
                    f"The {label.en} is labelled on {doc.path} but its value could "
                    f"not be read (read as '{spot.raw}'): look at the paper.",
                    f"{doc.path} 上有“{label.zh}”一栏，但其内容无法识读（识读为“{spot.raw}”）："
                    "请查看纸质单据。"))
                yield finding("OCR_LOW_CONFIDENCE", severity, message, doc, name, spot,
                              confidence=spot.confidence, read_as=spot.raw, **extra)
                continue
            fv = doc.fields.get(name)
            if fv is not None and fv.confidence < threshold:
                severity, message, extra = _weighed(ctx, doc, name, Message(
                    f"The {label.en} '{fv.raw}' was read with low confidence "
                    f"({fv.confidence:.0%}): look at the paper.",
                    f"{label.zh}“{fv.raw}”的识读置信度低（{fv.confidence:.0%}）：请查看纸质单据。"))
                yield finding("OCR_LOW_CONFIDENCE", severity, message, doc, name, fv,
                              confidence=fv.confidence, read_as=fv.raw, **extra)
