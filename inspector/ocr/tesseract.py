"""The one module that owns Tesseract: find it, probe it once, run it on a page."""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from inspector.errors import MissingDependencyError, OcrError
from inspector.models import Word
from inspector.paths import bundle_root, is_frozen

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with: sudo apt install tesseract-ocr tesseract-ocr-chi-sim"
PAGE_TIMEOUT_S = 180
BUNDLE_DIR = "tesseract"  # below the bundle root
LIBRARY_PATH_VAR = {"linux": "LD_LIBRARY_PATH", "darwin": "DYLD_LIBRARY_PATH"}


@dataclass(frozen=True)
class TesseractArgs:
    """How to call Tesseract for one page."""

    lang: str = "eng+chi_sim"
    psm: int = 3
    oem: int = 1
    dpi: int = 300
    whitelist: str | None = None  # only these characters may be read (targeted re-reads)


@dataclass(frozen=True)
class Tesseract:
    """A probed Tesseract installation: binary, tessdata, version, languages."""

    binary: Path
    tessdata_dir: Path | None
    version: str
    languages: frozenset[str]
    library_dir: Path | None = None  # the bundled binary's own shared libraries

    def env(self) -> dict[str, str]:
        """Environment for every Tesseract process: one OpenMP thread (4-5x faster on 2 cores),
        tessdata passed on the command line only, and the right shared libraries."""
        env = dict(os.environ)
        env["OMP_THREAD_LIMIT"] = "1"
        env.pop("TESSDATA_PREFIX", None)
        _set_library_path(env, self.library_dir)
        return env

    def base_cmd(self) -> list[str]:
        """Binary plus the explicit tessdata directory, if any."""
        cmd = [str(self.binary)]
        if self.tessdata_dir is not None:
            cmd += ["--tessdata-dir", str(self.tessdata_dir)]
        return cmd

    def require_languages(self, lang: str) -> None:
        """Raise MissingDependencyError if a language of `lang` (e.g. eng+chi_sim) is missing."""
        missing = [code for code in lang.split("+") if code not in self.languages]
        if missing:
            packages = " ".join(f"tesseract-ocr-{m.replace('_', '-')}" for m in missing)
            raise MissingDependencyError(
                f"Tesseract has no language data for {', '.join(missing)}: "
                f"install it with: sudo apt install {packages}"
            )


@dataclass(frozen=True)
class BundledTesseract:
    """Where a frozen bundle keeps Tesseract: `tesseract/` with the binary, `tessdata/` and `lib/`."""

    binary: Path
    tessdata_dir: Path | None
    library_dir: Path | None


def _bundled() -> BundledTesseract | None:
    """The Tesseract shipped inside a frozen bundle, if any (build.spec lays it out)."""
    root = bundle_root()
    if root is None:
        return None
    base = root / BUNDLE_DIR
    binary = base / ("tesseract.exe" if os.name == "nt" else "tesseract")
    if not binary.exists():
        return None
    tessdata, libs = base / "tessdata", base / "lib"
    return BundledTesseract(
        binary, tessdata if tessdata.is_dir() else None, libs if libs.is_dir() else None
    )


def _set_library_path(env: dict[str, str], library_dir: Path | None) -> None:
    """The bundled binary loads only its own libraries. A system Tesseract started from a frozen
    app gets the library path the user had: PyInstaller's bootloader points the variable at the
    bundle and keeps the original in `<VAR>_ORIG` (unset when there was none)."""
    var = LIBRARY_PATH_VAR.get(sys.platform)
    if var is None:  # Windows finds the DLLs beside tesseract.exe
        return
    if library_dir is not None:
        env[var] = str(library_dir)
    elif is_frozen():
        original = env.pop(f"{var}_ORIG", None)
        if original is None:
            env.pop(var, None)
        else:
            env[var] = original


def find_binary(explicit: Path | None = None) -> Path:
    """The Tesseract binary: explicit, then bundled, then on PATH."""
    if explicit is not None:
        if explicit.exists():
            return explicit
        raise MissingDependencyError(f"Tesseract was not found at {explicit}: {INSTALL_HINT}")
    bundled = _bundled()
    if bundled is not None:
        return bundled.binary
    found = shutil.which("tesseract")
    if found is None:
        raise MissingDependencyError(f"Tesseract OCR is not installed: {INSTALL_HINT}")
    return Path(found)


def _run_probe(cmd: list[str], env: dict[str, str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, env=env, timeout=30, check=False)
    except OSError as exc:
        raise MissingDependencyError(f"Tesseract could not be started ({exc}): {INSTALL_HINT}") from exc
    return (out.stdout + out.stderr).decode("utf-8", "replace")


@functools.lru_cache(maxsize=8)
def probe(explicit_binary: Path | None = None, tessdata_dir: Path | None = None) -> Tesseract:
    """Find Tesseract and read its version and languages; done once per process and location."""
    binary = find_binary(explicit_binary)
    bundled = _bundled()
    own = bundled if bundled is not None and bundled.binary == binary else None
    tessdata = tessdata_dir or (own.tessdata_dir if own else None)
    libs = own.library_dir if own else None
    stub = Tesseract(binary, tessdata, "", frozenset(), libs)
    version_text = _run_probe([*stub.base_cmd(), "--version"], stub.env())
    match = re.search(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", version_text)
    if match is None:
        raise MissingDependencyError(f"{binary} does not look like Tesseract: {INSTALL_HINT}")
    langs_text = _run_probe([*stub.base_cmd(), "--list-langs"], stub.env())
    langs = frozenset(line.strip() for line in langs_text.splitlines()[1:] if line.strip())
    log.info("Tesseract %s at %s with %s", match.group(1), binary, sorted(langs))
    return Tesseract(binary, tessdata, match.group(1), langs, libs)


def _write_temp_image(image: np.ndarray, directory: str) -> str:
    """Write an uncompressed image Tesseract reads fast: BMP encodes in a few ms, and Leptonica
    reads it as fast as a PNG (its PNM reader costs about 0.1 s more per A4 page)."""
    path = os.path.join(directory, "page.bmp")
    if not cv2.imwrite(path, image):
        raise OcrError("The page image could not be handed to Tesseract.")
    return path


def _run(tess: Tesseract, image: np.ndarray, extra: list[str]) -> str:
    """Run Tesseract on an image with extra arguments; return its stdout as text."""
    with tempfile.TemporaryDirectory(prefix="inspector-ocr-") as tmp:
        src = _write_temp_image(image, tmp)
        cmd = [*tess.base_cmd(), src, "stdout", *extra]
        try:
            out = subprocess.run(
                cmd, capture_output=True, env=tess.env(), timeout=PAGE_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"Tesseract took longer than {PAGE_TIMEOUT_S} s on a page.") from exc
    if out.returncode != 0:
        detail = out.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OcrError(f"Tesseract failed on a page: {detail[0]}")
    return out.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[Word]:
    """Words from Tesseract's TSV output (level-5 rows with text); a malformed row (a stray carriage
    return or a non-number where a number belongs) costs that row, never the page."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            words.append(Word(text, float(row["conf"]), box, int(row["block_num"]), int(row["par_num"]),
                              int(row["line_num"])))
        except (KeyError, TypeError, ValueError):
            log.debug("malformed TSV row skipped: %r", row)
    return words


def image_to_words(tess: Tesseract, image: np.ndarray, args: TesseractArgs) -> list[Word]:
    """OCR one page: words with boxes, confidences and line identities."""
    tess.require_languages(args.lang)
    extra = ["-l", args.lang, "--psm", str(args.psm), "--oem", str(args.oem), "--dpi", str(args.dpi),
             "-c", "preserve_interword_spaces=1"]
    if args.whitelist:
        extra += ["-c", f"tessedit_char_whitelist={args.whitelist}"]
    return parse_tsv(_run(tess, image, [*extra, "tsv"]))


def detect_rotation(tess: Tesseract, image: np.ndarray) -> int:
    """Clockwise degrees (0, 90, 180, 270) that make the page upright, from Tesseract OSD."""
    if "osd" not in tess.languages:
        return 0
    try:
        text = _run(tess, image, ["--psm", "0", "-l", "osd", "--dpi", "300"])
    except OcrError:  # too little text to decide: leave the page as it is
        return 0
    rotate = re.search(r"Rotate:\s*(\d+)", text)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
    if rotate is None or conf is None or float(conf.group(1)) < 1.5:
        return 0
    return int(rotate.group(1)) % 360
