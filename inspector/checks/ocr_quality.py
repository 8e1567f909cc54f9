"""OCR_LOW_CONFIDENCE: a field that matters could not be read reliably."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.models import Finding, Severity

FIELDS_THAT_MATTER = ("total_net_weight_kg", "total_gross_weight_kg", "total_value", "licence_number",
                      "exporter", "consignee", "container_numbers", "packages")
MIN_DOCUMENT_CONFIDENCE = 0.50


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Low-confidence fields that matter, and documents that read badly as a whole."""
    threshold = ctx.config.tolerances.low_confidence
    for doc in ctx.readable():
        if doc.ocr_confidence is not None and doc.ocr_confidence < MIN_DOCUMENT_CONFIDENCE:
            yield finding("OCR_LOW_CONFIDENCE", Severity.LOW,
                          f"{doc.path} reads poorly (confidence {doc.ocr_confidence:.0%}): "
                          "check its fields against the paper.", doc, page=1,
                          confidence=doc.ocr_confidence)
        for name in FIELDS_THAT_MATTER:
            if (spot := doc.unread.get(name)) is not None and not doc.value(name):
                yield finding("OCR_LOW_CONFIDENCE", Severity.LOW,
                              f"The {name.replace('_', ' ')} is labelled on {doc.path} but its value could "
                              f"not be read (read as '{spot.raw}'): look at the paper.", doc, name, spot,
                              confidence=spot.confidence, read_as=spot.raw)
                continue
            fv = doc.fields.get(name)
            if fv is not None and fv.confidence < threshold:
                yield finding("OCR_LOW_CONFIDENCE", Severity.LOW,
                              f"The {name.replace('_', ' ')} '{fv.raw}' was read with low confidence "
                              f"({fv.confidence:.0%}): look at the paper.", doc, name, fv,
                              confidence=fv.confidence, read_as=fv.raw)
