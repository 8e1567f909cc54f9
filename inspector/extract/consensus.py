"""Consensus across the documents of a case: a value read alike on several documents is surer.

Each document keeps the value as it was read on it, so a document that disagrees stays visible (that is
what FIELD_MISMATCH reports). Only the confidence moves: two independent readings that agree are unlikely
to be the same misreading, so the field's confidence becomes the chance that not all of them are wrong,
1 - prod(1 - c_i), capped below certainty.

Item HS codes are the one place where a reading is replaced: a code that is not in the nomenclature,
one digit away from the single known code another document of the case gives its goods ("7825800010"
on the declaration, "282580" on the invoice: a 2 read as 7), takes that digit. A code on paper that is
really wrong is one digit off nothing else, or off several codes, and stays as read (HS_UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

from inspector.extract.correct import hs_known
from inspector.extract.normalise import normalise_party_key
from inspector.models import FIELD_KINDS, Document, FieldValue

MAX_CONFIDENCE = 0.99


def _key(name: str, value: Any) -> Hashable | None:
    """What makes two readings of a field "the same": party names compared without case, punctuation
    and legal form; numbers to the cent; lists as sets; everything else as normalised text."""
    if value is None or value == [] or value == "":
        return None
    kind = FIELD_KINDS.get(name, "text")
    if kind == "party":
        return normalise_party_key(str(value)) or None
    if kind in ("number", "weight", "integer"):
        return round(float(value), 2)
    if kind.endswith("_list"):
        return frozenset(str(v).upper() for v in value)
    return " ".join(str(value).split()).casefold()


def corroborate(documents: tuple[Document, ...],
                key: Callable[[str, Any], Hashable | None] = _key) -> tuple[Document, ...]:
    """The documents with each field's confidence raised where other documents read the same value,
    and `support` set to how many documents (this one included) read it so."""
    readings: dict[tuple[str, Hashable], list[FieldValue]] = {}
    for doc in documents:
        for name, fv in doc.fields.items():
            if (k := key(name, fv.value)) is not None:
                readings.setdefault((name, k), []).append(fv)
    out = []
    for doc in documents:
        changed: dict[str, FieldValue] = {}
        for name, fv in doc.fields.items():
            agreeing = readings.get((name, key(name, fv.value)), [])
            if len(agreeing) < 2:
                continue
            doubt = 1.0
            for other in agreeing:
                doubt *= 1.0 - min(max(other.confidence, 0.0), 1.0)
            confidence = max(fv.confidence, min(MAX_CONFIDENCE, 1.0 - doubt))
            changed[name] = replace(fv, confidence=round(confidence, 3), support=len(agreeing))
        out.append(doc.with_fields(changed) if changed else doc)
    return tuple(out)


def _one_digit_off(code: str, known: str) -> str | None:
    """`code` with the one digit (of the first six) that differs from `known` replaced, or None when
    they differ in no digit or in more than one."""
    diffs = [i for i in range(6) if code[i] != known[i]]
    return code[:diffs[0]] + known[diffs[0]] + code[diffs[0] + 1:] if len(diffs) == 1 else None


def corroborate_hs(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """The documents with each unknown item HS code mended from the known codes of the other documents'
    items, where exactly one of them is one digit away (see the module's note)."""
    known = [{it.hs_code[:6] for it in doc.items if it.hs_code and len(it.hs_code) >= 6 and hs_known(it.hs_code)}
             for doc in documents]
    out = []
    for d, doc in enumerate(documents):
        others = set().union(*(k for j, k in enumerate(known) if j != d))
        items = list(doc.items)
        for i, it in enumerate(items):
            if not it.hs_code or len(it.hs_code) < 6 or hs_known(it.hs_code):
                continue
            mended = {m for k in others if (m := _one_digit_off(it.hs_code, k)) is not None}
            if len(mended) == 1:
                items[i] = replace(it, hs_code=mended.pop())
        out.append(replace(doc, items=tuple(items)) if items != list(doc.items) else doc)
    return tuple(out)
