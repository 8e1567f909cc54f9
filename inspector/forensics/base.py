"""What forensic methods receive and return."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from inspector.imaging.deskew import rotate_small
from inspector.imaging.orient import rotate_image
from inspector.imaging.rescale import rescale_to_target
from inspector.intake.sniff import FileKind
from inspector.models import BBox, CleanPage, Document, OcrPage, Overlay, Page, Signal

__all__ = ["DocumentEvidence", "FieldBox", "Overlay", "PageEvidence", "Signal", "to_clean_geometry"]


@dataclass(frozen=True)
class FieldBox:
    """A value on the page whose edit would matter: a field or a goods-line figure, and its box."""

    field: str  # "total_value", "items[2].net_weight_kg", "date"...
    text: str
    bbox: BBox


# Fields whose figures a forger changes (weights, values, quantities, dates, numbers).
NUMERIC_FIELDS = ("total_net_weight_kg", "total_gross_weight_kg", "total_value", "packages", "date",
                  "document_number", "invoice_number", "licence_number", "container_numbers")
ITEM_FIGURES = ("quantity", "net_weight_kg", "gross_weight_kg", "value", "hs_code")


@dataclass(frozen=True)
class PageEvidence:
    """One page of a document: as it came in, as cleaned, as read, and the document it belongs to."""

    document: Document
    page: Page  # as decoded: colour when the file is in colour; its own geometry and dpi
    clean: CleanPage  # grayscale, upright, deskewed, 300 dpi: every box refers to this image
    ocr: OcrPage
    file_kind: FileKind | None  # what the file is (intake.sniff); None when it could not be told

    @property
    def number(self) -> int:
        return self.clean.number

    def value_boxes(self) -> Iterator[FieldBox]:
        """Boxes of the figures on this page that matter (fields first, then goods-line figures)."""
        for name in NUMERIC_FIELDS:
            fv = self.document.fields.get(name)
            if fv is not None and fv.page == self.number and fv.bbox is not None:
                yield FieldBox(name, str(fv.raw or fv.value), fv.bbox)
        for i, item in enumerate(self.document.items):
            if item.page != self.number:
                continue
            for key in ITEM_FIGURES:
                box = item.boxes.get(key)
                if box is not None and getattr(item, key) is not None:
                    yield FieldBox(f"items[{i}].{key}", str(getattr(item, key)), box)

    def to_clean(self, image: np.ndarray) -> np.ndarray | None:
        """An image in the geometry of `page.image` (e.g. a map computed on the original JPEG) carried
        onto the clean page: rescaled, turned and deskewed as the page was. None for a photo, whose
        warp is not kept."""
        return to_clean_geometry(image, self.page, self.clean) if not self.clean.photo else None


def to_clean_geometry(image: np.ndarray, page: Page, clean: CleanPage) -> np.ndarray:
    """`image` (same size as `page.image`) through the clean-up's geometry (see imaging.clean)."""
    out = rescale_to_target(image, page.dpi)
    out = rotate_image(out, clean.rotation)
    if clean.skew:
        out = rotate_small(out, -clean.skew) if out.dtype == np.uint8 else _rotate_float(out, -clean.skew)
    if out.shape[:2] != clean.image.shape[:2]:  # rounding of the rescale: match the clean page exactly
        out = cv2.resize(out, (clean.image.shape[1], clean.image.shape[0]), interpolation=cv2.INTER_LINEAR)
    return out


def _rotate_float(image: np.ndarray, degrees_ccw: float) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees_ccw, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


@dataclass(frozen=True)
class DocumentEvidence:
    """One document: its pages' evidence and the file it came from (PDF structure reads the file)."""

    document: Document
    path: str
    file_kind: FileKind | None
    pages: tuple[PageEvidence, ...]


PageMethod = Callable[[PageEvidence], Iterable[Signal]]
DocumentMethod = Callable[[DocumentEvidence], Iterable[Signal]]
# A case method sees every document (a seal pasted on papers of different issuers); it returns
# (document index, signal) pairs.
CaseMethod = Callable[[tuple[DocumentEvidence, ...]], Iterable[tuple[int, Signal]]]
