"""Recognise a file's type from its first bytes, never from its extension."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from inspector.errors import InputUnreadableError

SUPPORTED = "Inspector reads PDF, TIFF, PNG and JPEG"


class FileKind(StrEnum):
    """The file types intake can decode."""

    PDF = "PDF"
    TIFF = "TIFF"
    PNG = "PNG"
    JPEG = "JPEG"


_IMAGE_MAGIC: tuple[tuple[bytes, FileKind], ...] = (
    (b"\x89PNG\r\n\x1a\n", FileKind.PNG),
    (b"\xff\xd8\xff", FileKind.JPEG),
    (b"II*\x00", FileKind.TIFF),
    (b"MM\x00*", FileKind.TIFF),
    (b"II+\x00", FileKind.TIFF),  # BigTIFF
    (b"MM\x00+", FileKind.TIFF),
)

# Recognised but unsupported formats: magic bytes and what to call them.
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"{\\rtf", "an RTF document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)


def sniff(head: bytes, path: str) -> FileKind:
    """The kind of a file from its first bytes; raises InputUnreadableError for anything else."""
    if not head:
        raise InputUnreadableError("The file is empty (0 bytes).")
    pdf_at = head.find(b"%PDF-")
    if 0 <= pdf_at < 1024:
        return FileKind.PDF
    for magic, kind in _IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    raise InputUnreadableError(_unsupported_message(head, path))


def _describe_other(head: bytes) -> str | None:
    """What an unsupported file is, when we can tell."""
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            return what
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return "an HEIC photo; export it as JPEG"
    if _looks_like_text(head):
        return "plain text"
    return None


def _looks_like_text(head: bytes) -> bool:
    """Whether the bytes decode as mostly printable UTF-8 text."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a multi-byte character cut at the end
            return False
        text = head[: exc.start].decode("utf-8")
    printable = sum(ch.isprintable() or ch in "\r\n\t\f" for ch in text)
    return printable >= 0.95 * max(len(text), 1)


def _unsupported_message(head: bytes, path: str) -> str:
    """One sentence telling the inspector what the file is and what we read instead."""
    what = _describe_other(head)
    if what is None:
        return f"This file is not a PDF or image (it starts with random bytes); {SUPPORTED}."
    ext = Path(path).suffix.lower()
    label = f"File type {ext}" if ext else "This file type"
    return f"{label} is not supported (it is {what}); {SUPPORTED}."
