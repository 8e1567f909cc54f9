"""FIELD_MISMATCH: a party, reference or country differs between the documents of the case."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from inspector.checks.context import CheckContext, finding
from inspector.extract.normalise import normalise_party_key
from inspector.models import Finding, Severity

PARTY_FIELDS = ("exporter", "consignee", "end_user")
EXACT_FIELDS = ("invoice_number", "country_of_destination", "licence_number")
REFERENCE_FIELDS = frozenset({"invoice_number", "licence_number"})
PARTY_SIMILARITY = 88.0  # rapidfuzz token_sort_ratio on normalised names; below this they differ


def _same_party(a: str, b: str) -> bool:
    """Same company: equal keys, the same words in any order, or the same letters once spaces are
    gone (OCR splits and joins words: "Matcrials l rading" for "Materials Trading")."""
    if _han(a) != _han(b):
        return True  # a Chinese name and an English one: a translation, not a reading to compare
    ka, kb = normalise_party_key(a), normalise_party_key(b)
    return (ka == kb or fuzz.token_sort_ratio(ka, kb) >= PARTY_SIMILARITY
            or fuzz.ratio(ka.replace(" ", ""), kb.replace(" ", "")) >= PARTY_SIMILARITY)


def _han(name: str) -> bool:
    """Whether a name is written mostly in Chinese characters."""
    han = sum("\u3400" <= c <= "\u9fff" for c in name)
    return han > sum(c.isascii() and c.isalpha() for c in name)


same_party = _same_party  # public: licences.py compares the registry's parties the same way


def _same_reference(a: str, b: str) -> bool:
    """Same reference, spaces aside; a reading cut short ("INV-2026" for "INV-2026-0384") is a
    truncated read, not another document's number: OCR_LOW_CONFIDENCE's business, not a mismatch."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    return a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))


def _trusted(ctx: CheckContext, name: str):
    """Readings clear enough to accuse a document of disagreeing: a doubtful one is left to
    OCR_LOW_CONFIDENCE, and a reference must look like one (5+ characters with a digit)."""
    threshold = ctx.config.tolerances.low_confidence
    for doc, fv in ctx.with_field(name):
        text = str(fv.value)
        if fv.confidence < threshold:
            continue
        if name in REFERENCE_FIELDS and (len(text) < 5 or not any(c.isdigit() for c in text)):
            continue
        yield doc, fv


def _compare(ctx: CheckContext, name: str, same) -> Iterator[Finding]:
    """Each reading that disagrees with the majority of the documents (the first reading breaks
    ties), so one misread document is one finding, not one per document."""
    readings = list(_trusted(ctx, name))
    if len(readings) < 2:
        return
    groups: list[list] = []
    for doc, fv in readings:
        group = next((g for g in groups if same(str(g[0][1].value), str(fv.value))), None)
        if group is None:
            groups.append([(doc, fv)])
        else:
            group.append((doc, fv))
    ref_doc, ref = max(groups, key=len)[0]
    for doc, fv in readings:
        if not same(str(ref.value), str(fv.value)):
            label = name.replace("_", " ")
            yield finding(
                "FIELD_MISMATCH", Severity.MEDIUM,
                f"The {label} is '{fv.value}' on the {doc.type.value.replace('_', ' ')} but "
                f"'{ref.value}' on the {ref_doc.type.value.replace('_', ' ')}.",
                doc, name, fv, this=fv.value, other=ref.value, other_document=ref_doc.index,
                other_page=ref.page, other_bbox=ref.bbox,
            )


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Compare parties (fuzzy) and references and countries (exact) across documents."""
    for name in PARTY_FIELDS:
        yield from _compare(ctx, name, _same_party)
    for name in EXACT_FIELDS:
        same = _same_reference if name in REFERENCE_FIELDS else (lambda a, b: a.replace(" ", "") == b.replace(" ", ""))
        yield from _compare(ctx, name, same)
