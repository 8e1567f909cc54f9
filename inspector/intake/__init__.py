"""Intake: turn a PDF, TIFF, PNG or JPEG file into decoded pages."""

from __future__ import annotations

from inspector.intake.load import load_pages

__all__ = ["load_pages"]
