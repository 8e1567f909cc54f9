"""Colours shared by the widgets: severities, lanes and the layers drawn over the pages."""

from __future__ import annotations

from PySide6.QtGui import QColor

from inspector.models import Lane, Severity

SEVERITY_COLOURS: dict[str, QColor] = {
    Severity.CRITICAL: QColor("#8e0000"),
    Severity.HIGH: QColor("#d32f2f"),
    Severity.MEDIUM: QColor("#ef6c00"),
    Severity.LOW: QColor("#c9a100"),
    Severity.INFO: QColor("#1565c0"),
}

LANE_COLOURS: dict[str, tuple[str, str]] = {  # background, text
    Lane.GREEN: ("#2e7d32", "#ffffff"),
    Lane.YELLOW: ("#f9c800", "#202020"),
    Lane.RED: ("#c62828", "#ffffff"),
}
NEUTRAL_BANNER = ("#eceff1", "#37474f")
ERROR_BANNER = ("#fde0dc", "#8e0000")
FOCUS_COLOUR = QColor("#00b8d4")  # the frame around the chosen finding's box
OTHER_COLOUR = QColor("#aa00ff")  # the value a finding compares with; forensic match lines
WORD_COLOUR = QColor(0, 150, 136, 160)  # OCR word boxes
HEAT_RGB = (255, 23, 68)  # the forensic heat-map's colour; its strength is the alpha
CORRECTED_COLOUR = QColor("#6a1b9a")  # a field value an inspector corrected


def severity_colour(severity: str) -> QColor:
    """The colour of a severity, grey for one we do not know."""
    return QColor(SEVERITY_COLOURS.get(severity, QColor("#757575")))
