"""Forged and genuine pages for the forensic tests: rendered with inspector.synth, scanned, saved and
decoded as the reader would; the OCR words are the lines the renderer drew (Tesseract would take
seconds per page)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image

from inspector.forensics.base import PageEvidence
from inspector.imaging.clean import clean_page
from inspector.intake.load import load_pages
from inspector.intake.sniff import FileKind
from inspector.models import BBox, Document, FieldValue, OcrPage, Word
from inspector.synth.scan import ScanProfile, simulate_scan

SCAN = ScanProfile(blur=0.4, noise=2.5, uneven_light=0.03)
FAX = ScanProfile(dpi=200, fax=True, speckle=0.0005)


def scanned_evidence(img: Image.Image, drawn: Sequence, path: Path, profile: ScanProfile | None = SCAN, *,
                     quality: int = 85, resave: int | None = None, value: BBox | None = None,
                     line: Callable[[int, BBox], int] = lambda i, box: i) -> PageEvidence:
    """Page 1 scanned with `profile` (None: already scanned), saved (JPEG at `quality`, PNG for a fax),
    optionally re-saved at `resave`, decoded and cleaned. The words are the drawn lines of page 1, on
    the OCR line `line(index, box)` gives; `value` (a drawn box) is the document's total value."""
    scanned = img if profile is None else simulate_scan(img, profile, random.Random(5))
    profile = profile or ScanProfile()
    kind = FileKind.PNG if profile.fax else FileKind.JPEG
    if profile.fax:
        path = path.with_suffix(".png")
        scanned.save(path, dpi=(profile.dpi, profile.dpi))
    else:
        scanned.save(path, quality=quality, dpi=(profile.dpi, profile.dpi))
        if resave is not None:
            Image.open(path).save(path, quality=resave, dpi=(profile.dpi, profile.dpi))
    page = load_pages(path)[0]
    clean = clean_page(page)
    scale = clean.image.shape[1] / img.width

    def on_clean(box: Sequence[float]) -> BBox:
        return tuple(int(round(v * scale)) for v in box)  # type: ignore[return-value]

    boxes = [(d.text, on_clean(d.bbox)) for d in drawn if d.page == 0]
    words = tuple(Word(text, 95.0, box, line=line(i, box)) for i, (text, box) in enumerate(boxes))
    ocr = OcrPage(1, clean.image.shape[1], clean.image.shape[0], words)
    fields = {"total_value": FieldValue("1", "1", 1, on_clean(value))} if value else {}
    return PageEvidence(Document(0, str(path), fields=fields), page, clean, ocr, kind)


def overlap(a: Sequence[int], b: Sequence[int], slack: int = 10) -> bool:
    """Whether two boxes touch, give or take `slack` pixels."""
    return (a[0] - slack < b[0] + b[2] and b[0] - slack < a[0] + a[2]
            and a[1] - slack < b[1] + b[3] and b[1] - slack < a[1] + a[3])
