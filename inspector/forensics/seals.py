"""Seals: find the red seals and stamps of a page, and the ones that do not belong.

Finding them. A company seal or official stamp is printed in red ink; on the colour image as it came
in (`page.image`, BGR), red ink is where red stands well above green and blue (`_redness`), which
paper, black print and blue ballpoint do not. The page is decimated to ~75 dpi, the red map closed
(ring, star and ring text merge into one blob) and the blobs of seal size (8-60 mm a side, at most
twice as long as wide) kept, a blob inside a bigger one dropped. Grayscale, fax-like and binarised
files have no colour: no seal is found there and the method stays quiet. Boxes are carried onto the
clean page through the clean-up's geometry (`to_clean_geometry`, on a decimated mask: cheap).

Case method (`seal_reuse`, registered as "seal"): a real stamp never prints twice alike. Each
impression has its own angle and its own uneven inking, so two impressions of one seal share at
most the shape; a seal image cut from one paper and pasted onto another shares the inking too. Two
red-ink maps (scaled to 192 px) are compared by `_same_print`: their NCC (+-6 px search) times the
correlation of the ink's strength over the pixels both have inked. Measured on synthetic seals
scanned independently: 20 re-stampings of one seal 0.01-0.35 (NCC alone reached 0.93 when two
angles happened to agree, hence the inking term), invoice seals pasted onto a B/L 0.73-0.99. From
`MIN_SAME` = 0.6 the pair is a paste. Where that happens on documents that different parties
issue (an exporter's invoice and a carrier's B/L, a chamber of commerce's certificate) both
documents get a signal, score 1 + (same - 0.6) / 0.4; on documents of one issuer (invoice and
packing list) the identical seal is still an anomaly and scores `SAME_ISSUER_WEIGHT` times that.
Issuers are told by document type (`ISSUER`). On the 10 genuine cases of corpus_s7 (66 pages, 12
seals found, most files gray) no pair is linked.

The seal's printed name against the issuer is NOT checked. It was tried: the ring unwrapped with
a polar transform (cv2.warpPolar, the name band cut at 10-45% of the radius) gives a clean,
level strip, but Tesseract (chi_sim, --psm 7) read only about half of its characters
(宁波中科钨业有限公司 -> 了关中村汐业有了慑公司) and took 1.5-3.5 s per seal on this loaded 2-core
machine (process start and the chi_sim model load dominate), far over the 100 ms budget; and the
issuer's name on the paper is mostly in English, so the Chinese ring text has nothing reliable to
be compared with without a transliteration table of firm names. A Chinese-aware OCR kept in memory
would be needed.

Limits: blue and violet stamps are not looked for (blue ballpoint signatures would be found too); a
seal over dark print is found by its red ink alone; a colour photocopy of a seal (re-stamped by
printer) looks like a paste and is flagged, which is right for the inspector to see.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import cv2
import numpy as np

from inspector.forensics.base import DocumentEvidence, PageEvidence, to_clean_geometry
from inspector.imaging.rescale import TARGET_DPI
from inspector.models import BBox, DocType, Overlay, Signal

METHOD = "seal"
WORK_DPI = 75  # seals are large: find them on a shrunken page
MIN_MM, MAX_MM = 8.0, 60.0
MIN_RED_FRACTION = 0.04  # of the blob's box: ink, not a tint
CROP = 192  # px a side of a seal's normalised red-ink map (fine enough that two impressions differ)
MIN_SAME = 0.6  # one print from here (re-stamps of one seal: <= 0.35; pastes: 0.73-0.99)
SAME_ISSUER_WEIGHT = 0.6
INKED = 0.3  # redness from which a pixel of the ink map counts as inked

# Who issues each paper (the party whose seal it carries first).
ISSUER = {DocType.COMMERCIAL_INVOICE: "exporter", DocType.PACKING_LIST: "exporter",
          DocType.EXPORT_DECLARATION: "exporter", DocType.BILL_OF_LADING: "carrier",
          DocType.CERTIFICATE_OF_ORIGIN: "chamber", DocType.EXPORT_LICENCE: "authority"}


@dataclass(frozen=True)
class Seal:
    """A seal found on a page: its box on the clean page (None on a photo) and its red-ink map."""

    page: int
    bbox: BBox | None
    ink: np.ndarray  # float32 CROP x CROP, 0..1, the seal's redness scaled to a common size
    original_box: BBox  # on page.image


def find_seals(evidence: PageEvidence) -> list[Seal]:
    """The red seals of a page (none when the page came in without colour)."""
    image = evidence.page.image
    if image.ndim != 3 or image.shape[2] != 3:
        return []
    step = max(1, round(evidence.page.dpi / WORK_DPI))
    scale = 1.0 / step
    redness = cv2.blur(_redness(image[::step, ::step]), (3, 3))  # decimated: seals are large, this is fast
    mask = (redness > 0.25).astype(np.uint8)
    px_per_mm = evidence.page.dpi * scale / 25.4
    k = max(3, int(round(3.0 * px_per_mm)) | 1)  # 3 mm: the ring text, ring and star merge
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    seals: list[Seal] = []
    kept: list[BBox] = []
    for i in np.argsort(-stats[1:, cv2.CC_STAT_AREA]) + 1:  # largest first: a star inside its ring is no seal
        x, y, w, h, _ = stats[i]
        if not (MIN_MM * px_per_mm <= min(w, h) and max(w, h) <= MAX_MM * px_per_mm and max(w, h) <= 2 * min(w, h)):
            continue
        if mask[y:y + h, x:x + w].mean() < MIN_RED_FRACTION:
            continue
        if any(_inside((x, y, w, h), k) for k in kept):
            continue
        kept.append((int(x), int(y), int(w), int(h)))
        original = tuple(int(round(v / scale)) for v in (x, y, w, h))
        full = _redness(_crop(image, original))
        ink = cv2.resize(full, (CROP, CROP), interpolation=cv2.INTER_AREA)
        seals.append(Seal(evidence.number, _to_clean(evidence, original), ink, original))  # type: ignore[arg-type]
    return seals


def seal_reuse(documents: tuple[DocumentEvidence, ...]) -> Iterator[tuple[int, Signal]]:
    """Case method: one seal image on two documents (a paste), scored higher across issuers."""
    found = [(i, s) for i, doc in enumerate(documents) for page in doc.pages for s in find_seals(page)]
    best: dict[tuple[int, int], tuple[float, float, int, Seal, Seal]] = {}
    for a in range(len(found)):
        for b in range(a + 1, len(found)):
            (i, sa), (j, sb) = found[a], found[b]
            if i == j:
                continue
            ncc = _same_print(sa.ink, sb.ink)
            if ncc < MIN_SAME:
                continue
            issuers = (_issuer(documents[i]), _issuer(documents[j]))
            weight = 1.0 if issuers[0] != issuers[1] else SAME_ISSUER_WEIGHT
            score = weight * (1.0 + (ncc - MIN_SAME) / (1.0 - MIN_SAME))
            for doc, mine, other, k in ((i, sa, sb, j), (j, sb, sa, i)):
                key = (doc, id(mine))
                if key not in best or score > best[key][0]:
                    best[key] = (score, ncc, k, mine, other)
    for (doc, _), (score, ncc, other_doc, mine, other) in best.items():
        detail = {"same_print": round(ncc, 4), "other_document": documents[other_doc].path,
                  "other_page": other.page, "other_bbox": list(other.bbox) if other.bbox else None,
                  "issuers": [_issuer(documents[doc]), _issuer(documents[other_doc])]}
        yield doc, Signal(METHOD, round(score, 4), mine.page, mine.bbox, None, detail,
                          Overlay(heatmap=mine.ink, box=mine.bbox))


def _same_print(a: np.ndarray, b: np.ndarray, shift: int = 6) -> float:
    """How far two red-ink maps are one print: the NCC of the maps (searched over +-shift px, the boxes
    being found independently) times the correlation of the ink's strength where both are inked.
    Two impressions of one seal at one angle share the shape but not the uneven inking."""
    if float(a.std()) < 1e-3 or float(b.std()) < 1e-3:
        return 0.0
    padded = cv2.copyMakeBorder(b, shift, shift, shift, shift, cv2.BORDER_CONSTANT, value=0)
    core = a[shift:-shift, shift:-shift]
    scores = cv2.matchTemplate(padded, core, cv2.TM_CCOEFF_NORMED)
    _, ncc, _, (dx, dy) = cv2.minMaxLoc(scores)
    other = padded[dy:dy + core.shape[0], dx:dx + core.shape[1]]
    both = (core > INKED) & (other > INKED)
    if both.sum() < 50:
        return 0.0
    inking = float(np.corrcoef(core[both], other[both])[0, 1])
    return float(ncc) * max(inking, 0.0)


def _redness(bgr: np.ndarray) -> np.ndarray:
    """0..1: how far a pixel is red ink (red well above green and blue), not gray or blue."""
    b, g, r = (bgr[..., c].astype(np.float32) for c in range(3))
    return np.clip((r - np.maximum(g, b)) / 160.0, 0.0, 1.0)


def _crop(image: np.ndarray, box: BBox) -> np.ndarray:
    x, y, w, h = box
    return image[max(0, y):y + h, max(0, x):x + w]


def _to_clean(evidence: PageEvidence, box: BBox, step: int = 4) -> BBox | None:
    """A box on page.image carried onto the clean page (None for a photo, whose warp is not kept).

    The clean-up's geometry (rescale, turn, deskew) is applied to a mask decimated `step` times and
    to a clean page as small: the turn and the deskew do not depend on the scale, and a full-size
    mask would cost more than finding the seals."""
    if evidence.clean.photo:
        return None
    height, width = evidence.page.image.shape[:2]
    mask = np.full(((height + step - 1) // step, (width + step - 1) // step), 255, np.uint8)  # white paper
    x, y, w, h = box
    mask[y // step:(y + h) // step + 1, x // step:(x + w) // step + 1] = 0
    clean_h, clean_w = evidence.clean.image.shape[:2]
    k = max(1, round(step * TARGET_DPI / max(evidence.page.dpi, 1)))  # clean px per mask px
    small_clean = replace(evidence.clean, image=np.empty((clean_h // k, clean_w // k), np.uint8))
    moved = to_clean_geometry(mask, replace(evidence.page, image=mask, dpi=TARGET_DPI), small_clean)
    points = cv2.findNonZero((moved < 128).astype(np.uint8))
    if points is None:
        return None
    bx, by, bw, bh = cv2.boundingRect(points)
    fy, fx = clean_h / moved.shape[0], clean_w / moved.shape[1]
    return (int(bx * fx), int(by * fy), int(round(bw * fx)), int(round(bh * fy)))


def _inside(a: BBox, b: BBox) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]


def _issuer(doc: DocumentEvidence) -> str:
    return ISSUER.get(doc.document.type, f"unknown:{doc.path}")


__all__ = ["METHOD", "Seal", "find_seals", "seal_reuse"]
