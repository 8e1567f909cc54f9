"""Forged variants of synthetic documents: one edit made the way forgers work, with its truth."""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from inspector.models import BBox, DocType
from inspector.synth import fmt
from inspector.synth.canvas import Drawn, font, has_cjk
from inspector.synth.case import save_pages
from inspector.synth.render import Rendered, render_document
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.shipment import make_shipment

log = logging.getLogger(__name__)

METHODS = ("digit_overwrite", "copy_move", "splice", "whiteout_retype")
# Documents forged, in turn: invoices and packing lists most often, as in practice.
TAMPER_DOC_TYPES = (DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.EXPORT_DECLARATION,
                    DocType.COMMERCIAL_INVOICE, DocType.BILL_OF_LADING, DocType.PACKING_LIST,
                    DocType.EXPORT_LICENCE)
FORMAT_CYCLE = ("jpg", "jpg", "png", "jpg", "pdf", "jpg", "jpg")
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_RETYPE_FONTS = ("DejaVuSansCondensed.ttf", "DejaVuSansMono.ttf", "DejaVuSans.ttf", "DejaVuSerif.ttf")

_UNIT = r"(?: ?(?:KGS|KG|kg|MT|PCS|SQM|CBM|千克))?"
_AMOUNT = re.compile(r"^(?:[A-Z]{3} |US\$|€)?\d[\d,]*(?:\.\d+)?" + _UNIT + "$")
_DATES = (re.compile(r"^\d{1,2}-[A-Z]{3}-\d{4}$"), re.compile(r"^\d{4}[-/]\d{2}[-/]\d{2}$"),
          re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4}$"), re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$"))
_NUMBER = re.compile(r"^(?:No\. |Certificate No\. )?[A-Z]{0,6}[-/]?\d[\dA-Z/-]*\d$")
_NUMERIC_FIELDS = ("total_net_weight_kg", "total_gross_weight_kg", "total_value", "packages")
_TEXT_FIELDS = ("licence_number", "invoice_number", "document_number")


@dataclass(frozen=True)
class Target:
    """A drawn numeric value that can be edited: its line, kind and the contract field it shows."""

    drawn: Drawn
    kind: str  # "amount", "date" or "number"
    field: str | None


@dataclass(frozen=True)
class Placed:
    """A drawn line with the font that drew it and the origin to redraw it at (anchor 'la')."""

    text: str
    font: ImageFont.FreeTypeFont
    origin: tuple[int, int]
    bbox: BBox


@dataclass(frozen=True)
class Edit:
    """One forged edit: where it is and what it changed."""

    page: int  # 0-based
    bbox: BBox
    original: str
    edited: str


# ---------------------------------------------------------------- finding values to edit

def value_kind(text: str) -> str | None:
    """'amount', 'date' or 'number' when a drawn line is one numeric value, else None."""
    if has_cjk(text.replace("千克", "")) or not any(ch.isdigit() for ch in text):
        return None
    if any(p.match(text) for p in _DATES):
        return "date"
    if _AMOUNT.match(text):
        return "amount"
    if _NUMBER.match(text) and sum(ch.isdigit() for ch in text) >= 4:
        return "number"
    return None


def field_for(text: str, fields: Mapping[str, Any]) -> str | None:
    """The contract field whose value a drawn line shows, or None."""
    amount = parse_amount(text)
    if amount is not None:
        for name in _numeric_order(text):
            value = fields.get(name)
            if isinstance(value, int | float) and abs(float(value) - amount) < 0.005:
                return name
    for name in _TEXT_FIELDS:
        value = fields.get(name)
        if value and (text == value or text.endswith(f" {value}")):
            return name
    return "date" if _shows_date(text, fields.get("date")) else None


def _numeric_order(text: str) -> tuple[str, ...]:
    if re.search(r"[A-Z]{3} |US\$|€", text):
        return ("total_value",)
    if re.search(r"KG|kg|MT|千克", text):
        return _NUMERIC_FIELDS[:2]
    return _NUMERIC_FIELDS


def parse_amount(text: str) -> float | None:
    """The number an amount line shows, in kg for tonnes; None when the line is not an amount."""
    if not _AMOUNT.match(text):
        return None
    token = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    value = float(token.group().replace(",", "")) if token else 0.0
    return value * 1000 if text.endswith("MT") else value


def _shows_date(text: str, iso: Any) -> bool:
    if not isinstance(iso, str):
        return False
    day = dt.date.fromisoformat(iso)
    return any(fmt.date(day, style) == text for style in fmt.DATE_STYLES + fmt.CN_DATE_STYLES)


def numeric_targets(rendered: Rendered, page: int | None = None) -> list[Target]:
    """The drawn numeric values of a document (weights, values, quantities, dates, numbers)."""
    out = []
    for drawn in rendered.drawn:
        kind = value_kind(drawn.text)
        if kind and (page is None or drawn.page == page):
            out.append(Target(drawn, kind, field_for(drawn.text, rendered.fields)))
    return out


# ---------------------------------------------------------------- where a line was drawn

def locate(drawn: Drawn) -> Placed:
    """Find the font and origin that drew a line (its box fixes the size exactly)."""
    x, y, w, h = drawn.bbox
    best: tuple[int, ImageFont.FreeTypeFont] | None = None
    for size in range(12, 72):
        for bold in (False, True):
            f = font(size, bold, has_cjk(drawn.text))
            x0, y0, x1, y1 = (int(v) for v in f.getbbox(drawn.text))
            miss = abs(x1 - x0 - w) + abs(y1 - y0 - h)
            if best is None or miss < best[0]:
                best = (miss, f)
    assert best is not None
    x0, y0, _, _ = (int(v) for v in best[1].getbbox(drawn.text))
    return Placed(drawn.text, best[1], (x - x0, y - y0), drawn.bbox)


def char_span(placed: Placed, start: int, stop: int) -> tuple[int, int]:
    """Left and right x of characters start..stop-1 of a placed line (advance widths)."""
    left = placed.origin[0] + placed.font.getlength(placed.text[:start])
    right = placed.origin[0] + placed.font.getlength(placed.text[:stop])
    return int(left), int(round(right + 0.5))


# ---------------------------------------------------------------- choosing the new digits

def digit_run(text: str, kind: str, rng: random.Random) -> tuple[int, int]:
    """The characters a forger changes: leading digits of an amount, the day of a date, trailing digits."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if kind == "amount":
        start = next((i for i in digits if text[i] != "0"), digits[0])
    elif kind == "date":
        start = _day_units(text)
        return start, start + 1
    else:
        start = rng.choice(digits[-4:])
    two = rng.random() < 0.4 and start + 1 < len(text) and text[start + 1].isdigit()
    return start, start + (2 if two else 1)


def _day_units(text: str) -> int:
    groups = list(re.finditer(r"(?<!\d)\d{1,2}(?!\d)", text))
    group = groups[-1] if re.match(r"^\d{4}", text) else groups[0]
    return group.end() - 1


def new_digits(text: str, start: int, stop: int, kind: str, rng: random.Random) -> str:
    """Replacement digits for text[start:stop], different from the old ones and still plausible."""
    out = []
    for i in range(start, stop):
        pool = _digit_pool(text, i, kind)
        out.append(rng.choice([d for d in pool if d != text[i]] or ["1"]))
    return "".join(out)


def _digit_pool(text: str, i: int, kind: str) -> str:
    if kind == "date":
        tens = text[i - 1] if i and text[i - 1].isdigit() else "0"
        return "".join(d for d in "0123456789" if 1 <= int(tens + d) <= 28)
    leading = kind == "amount" and not any(ch.isdigit() and ch != "0" for ch in text[:i])
    return "123456789" if leading else "0123456789"


def changed_text(text: str, kind: str, rng: random.Random) -> tuple[str, int, int]:
    """The text with one or two digits changed, and the span changed."""
    start, stop = digit_run(text, kind, rng)
    return text[:start] + new_digits(text, start, stop, kind, rng) + text[stop:], start, stop


# ---------------------------------------------------------------- the four edits

def digit_overwrite(img: Image.Image, drawn: Drawn, kind: str, rng: random.Random) -> tuple[Image.Image, Edit]:
    """Erase one or two digits and type others in a slightly different font, size, ink and baseline."""
    placed = locate(drawn)
    edited, start, stop = changed_text(drawn.text, kind, rng)
    left, right = char_span(placed, start, stop)
    x, y, w, h = drawn.bbox
    out = img.copy()
    draw = ImageDraw.Draw(out)
    erase = (left, y - 2, right, y + h + 2)
    draw.rectangle(erase, fill=_white(out))
    f = _retype_font(placed.font.size, rng, vary=True)
    at = (left + rng.randint(-2, 2), placed.origin[1] + rng.choice((-3, -2, 2, 3)))
    draw.text(at, edited[start:stop], font=f, fill=_ink(out, rng.randint(30, 90)))
    box = _union(erase, draw.textbbox(at, edited[start:stop], font=f))
    return out, Edit(drawn.page, _pad(box, 1, out), drawn.text, edited)


def whiteout_retype(img: Image.Image, drawn: Drawn, kind: str,
                    rng: random.Random) -> tuple[Image.Image, Edit]:
    """Cover a value with a white box (correction tape) and type a new value on top."""
    placed = locate(drawn)
    edited, _, _ = changed_text(drawn.text, kind, rng)
    x, y, w, h = drawn.bbox
    px, py = rng.randint(5, 12), rng.randint(3, 7)
    tape = (x - px, y - py, x + w + px, y + h + py)
    out = img.copy()
    draw = ImageDraw.Draw(out)
    edge = _ink(out, 205) if rng.random() < 0.6 else None
    draw.rectangle(tape, fill=_ink(out, rng.choice((255, 253, 250))), outline=edge, width=1)
    f = _retype_font(placed.font.size, rng, vary=False)
    at = (placed.origin[0] + rng.randint(-3, 3), placed.origin[1] + rng.randint(-2, 2))
    draw.text(at, edited, font=f, fill=_ink(out, rng.randint(15, 60)))
    box = _union(tape, draw.textbbox(at, edited, font=f))
    return out, Edit(drawn.page, _pad(box, 1, out), drawn.text, edited)


def copy_move(img: Image.Image, drawn: Drawn, source: Drawn, pad: int = 4) -> tuple[Image.Image, Edit]:
    """Copy the region of `source` (same page) over `drawn`, whose own text is first covered with blank paper."""
    sx, sy, sw, sh = source.bbox
    patch = img.crop((sx - pad, sy - pad, sx + sw + pad, sy + sh + pad))
    x, y, w, h = drawn.bbox
    out = img.copy()
    cover = (x - pad, y - pad, x + w + pad, y + h + pad)
    ImageDraw.Draw(out).rectangle(cover, fill=_white(out))
    at = (x - pad, y + (h - sh) // 2 - pad)
    out.paste(patch, at)
    box = _union(cover, (at[0], at[1], at[0] + patch.width, at[1] + patch.height))
    return out, Edit(drawn.page, _clip(box, out), drawn.text, source.text)


def splice(img: Image.Image, drawn: Drawn, kind: str, rng: random.Random) -> tuple[Image.Image, Edit]:
    """Paste over a value a block cut from another scan (other paper tone, noise and JPEG history)."""
    placed = locate(drawn)
    edited, _, _ = changed_text(drawn.text, kind, rng)
    x, y, w, h = drawn.bbox
    px, py = rng.randint(8, 16), rng.randint(6, 12)
    box = (x - px, y - py, x + w + px, y + h + py)
    patch = donor_patch(placed, edited, box, rng)
    out = img.copy()
    out.paste(patch.convert(out.mode), box[:2])
    return out, Edit(drawn.page, _clip(box, out), drawn.text, edited)


def donor_patch(placed: Placed, text: str, box: tuple[int, int, int, int], rng: random.Random) -> Image.Image:
    """A block of another scan showing `text` where `placed` was: its own paper tone, noise and JPEG."""
    paper = rng.randint(236, 248)
    patch = Image.new("L", (box[2] - box[0], box[3] - box[1]), paper)
    at = (placed.origin[0] - box[0] + rng.randint(-1, 1), placed.origin[1] - box[1] + rng.randint(-1, 1))
    ImageDraw.Draw(patch).text(at, text, font=placed.font, fill=rng.randint(10, 40))
    profile = ScanProfile(blur=rng.uniform(0.4, 0.9), noise=rng.uniform(6.0, 10.0),
                          jpeg_quality=rng.randint(40, 65))
    return simulate_scan(patch, profile, rng)


def apply_edit(img: Image.Image, drawn: Drawn, method: str, rng: random.Random, *,
               others: Sequence[Drawn] = ()) -> tuple[Image.Image, BBox, str, str]:
    """Forge one drawn numeric line of a clean page: the new page, the edited bbox, original and edited text.

    `copy_move` copies another numeric line of the same page from `others` (one of a similar height).
    """
    kind = value_kind(drawn.text) or "number"
    if method == "digit_overwrite":
        out, edit = digit_overwrite(img, drawn, kind, rng)
    elif method == "whiteout_retype":
        out, edit = whiteout_retype(img, drawn, kind, rng)
    elif method == "splice":
        out, edit = splice(img, drawn, kind, rng)
    elif method == "copy_move":
        out, edit = copy_move(img, drawn, _copy_source(drawn, others, rng))
    else:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    return out, edit.bbox, edit.original, edit.edited


def copy_sources(drawn: Drawn, others: Sequence[Drawn]) -> list[Drawn]:
    """Lines on the same page that can be copied over `drawn`: other text, similar height, apart."""
    return [o for o in others if o.page == drawn.page and o.text != drawn.text
            and unit_class(o.text) == unit_class(drawn.text) and abs(len(o.text) - len(drawn.text)) <= 3
            and abs(o.bbox[3] - drawn.bbox[3]) <= 6 and not _overlap(_grow(o.bbox, 12), _grow(drawn.bbox, 12))]


def unit_class(text: str) -> str:
    """What a value measures, judged by its unit: 'money', 'weight', 'other' or 'plain'."""
    if re.search(r"[A-Z]{3} |US\$|€", text):
        return "money"
    if re.search(r"KG|kg|MT|千克", text):
        return "weight"
    return "other" if re.search(r"[A-Za-z]", text) else "plain"


def _copy_source(drawn: Drawn, others: Sequence[Drawn], rng: random.Random) -> Drawn:
    sources = copy_sources(drawn, others)
    if not sources:
        raise ValueError(f"nothing on page {drawn.page + 1} to copy over {drawn.text!r}")
    return rng.choice(sources)


# ---------------------------------------------------------------- small geometry and ink helpers

def _white(img: Image.Image) -> int | tuple[int, int, int]:
    return _ink(img, 255)


def _ink(img: Image.Image, level: int) -> int | tuple[int, int, int]:
    return level if img.mode == "L" else (level, level, level)


def _retype_font(size: int, rng: random.Random, *, vary: bool) -> ImageFont.FreeTypeFont:
    name = rng.choice(_RETYPE_FONTS[:2] if vary else _RETYPE_FONTS)
    delta = rng.choice((-2, -1, 1, 2)) if vary else rng.choice((-1, 0, 1))
    return ImageFont.truetype(_DEJAVU + name, max(8, size + delta))


def _union(a: Sequence[float], b: Sequence[float]) -> tuple[int, int, int, int]:
    return (int(min(a[0], b[0])), int(min(a[1], b[1])), int(max(a[2], b[2])), int(max(a[3], b[3])))


def _grow(box: BBox, pad: int) -> BBox:
    x, y, w, h = box
    return (x - pad, y - pad, w + 2 * pad, h + 2 * pad)


def _pad(box: Sequence[int], pad: int, img: Image.Image) -> BBox:
    """A corner box (x0, y0, x1, y1) grown by pad and clipped to the image, as an (x, y, w, h) BBox."""
    return _clip((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad), img)


def _clip(box: Sequence[int], img: Image.Image) -> BBox:
    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(img.width, box[2]), min(img.height, box[3])
    return (x0, y0, x1 - x0, y1 - y0)


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


# ---------------------------------------------------------------- pairs on disk

@dataclass(frozen=True)
class Pair:
    """One control/forged pair before scanning: the document, the clean pages, and the edit."""

    rendered: Rendered
    forged_page: Image.Image
    method: str
    edit: Edit
    field: str | None


def make_pair(seed: int, index: int, method: str) -> Pair:
    """Render one document for pair `index` and forge it with `method` (pure: same input, same pair)."""
    rng = random.Random(f"{seed}:tamper:{index}")
    for attempt in range(len(TAMPER_DOC_TYPES)):
        doc_type = TAMPER_DOC_TYPES[(index + attempt) % len(TAMPER_DOC_TYPES)]
        rendered = _render(rng, doc_type)
        picked = _pick_target(rendered, method, rng)
        if picked is not None:
            break
    else:
        raise RuntimeError(f"no document of pair {index} has a value to forge by {method}")
    target, others = picked
    page = rendered.pages[target.drawn.page]
    forged, bbox, original, edited = apply_edit(page, target.drawn, method, rng, others=others)
    return Pair(rendered, forged, method, Edit(target.drawn.page, bbox, original, edited), target.field)


def _render(rng: random.Random, doc_type: DocType) -> Rendered:
    goods = "controlled" if doc_type == DocType.EXPORT_LICENCE or rng.random() < 0.6 else "ordinary"
    ship = make_shipment(random.Random(rng.getrandbits(64)), goods=goods)
    return render_document(ship, doc_type, random.Random(rng.getrandbits(64)))


def _pick_target(rendered: Rendered, method: str,
                 rng: random.Random) -> tuple[Target, list[Drawn]] | None:
    """A value to forge, and the lines a copy-move may copy (totals over totals where possible)."""
    targets = numeric_targets(rendered)
    if method == "copy_move":
        return _pick_copy_target(targets, rng)
    with_field = [t for t in targets if t.field]
    pool = with_field if with_field and rng.random() < 0.75 else targets
    return (rng.choice(pool), []) if pool else None


def _pick_copy_target(targets: list[Target], rng: random.Random) -> tuple[Target, list[Drawn]] | None:
    for pool in ([t for t in targets if t.field in _NUMERIC_FIELDS], [t for t in targets if t.kind != "date"]):
        drawn = [t.drawn for t in pool]
        usable = [t for t in pool if copy_sources(t.drawn, drawn)]
        if usable:
            return rng.choice(usable), drawn
    return None


def scan_profile(rng: random.Random) -> ScanProfile:
    """A light, straight 300-dpi scan (no skew, so the truth bbox holds on the scanned page)."""
    return ScanProfile(blur=rng.choice((0.0, 0.4, 0.6)), noise=rng.uniform(1.5, 4.0),
                       uneven_light=rng.uniform(0.0, 0.04))


def write_pair(pair_dir: Path, pair: Pair, seed: int, index: int,
               profile: ScanProfile | None = None) -> dict[str, Any]:
    """Scan control and forged pages with one profile and noise seed, save them and truth.json."""
    rng = random.Random(f"{seed}:tamper:{index}:scan")
    profile, ext = scan_profile(rng) if profile is None else profile, FORMAT_CYCLE[index % len(FORMAT_CYCLE)]
    if len(pair.rendered.pages) > 1:
        ext = "pdf"
    quality, noise_seed = rng.randint(70, 92), rng.getrandbits(64)
    forged_pages = list(pair.rendered.pages)
    forged_pages[pair.edit.page] = pair.forged_page
    pair_dir.mkdir(parents=True, exist_ok=True)
    for name, pages in (("control", pair.rendered.pages), ("forged", forged_pages)):
        scan_rng = random.Random(noise_seed)
        scanned = [simulate_scan(p, profile, scan_rng) for p in pages]
        save_pages(scanned, pair_dir / f"{name}.{ext}", profile.dpi, quality)
    truth = pair_truth(pair, ext)
    (pair_dir / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return truth


def pair_truth(pair: Pair, ext: str) -> dict[str, Any]:
    """The truth.json of a pair, per the corpus format."""
    return {"document_type": str(pair.rendered.doc_type), "control": f"control.{ext}", "forged": f"forged.{ext}",
            "method": pair.method, "page": pair.edit.page + 1, "bbox": list(pair.edit.bbox),
            "field": pair.field, "original": pair.edit.original, "edited": pair.edit.edited}


def write_tamper_pairs(out_dir: Path, *, seed: int, pairs: int = 12,
                       profile: ScanProfile | None = None) -> list[str]:
    """Write pair-0001/ ... under `out_dir` (control, forged, truth.json); returns the directory names.

    Each pair gets its own light straight scan profile unless `profile` is given (tests use a clean one).
    """
    out_dir = Path(out_dir)
    names = []
    for index in range(pairs):
        name = f"pair-{index + 1:04d}"
        pair = make_pair(seed, index, METHODS[index % len(METHODS)])
        write_pair(out_dir / name, pair, seed, index, profile)
        names.append(name)
    log.info("wrote %d tamper pairs to %s", pairs, out_dir)
    return names


def forged_rendered(pair: Pair) -> Rendered:
    """The forged document as a Rendered (pages with the edit; fields as drawn before it)."""
    pages = list(pair.rendered.pages)
    pages[pair.edit.page] = pair.forged_page
    return replace(pair.rendered, pages=tuple(pages))
