"""The engine's settings: declared once, read by the CLI and the desktop app."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from inspector.paths import DataPaths, data_paths


def default_workers() -> int:
    """One OCR worker per core."""
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Tolerances:
    """Tolerances the checks apply; documented in docs/risk.md."""

    weight_relative: float = 0.005  # 0.5 % between documents
    weight_absolute_kg: float = 1.0
    sum_relative: float = 0.001  # items vs total on one paper: 0.1 % (+ rounding, see checks/weights.py)
    low_confidence: float = 0.60  # field confidence below this is OCR_LOW_CONFIDENCE
    max_kg_per_package: float = 3000.0  # above this per package is implausible
    min_kg_per_package: float = 0.05
    value_low_factor: float = 0.5  # VALUE_OUTLIER below this x the reference range's low end (under-valued)
    value_high_factor: float = 2.0  # ... or above this x its high end (over-valued)


@dataclass(frozen=True)
class Config:
    """Everything the engine needs to run one check."""

    data: DataPaths = field(default_factory=data_paths)
    languages: str = "eng+chi_sim"
    workers: int = field(default_factory=default_workers)
    save: bool = True
    use_ocr_cache: bool = True
    tesseract_cmd: Path | None = None  # None: bundled, then PATH
    tessdata_dir: Path | None = None  # None: bundled, then Tesseract's default
    tolerances: Tolerances = field(default_factory=Tolerances)
