"""The one place that resolves paths: bundled resources and the per-user data directory."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
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
    """Where the engine keeps what it writes, below one data directory; with a passphrase, the case
    database there is encrypted under it (SQLCipher, `inspector.db.cipher`). `case_db`, a database URL
    (a coordination centre's PostgreSQL, docs/centre.md), stands in for the SQLite case database of the
    directory; everything else (rules, originals, keys, cache, logs) stays in the directory."""

    root: Path
    passphrase: str | None = field(default=None, repr=False, compare=False)
    case_db: str | None = field(default=None, repr=False)  # may carry a password: never shown

    @property
    def rules_db(self) -> Path:
        """The rules database (reference data, re-seedable)."""
        return self.root / "rules.sqlite"

    @property
    def cases_db(self) -> Path:
        """The case database (the inspectors' records; never overwritten)."""
        return self.root / "cases.sqlite"

    @property
    def case_db_url(self) -> str:
        """The case database as a SQLAlchemy URL: `case_db` when set, else the SQLite file `cases_db`."""
        return self.case_db or f"sqlite:///{self.cases_db}"

    @property
    def case_db_is_file(self) -> bool:
        """Whether the case database is the SQLite file of the directory (not a server's database)."""
        return not self.case_db or self.case_db.startswith("sqlite")

    def case_db_exists(self) -> bool:
        """Whether there is a case database to open: a server's is taken to exist, a file must."""
        if not self.case_db_is_file:
            return True
        from sqlalchemy.engine import make_url

        return Path(make_url(self.case_db_url).database or "").exists()

    def case_db_shown(self) -> str:
        """The case database for messages: the file, or the URL without its password."""
        if not self.case_db:
            return str(self.cases_db)
        from sqlalchemy.engine import make_url

        return make_url(self.case_db).render_as_string(hide_password=True)

    @property
    def ocr_cache(self) -> Path:
        """Cache of OCR results keyed by page-image hash."""
        return self.root / "cache" / "ocr"

    @property
    def forensic_thresholds(self) -> Path:
        """The office's own forensic thresholds (`inspector forensics calibrate`); the shipped ones otherwise."""
        return self.root / "forensics" / "thresholds.json"

    @property
    def journal(self) -> Path:
        """Markers of the checks under way (`inspector.journal`); one left behind is an interrupted check."""
        return self.root / "journal"

    @property
    def logs(self) -> Path:
        """Log files."""
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        """Create the directories and return self."""
        for p in (self.root, self.ocr_cache, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self


PASSPHRASE_ENV = "INSPECTOR_PASSPHRASE"
CASE_DB_ENV = "INSPECTOR_CASE_DB"


def data_paths(data_dir: str | os.PathLike[str] | None = None, passphrase: str | None = None,
               case_db: str | None = None) -> DataPaths:
    """DataPaths for an explicit directory or the default per-user one; the case database passphrase is
    the one given, else $INSPECTOR_PASSPHRASE, else none (a database in clear); the case database is
    the URL given, else $INSPECTOR_CASE_DB, else the SQLite file of the directory."""
    secret = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV) or None
    url = case_db or os.environ.get(CASE_DB_ENV) or None
    return DataPaths(Path(data_dir) if data_dir else default_data_dir(), secret, url)
