"""What build.spec copies of Tesseract into the bundle: the binary, the shared libraries it loads
(all but the C library, which every machine has and which must match its kernel), and the language
data, laid out as `tesseract/{tesseract, lib/, tessdata/}` where inspector.ocr.tesseract looks.

Linux is what CI builds and tests; the macOS and Windows branches follow docs/packaging.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("eng", "chi_sim", "osd")
CONFIG_DIRS = ("configs", "tessconfigs")  # `tesseract ... tsv` reads the config file configs/tsv
BUNDLE_DIR = "tesseract"  # inspector.ocr.tesseract.BUNDLE_DIR

# glibc and the dynamic loader stay the system's (the same list PyInstaller leaves out).
SYSTEM_LIBRARY = re.compile(
    r"^(linux-vdso|linux-gate|ld-linux[-\w.]*|libc|libm|libdl|libpthread|librt|libresolv|libutil"
    r"|libanl|libthread_db|libnss_\w+|libcrypt|libBrokenLocale)\.so"
)
LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)\s+\(0x[0-9a-f]+\)")
LDD_MISSING = re.compile(r"^\s*(\S+)\s+=>\s+not found")


class BundleError(RuntimeError):
    """Tesseract or one of its parts cannot be collected; the message says what to install."""


@dataclass(frozen=True)
class BundleFile:
    """One file to copy: its path inside the bundle and where it comes from."""

    dest: str
    source: Path


def find_tesseract(explicit: str | None = None) -> Path:
    """The Tesseract binary to bundle: explicit (TESSERACT env of make dist) or the one on PATH."""
    found = explicit or shutil.which("tesseract")
    if not found or not Path(found).exists():
        raise BundleError("No Tesseract to bundle: install tesseract-ocr (or set TESSERACT=/path).")
    return Path(found).resolve()


def tessdata_dir(binary: Path) -> Path:
    """The language-data directory the binary itself reports (`--list-langs` names it)."""
    out = _run([str(binary), "--list-langs"])
    match = re.search(r'"([^"]+)"', out)
    if match is None:
        raise BundleError(f"{binary} --list-langs did not name its tessdata directory:\n{out}")
    return Path(match.group(1))


def linux_libraries(binary: Path) -> list[tuple[str, Path]]:
    """(soname, file) of every shared library the binary loads, from ldd, without glibc."""
    out = _run(["ldd", str(binary)])
    missing = [m.group(1) for m in map(LDD_MISSING.match, out.splitlines()) if m]
    if missing:
        raise BundleError(f"{binary} needs libraries this machine lacks: {', '.join(missing)}")
    libs = []
    for match in filter(None, map(LDD_LINE.match, out.splitlines())):
        name, path = match.group(1), Path(match.group(2))
        if not SYSTEM_LIBRARY.match(name):
            libs.append((name, path.resolve()))
    return libs


def macos_libraries(binary: Path) -> list[tuple[str, Path]]:
    """(name, file) of the non-system dylibs the binary loads, followed recursively with otool -L."""
    seen: dict[str, Path] = {}
    todo = [binary]
    while todo:
        out = _run(["otool", "-L", str(todo.pop())])
        for line in out.splitlines()[1:]:
            path = Path(line.strip().split(" (")[0])
            if str(path).startswith(("/usr/lib/", "/System/")) or path.name in seen:
                continue
            seen[path.name] = path.resolve()
            todo.append(path.resolve())
    return sorted(seen.items())


def windows_libraries(binary: Path) -> list[tuple[str, Path]]:
    """The DLLs of a UB Mannheim install: they sit beside tesseract.exe."""
    return [(dll.name, dll) for dll in sorted(binary.parent.glob("*.dll"))]


def bundle_files(binary: Path, languages: tuple[str, ...] = LANGUAGES) -> list[BundleFile]:
    """Every file of the bundled Tesseract, with its destination below the bundle root."""
    data = tessdata_dir(binary)
    absent = [lang for lang in languages if not (data / f"{lang}.traineddata").is_file()]
    if absent:
        packages = " ".join(f"tesseract-ocr-{lang.replace('_', '-')}" for lang in absent)
        raise BundleError(f"No language data for {', '.join(absent)} in {data}: install {packages}")
    files = [BundleFile(f"{BUNDLE_DIR}/{binary.name}", binary)]
    if sys.platform == "win32":  # the exe finds DLLs in its own folder
        files += [BundleFile(f"{BUNDLE_DIR}/{n}", p) for n, p in windows_libraries(binary)]
    else:
        libs = macos_libraries(binary) if sys.platform == "darwin" else linux_libraries(binary)
        files += [BundleFile(f"{BUNDLE_DIR}/lib/{n}", p) for n, p in libs]
    files += [BundleFile(f"{BUNDLE_DIR}/tessdata/{lang}.traineddata", data / f"{lang}.traineddata")
              for lang in languages]
    for sub in CONFIG_DIRS:
        files += [BundleFile(f"{BUNDLE_DIR}/tessdata/{sub}/{f.name}", f)
                  for f in sorted((data / sub).glob("*")) if f.is_file()]
    return files


def as_toc(files: list[BundleFile], collected: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """PyInstaller TOC entries of the files, copied as they are (no analysis, no stripping). A
    library PyInstaller already collected at the bundle root from the same file becomes a relative
    link to it: about 15 MB of libstdc++, OpenSSL, Kerberos and compression libraries are not
    shipped twice. Tesseract still finds all its libraries in its own lib/ folder."""
    root_copies = {os.path.realpath(src): dest for dest, src, kind in collected
                   if kind == "BINARY" and "/" not in dest.replace("\\", "/")}
    toc = []
    for f in files:
        shared = root_copies.get(os.path.realpath(f.source))
        if shared is not None and f.dest.startswith(f"{BUNDLE_DIR}/lib/"):
            toc.append((f.dest, os.path.relpath(shared, os.path.dirname(f.dest)), "SYMLINK"))
        else:
            toc.append((f.dest, str(f.source), "DATA"))
    return toc


def _run(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except OSError as exc:
        raise BundleError(f"{cmd[0]} could not be run ({exc})") from exc
    return out.stdout + out.stderr
