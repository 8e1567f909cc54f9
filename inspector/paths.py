"""The one place that resolves paths: bundled resources and the per-user data directory."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "inspector"


def is_frozen() -> bool:
    """Whether we run from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path | None:
    """The unpacked bundle directory when frozen, else None. Nothing is ever written there."""
    return Path(sys._MEIPASS) if is_frozen() else None  # type: ignore[attr-defined]


def resources_dir() -> Path:
    """Directory of the shipped resources (seed rules data, icons, sample case)."""
    override = os.environ.get("INSPECTOR_RESOURCES")
    if override:
        return Path(override)
    root = bundle_root()
    if root is not None:
        return root / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one shipped resource file."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    """The platform's per-user data directory for databases, cache and logs."""
    override = os.environ.get("INSPECTOR_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """Where the engine keeps what it writes, below one data directory."""

    root: Path

    @property
    def rules_db(self) -> Path:
        """The rules database (reference data, re-seedable)."""
        return self.root / "rules.sqlite"

    @property
    def cases_db(self) -> Path:
        """The case database (the inspectors' records; never overwritten)."""
        return self.root / "cases.sqlite"

    @property
    def ocr_cache(self) -> Path:
        """Cache of OCR results keyed by page-image hash."""
        return self.root / "cache" / "ocr"

    @property
    def forensic_thresholds(self) -> Path:
        """The office's own forensic thresholds (`inspector forensics calibrate`); the shipped ones otherwise."""
        return self.root / "forensics" / "thresholds.json"

    @property
    def logs(self) -> Path:
        """Log files."""
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        """Create the directories and return self."""
        for p in (self.root, self.ocr_cache, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self


def data_paths(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """DataPaths for an explicit directory or the default per-user one."""
    return DataPaths(Path(data_dir) if data_dir else default_data_dir())
