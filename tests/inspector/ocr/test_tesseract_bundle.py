"""The Tesseract of a frozen bundle (build.spec lays out `tesseract/{tesseract, lib/, tessdata/}`):
found before the system's, run with its own tessdata and libraries only; a system Tesseract started
from a frozen app gets the user's library path back. Frozen is simulated with `sys.frozen` and
`sys._MEIPASS`, as PyInstaller sets them."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector.ocr.tesseract import Tesseract, TesseractArgs, image_to_words, probe

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LANGS = 'List of available languages in "/x/" (3):\neng\nchi_sim\nosd'


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A simulated bundle root (`sys._MEIPASS`) with an empty PATH, so no system Tesseract is found."""
    root = tmp_path / "_internal"
    root.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(root), raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    probe.cache_clear()
    yield root
    probe.cache_clear()


def _system_tessdata(binary: str) -> Path:
    out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, check=False)
    return Path(re.search(r'"([^"]+)"', out.stdout + out.stderr).group(1))


def _fake_tesseract(path: Path, record: Path) -> None:
    """A Tesseract that answers the probe and records the environment of every page run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\ncase \"$*\" in\n"
        "  *--version*) echo 'tesseract 5.3.0' ;;\n"
        f"  *--list-langs*) printf '{LANGS}\\n' ;;\n"
        f"  *) echo \"$LD_LIBRARY_PATH|${{TESSDATA_PREFIX-unset}}|$OMP_THREAD_LIMIT|$*\" > {record} ;;\n"
        "esac\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_frozen_app_reads_with_the_bundled_tesseract(frozen: Path) -> None:
    base = frozen / "tesseract"
    (base / "lib").mkdir(parents=True)
    system = shutil.which("tesseract", path="/usr/bin:/usr/local/bin")
    (base / "tesseract").symlink_to(system)
    (base / "tessdata").symlink_to(_system_tessdata(system), target_is_directory=True)
    tess = probe()
    assert tess.binary == base / "tesseract"
    assert tess.tessdata_dir == base / "tessdata" and tess.library_dir == base / "lib"
    assert {"eng", "chi_sim", "osd"} <= tess.languages
    img = Image.new("L", (1600, 400), 255)
    ImageDraw.Draw(img).text((100, 150), "GALLIUM METAL 4,850.00 KGS", font=ImageFont.truetype(FONT, 48))
    words = [w.text for w in image_to_words(tess, np.array(img), TesseractArgs(lang="eng"))]
    assert "GALLIUM" in words and "4,850.00" in words


def test_bundled_tesseract_gets_its_own_libraries_and_tessdata_only(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "env.txt"
    _fake_tesseract(frozen / "tesseract" / "tesseract", record)
    (frozen / "tesseract" / "lib").mkdir()
    (frozen / "tesseract" / "tessdata").mkdir()
    monkeypatch.setenv("LD_LIBRARY_PATH", str(frozen))  # what PyInstaller's bootloader sets
    monkeypatch.setenv("TESSDATA_PREFIX", "/somewhere/else")
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    image_to_words(probe(), np.full((50, 50), 255, np.uint8), TesseractArgs(lang="eng"))
    libs, prefix, threads, args = record.read_text().strip().split("|")
    assert sys.platform != "linux" or libs == str(frozen / "tesseract" / "lib")
    assert prefix == "unset" and threads == "1"
    assert f"--tessdata-dir {frozen / 'tesseract' / 'tessdata'}" in args


@pytest.mark.parametrize(("original", "expected"), [("/opt/site/lib", "/opt/site/lib"), (None, None)])
def test_system_tesseract_from_a_frozen_app_gets_the_users_library_path(
    frozen: Path, monkeypatch: pytest.MonkeyPatch, original: str | None, expected: str | None
) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", str(frozen))
    if original is None:
        monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    else:
        monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", original)
    env = Tesseract(Path("/usr/bin/tesseract"), None, "5.3.0", frozenset({"eng"})).env()
    assert env.get("LD_LIBRARY_PATH") == expected
    assert "LD_LIBRARY_PATH_ORIG" not in env


def test_outside_a_bundle_the_library_path_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/custom/lib")
    env = Tesseract(Path("/usr/bin/tesseract"), None, "5.3.0", frozenset({"eng"})).env()
    assert env["LD_LIBRARY_PATH"] == "/opt/custom/lib"
