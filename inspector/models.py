"""Data types that cross the engine's stage boundaries: pages, words, documents, findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from enum import StrEnum
from typing import Any

import numpy as np

# x, y, width, height in pixels of a page as rendered (or rescaled) to 300 dpi.
BBox = tuple[int, int, int, int]

TARGET_DPI = 300


class DocType(StrEnum):
    """The document types of the contract."""

    COMMERCIAL_INVOICE = "commercial_invoice"
    PACKING_LIST = "packing_list"
    EXPORT_DECLARATION = "export_declaration"
    BILL_OF_LADING = "bill_of_lading"
    EXPORT_LICENCE = "export_licence"
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin"
    UNKNOWN = "unknown"


class Severity(StrEnum):
    """Severity of a finding, ordered from least to most serious."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return list(Severity).index(self)

    def lower(self, floor: Severity | None = None) -> Severity:
        """One step less serious (a doubtful reading, an unsure source), not below `floor` (info) unless
        already there."""
        order = list(Severity)
        return order[max(self.rank - 1, min((floor or Severity.INFO).rank, self.rank))]


class Lane(StrEnum):
    """The verdict: release, look at the papers, or stop the cargo."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


# Every field of the contract, in contract order, with its kind.
FIELD_KINDS: dict[str, str] = {
    "document_number": "text",
    "date": "date",
    "exporter": "party",
    "consignee": "party",
    "end_user": "party",
    "country_of_origin": "country",
    "country_of_destination": "country",
    "transit_countries": "country_list",
    "port_of_loading": "text",
    "port_of_discharge": "text",
    "vessel": "text",
    "container_numbers": "container_list",
    "licence_number": "text",
    "invoice_number": "text",
    "currency": "currency",
    "total_value": "number",
    "total_net_weight_kg": "weight",
    "total_gross_weight_kg": "weight",
    "packages": "integer",
}
FIELD_NAMES: tuple[str, ...] = tuple(FIELD_KINDS)
LIST_FIELDS = frozenset(k for k, v in FIELD_KINDS.items() if v.endswith("_list"))


@dataclass(frozen=True)
class Page:
    """One page as it came in: a decoded image and where it came from."""

    source: str  # the path as given by the user
    number: int  # 1-based page number within the source file
    dpi: int  # resolution of `image` (rendered, from metadata, or assumed)
    image: np.ndarray  # uint8, grayscale (H, W) or BGR (H, W, 3)
    text_layer: tuple[Word, ...] | None = None  # a PDF's own words, when usable (intake.pdf_text)


@dataclass(frozen=True)
class CleanPage:
    """A page after clean-up: grayscale, upright, deskewed, at 300 dpi."""

    source: str
    number: int
    image: np.ndarray  # uint8 grayscale at TARGET_DPI; every bbox refers to this image
    original_dpi: int
    rotation: int = 0  # clockwise degrees applied to make it upright (0, 90, 180, 270)
    skew: float = 0.0  # degrees of skew removed
    binarised: bool = False
    cells: tuple[BBox, ...] = ()  # boxes enclosed by ruled lines (imaging.ruling.find_cells)
    text_layer: tuple[Word, ...] | None = None  # the page's PDF words, boxed on `image`
    photo: bool = False  # a phone photo, cut out and warped flat (imaging.photo)


@dataclass(frozen=True)
class Word:
    """One word read by OCR, with its box on the clean page."""

    text: str
    conf: float  # 0..100 as Tesseract reports it
    bbox: BBox
    block: int = 0
    par: int = 0
    line: int = 0

    @property
    def line_key(self) -> tuple[int, int, int]:
        """Tesseract's (block, paragraph, line) identity of the word's line."""
        return (self.block, self.par, self.line)


@dataclass(frozen=True)
class OcrPage:
    """The words OCR found on one clean page."""

    number: int
    width: int
    height: int
    words: tuple[Word, ...]
    cells: tuple[BBox, ...] = ()  # boxes enclosed by ruled lines: a boxed form's fields

    @property
    def mean_confidence(self) -> float:
        """Mean word confidence as 0..1, 0 when there are no words."""
        confs = [w.conf for w in self.words if w.conf >= 0]
        return sum(confs) / len(confs) / 100.0 if confs else 0.0

    @property
    def text(self) -> str:
        """The page's text, one OCR line per text line."""
        lines: dict[tuple[int, int, int], list[str]] = {}
        for w in self.words:
            lines.setdefault(w.line_key, []).append(w.text)
        return "\n".join(" ".join(ws) for ws in lines.values())


@dataclass(frozen=True)
class FieldValue:
    """An extracted field: its normalised value and where it was read."""

    value: Any  # str, float, int, date (ISO string), or list[str] per FIELD_KINDS
    raw: str = ""  # the text as read
    page: int | None = None
    bbox: BBox | None = None
    confidence: float = 1.0  # 0..1, raised when other documents of the case read the same value
    support: int = 1  # how many documents of the case read this value (extract.consensus)


@dataclass(frozen=True)
class LineItem:
    """One line of a goods table."""

    description: str
    hs_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    net_weight_kg: float | None = None
    gross_weight_kg: float | None = None
    value: float | None = None
    page: int | None = None
    bbox: BBox | None = None
    boxes: Mapping[str, BBox] = dc_field(default_factory=dict)  # per-key boxes, e.g. "hs_code"


@dataclass(frozen=True)
class Overlay:
    """What the desktop app draws over the page to show a signal: a heat-map (0..1, stretched over
    `box`, or the whole page when `box` is None) and/or match lines (x1, y1, x2, y2) on the clean page."""

    heatmap: np.ndarray | None = None
    box: BBox | None = None
    lines: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True)
class Signal:
    """One forensic observation. `score` grows with suspicion on a scale of the method's own; the
    method's calibrated threshold decides whether it becomes a finding."""

    method: str
    score: float
    page: int | None = None  # 1-based; None for a document-wide signal (PDF structure)
    bbox: BBox | None = None  # on the clean page, 300 dpi
    field: str | None = None  # the contract field the box shows, when known
    detail: Mapping[str, Any] = dc_field(default_factory=dict)  # JSON-able evidence
    overlay: Overlay | None = None  # for the desktop app; not serialised


@dataclass(frozen=True)
class Document:
    """One file of the case after reading: its type, fields and items."""

    index: int
    path: str
    type: DocType = DocType.UNKNOWN
    pages: int = 0
    error: str | None = None
    ocr_confidence: float | None = None
    fields: Mapping[str, FieldValue] = dc_field(default_factory=dict)
    items: tuple[LineItem, ...] = ()
    page_hashes: tuple[str, ...] = ()
    text: str = ""
    unread: Mapping[str, FieldValue] = dc_field(default_factory=dict)  # labelled, value unreadable
    signals: tuple[Signal, ...] = ()  # forensic observations (inspector.forensics)
    page_phashes: tuple[str, ...] = ()  # perceptual hash per page (forensics.phash), for reuse
    region_phashes: tuple[tuple[str, ...], ...] = ()  # per page, its tiles' hashes (forensics.regions)

    def value(self, name: str) -> Any:
        """The normalised value of a field, None (or [] for list fields) when absent."""
        fv = self.fields.get(name)
        if fv is None or fv.value is None:
            return [] if name in LIST_FIELDS else None
        return fv.value

    def with_fields(self, fields: Mapping[str, FieldValue]) -> Document:
        """A copy with some fields replaced (an inspector's correction)."""
        merged = dict(self.fields)
        merged.update(fields)
        return Document(**{**self.__dict__, "fields": merged})


@dataclass(frozen=True)
class Message:
    """One sentence for the inspector, in English and in Simplified Chinese."""

    en: str
    zh: str

    def __add__(self, other: Message) -> Message:
        """The two sentences joined, language by language."""
        return Message(self.en + other.en, self.zh + other.zh)


@dataclass(frozen=True)
class Finding:
    """One problem found in the case, located on the scan where possible. `message` is English (the
    contract's field); `message_zh` says the same in Simplified Chinese."""

    code: str
    severity: Severity
    message: str
    document: int | None = None
    field: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    evidence: Mapping[str, Any] = dc_field(default_factory=dict)
    message_zh: str = ""


@dataclass(frozen=True)
class CaseResult:
    """The outcome of checking one case."""

    case_id: str
    lane: Lane
    risk_score: int
    shipment_date: dt.date | None
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    rules_version: str = ""
    pages: tuple[CleanPage, ...] = ()  # clean pages in document order, for viewers; not serialised
    page_map: Mapping[tuple[int, int], int] = dc_field(default_factory=dict)  # (doc, page) -> pages idx

    @property
    def unreadable(self) -> bool:
        """Whether any input could not be read (contract exit status 3)."""
        return any(d.error for d in self.documents)
