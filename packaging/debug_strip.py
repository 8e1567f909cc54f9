"""Debug information out of the collected binaries (build.spec, Linux): the Python runtime alone
carries about 30 MB of it (libpython, lib-dynload, some extension modules), which the laptops never
use. Only `strip --strip-debug` (symbols stay), and never on libraries that auditwheel vendored into
a wheel's `*.libs/` folder: those were rewritten by patchelf, and strip can break such files.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def has_debug_info(path: Path) -> bool:
    """Whether a 64-bit little-endian ELF file has `.debug_*` sections (False for anything else)."""
    with path.open("rb") as fh:
        header = fh.read(64)
        if len(header) < 64 or header[:4] != ELF_MAGIC or header[4] != 2 or header[5] != 1:
            return False
        shoff, = struct.unpack_from("<Q", header, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", header, 0x3A)
        if shoff == 0 or shnum == 0 or shstrndx >= shnum:
            return False
        fh.seek(shoff)
        table = fh.read(shentsize * shnum)
        names_off, names_size = struct.unpack_from("<QQ", table, shstrndx * shentsize + 0x18)
        fh.seek(names_off)
        names = fh.read(names_size)
    return b"\0.debug_" in names or names.startswith(b".debug_")


def strippable(dest: str, source: Path) -> bool:
    """A collected binary worth stripping: has debug info and was not vendored by auditwheel."""
    vendored = any(part.endswith(".libs") for part in Path(dest).parts[:-1])
    return not vendored and source.is_file() and has_debug_info(source)


def strip_debug(toc: list[tuple[str, str, str]], workdir: Path) -> list[tuple[str, str, str]]:
    """The TOC with stripped copies (made in workdir, reused while the source is unchanged) in place
    of the binaries that carry debug information."""
    tool = shutil.which("strip")
    if tool is None:
        return toc
    out = []
    for dest, source, typecode in toc:
        src = Path(source)
        if typecode in ("BINARY", "EXTENSION") and strippable(dest, src):
            copy = workdir / "stripped" / dest
            if not copy.exists() or copy.stat().st_mtime < src.stat().st_mtime:
                copy.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run([tool, "--strip-debug", "-o", str(copy), str(src)], check=True)
            source = str(copy)
        out.append((dest, source, typecode))
    return out
