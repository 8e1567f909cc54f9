"""Shared fixtures for engine tests: a data directory whose OCR cache lives for the whole session,
generated cases, and a runner for the `inspector` command line."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from inspector import cli
from tests.pg import case_db_url, pg_server, pg_url  # noqa: F401 - fixtures: the case database on both engines

CONTRACT = Path(__file__).resolve().parents[1] / "contract" / "check-output.schema.json"
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"


@dataclass
class CliRun:
    """What one `inspector` command printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> dict:
        """stdout as the one JSON document the contract promises, validated against the schema."""
        data = json.loads(self.out)
        jsonschema.validate(data, json.loads(CONTRACT.read_text("utf-8")))
        return data


@pytest.fixture(scope="session")
def ocr_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One OCR cache for the session, so the same page is OCR'd once however many tests read it."""
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture
def data_dir(tmp_path: Path, ocr_cache_dir: Path) -> Path:
    """A fresh data directory (new rules and case databases) sharing the session's OCR cache."""
    root = tmp_path / "data"
    (root / "cache").mkdir(parents=True)
    (root / "cache" / "ocr").symlink_to(ocr_cache_dir, target_is_directory=True)
    return root


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run the command line in-process and capture what it printed."""

    def run(*args: str) -> CliRun:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


def sample_files() -> list[str]:
    """The documents of the bundled sample case."""
    return sorted(str(p) for p in SAMPLE_DIR.iterdir() if p.suffix.lower() in {".pdf", ".png", ".jpg", ".tif"})


def copy_sample(dest: Path) -> list[str]:
    """The sample case copied into dest (so tests may add files beside it)."""
    dest.mkdir(parents=True, exist_ok=True)
    return [str(shutil.copy(f, dest)) for f in sample_files()]
