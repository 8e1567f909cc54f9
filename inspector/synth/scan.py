"""Make a clean rendered page look scanned: skew, resolution, blur, noise, uneven light, JPEG."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from inspector.models import TARGET_DPI


@dataclass(frozen=True)
class ScanProfile:
    """How a page was scanned. The defaults are a clean 300-dpi scan."""

    dpi: int = 300  # 300 or 200
    angle: float = 0.0  # degrees, counter-clockwise
    blur: float = 0.0  # gaussian sigma in px at the scan's dpi
    noise: float = 0.0  # gaussian noise sigma in grey levels
    jpeg_quality: int | None = None  # JPEG round trip when set
    salt_pepper: float = 0.0  # fraction of pixels flipped to black or white
    uneven_light: float = 0.0  # 0..1: how much darker one side of the page is

    def __post_init__(self) -> None:
        if self.dpi not in (300, 200):
            raise ValueError(f"dpi must be 300 or 200, not {self.dpi}")


CLEAN = ScanProfile()
LIGHT = ScanProfile(angle=0.6, blur=0.5, noise=4.0, uneven_light=0.05)


def simulate_scan(img: Image.Image, profile: ScanProfile, rng: random.Random) -> Image.Image:
    """A scanned copy of a 300-dpi page: rotated (white fill), resampled to the dpi, degraded."""
    out = img
    if profile.angle:
        out = out.rotate(profile.angle, resample=Image.Resampling.BICUBIC, fillcolor=_white(out))
    if profile.dpi != TARGET_DPI:
        size = (round(out.width * profile.dpi / TARGET_DPI), round(out.height * profile.dpi / TARGET_DPI))
        out = out.resize(size, Image.Resampling.LANCZOS)
    if profile.blur:
        out = out.filter(ImageFilter.GaussianBlur(profile.blur))
    out = _degrade(out, profile, np.random.default_rng(rng.getrandbits(64)))
    if profile.jpeg_quality is not None:
        out = _jpeg_round_trip(out, profile.jpeg_quality)
    out.info["dpi"] = (profile.dpi, profile.dpi)
    return out


def _white(img: Image.Image) -> int | tuple[int, int, int]:
    return 255 if img.mode == "L" else (255, 255, 255)


def _degrade(img: Image.Image, profile: ScanProfile, gen: np.random.Generator) -> Image.Image:
    if not (profile.uneven_light or profile.noise or profile.salt_pepper):
        return img
    arr = np.asarray(img, dtype=np.float32)
    if profile.uneven_light:
        arr = arr * _light_gradient(arr.shape, profile.uneven_light, gen)
    if profile.noise:
        arr = arr + gen.normal(0.0, profile.noise, arr.shape)
    if profile.salt_pepper:
        arr = _salt_pepper(arr, profile.salt_pepper, gen)
    return Image.fromarray(np.clip(arr, 0, 255).round().astype(np.uint8), img.mode)


def _light_gradient(shape: tuple[int, ...], amount: float, gen: np.random.Generator) -> np.ndarray:
    h, w = shape[:2]
    theta = gen.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (np.cos(theta) * xx / w + np.sin(theta) * yy / h)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    gain = 1.0 - amount * ramp
    return gain[..., None] if len(shape) == 3 else gain


def _salt_pepper(arr: np.ndarray, amount: float, gen: np.random.Generator) -> np.ndarray:
    mask = gen.random(arr.shape[:2])
    arr[mask < amount / 2] = 0
    arr[(mask >= amount / 2) & (mask < amount)] = 255
    return arr


def _jpeg_round_trip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    with Image.open(buf) as decoded:
        return decoded.copy()
