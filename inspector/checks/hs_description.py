"""HS_DESCRIPTION_MISMATCH: a goods line names a controlled material under an HS code that does not fit it.

The dictionary `resources/data/controls/hs_description.csv` lists each controlled material by its English
and Chinese names, formulas and trade names, with the HS headings that can lawfully carry it and the
cover headings used to hide it (ores, slag, ferro-alloys, scrap, mixtures...). A line whose description
names a material and whose code fits none of the materials named is a finding: HIGH under a cover heading,
MEDIUM under another raw-material heading (chapters 25-38, 71, 72, 74-81); under an article heading
outside those (a saw blade, a lens, a lamp) the description may name what the article is made of, so nothing is said.
Words of form widen what fits (a "mixture" fits 3824, a "wafer" 3818, "slag"/"scrap" the residue lines).
Formulas tolerate OCR reading O as 0 (Sb203 for Sb2O3); a finding on a poorly read document, or whose
code is one digit from a fitting heading, says so and weighs one step less.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from inspector.checks.context import CheckContext, finding
from inspector.db.rules.repository import hs_lookup
from inspector.models import DocType, Document, Finding, LineItem, Message, Severity
from inspector.paths import resource

DICTIONARY = ("data", "controls", "hs_description.csv")

# Headings used to hide controlled goods whatever the material (chapter 26 = ores, slag and ash).
COVER_PREFIXES = ("26", "2530", "3824", "3825", "6815", "7202", "7204", "8549")
# Chapters of raw materials and semi-finished goods: a misfit there is a finding even if not a cover.
_RAW_CHAPTERS = frozenset(range(25, 39)) | {71, 72} | frozenset(range(74, 82))

# Words of form and the headings they make lawful in addition to the material's own.
_FORMS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), tuple(codes.split()))
    for pattern, codes in (
        (r"\bmix(?:ture|tures|ed)?\b|\bblend|\bcontaining\b|\bmasterbatch|\bpreparation|混合|含", "3824 3812"),
        (r"\bslag|\bresidue|\bash(?:es)?\b|\bdross|\bsludge|\bscrap|\bwaste|渣|烟灰|废料|废品|阳极泥",
         "2620 2621 3825 8112 8101 8110 8102 8106 8549 7204"),
        (r"\bores?\b|\bconcentrates?\b|精矿|矿石|原矿|矿砂|矿粉", "26"),
        (r"\btargets?\b|\bsputtering|靶", "8486 3824 8112 8101 2805"),
        (r"\bmagnets?\b|\bmagnetic|磁", "8505"),
        (r"\bwafers?\b|\bsubstrates?\b|\bepi(?:taxial)?\b|晶片|衬底|外延", "3818 8541"),
        (r"\blens(?:es)?\b|\bwindows?\b|\boptic|透镜|窗口", "9001 9002"),
        (r"\balloys?\b|合金", "7202 2805 8112 8101 8110 8105 7601 8104"),
    )
)
_PURITY = r"(?:\d{2}(?:\.\d+)?\s*%|[4-7]N\b)"
_FORM_WORD = r"(?:metal|ingots?|powder|granules?|bars?|rods?|beads?|shots?|pellets?)\b"
_PREFERRED = (DocType.EXPORT_DECLARATION, DocType.COMMERCIAL_INVOICE, DocType.EXPORT_LICENCE,
              DocType.BILL_OF_LADING, DocType.CERTIFICATE_OF_ORIGIN, DocType.PACKING_LIST, DocType.UNKNOWN)


@dataclass(frozen=True)
class Material:
    """One dictionary row: a controlled material and the headings that fit it."""

    key: str
    family: str
    expected: tuple[str, ...]
    covers: tuple[str, ...]
    fires: str  # "any": any misfit in the raw chapters; "cover": only under a cover heading
    unsure: str | None
    name_zh: str = ""  # the first Chinese name of the row

    @property
    def name(self) -> Message:
        """The material's name ("dysprosium oxide" / "氧化镝")."""
        en = self.key.replace("_", " ")
        return Message(en, self.name_zh or en)


@dataclass(frozen=True)
class Mention:
    """Where a description names a material."""

    material: Material
    term: str  # the dictionary term
    found: str  # the text as written (may be an OCR misreading of the term)
    start: int
    end: int


@dataclass(frozen=True)
class _Pattern:
    material: Material
    term: str
    regex: re.Pattern[str]


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def _name_regex(name: str) -> re.Pattern[str]:
    """An English name: case-insensitive, word-bounded, space and hyphen interchangeable."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", name) if w]
    return re.compile(r"(?<![A-Za-z0-9])" + r"[\s\-]*".join(words) + r"(?![A-Za-z0-9])", re.IGNORECASE)


def _formula_regex(formula: str) -> re.Pattern[str]:
    """A formula: O may be read as 0; case-insensitive when it has a digit or 4+ characters (DY2O3,
    NDFEB), case-sensitive when short and letters only (GaN, InP: not the word 'gan')."""
    body = "".join("[O0]" if ch == "O" else re.escape(ch) for ch in formula)
    loose = any(c.isdigit() for c in formula) or len(formula) >= 4
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE if loose else 0)


def _symbol_regex(symbol: str) -> re.Pattern[str]:
    """An element symbol (Ga, Sb, W, In) only next to a purity or a word of form ('Ga 99.99%',
    'Ge 5N', 'W powder'); a longer acronym (APT) alone, upper case."""
    sym = rf"(?<![A-Za-z0-9]){re.escape(symbol)}(?![A-Za-z0-9])"
    if len(symbol) >= 3:
        return re.compile(sym)
    return re.compile(rf"{sym}(?=[\s:,\-]*(?:{_PURITY}|(?i:{_FORM_WORD})))")


@lru_cache(maxsize=1)
def dictionary() -> tuple[_Pattern, ...]:
    """Every term of the dictionary as a compiled pattern (read once)."""
    out: list[_Pattern] = []
    with resource(*DICTIONARY).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            m = Material(row["material"], row["family"], tuple(_split(row["expected_hs"])),
                         tuple(_split(row["cover_hs"])), row["fires"] or "any", row["unsure"] or None,
                         next(iter(_split(row["names_zh"])), ""))
            out += [_Pattern(m, t, _name_regex(t)) for t in _split(row["names_en"])]
            out += [_Pattern(m, t, re.compile(re.escape(t))) for t in _split(row["names_zh"])]
            out += [_Pattern(m, t, _formula_regex(t)) for t in _split(row["formulas"])]
            out += [_Pattern(m, t, _symbol_regex(t)) for t in _split(row["symbols"])]
    return tuple(out)


def mentions(description: str) -> list[Mention]:
    """The materials a description names, the most specific reading of each stretch of text kept
    ('gallium' inside 'gallium arsenide' is not a mention of gallium metal)."""
    found = [Mention(p.material, p.term, m.group(0).strip(), m.start(), m.end())
             for p in dictionary() for m in p.regex.finditer(description)]
    kept = [a for a in found
            if not any(b is not a and b.start <= a.start and a.end <= b.end
                       and (b.end - b.start) > (a.end - a.start) for b in found)]
    return sorted(kept, key=lambda x: (-(x.end - x.start), x.start))


def _fits(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(code.startswith(p) or p.startswith(code) for p in prefixes)


def _forms(description: str) -> tuple[str, ...]:
    """Headings made lawful by words of form in the description."""
    return tuple(c for rx, codes in _FORMS if rx.search(description) for c in codes)


def _near_miss(code: str, expected: tuple[str, ...]) -> bool:
    """The code's heading is one digit from a fitting heading: perhaps a misread code."""
    return any(sum(a != b for a, b in zip(code[:4], p[:4], strict=False)) == 1 and len(p) >= 4
               for p in expected)


@dataclass(frozen=True)
class Misfit:
    """A goods line whose code fits none of the materials its description names."""

    doc: Document
    index: int
    item: LineItem
    code: str
    mention: Mention
    expected: tuple[str, ...]
    cover: bool
    misread: tuple[str, ...]  # terms found only as OCR misreadings (Sb203 for Sb2O3)


def _misread(m: Mention) -> bool:
    return m.found.upper() != m.term.upper()


def misfit(doc: Document, index: int, item: LineItem) -> Misfit | None:
    """The misfit of one goods line, None when its code fits (or it names no controlled material)."""
    code = re.sub(r"\D", "", item.hs_code or "")
    if len(code) < 4 or not item.description:
        return None
    named = mentions(item.description)
    if not named:
        return None
    widened = _forms(item.description)
    if any(_fits(code, m.material.expected + widened) for m in named):
        return None
    main = named[0]
    cover = any(_fits(code, m.material.covers) for m in named) or code.startswith(COVER_PREFIXES)
    if not cover and (main.material.fires == "cover" or int(code[:2]) not in _RAW_CHAPTERS):
        return None
    expected = tuple(dict.fromkeys(e for m in named for e in m.material.expected))
    misread = tuple(dict.fromkeys(f"{m.found} = {m.term}" for m in named if _misread(m)))
    return Misfit(doc, index, item, code, main, expected, cover, misread)


def _ordered(ctx: CheckContext) -> list[Document]:
    return sorted(ctx.readable(), key=lambda d: (_PREFERRED.index(d.type), d.index))


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per (material, HS subheading) misfit of the case, at its most telling document."""
    groups: dict[tuple[str, str], list[Misfit]] = {}
    for doc in _ordered(ctx):
        for i, item in enumerate(doc.items):
            m = misfit(doc, i, item)
            if m is not None:
                groups.setdefault((m.mention.material.key, m.code[:6]), []).append(m)
    threshold = ctx.config.tolerances.low_confidence
    for group in groups.values():
        yield _finding(ctx, group, threshold)


def _finding(ctx: CheckContext, group: list[Misfit], threshold: float) -> Finding:
    m = group[0]
    mat = m.mention.material
    severity = Severity.HIGH if m.cover else Severity.MEDIUM
    doubts: list[Message] = []
    low = m.doc.ocr_confidence is not None and m.doc.ocr_confidence < threshold
    if low:
        doubts.append(Message(f"the document reads poorly ({m.doc.ocr_confidence:.0%})",
                              f"该单据识读质量差（{m.doc.ocr_confidence:.0%}）"))
    near = not m.cover and _near_miss(m.code, m.expected)
    if near:
        doubts.append(Message("the code is one digit from a fitting heading (misread?)",
                              "该编码与相符品目仅差一位数字（可能是误读）"))
    if mat.unsure:
        doubts.append(Message(f"dictionary note: {mat.unsure}", f"词典备注：{mat.unsure}"))
    if low or near:
        severity = severity.lower()
    entry = hs_lookup(ctx.rules, m.code)
    heading = f" ({entry.description[:60]})" if entry else ""
    heading_zh = f"（{entry.description[:60]}）" if entry else ""
    seen_as = Message("", "")
    if m.misread:
        found, term = m.misread[0].split(" = ")
        seen_as = Message(f" (read '{found}' for {term})", f"，“{term}”被识读为“{found}”")
    kind = Message("a known cover heading", "属于已知的伪报常用品目") if m.cover else Message(
        "a heading that does not fit it", "该品目与其不符")
    what = m.item.description[:60]
    message = Message(
        f"'{what}' names {mat.name.en} ('{m.mention.term}'{seen_as.en}) "
        f"but is declared under HS {m.code}{heading}, {kind.en}; expected {', '.join(m.expected)}.",
        f"“{what}”写明的是{mat.name.zh}（“{m.mention.term}”{seen_as.zh}），"
        f"但以 HS {m.code}{heading_zh or ' '}申报，{kind.zh}；应归入 {'、'.join(m.expected)}。")
    if doubts:
        message += Message(" Note: " + "; ".join(d.en for d in doubts) + ".",
                           "注：" + "；".join(d.zh for d in doubts) + "。")
    return finding(
        "HS_DESCRIPTION_MISMATCH", severity, message, m.doc, f"items[{m.index}].hs_code", page=m.item.page,
        bbox=m.item.boxes.get("hs_code", m.item.bbox),
        material=mat.key, family=mat.family, term=m.mention.term, found=m.mention.found, hs_code=m.code,
        hs_description=entry.description if entry else None, expected_headings=list(m.expected),
        cover_heading=m.cover, read_as=list(m.misread), low_confidence=low, possible_misread_code=near, unsure=mat.unsure,
        documents=sorted({x.doc.index for x in group}),
    )
