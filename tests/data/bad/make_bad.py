"""Generate the corpus of bad input files the intake must refuse (used by test fixtures).

Run `python tests/data/bad/make_bad.py OUTDIR` to write them to a folder for manual trials;
the tests create them in a temporary directory instead, so nothing binary is committed.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4_300DPI = (2480, 3508)
# The padding string of the PDF Standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def text_page(lines: int = 12, size: tuple[int, int] = A4_300DPI) -> Image.Image:
    """A white grayscale page with some lines of invoice-like text."""
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    for i in range(lines):
        draw.text((200, 300 + i * 90), f"COMMERCIAL INVOICE No. {1000 + i}  Gallium metal "
                  f"99.99% net {1250 + i},00 kg", font=font, fill=0)
    return page


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF with the given objects (numbered from 1; object 1 is the catalog) and its xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s >>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def _one_page_pdf_objects(media_box: bytes, content: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % media_box,
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def huge_page_pdf() -> bytes:
    """A valid one-page PDF whose page is 20000 x 20000 points (over 7 gigapixels at 300 dpi)."""
    return pdf_file(_one_page_pdf_objects(b"0 0 20000 20000", b"BT /F1 24 Tf 72 72 Td (Hi) Tj ET"))


def _rc4(key: bytes, data: bytes) -> bytes:
    """RC4, as the PDF Standard security handler (revision 2) uses it."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with 40-bit RC4 (Standard handler, R2) and a user password."""
    padded_user, padded_owner = (user_password + _PAD)[:32], (owner_password + _PAD)[:32]
    owner_entry = _rc4(hashlib.md5(padded_owner).digest()[:5], padded_user)
    permissions, file_id = -44, hashlib.md5(b"inspector bad corpus").digest()
    key = hashlib.md5(padded_user + owner_entry + struct.pack("<i", permissions)
                      + file_id).digest()[:5]
    user_entry = _rc4(key, _PAD)
    objects = _one_page_pdf_objects(b"0 0 595 842", b"")
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()
    objects[3] = _stream(_rc4(object_key[:10], b"BT /F1 24 Tf 72 720 Td (Secret) Tj ET"))
    objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                   % (owner_entry.hex().encode(), user_entry.hex().encode(), permissions))
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    return pdf_file(objects, trailer)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 50000, height: int = 50000) -> bytes:
    """A tiny PNG whose header declares a huge 8-bit grayscale image (nothing is decodable)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096, 9)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


def truncated_jpeg() -> bytes:
    """A valid JPEG of a text page cut in half."""
    buffer = io.BytesIO()
    text_page().save(buffer, "JPEG", quality=90, dpi=(300, 300))
    data = buffer.getvalue()
    return data[: len(data) // 2]


def random_bytes(size: int = 4096) -> bytes:
    """Reproducible random bytes (meant to be saved as .pdf)."""
    return random.Random(20240601).randbytes(size)


def docx_like() -> bytes:
    """A ZIP archive laid out like a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def damaged_pdf() -> bytes:
    """A file with a PDF header and nothing a PDF reader can use."""
    return b"%PDF-1.7\n" + random_bytes(2048)


MAKERS: dict[str, Callable[[], bytes]] = {
    "empty.pdf": lambda: b"",
    "truncated.jpg": truncated_jpeg,
    "random.pdf": random_bytes,
    "encrypted.pdf": encrypted_pdf,
    "bomb.png": bomb_png,
    "huge_page.pdf": huge_page_pdf,
    "letter.docx": docx_like,
    "notes.txt": lambda: "装箱单 Packing list\nGallium 1,250 kg\n".encode() * 100,
    "damaged.pdf": damaged_pdf,
}


def write_all(directory: Path) -> dict[str, Path]:
    """Write every bad file into `directory`; returns name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in MAKERS.items():
        paths[name] = directory / name
        paths[name].write_bytes(make())
    return paths


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "bad")).values():
        print(written)
