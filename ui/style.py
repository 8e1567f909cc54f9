"""Colours shared by the widgets: severities and lanes."""

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
FOCUS_COLOUR = QColor("#00b8d4")


def severity_colour(severity: str) -> QColor:
    """The colour of a severity, grey for one we do not know."""
    return QColor(SEVERITY_COLOURS.get(severity, QColor("#757575")))
