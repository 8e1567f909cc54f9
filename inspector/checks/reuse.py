"""DOCUMENT_REUSED: a page of this case is a page of an earlier case with one number changed.

How a page is matched (hashes made by `forensics.phash` and `forensics.regions`, kept in the case
database by `record_case`, looked up through band indexes, `repository.reuse_candidates`):
1. the page hashes are within `PAGE_MAX` bits, and
2. at least `TILE_SHARE` of the page's 4x4 tiles agree (both blank, or within `TILE_MAX` bits).
That says "the same paper or the same template": on the synthetic corpora an issuer's repeat paper
(same layout, other numbers) hashes as close as a reused scan, because hashes of 32x32 cells do not
see which digits are printed. So the text decides, as the issue puts it, "one number changed":
3. the numbers of the two texts (tokens with two digits or more: references, figures, dates; kept
   with each recorded document) are nearly the same set: at most `MAX_NUMBER_CHANGES` differ and at
   least `MIN_SHARED` of them are shared. A repeat shipment changes the date, the references and the
   figures together; a reused paper keeps them but one;
4. and something did change: a number of the earlier text replaced by one of the same shape (digits
   for digits, letters for letters: PO26-509 -> PO26-977, whether or not it is an extracted field)
   by at least `MIN_TEXT_EDIT` characters (one character is what OCR noise does between two scans
   of one paper), or a field read with confidence in both (reference, date, figure) with another value.
Not findings: the very same files (equal image hashes: the papers checked again), and a match whose
data are all the same (a licence legitimately shown again for a second shipment: the licence ledger
counts it). The finding names both cases, the earlier document and page, the hash distance, each
changed value with both readings, and the tiles of the page whose hashes differ.
Limits: a forger who changes the date and two references looks like a repeat shipment here; a
page that OCR reads very differently from the earlier reading (a poor rescan) is not compared; a
one-digit change is found only where it is a field read with confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein

from inspector.checks.context import CheckContext, finding
from inspector.db.cases.phash_index import distance, number_tokens
from inspector.db.cases.repository import (
    ReuseCandidate,
    StoredField,
    document_fields,
    reuse_candidates,
)
from inspector.forensics.regions import GRID
from inspector.models import Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name, field_name

PAGE_MAX = 6  # bits: reused pages 0-2, rescans of one paper 2-6; every page within GUARANTEED_DISTANCE is found
TILE_MAX = 12  # bits: a tile of the same paper (the same scan: 0-2; a fresh scan: up to ~10)
TILE_SHARE = 0.8  # of the tiles must agree: one or two may hold the change
CHANGED_TILE = 2  # bits: a tile reported as changed in the evidence
MAX_NUMBER_CHANGES = 2  # numbers of the text that may differ: "one number changed" (and its echo)
MIN_SHARED = 0.75  # of the two texts' numbers must be shared (repeat shipments share far fewer)
MIN_TEXT_EDIT = 2  # characters a number of the text must change by (one is what OCR noise does to a rescan)
COMPARED = ("document_number", "invoice_number", "licence_number", "date", "total_value", "total_net_weight_kg",
            "total_gross_weight_kg", "packages", "container_numbers", "currency")
_SHAPE_DIGIT, _SHAPE_ALPHA = re.compile(r"\d"), re.compile(r"[A-Z]")


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per document with a page reused from an earlier case with its data changed."""
    low = ctx.config.tolerances.low_confidence
    for doc in ctx.readable():
        if not doc.page_phashes:
            continue
        best = None
        for cand in _matches(doc, reuse_candidates(ctx.cases, doc, PAGE_MAX)):
            if cand.image_hashes and set(cand.image_hashes) == set(doc.page_hashes):
                continue  # the very same files: the papers checked again
            numbers = _number_changes(doc, cand)
            if numbers is None:
                continue  # other data throughout: another paper on the same template
            fields = _field_changes(doc, document_fields(ctx.cases, cand.document_id), low)
            if fields or numbers:
                best = (cand, _tile_distances(doc, cand), fields, numbers)
                break
        if best is not None:
            yield _finding(doc, *best)


def _matches(doc: Document, candidates: Sequence[ReuseCandidate]) -> Iterator[ReuseCandidate]:
    """Candidates whose tiles agree too, one per earlier document (its closest page), closest first."""
    seen = set()
    for cand in candidates:
        if cand.document_id in seen or not _tiles_agree(_tile_distances(doc, cand)):
            continue
        seen.add(cand.document_id)
        yield cand


def _tile_distances(doc: Document, cand: ReuseCandidate) -> list[int]:
    """Per tile: bits apart, 0 for two blank tiles, -1 for blank against ink (disagreeing)."""
    mine = doc.region_phashes[cand.new_page - 1] if cand.new_page <= len(doc.region_phashes) else ()
    if not mine or len(mine) != len(cand.regions):
        return []
    return [0 if not a and not b else -1 if not a or not b else distance(a, b)
            for a, b in zip(mine, cand.regions, strict=True)]


def _tiles_agree(tiles: list[int]) -> bool:
    return bool(tiles) and sum(0 <= t <= TILE_MAX for t in tiles) >= TILE_SHARE * len(tiles)


def _field_changes(doc: Document, earlier: dict[str, StoredField], low: float) -> list[dict[str, Any]]:
    """Fields read with confidence in both documents whose values differ."""
    out = []
    for name in COMPARED:
        new, old = doc.fields.get(name), earlier.get(name)
        if new is None or old is None or new.value in (None, []) or old.value in (None, []):
            continue
        if new.confidence < low or old.confidence < low or _key(new.value) == _key(old.value):
            continue
        out.append({"field": name, "earlier": _shown(old.value), "now": _shown(new.value),
                    "page": new.page, "bbox": list(new.bbox) if new.bbox else None,
                    "earlier_bbox": list(old.bbox) if old.bbox else None})
    return out


def _key(value: Any) -> Any:
    if isinstance(value, list | tuple | set):
        return frozenset(_key(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", str(value)).upper()


def _number_changes(doc: Document, cand: ReuseCandidate) -> list[dict[str, str]] | None:
    """Numbers of the earlier text replaced by another of the same shape in this one; None when the
    texts differ too much for one paper with a number changed (or the earlier one was not kept)."""
    if cand.numbers is None:
        return None
    earlier, now = set(cand.numbers), set(number_tokens(doc.text))
    gone, new = sorted(earlier - now), sorted(now - earlier)
    union = earlier | now
    if max(len(gone), len(new)) > MAX_NUMBER_CHANGES or not union or len(earlier & now) < MIN_SHARED * len(union):
        return None
    pairs = []
    for token in new:
        match = next((g for g in gone if _shape(g) == _shape(token)), None)
        if match is not None and Levenshtein.distance(match, token) >= MIN_TEXT_EDIT:
            gone.remove(match)
            pairs.append({"earlier": match, "now": token})
    return pairs


def _shape(token: str) -> str:
    return _SHAPE_ALPHA.sub("A", _SHAPE_DIGIT.sub("9", token))


def _finding(doc: Document, cand: ReuseCandidate, tiles: list[int], fields: list[dict[str, Any]],
             numbers: list[dict[str, str]]) -> Finding:
    kind = doc_name(doc.type)
    said = {(_key(c["earlier"]), _key(c["now"])) for c in fields}
    loose = [c for c in numbers if (_key(c["earlier"]), _key(c["now"])) not in said]  # not already a field's
    changes = [f"{field_name(c['field']).en}: {c['earlier']} -> {c['now']}" for c in fields] + \
              [f"{c['earlier']} -> {c['now']}" for c in loose]
    changes_zh = [f"{field_name(c['field']).zh}：{c['earlier']} → {c['now']}" for c in fields] + \
                 [f"{c['earlier']} → {c['now']}" for c in loose]
    message = Message(
        f"Page {cand.new_page} of this {kind.en} is page {cand.page} of the {doc_name(cand.document_type).en} "
        f"of earlier case {cand.case_id}, with its data changed ({'; '.join(changes[:3])}).",
        f"本{kind.zh}第 {cand.new_page} 页即此前案件 {cand.case_id} 的{doc_name(cand.document_type).zh}第 "
        f"{cand.page} 页，但数据被改动（{'；'.join(changes_zh[:3])}）。",
    )
    box = next((tuple(c["bbox"]) for c in fields if c["bbox"] and c["page"] == cand.new_page), None)
    regions = [{"tile": i, "bits": t, "box_fraction": _tile_fraction(i)} for i, t in enumerate(tiles)
               if t < 0 or t > CHANGED_TILE]
    field = fields[0]["field"] if fields else None
    fv: FieldValue | None = doc.fields.get(field) if field else None
    return finding(
        "DOCUMENT_REUSED", Severity.HIGH, message, doc, field, fv, page=cand.new_page, bbox=box,
        earlier_case=cand.case_id, earlier_document=cand.document_idx, earlier_page=cand.page,
        page_distance=cand.distance, tile_distances=tiles, changed_fields=fields, changed_numbers=numbers,
        changed_regions=regions,
    )


def _tile_fraction(index: int) -> list[float]:
    """A tile's (x, y, w, h) as fractions of the page (the clean page's size is not kept with the case)."""
    row, col = divmod(index, GRID)
    return [col / GRID, row / GRID, 1 / GRID, 1 / GRID]


def _shown(value: Any) -> Any:
    """A value as the evidence shows it (lists joined, whole numbers without .0)."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return int(value) if isinstance(value, float) and value.is_integer() else value
