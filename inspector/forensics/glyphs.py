"""Glyph consistency: characters of a figure printed in another size, stroke, ink or baseline.

A forger who changes a weight or a value types the new digits with whatever font, size and printer
is at hand. Two traces follow, both measured on the characters of the page's figures
(`textmeasure`: connected components of the clean page inside each value box and numeric OCR word):

- within a figure (a digit retyped over the old one, `digit_overwrite`): one or two characters
  whose ink darkness, baseline, top or stroke width differ from those of the other characters of
  the same figure;
- between figures (a whole value retyped on correction tape, `whiteout_retype`): a figure whose ink
  differs from that of the page's other figures of the same character height and stroke width (the
  size and weight class: bold prints darker under blur, so bold totals are compared with bold).

Every deviation is measured robustly (median and MAD) and divided by the page's own spread of the
same quantity, pooled over all its figures (the scan's jitter: blur, JPEG, threshold), with a floor,
so that a score means "this many times the page's own noise" on any scan. A figure's score is its
strongest deviation; one signal per figure, only for figures that stand out.

Characters are read against the OCR text: only digits and capitals count (their tops and bottoms
are the cap line and baseline), and a figure whose text and characters disagree in number (a
Chinese character read as a digit) is not measured.

Quiet by design on: headings and bold totals (compared only with figures of their size and weight,
and a bold figure is bold in every character), stamps across text (a merged blob is not a
character; ink is the mean of each character's darkest quarter, which a stamp's tint does not
lighten), JPEG re-compression (the page's spread grows with it), 200-dpi scans (the floors of
positions and strokes grow with the scan's coarser pixel), a letter prefix of a number
("LIC-2026-001293": digits are compared with digits), a unit character OCR read as a digit ("4800个"
read "48007": a "digit" of no digit's proportions is left out) and a value box that spans its bold
label (only the words after the label's colon are measured). On fax-like, thresholded scans the
method abstains: no ink tone is left and shapes are quantised to the fax's pixels.

Figures (t77 corpus, threshold at 1% of genuine documents): digit_overwrite 30/40, whiteout_retype
21/40, splice 17/40 (the pasted block's other ink), copy_move 0/40 (a copy is the page's own print:
by design not seen here); about 11 ms CPU a page with the measurement shared with alignment.

Limits: a value retyped in the same font, size and ink as the page is invisible here (alignment may
still see it); figures of fewer than three characters give no within-figure evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from inspector.forensics.base import PageEvidence, Signal
from inspector.forensics.original import gray, original_scale, thresholded
from inspector.forensics.textmeasure import Figure, digit_mask, measure_page
from inspector.models import Overlay

METHOD = "glyph"
# Floors of the page's spread (1.4826 MAD) per quantity: below them, scans are not that exact.
FLOOR = {"ink": 6.0, "bottom": 0.6, "top": 0.6, "stroke": 0.18}
MIN_CHARS = 3  # characters a figure needs for within-figure evidence
MIN_PEERS = 3  # figures of the same size a figure needs for between-figure evidence
SIZE_CLASS = 0.12  # figures within 12% of each other's character height are of one size
WEIGHT_CLASS = 0.15  # and within 15% of each other's stroke width of one weight (bold apart)
REPORT = 3.0  # figures below this score are not reported (the calibrated threshold is higher)


@dataclass(frozen=True)
class Deviation:
    """How far a figure stands out: its score, the quantity and per-character scores."""

    score: float
    kind: str  # "within" (one character) or "between" (the whole figure)
    quantity: str
    per_char: np.ndarray


def _mad(x: np.ndarray) -> float:
    return float(1.4826 * np.median(np.abs(x - np.median(x)))) if x.size else 0.0


def within_residuals(fig: Figure) -> dict[str, np.ndarray]:
    """Each character's difference from the median of its own figure, per quantity; digits only when
    the figure has enough of them, else digits and capitals (0 for the others: a descender, a bracket, a per cent sign's thin rings). Empty
    for a figure of fewer than MIN_CHARS digits and capitals."""
    if fig.level.sum() < MIN_CHARS:
        return {}
    level = fig.level
    digits = level & digit_mask(fig.text, fig.n)
    if digits.sum() >= MIN_CHARS:
        level = digits  # a letter prefix ("LIC-2026-001293") is drawn with other strokes: digits against digits
    values = np.stack([fig.ink, fig.bottom, fig.top, fig.stroke])  # in FLOOR's order
    med = np.median(values[:, level], axis=1, keepdims=True)
    res = np.where(level, values - med, 0.0)
    return dict(zip(FLOOR, res, strict=True))


def page_spread(residuals: list[dict[str, np.ndarray]], scale: float = 1.0) -> dict[str, float]:
    """The page's own within-figure spread per quantity (pooled MAD of the figures' residuals, floored).
    `scale` is original pixels per clean pixel: a 200-dpi scan's pixel is 1.5 clean pixels, and its
    positions and strokes are that much coarser, so their floors grow by 1/scale."""
    pooled: dict[str, list[np.ndarray]] = {q: [r[q] for r in residuals] for q in FLOOR}
    out = {}
    for q, floor in FLOOR.items():
        floor = floor if q == "ink" else floor / min(1.0, scale)
        r = np.concatenate(pooled[q]) if pooled[q] else np.zeros(0)
        out[q] = max(floor, float(1.4826 * np.median(np.abs(r))) if r.size else 0.0)
    return out


def within(residuals: dict[str, np.ndarray], spread: dict[str, float]) -> Deviation | None:
    """The character of a figure that differs most from the others of the same figure."""
    if not residuals:
        return None
    z = {q: np.abs(r) / spread[q] for q, r in residuals.items()}
    # a retyped digit changes its ink, its place and its size together: the two strongest count
    stack = np.sort(np.stack(list(z.values())), axis=0)
    per_char = np.sqrt((stack[-1] ** 2 + stack[-2] ** 2) / 2)
    i = int(np.argmax(per_char))
    quantity = max(z, key=lambda q: z[q][i])
    return Deviation(float(per_char[i]), "within", quantity, per_char)


def between(i: int, table: np.ndarray, n_chars: int) -> Deviation | None:
    """How far figure i's ink lies from that of the page's other figures of its size (ink only:
    stroke differs legitimately, bold totals and headings of the same size).
    `table` holds per figure: character height, median ink, the standard error of that median (a
    figure whose own characters vary in ink, small blurred print, has an uncertain ink), median stroke."""
    h = table[i, 0]
    if np.isnan(h):
        return None
    # of its size and weight (bold prints darker under blur); NaN rows (short figures) are never peers
    peers = (np.abs(table[:, 0] - h) <= SIZE_CLASS * h) & (np.abs(table[:, 3] - table[i, 3]) <= WEIGHT_CLASS * table[i, 3])
    peers[i] = False
    if peers.sum() < MIN_PEERS:
        return None
    values = table[peers, 1]
    spread = float(np.hypot(max(_mad(values), FLOOR["ink"]), table[i, 2]))
    z = abs(table[i, 1] - float(np.median(values))) / spread
    return Deviation(z, "between", "ink", np.full(n_chars, z))


def _overlay(fig: Figure, dev: Deviation) -> Overlay:
    """A heat-map over the figure's box: each character's column band lit by its deviation."""
    x, y, w, h = fig.bbox
    scale = min(1.0, 256 / max(w, h, 1))
    heat = np.zeros((max(1, round(h * scale)), max(1, round(w * scale))), np.float32)
    top = max(dev.score, 1e-6)
    for x0, x1, v in zip(fig.x0, fig.x1, dev.per_char, strict=True):
        a, b = int((x0 - x) * scale), int(np.ceil((x1 - x) * scale))
        heat[:, max(0, a):max(0, b)] = min(1.0, float(v) / top)
    return Overlay(heatmap=heat, box=fig.bbox)


def glyph(ev: PageEvidence) -> Iterator[Signal]:
    """One signal per figure whose characters stand out from their figure or from the page's figures."""
    if thresholded(gray(ev.page.image[::7, ::7])):
        return  # a fax or bilevel scan: no ink tone, and shapes quantised to its own coarse pixels
    figs = measure_page(ev)
    if not figs:
        return
    residuals = [within_residuals(f) for f in figs]
    spread = page_spread([r for r in residuals if r], original_scale(ev))
    table = np.array([(f.height, np.median(f.ink[f.level]), np.std(f.ink[f.level]) / np.sqrt(f.level.sum()),
                       np.median(f.stroke[f.level]))
                      if f.level.sum() >= MIN_CHARS else (np.nan,) * 4 for f in figs])
    for i, fig in enumerate(figs):
        found = [d for d in (within(residuals[i], spread), between(i, table, fig.n)) if d is not None]
        if not found:
            continue
        dev = max(found, key=lambda d: d.score)
        if dev.score < REPORT:
            continue
        detail = {"kind": dev.kind, "quantity": dev.quantity, "text": fig.text,
                  "per_char": [round(float(v), 2) for v in dev.per_char],
                  "page_spread": {q: round(v, 3) for q, v in spread.items()}}
        yield Signal(METHOD, round(dev.score, 3), ev.number, fig.bbox, fig.field, detail, _overlay(fig, dev))


__all__ = ["between", "glyph", "page_spread", "within", "within_residuals"]
