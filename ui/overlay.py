"""A finding's forensic overlay (the engine's Overlay of the Signal behind it) made drawable: the
heat-map as a translucent colour image, the match lines as they are."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QImage

from inspector.models import BBox, CaseResult, Finding, Overlay, Signal
from ui.style import HEAT_RGB

HEAT_MAX_ALPHA = 170  # the strongest heat still lets the text under it show


@dataclass(frozen=True)
class OverlayImage:
    """What the viewer draws: a heat-map image stretched over `box` (the whole page when None)
    and lines (x1, y1, x2, y2) in page pixels."""

    heatmap: QImage | None
    box: BBox | None
    lines: tuple[tuple[int, int, int, int], ...]


def finding_signal(result: CaseResult, finding: Finding) -> Signal | None:
    """The forensic signal a finding was made from: same document, page and box (and method when the
    finding names one). None for findings of other checks, or a case reopened from the database
    (signals are not recorded)."""
    if finding.document is None or not 0 <= finding.document < len(result.documents):
        return None
    method = finding.evidence.get("method")
    for signal in result.documents[finding.document].signals:
        same_place = signal.page == finding.page and signal.bbox == finding.bbox
        if same_place and (method is None or signal.method == method):
            return signal
    return None


def finding_overlay(result: CaseResult, finding: Finding) -> OverlayImage | None:
    """The drawable overlay of a finding's signal, None when it has none."""
    signal = finding_signal(result, finding)
    if signal is None or signal.overlay is None:
        return None
    return overlay_image(signal.overlay)


def overlay_image(overlay: Overlay) -> OverlayImage:
    """Convert an engine Overlay: heat 0..1 becomes the alpha of one warning colour."""
    heat = None if overlay.heatmap is None else heat_image(overlay.heatmap)
    lines = tuple(tuple(int(v) for v in line) for line in overlay.lines)
    return OverlayImage(heat, overlay.box, lines)  # type: ignore[arg-type]


def heat_image(heatmap: np.ndarray) -> QImage:
    """An RGBA image of one colour whose opacity follows the heat (values clipped to 0..1)."""
    heat = np.clip(np.nan_to_num(np.asarray(heatmap, dtype=np.float32)), 0.0, 1.0)
    if heat.ndim != 2 or heat.size == 0:
        raise ValueError(f"expected a 2-D heat-map, got shape {heat.shape}")
    rgba = np.empty((*heat.shape, 4), np.uint8)
    rgba[..., :3] = HEAT_RGB
    rgba[..., 3] = (heat * HEAT_MAX_ALPHA).astype(np.uint8)
    height, width = heat.shape
    image = QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: `rgba` goes when we return
