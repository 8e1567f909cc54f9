"""Each supported format loads, by content not by name, with the right dpi and page numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from inspector.intake import load_pages
from inspector.intake.dpi import estimate_dpi, resolve_dpi


def _ink(image: np.ndarray) -> float:
    """Share of dark pixels."""
    return float((image < 128).mean())


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a.astype(np.float64).ravel(), b.astype(np.float64).ravel())[0, 1])


def test_pdf_pages_render_at_300_dpi(tmp_path: Path, make_bad) -> None:
    page = make_bad.text_page().convert("RGB")
    path = tmp_path / "invoice.pdf"
    page.save(path, save_all=True, append_images=[page], resolution=300)
    pages = load_pages(str(path))
    assert [p.number for p in pages] == [1, 2]
    assert all(p.dpi == 300 and p.source == str(path) for p in pages)
    assert abs(pages[0].image.shape[0] - 3508) <= 2 and abs(pages[0].image.shape[1] - 2480) <= 2
    assert pages[0].image.dtype == np.uint8 and pages[0].image.ndim == 2
    assert 0.001 < _ink(pages[1].image) < 0.2


def test_pdf_named_jpg_still_loads(tmp_path: Path, make_bad) -> None:
    path = tmp_path / "scan.jpg"
    make_bad.text_page().convert("RGB").save(path, format="PDF", resolution=300)
    assert len(load_pages(str(path))) == 1


def test_two_page_tiff_with_dpi_from_tags(tmp_path: Path, make_bad) -> None:
    first, second = make_bad.text_page(lines=3), make_bad.text_page(lines=6)
    small = [p.resize((1240, 1754)) for p in (first, second)]
    path = tmp_path / "bl.tif"
    small[0].save(path, save_all=True, append_images=[small[1]], dpi=(150, 150),
                  compression="tiff_lzw")
    pages = load_pages(str(path))
    assert [(p.number, p.dpi, p.image.shape) for p in pages] == [
        (1, 150, (1754, 1240)), (2, 150, (1754, 1240))]
    assert _ink(pages[1].image) > _ink(pages[0].image)  # frames are distinct, in order


def test_png_dpi_from_metadata(tmp_path: Path, make_bad) -> None:
    path = tmp_path / "page.png"
    make_bad.text_page().save(path, dpi=(300, 300))
    (page,) = load_pages(str(path))
    assert page.dpi == 300 and page.number == 1
    assert np.array_equal(page.image, np.asarray(make_bad.text_page()))


def test_png_without_dpi_or_with_silly_dpi_is_estimated_from_a4(tmp_path: Path, make_bad) -> None:
    bare, silly = tmp_path / "bare.png", tmp_path / "silly.png"
    make_bad.text_page().save(bare)
    make_bad.text_page().save(silly, dpi=(72, 72))
    assert load_pages(str(bare))[0].dpi == 300
    assert load_pages(str(silly))[0].dpi == 300


def test_jpeg_exif_orientation_6_comes_out_upright(tmp_path: Path, make_bad) -> None:
    upright = make_bad.text_page()
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # a camera held on its side
    exif = Image.Exif()
    exif[0x0112] = 6  # display needs a 90 degree clockwise turn
    path = tmp_path / "photo.jpeg"
    stored.save(path, quality=92, exif=exif, dpi=(300, 300))
    (page,) = load_pages(str(path))
    assert page.image.shape == (3508, 2480)
    assert _correlation(page.image, np.asarray(upright)) > 0.95


def test_colour_and_transparent_images(tmp_path: Path, make_bad) -> None:
    rgb = Image.merge("RGB", [make_bad.text_page()] * 2 + [Image.new("L", (2480, 3508), 0)])
    rgb.save(tmp_path / "colour.png")
    rgba = make_bad.text_page().convert("RGBA")
    rgba.putalpha(0)  # fully transparent: the paper shows through
    rgba.save(tmp_path / "clear.png")
    (colour,) = load_pages(str(tmp_path / "colour.png"))
    (clear,) = load_pages(str(tmp_path / "clear.png"))
    assert colour.image.shape == (3508, 2480, 3)
    assert colour.image[0, 0].tolist() == [0, 255, 255]  # BGR: blue channel was zero
    assert clear.image.min() == 255


def test_sixteen_bit_tiff_is_scaled(tmp_path: Path) -> None:
    values = np.full((1754, 1240), 65535, dtype=np.uint16)
    values[100:200, 100:400] = 0
    Image.fromarray(values).save(tmp_path / "deep.tif")
    (page,) = load_pages(str(tmp_path / "deep.tif"))
    assert page.image.dtype == np.uint8 and page.image.max() == 255 and page.image.min() == 0


def test_source_is_kept_as_given(tmp_path: Path, make_bad, monkeypatch: pytest.MonkeyPatch) -> None:
    make_bad.text_page(lines=1).save(tmp_path / "a.png")
    monkeypatch.chdir(tmp_path)
    assert load_pages("a.png")[0].source == "a.png"
    assert load_pages(Path("a.png"))[0].source == "a.png"


@pytest.mark.parametrize(("meta", "size", "expected"), [
    ((300.0, 300.0), (2480, 3508), 300),
    (200, (1654, 2339), 200),
    ((72, 72), (2480, 3508), 300),  # 34 inches wide: not a real scan resolution
    (None, (1240, 1754), 150),
    (None, (3508, 2480), 300),  # landscape: the short side is the A4 width
    ((96, 96), (400, 300), 100),  # clamped
    ((0, 0), (9000, 12000), 600),  # clamped
    ("junk", (2480, 3508), 300),
])
def test_resolve_dpi(meta: object, size: tuple[int, int], expected: int) -> None:
    assert resolve_dpi(meta, *size) == expected


def test_estimate_dpi_assumes_a4_width() -> None:
    assert estimate_dpi(2480, 3508) == 300
