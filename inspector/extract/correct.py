"""Validation that corrects: check each chosen field against what such a value must look like and,
where it fails, choose among the OCR look-alike readings of its characters (O/0, I/1/l, S/5, B/8,
Z/2, G/6, D/0), position by position.

Why: Tesseract reads '00LU5613113171' for the B/L number OOLU5613113171, and the field is then
wrong although every character was seen. A rule fires only on a reading that fails its check, and
corrects only when exactly one alternative passes; two passing alternatives are left as read with
a lower confidence (and may be re-read from the image, see `inspector.ocr.reread`).
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from inspector.extract import normalise as nz
from inspector.extract.keyvalue import find_candidates
from inspector.extract.layout import PageLayout
from inspector.models import FIELD_KINDS, BBox, DocType, FieldValue, LineItem
from inspector.paths import resource

# The look-alikes: a character read where a digit belongs, and a digit read where a letter belongs.
TO_DIGIT = {"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "i": "1", "|": "1",
            "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6"}
TO_LETTER = {"0": ("O", "D"), "1": ("I",), "5": ("S",), "8": ("B",), "2": ("Z",), "6": ("G",)}
MAX_ALTERNATIVES = 64  # more suspicious positions than this: the reading is not worth guessing at
DOUBT = 0.8  # confidence factor of a reading that fails its check or is ambiguous
CORRECTED = 0.9  # confidence factor of a corrected reading


@dataclass(frozen=True)
class Choice:
    """The outcome of checking one reading: `value` is what to keep (the reading itself unless
    corrected); status is "valid", "corrected", "ambiguous", "invalid", or "n/a" (no rule applies)."""

    value: Any
    status: str

    @property
    def doubtful(self) -> bool:
        """Whether the reading failed its check and was not put right."""
        return self.status in ("ambiguous", "invalid")


NA = Choice(None, "n/a")


def alternatives(text: str, classes: str) -> Iterator[str]:
    """Every reading of `text` whose characters fit `classes` ('A' letter, '9' digit, anything else:
    as read), changing only characters out of their class into a look-alike of the class."""
    options: list[tuple[str, ...]] = []
    for ch, cls in zip(text, classes, strict=True):
        if cls == "9":
            opt = (ch,) if ch.isdigit() else (TO_DIGIT[ch],) if ch in TO_DIGIT else ()
        elif cls == "A":
            opt = (ch.upper(),) if ch.isalpha() and ch.isascii() else TO_LETTER.get(ch, ())
        else:
            opt = (ch,)
        if not opt:
            return
        options.append(opt)
    count = 1
    for opt in options:
        count *= len(opt)
    if count > MAX_ALTERNATIVES:
        return
    for combo in itertools.product(*options):
        yield "".join(combo)


def choose(read: str, candidates: Iterable[str], valid: Callable[[str], bool]) -> Choice:
    """Keep a valid reading; else take the one valid alternative; two or more: ambiguous."""
    if valid(read):
        return Choice(read, "valid")
    ok = sorted({c for c in candidates if c != read and valid(c)})
    if len(ok) == 1:
        return Choice(ok[0], "corrected")
    return Choice(read, "ambiguous" if ok else "invalid")


# --- Container numbers (ISO 6346) -------------------------------------------------------------

_CONTAINER_CLASSES = "AAAA9999999"
# A token shaped like a container number with look-alikes anywhere: 4 + 6 + check character.
_LOOSE_CONTAINER = re.compile(r"(?<![A-Za-z0-9])([A-Z0-9]{4})\s?-?\s?([A-Z0-9Ol]{6})\s?[-/(]?\s?"
                              r"([A-Z0-9Ol])\)?(?![A-Za-z0-9])")


def _container_ok(code: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}[UJZ]\d{7}", code)) and nz.iso6346_valid(code)


# Letters OCR takes for one another in an owner code ("QOLU" for "OOLU").
_LETTER_ALIKE = {"Q": ("O",)}  # one way only: Q is rare in owner codes, O is common


def _owner_alikes(code: str) -> Iterator[str]:
    """The code, and the code with one letter of its owner code swapped for a look-alike letter."""
    yield code
    for i, ch in enumerate(code[:4]):
        for other in _LETTER_ALIKE.get(ch, ()):
            yield code[:i] + other + code[i + 1:]


def correct_container(number: str) -> Choice:
    """An 11-character container number checked by its ISO 6346 check digit."""
    number = re.sub(r"[\s\-/()]", "", number)
    if len(number) != 11:
        return NA
    return choose(number, (v for alt in alternatives(number, _CONTAINER_CLASSES) for v in _owner_alikes(alt)),
                  _container_ok)


def containers_recovered(text: str) -> list[str]:
    """Container numbers that only a look-alike kept from being read ('0OLU1234567',
    'CSQU3O5438S'): tokens with at least two letters in the owner code and five digits after it,
    taken only when exactly one look-alike reading passes the check digit."""
    found: list[str] = []
    for m in _LOOSE_CONTAINER.finditer(text):
        owner, rest = m.group(1), m.group(2) + m.group(3)
        if sum(c.isalpha() for c in owner) < 2 or sum(c.isdigit() for c in rest) < 5:
            continue
        choice = correct_container(owner + rest)
        if choice.status in ("valid", "corrected") and choice.value not in found:
            found.append(choice.value)
    return found


# --- References with a letter prefix ------------------------------------------------------------

# Standard carrier alpha codes (SCAC) that prefix the B/L numbers of the large container lines.
_CARRIER_WORDS = """
    MAEU MSCU MEDU CMDU COSU OOLU EGLV HLCU ONEY YMLU ZIMU HDMU APLU ANNU CHNJ SMLM KMTU WHLC
    SITC PCIU MATS ESPU SUDU CSLU NYKS MOLU KKLU TSLU IRSU HMMU SNKO"""
CARRIER_PREFIXES = frozenset(_CARRIER_WORDS.split())
_SCAC_REF = re.compile(r"([A-Z0-9]{4})([A-Z0-9]{6,})")
# A reference whose letter prefix opens with look-alike digits: '1NV-2026-0422'.
_LETTER_HEAD = re.compile(r"([0125683]{1,2})([A-Z]{2,})(?=[-/]|$)")


def correct_reference(text: str, owners: Iterable[str] = ()) -> Choice:
    """A reference with a carrier or letter prefix. A B/L number opening with 4 characters that
    read as a known carrier code (or the owner code of a container on the same document) once
    look-alikes are undone gets that code ('00LU5613113171' -> 'OOLU5613113171'); a letter prefix
    that opens with a look-alike digit gets the letter ('1NV-2026-0422' -> 'INV-2026-0422')."""
    known = CARRIER_PREFIXES | {o[:4] for o in owners}
    if (m := _SCAC_REF.fullmatch(text)) is not None:
        classes = "AAAA" + "9" * len(m.group(2))
        cands = list(alternatives(text, classes))
        if any(c[:4] in known for c in cands):
            return choose(text, cands, lambda c: c[:4] in known and c[4:].isdigit())
    if (m := _LETTER_HEAD.match(text)) is not None:
        head = m.group(1) + m.group(2)
        cands = [c + text[len(head):] for c in alternatives(head, "A" * len(head))]
        return choose(text, cands, lambda c: c[:len(head)].isalpha())
    return NA


# --- Licence numbers ----------------------------------------------------------------------------

_LICENCE_CLASSES = "9999AA999999"  # 2026AA480824: year, two letters, six digits


def _licence_ok(code: str) -> bool:
    return bool(re.fullmatch(r"(19[5-9]\d|20\d\d)[A-Z]{2}\d{6}", code))


def correct_licence(text: str) -> Choice:
    """A licence number of the year-letters-serial form; other forms ('LIC-2026-000123') are
    left alone."""
    code = text.strip().upper() if len(text.strip()) == 12 else ""
    cands = list(alternatives(code, _LICENCE_CLASSES)) if code else []
    if not cands:
        return NA
    return choose(code, cands, _licence_ok)


# --- HS codes -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def known_hs() -> frozenset[str]:
    """The 2-, 4- and 6-digit codes of the HS nomenclature shipped in resources/data/hs, read once
    (extraction has no database session; the rules database is seeded from the same file)."""
    with resource("data", "hs", "harmonized-system.csv").open(encoding="utf-8-sig", newline="") as fh:
        return frozenset(r["hscode"] for r in csv.DictReader(fh) if r["hscode"].isdigit())


def hs_known(code: str, lookup: Callable[[str], bool] | None = None) -> bool:
    """Whether an HS code's 6-digit subheading (its heading, for a 4-digit code) exists."""
    if not code.isdigit() or len(code) not in (4, 6, 8, 10):
        return False
    key = code[:6] if len(code) >= 6 else code
    return lookup(key) if lookup is not None else key in known_hs()


_HS_RUN = re.compile(r"[0-9OoDQIil|SsBZzG][0-9OoDQIil|SsBZzG .\-]{4,16}[0-9OoDQIil|SsBZzG]")


def correct_hs(code: str | None, raw: str = "", lookup: Callable[[str], bool] | None = None) -> Choice:
    """An HS code checked against the nomenclature; when it fails (or was not read), the look-alike
    readings of the raw cell text are tried ('Z846.9O' -> '284690')."""
    if code and hs_known(code, lookup):
        return Choice(code, "valid")
    cands: set[str] = set()
    for m in _HS_RUN.finditer(raw):
        token = re.sub(r"[ .\-]", "", m.group())
        if sum(c.isdigit() for c in token) >= 4 and len(token) in (6, 8, 10):
            cands.update(alternatives(token, "9" * len(token)))
    if code is None and not cands:
        return NA
    return choose(code or "", cands, lambda c: hs_known(c, lookup))


# --- Dates and numbers --------------------------------------------------------------------------

# Inside figures: lower-case s, i and z are left out, as they end ordinals and words ('21st').
_IN_FIGURES = {k: v for k, v in TO_DIGIT.items() if k not in "siz"}
_DIGITISH_RUN = re.compile(r"[0-9OoDQIl|SBZG][0-9OoDQIl|SBZG.,/\-]*")


def fix_lookalike_digits(text: str) -> str:
    """Undo look-alikes inside runs that hold at least two real digits, one of them at an end
    ('2O26-O5-2S' -> '2026-05-25'; 'DOS', 'SIGNED' and '21st' stay as they are)."""
    def fix(m: re.Match[str]) -> str:
        run = m.group()
        if sum(c.isdigit() for c in run) < 2 or not any(c.isdigit() for c in run[-2:] + run[:2]):
            return run
        return "".join(_IN_FIGURES.get(c, c) for c in run)
    return _DIGITISH_RUN.sub(fix, text)


def correct_date(raw: str) -> Choice:
    """A date must parse, whole: look-alikes glued to its figures ('2O26-O5-2S', which would
    otherwise read as the 2nd) are undone first; a day or month that cannot exist fails."""
    fixed = nz.parse_date(fix_lookalike_digits(raw))
    parsed = nz.parse_date(raw)
    if fixed is not None and fixed != parsed:
        return Choice(fixed.isoformat(), "corrected")
    return Choice(parsed.isoformat(), "valid") if parsed else Choice(None, "invalid")


_NUMBER_RUN = re.compile(r"\d[\dOoDQIil|SsBZzG.,]*\d|\d")


def correct_number(value: float | None, raw: str) -> Choice:
    """A weight or value: a positive number, all of whose figure is digits. A look-alike between
    digits ('12,S42.00') is undone and the figure read again, scaled as the first reading was (a
    label's unit, MT or lbs, is not in the text). Text with two figures (a gross/net pair) is
    left alone: which one the value came from is not known here."""
    runs = _NUMBER_RUN.findall(raw)
    if len(runs) != 1:
        return NA if value is None or value > 0 else Choice(value, "invalid")
    if re.fullmatch(r"[\d.,]+", runs[0]):
        return Choice(value, "valid" if value is not None and value > 0 else "invalid")
    fixed = nz.parse_number(fix_lookalike_digits(runs[0]))
    first = nz.parse_number(raw)  # what the field's parser saw: the figure up to the look-alike
    if value is None:
        return Choice(fixed, "corrected") if fixed is not None and fixed > 0 else Choice(None, "invalid")
    if not first:
        return Choice(value, "valid")  # the value was not read from this figure: scale unknown
    scale = value / first
    if fixed is not None and fixed > 0 and abs(fixed * scale - value) > 1e-9:
        return Choice(round(fixed * scale, 6), "corrected")
    return Choice(value, "valid" if value > 0 else "invalid")


# --- Applying the rules to a document -----------------------------------------------------------


class Rereader(Protocol):
    """Reads one box of a page again: (text, confidence 0..1), or None when it cannot.

    `charset` is "digits" (figures and .,-) or "alnum" (A-Z, 0-9 and -/)."""

    def __call__(self, page: int, bbox: BBox, charset: str) -> tuple[str, float] | None: ...


LOW_CONFIDENCE = 0.6  # a field read below this is worth a second look
_REF_FIELDS = ("document_number", "invoice_number")
_NUMBER_FIELDS = ("total_value", "total_net_weight_kg", "total_gross_weight_kg")


def _reread(fv: FieldValue, charset: str, reread: Rereader | None) -> tuple[str, float] | None:
    if reread is None or fv.page is None or fv.bbox is None:
        return None
    return reread(fv.page, fv.bbox, charset)


def _closest_token(text: str, like: str) -> str:
    """The token of a re-read line most like the reading it replaces (a crop may hold the label)."""
    tokens = [t.strip(".-/") for t in text.split()] or [""]
    like = like.upper()
    return max(tokens, key=lambda t: (sum(a == b for a, b in zip(t, like, strict=False))
                                      - abs(len(t) - len(like)), len(t)))


def _text_rule(name: str, owners: list[str]) -> Callable[[str], Choice]:
    if name == "licence_number":
        return correct_licence
    return lambda text: correct_reference(text, owners)


def _check_text(name: str, fv: FieldValue, owners: list[str], reread: Rereader | None) -> FieldValue:
    rule = _text_rule(name, owners)
    choice = rule(str(fv.value))
    if choice.status == "corrected":
        return replace(fv, value=choice.value, confidence=round(fv.confidence * CORRECTED, 3))
    if choice.status == "n/a" or (not choice.doubtful and fv.confidence >= LOW_CONFIDENCE):
        return fv  # no rule to tell a better reading by: a re-read could not be judged
    again = _reread(fv, "alnum", reread)
    if again is not None:
        second = rule(_closest_token(again[0], str(fv.value)))
        if second.status in ("valid", "corrected") and (choice.doubtful or again[1] > fv.confidence):
            return replace(fv, value=second.value, confidence=round(again[1], 3))
    return replace(fv, confidence=round(fv.confidence * DOUBT, 3)) if choice.doubtful else fv


def _check_number(name: str, fv: FieldValue, reread: Rereader | None) -> FieldValue:
    choice = correct_number(fv.value, fv.raw)
    if choice.status == "corrected":
        return replace(fv, value=choice.value, confidence=round(fv.confidence * CORRECTED, 3))
    if choice.status == "n/a" or (not choice.doubtful and fv.confidence >= LOW_CONFIDENCE):
        return fv
    again = _reread(fv, "digits", reread)
    if again is not None and (choice.doubtful or again[1] > fv.confidence):
        number = nz.parse_number(_closest_token(again[0], fv.raw))
        if number is not None and number > 0 and _same_magnitude(number, fv.value):
            return replace(fv, value=number, confidence=round(again[1], 3))
    return replace(fv, confidence=round(fv.confidence * DOUBT, 3)) if choice.doubtful else fv


def _same_magnitude(new: float, old: Any) -> bool:
    """A re-read weight replaces one in the same unit only: a label's unit (MT, lbs) is not seen
    in the crop, so a figure 1,000 times apart is a unit, not a misreading."""
    return isinstance(old, int | float) and old > 0 and 0.1 <= new / old <= 10


def _check_date(fv: FieldValue) -> FieldValue:
    choice = correct_date(fv.raw) if fv.raw else NA
    if choice.status == "corrected" and choice.value != fv.value:
        return replace(fv, value=choice.value, confidence=round(fv.confidence * CORRECTED, 3))
    return fv


def _check_containers(fv: FieldValue, layouts: list[PageLayout]) -> FieldValue:
    numbers, changed, doubtful = [], False, False
    for number in fv.value:
        choice = correct_container(number)
        changed |= choice.status == "corrected"
        doubtful |= choice.doubtful
        numbers.append(choice.value if choice.status == "corrected" else number)
    for layout in layouts:
        for seg in layout.segments():
            for number in containers_recovered(seg.text):
                if number not in numbers:
                    numbers.append(number)
                    changed = True
    if not changed and not doubtful:
        return fv
    conf = fv.confidence * (DOUBT if doubtful else 1.0)
    return replace(fv, value=list(dict.fromkeys(numbers)), confidence=round(conf, 3))


def _recovered_containers(layouts: list[PageLayout]) -> FieldValue | None:
    """Container numbers when none was read as such: only look-alike readings of them were."""
    for layout in layouts:
        for seg in layout.segments():
            if found := containers_recovered(seg.text):
                fv = FieldValue(found, seg.text, layout.page, seg.bbox, seg.confidence * CORRECTED)
                return _check_containers(fv, layouts)
    return None


def _cell_text(layouts: list[PageLayout], page: int | None, box: BBox | None) -> str:
    """The words of a page inside a box (an item's HS cell), as read."""
    if page is None or box is None:
        return ""
    x, y, w, h = box
    words = [wd for lay in layouts if lay.page == page for line in lay.lines for seg in line
             for wd in seg.words
             if x - 2 <= wd.bbox[0] and wd.bbox[0] + wd.bbox[2] <= x + w + 2
             and y - 2 <= wd.bbox[1] and wd.bbox[1] + wd.bbox[3] <= y + h + 2]
    return " ".join(wd.text for wd in words)


def _check_item(item: LineItem, layouts: list[PageLayout], reread: Rereader | None,
                lookup: Callable[[str], bool] | None) -> LineItem:
    box = item.boxes.get("hs_code")
    if box is None or (item.hs_code and hs_known(item.hs_code, lookup)):
        return item
    choice = correct_hs(item.hs_code, _cell_text(layouts, item.page, box), lookup)
    if choice.status == "corrected":
        return replace(item, hs_code=choice.value)
    if reread is not None and item.page is not None:
        again = reread(item.page, box, "digits")
        code = nz.normalise_hs(again[0]) if again else None
        if code and hs_known(code, lookup):
            return replace(item, hs_code=code)
    return item


def correct_document(doc_type: DocType, fields: Mapping[str, FieldValue], items: Iterable[LineItem],
                     layouts: list[PageLayout], reread: Rereader | None = None,
                     hs_lookup: Callable[[str], bool] | None = None
                     ) -> tuple[dict[str, FieldValue], tuple[LineItem, ...]]:
    """Check every chosen field and item HS code; correct look-alikes, and re-read from the image
    (when a re-reader is given) the fields that fail their check or were read with low confidence.

    Pure apart from `reread`; `hs_lookup` replaces the shipped nomenclature (e.g. the rules
    database)."""
    out = dict(fields)
    if "container_numbers" in out:
        out["container_numbers"] = _check_containers(out["container_numbers"], layouts)
    elif (found := _recovered_containers(layouts)) is not None:
        out["container_numbers"] = found
    owners = list(out["container_numbers"].value) if "container_numbers" in out else []
    for name, fv in list(out.items()):
        if fv.value is None:
            continue
        if name in _REF_FIELDS or name == "licence_number":
            out[name] = _check_text(name, fv, owners, reread)
        elif name in _NUMBER_FIELDS:
            out[name] = _check_number(name, fv, reread)
        elif FIELD_KINDS.get(name) == "date":
            out[name] = _check_date(fv)
    for name in (*_NUMBER_FIELDS, "licence_number"):
        if name not in out and (found := _missing(name, doc_type, layouts, reread)) is not None:
            out[name] = found
    checked = tuple(_check_item(item, layouts, reread, hs_lookup) for item in items)
    return out, checked


_PLACED = ("inline", "right", "cell")  # a value beside its label or in its box, not a guess below


def _missing(name: str, doc_type: DocType, layouts: list[PageLayout],
             reread: Rereader | None) -> FieldValue | None:
    """A field whose label was found beside a value that did not parse: look-alikes undone
    ('Gross Weight: 12,S42.00'), else, for a value too garbled to read ('Gross Weight: sonee'),
    its box read again; taken only if the result is a valid value."""
    weight = FIELD_KINDS[name] == "weight"
    for cand in find_candidates(layouts, name, doc_type)[:2]:
        if cand.how not in _PLACED:
            continue
        unit = nz.weight_unit(cand.label) or "kg"  # a crop holds the figure, not the label's unit
        value = _value_of(name, cand.text, weight, unit, fix=True)
        if value is not None:
            return FieldValue(value, cand.text, cand.page, cand.bbox, round(cand.confidence * CORRECTED, 3))
        if reread is None or cand.confidence >= LOW_CONFIDENCE:
            continue  # a confident reading that is no value is not a misreading
        again = reread(cand.page, cand.bbox, "alnum" if name == "licence_number" else "digits")
        if again is not None and (value := _value_of(name, again[0], weight, unit)) is not None:
            return FieldValue(value, again[0], cand.page, cand.bbox, round(again[1] * DOUBT, 3))
    return None


def _value_of(name: str, text: str, weight: bool, unit: str, fix: bool = False) -> Any:
    """A missing field's value in a candidate's text, or None."""
    if name == "licence_number":
        choice = correct_licence(_closest_token(text, "2026AA000000"))
        return choice.value if choice.status in ("valid", "corrected") else None
    runs = _NUMBER_RUN.findall(fix_lookalike_digits(text) if fix else text)
    if not runs or (fix and fix_lookalike_digits(text) == text):
        return None
    run = max(runs, key=len)
    value = nz.parse_weight(run, default_unit=unit) if weight else nz.parse_number(run)
    return value if value is not None and value > 0 else None
