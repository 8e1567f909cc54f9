"""FIELD_MISMATCH: a field that several documents of the case carry differs between them.

Compared, each the way documents write it:
- parties (exporter, consignee, end user): fuzzy on normalised names (word order, OCR splits and joins);
  a Chinese name against an English one is a translation, not compared;
- references (invoice number, licence number): spaces aside, a reading cut short is not another number;
- countries (destination, origin): exact ISO codes;
- ports (loading, discharge): through the rules database's port table (`routes.resolve_port`): a
  LOCODE, a name or alias with or without its country, OCR noise; two ports of one country differ; a
  port the table does not know is compared by name and accused only on a clear difference;
- vessel: the name without its voyage ("MSC AURORA V.123E" is "MSC AURORA"), within OCR noise;
- container numbers: on the owner, serial (10 characters; a wrong check digit is
  CONTAINER_CHECK_DIGIT's); a document may list only some of the containers (a packing list per
  container), so only a number no other document lists, while a document at least as complete lists
  others, is a mismatch;
- total value (same currency, 0.5% or 1 unit) and package count (exact), except on a document that
  lists only part of the containers. Weights are WEIGHT_INCONSISTENT's (weights.py).
A reading with low confidence is left to OCR_LOW_CONFIDENCE (containers: a one-character difference on
it is taken for a misread, a larger one is reported one step lower). One document at odds with the
majority is one finding; the first reading breaks ties.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from inspector.checks.context import CheckContext, finding
from inspector.checks.routes import looks_like_label, same_port
from inspector.extract.normalise import normalise_party_key
from inspector.models import DocType, Document, FieldValue, Finding, Message, Severity
from inspector.wording import doc_name, field_name

PARTY_FIELDS = ("exporter", "consignee", "end_user")
EXACT_FIELDS = ("invoice_number", "country_of_destination", "licence_number", "country_of_origin")
REFERENCE_FIELDS = frozenset({"invoice_number", "licence_number"})
PORT_FIELDS = ("port_of_loading", "port_of_discharge")
# Papers whose package count is the shipment's (a certificate of origin counts per goods line).
PACKAGE_PAPERS = frozenset({DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.BILL_OF_LADING,
                            DocType.EXPORT_DECLARATION})
# Container lines whose name is read in a party's place on their own bills of lading.
_CARRIERS = re.compile(r"^(mediterranean shipping|msc\b|cma cgm|maersk|cosco|evergreen|orient overseas|oocl|"
                       r"hapag|ocean network express|one\b|yang ming|hmm\b|hyundai merchant|zim\b|"
                       r"pacific international lines|wan hai|sitc)", re.IGNORECASE)
PARTY_SIMILARITY = 88.0  # rapidfuzz token_sort_ratio on normalised names; below this they differ
VESSEL_REMAINDER_SIMILARITY = 60.0  # the names once a shared carrier prefix is gone
VALUE_RELATIVE = 0.005  # total values within 0.5% (or 1 unit of the currency) agree
_VOYAGE = re.compile(r"(\s*/\s*|\s+)(V(OY(AGE)?)?\.?\s*(NO\.?)?\s*)?[A-Z]{0,3}\d[\w-]*$", re.IGNORECASE)

Same = Callable[[str, str], bool]


def _is_carrier(name: str) -> bool:
    return _CARRIERS.match(name.strip()) is not None


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


# Characters OCR confuses, folded to one when comparing references ("1NV264415" is "INV264415").
_LOOKALIKE = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2",
                            "G": "6"})


def _fold_reference(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", text.upper()).translate(_LOOKALIKE)


def _same_reference(a: str, b: str) -> bool:
    """Same reference once punctuation and look-alike characters are set aside; a reading cut short at
    either end ("INV-2026" for "INV-2026-0384", "265959" for "JL265959") is a truncated read, not
    another document's number: OCR_LOW_CONFIDENCE's business, not a mismatch."""
    a, b = _fold_reference(a), _fold_reference(b)
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 5 and (long_.startswith(short) or long_.endswith(short)))


def _same_code(a: str, b: str) -> bool:
    return a.replace(" ", "").upper() == b.replace(" ", "").upper()


def vessel_name(text: str) -> str:
    """A vessel's name without label, voyage or Chinese: "Vessel: MSC AURORA / 123E" -> "MSC AURORA"."""
    name = unicodedata.normalize("NFKC", text).upper()
    name = re.sub(r"^[^:：]{0,20}[:：]\s*", "", name)
    name = re.sub(r"[\u3400-\u9fff]+", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,.;:/")
    for _ in range(2):  # "EVER GLORY V.071E", "MSC AURORA / 123E", "X VOY. NO. 12W"
        name = _VOYAGE.sub("", name).strip(" ,.;:/")
    name = re.sub(r"\s+(V|VOY|VOYAGE)\.?$", "", name).strip(" ,.;:/")
    return re.sub(r"[^A-Z0-9 ]+", "", name).strip()


def _same_vessel(a: str, b: str) -> bool:
    """The same ship within OCR noise: one wrong or lost character, or a few in a long name as long as
    what follows a shared carrier prefix still looks alike ("COSCO SHIPPING ARIES" is not "... TAURUS");
    a voyage glued to the name or misread past recognition ("MSC AMELIAV054E", "EVER ACE OSSW") is
    what follows the same name."""
    na, nb = vessel_name(a), vessel_name(b)
    if not na or not nb:
        return True  # nothing left to compare (a Chinese name, debris)
    sa, sb = na.replace(" ", ""), nb.replace(" ", "")
    short, long_ = sorted((sa, sb), key=len)
    if len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 7:
        return True
    distance = Levenshtein.distance(sa, sb)
    if distance <= 1:
        return True
    if distance > max(len(sa), len(sb)) // 5:
        return False
    ta, tb = na.split(), nb.split()
    while len(ta) > 1 and len(tb) > 1 and ta[0] == tb[0]:
        ta, tb = ta[1:], tb[1:]
    return fuzz.ratio("".join(ta), "".join(tb)) >= VESSEL_REMAINDER_SIMILARITY


# A vessel reading that is a phrase or a sentence ("upon request", "7. LAW AND JURISDICTION ..."): not a name.
_NOT_A_VESSEL = re.compile(r"[a-z]{3,}\s+[a-z]{3,}|\.\s+[A-Za-z]")


def _looks_like_vessel(text: str) -> bool:
    return len(text) <= 40 and not _NOT_A_VESSEL.search(text)


def _trusted(ctx: CheckContext, name: str) -> Iterator[tuple[Document, FieldValue]]:
    """Readings clear enough to accuse a document of disagreeing: a doubtful one is left to
    OCR_LOW_CONFIDENCE, a reference must look like one (5+ characters with a digit), and a field
    label read in place of a port or vessel is no reading."""
    threshold = ctx.config.tolerances.low_confidence
    for doc, fv in ctx.with_field(name):
        text = str(fv.value)
        if fv.confidence < threshold:
            continue
        if name in REFERENCE_FIELDS and (len(text) < 5 or not any(c.isdigit() for c in text)):
            continue
        if (name in PORT_FIELDS or name == "vessel") and looks_like_label(text):
            continue
        if name == "vessel" and not _looks_like_vessel(text):
            continue
        if name in PARTY_FIELDS and _is_carrier(text):
            continue  # the carrier's name read in a party's place (a bill of lading's letterhead)
        yield doc, fv


def _shown(value: object, name: str) -> str:
    if name == "total_value" and isinstance(value, int | float):
        return f"{value:,.2f}"
    return str(value)


def _mismatch(name: str, doc: Document, fv: FieldValue, ref_doc: Document, ref: FieldValue,
              severity: Severity = Severity.MEDIUM, note: Message | None = None,
              **evidence: object) -> Finding:
    label = Message("number of packages", "件数") if name == "packages" else field_name(name)
    here, there = doc_name(doc.type), doc_name(ref_doc.type)
    this, other = _shown(fv.value, name), _shown(ref.value, name)
    note = note or Message("", "")
    return finding(
        "FIELD_MISMATCH", severity,
        Message(f"The {label.en} is '{this}' on the {here.en} but '{other}' on the {there.en}.{note.en}",
                f"{here.zh}上的{label.zh}为“{this}”，但{there.zh}上为“{other}”。{note.zh}"),
        doc, name, fv, this=fv.value, other=ref.value, other_document=ref_doc.index,
        other_page=ref.page, other_bbox=ref.bbox, **evidence,
    )


def _majority(readings: list[tuple[Document, FieldValue]], same: Same, name: str) -> Iterator[Finding]:
    """Each reading that disagrees with the majority of the documents (the first reading breaks
    ties), so one misread document is one finding, not one per document."""
    if len(readings) < 2:
        return
    groups: list[list[tuple[Document, FieldValue]]] = []
    for doc, fv in readings:
        group = next((g for g in groups if same(str(g[0][1].value), str(fv.value))), None)
        if group is None:
            groups.append([(doc, fv)])
        else:
            group.append((doc, fv))
    ref_doc, ref = max(groups, key=len)[0]
    for doc, fv in readings:
        if not same(str(ref.value), str(fv.value)):
            yield _mismatch(name, doc, fv, ref_doc, ref)


def _compare(ctx: CheckContext, name: str, same: Same) -> Iterator[Finding]:
    yield from _majority(list(_trusted(ctx, name)), same, name)


# --- container numbers ---------------------------------------------------------------------------------


def _container_key(number: str) -> str:
    """Owner code and serial: the check digit is CONTAINER_CHECK_DIGIT's business."""
    return re.sub(r"[\s-]", "", str(number)).upper()[:10]


def _listed(key: str, keys: set[str], loose: bool) -> bool:
    """`key` among `keys`; with a low-confidence reading on either side, one character off still is."""
    folded = key.translate(_LOOKALIKE)
    return key in keys or any(k.translate(_LOOKALIKE) == folded for k in keys) or (
        loose and any(len(k) == len(key) and Levenshtein.distance(k, key) <= 1 for k in keys))


def _complete_for(other: tuple[Document, set[str]], doc: tuple[Document, set[str]]) -> bool:
    """Whether `other` lists at least the containers `doc` should share with it: it lists more, or as
    many on another kind of paper (two one-container packing lists are papers per container)."""
    (o_doc, o_keys), (d_doc, d_keys) = other, doc
    return len(o_keys) > len(d_keys) or (len(o_keys) == len(d_keys) and o_doc.type != d_doc.type)


def _containers(ctx: CheckContext) -> Iterator[Finding]:
    """A document listing a container that no other document lists, while another paper at least as
    complete lists containers: one finding per such document, the weakest-backed document first, and
    not against a document already found at odds."""
    threshold = ctx.config.tolerances.low_confidence
    readings = [(doc, fv, {_container_key(n) for n in fv.value if str(n).strip()})
                for doc, fv in ctx.with_field("container_numbers") if isinstance(fv.value, list | tuple)]
    readings = [r for r in readings if r[2]]
    if len(readings) < 2:
        return
    odd: list[tuple[int, Document, FieldValue, list[str], list[tuple[Document, FieldValue]]]] = []
    for doc, fv, keys in readings:
        others = [r for r in readings if r[0] is not doc]
        unlisted = sorted(k for k in keys if not any(
            _listed(k, o_keys, min(fv.confidence, o_fv.confidence) < threshold) for _, o_fv, o_keys in others))
        accusers = [(o_doc, o_fv) for o_doc, o_fv, o_keys in others if _complete_for((o_doc, o_keys), (doc, keys))]
        if unlisted and accusers:
            backed = len(keys) - len(unlisted)
            odd.append((backed, doc, fv, unlisted, accusers))
    accused: set[int] = set()
    for _, doc, fv, unlisted, accusers in sorted(odd, key=lambda o: (o[0], -o[1].index)):
        refs = [(d, f) for d, f in accusers if d.index not in accused]
        if not refs:
            continue
        accused.add(doc.index)
        ref_doc, ref = refs[0]
        severity, note = Severity.MEDIUM, None
        if fv.confidence < threshold:
            severity = severity.lower()
            note = Message(f" (read with low confidence, {fv.confidence:.0%}: check the paper)",
                           f"（识读置信度低，{fv.confidence:.0%}：请查看纸质单据）")
        yield _container_mismatch(doc, fv, ref_doc, ref, unlisted, severity, note)


def _container_mismatch(doc: Document, fv: FieldValue, ref_doc: Document, ref: FieldValue, unlisted: list[str],
                        severity: Severity, note: Message | None) -> Finding:
    here, there = doc_name(doc.type), doc_name(ref_doc.type)
    shown = ", ".join(n for n in map(str, fv.value) if _container_key(n) in unlisted)
    listed = ", ".join(map(str, ref.value))
    note = note or Message("", "")
    return finding(
        "FIELD_MISMATCH", severity,
        Message(f"Container {shown} on the {here.en} is on no other document; the {there.en} lists "
                f"{listed}.{note.en}",
                f"{here.zh}上的集装箱 {shown} 未见于其他单据；{there.zh}所列为 {listed}。{note.zh}"),
        doc, "container_numbers", fv, this=list(fv.value), other=list(ref.value), unlisted=unlisted,
        other_document=ref_doc.index, other_page=ref.page, other_bbox=ref.bbox, low_confidence=note is not None,
    )


# --- totals --------------------------------------------------------------------------------------------


def _partial(ctx: CheckContext) -> set[int]:
    """Documents that list only part of the case's containers (a packing list per container): their
    totals are the part's."""
    lists = {doc.index: {_container_key(n) for n in fv.value} for doc, fv in ctx.with_field("container_numbers")
             if isinstance(fv.value, list | tuple)}
    return {i for i, keys in lists.items() if keys and any(keys < other for other in lists.values())}


# Digits OCR takes for one another; two totals that differ only by one such pair are a misreading.
_CONFUSED_DIGITS = frozenset({frozenset(p) for p in ("35", "59", "38", "17", "68", "08", "56", "69", "14")})


def _one_confused_digit(x: float, y: float) -> bool:
    a, b = f"{x:.2f}", f"{y:.2f}"
    diffs = [(c, d) for c, d in zip(a, b, strict=False) if c != d] if len(a) == len(b) else []
    return len(diffs) == 1 and frozenset(diffs[0]) in _CONFUSED_DIGITS


def _same_value(a: str, b: str) -> bool:
    """Within 0.5 % (or 1 unit); two figures one look-alike digit apart (370,860 and 570,860) are taken
    for a misreading, left to the weights and value checks rather than called a mismatch."""
    x, y = float(a), float(b)
    return abs(x - y) <= max(1.0, VALUE_RELATIVE * max(abs(x), abs(y))) or _one_confused_digit(x, y)


def _same_count(a: str, b: str) -> bool:
    return int(float(a)) == int(float(b))


def _totals(ctx: CheckContext) -> Iterator[Finding]:
    """Total value per currency (a document without one takes the case's only currency) and packages."""
    partial = _partial(ctx)
    currencies = {str(fv.value).upper() for _, fv in ctx.with_field("currency")}
    by_currency: dict[str, list[tuple[Document, FieldValue]]] = {}
    for doc, fv in _trusted(ctx, "total_value"):
        own = doc.value("currency")
        currency = str(own).upper() if own else (next(iter(currencies)) if len(currencies) == 1 else None)
        if currency and doc.index not in partial and isinstance(fv.value, int | float):
            by_currency.setdefault(currency, []).append((doc, fv))
    for readings in by_currency.values():
        yield from _majority(readings, _same_value, "total_value")
    packages = [(d, fv) for d, fv in _trusted(ctx, "packages")
                if d.index not in partial and d.type in PACKAGE_PAPERS and isinstance(fv.value, int | float)]
    yield from _majority(packages, _same_count, "packages")


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Compare every field the documents share: parties, references, countries, ports, vessel,
    containers, total value and packages."""
    for name in PARTY_FIELDS:
        yield from _compare(ctx, name, _same_party)
    for name in EXACT_FIELDS:
        yield from _compare(ctx, name, _same_reference if name in REFERENCE_FIELDS else _same_code)
    for name in PORT_FIELDS:
        yield from _compare(ctx, name, lambda a, b: same_port(ctx.rules, a, b))
    yield from _compare(ctx, "vessel", _same_vessel)
    yield from _containers(ctx)
    yield from _totals(ctx)
