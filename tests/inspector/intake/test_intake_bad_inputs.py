"""Every bad input is refused with one sentence an inspector can act on."""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from inspector.errors import InputUnreadableError
from inspector.intake import load_pages
from inspector.intake.limits import MAX_FILE_BYTES

EXPECTED = {
    "empty.pdf": "The file is empty (0 bytes).",
    "truncated.jpg": "This JPEG is truncated",
    "random.pdf": "not a PDF or image (it starts with random bytes)",
    "encrypted.pdf": "This PDF is password-protected",
    "bomb.png": "over the 120-megapixel limit: it may be a decompression bomb",
    "huge_page.pdf": "over the 120-megapixel limit",
    "letter.docx": "File type .docx is not supported",
    "notes.txt": "File type .txt is not supported (it is plain text)",
    "damaged.pdf": "This PDF file is damaged",
}


def _refusal(path: str | Path, **kwargs: int) -> str:
    with pytest.raises(InputUnreadableError) as info:
        load_pages(str(path), **kwargs)
    assert info.value.exit_code == 3
    return str(info.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_a_helpful_sentence(bad_files: dict[str, Path], name: str) -> None:
    message = _refusal(bad_files[name])
    assert EXPECTED[name] in message
    assert message.endswith(".") and message.count(". ") == 0  # one sentence


def test_encrypted_pdf_is_a_real_encrypted_pdf(bad_files: dict[str, Path]) -> None:
    # The generator is right: with the password PDFium opens it, so the refusal is about the password.
    doc = pdfium.PdfDocument(str(bad_files["encrypted.pdf"]), password="secret")
    assert len(doc) == 1
    doc.close()


def test_missing_file(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "nowhere.pdf") == "The file does not exist."


def test_folder_is_refused(tmp_path: Path) -> None:
    assert "folder" in _refusal(tmp_path)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
    os.truncate(path, MAX_FILE_BYTES + 1)  # sparse: no disk space used
    assert "over the 500 MB limit" in _refusal(path)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_bomb_just_over_the_limit_reports_its_size(tmp_path: Path, make_bad) -> None:
    path = tmp_path / "wide.png"
    path.write_bytes(make_bad.bomb_png(20000, 6100))  # 122 MP: Pillow alone would accept it
    assert _refusal(path).startswith("The image is 20000 x 6100 pixels, over the 120-megapixel")


def test_too_many_tiff_pages(tmp_path: Path, make_bad) -> None:
    page = make_bad.text_page(lines=1, size=(400, 300))
    path = tmp_path / "three.tif"
    page.save(path, save_all=True, append_images=[page, page])
    assert "3 pages, over the 2-page limit" in _refusal(path, max_pages=2)


def test_too_many_pdf_pages(tmp_path: Path, make_bad) -> None:
    page = make_bad.text_page(lines=1, size=(400, 300)).convert("RGB")
    path = tmp_path / "three.pdf"
    page.save(path, save_all=True, append_images=[page, page], resolution=100)
    assert "3 pages, over the 2-page limit" in _refusal(path, max_pages=2)


def test_truncated_png_is_refused(tmp_path: Path, make_bad) -> None:
    path = tmp_path / "cut.png"
    make_bad.text_page().save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "This PNG" in _refusal(path)


def test_gif_is_named(tmp_path: Path) -> None:
    path = tmp_path / "stamp.gif"
    path.write_bytes(b"GIF89a" + bytes(64))
    assert _refusal(path).startswith("File type .gif is not supported (it is a GIF image)")
