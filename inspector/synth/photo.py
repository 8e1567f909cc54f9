"""Make a clean rendered page look like a phone photo: on a desk, in perspective, shadowed, JPEG'd."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image

PHOTO_SIZE = (3000, 4000)  # width, height of the (portrait) photo in px
A4_WIDTH_IN = 8.27
EXIF_ORIENTATION = 0x0112


def simulate_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of a 300-dpi page: RGB, about 3000x4000 px, the page covering 60-80 % of it.

    `info` of the result carries `page_quad` (the page's four corners, clockwise from top left, in the
    upright photo), `page_dpi` (the page's effective resolution), `jpeg_quality` (75-92, for saving) and,
    for about one photo in four, `exif` with orientation 6 or 8: the pixels are then stored rotated so that
    a reader honouring EXIF shows the page upright.
    """
    gen = np.random.default_rng(rng.getrandbits(64))
    page = np.asarray(img.convert("RGB"))
    quad = _page_quad(page.shape, rng)
    photo = _warp_onto(page, quad, _background(gen, rng))
    photo = _shadow(photo, rng)
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.7, 1.5))
    out = Image.fromarray(_sensor_noise(photo, gen, rng.uniform(1.5, 4.0)), "RGB")
    return _finish(out, quad, rng)


def _page_quad(shape: tuple[int, ...], rng: random.Random) -> np.ndarray:
    """Where the page's corners land in the photo: scaled to the coverage, centred, each corner jittered."""
    h, w = shape[:2]
    pw, ph = PHOTO_SIZE
    scale = min((rng.uniform(0.6, 0.8) * pw * ph / (w * h)) ** 0.5, 0.97 * pw / w, 0.97 * ph / h)
    cw, ch = w * scale, h * scale
    x0 = (pw - cw) / 2 + rng.uniform(-0.4, 0.4) * (pw - cw)
    y0 = (ph - ch) / 2 + rng.uniform(-0.4, 0.4) * (ph - ch)
    corners = np.array([[x0, y0], [x0 + cw, y0], [x0 + cw, y0 + ch], [x0, y0 + ch]], dtype=np.float32)
    jitter = np.array([[rng.uniform(-1, 1) * 0.035 * pw, rng.uniform(-1, 1) * 0.025 * ph] for _ in range(4)])
    quad = corners + jitter.astype(np.float32)
    quad[:, 0] = np.clip(quad[:, 0], 2, pw - 3)
    quad[:, 1] = np.clip(quad[:, 1], 2, ph - 3)
    return quad


def _background(gen: np.random.Generator, rng: random.Random) -> np.ndarray:
    """A desk: a plain gradient, a wood-like grain, or a speckled texture, in a random colour."""
    pw, ph = PHOTO_SIZE
    yy, xx = np.mgrid[0:ph:4, 0:pw:4].astype(np.float32)
    kind = rng.choice(("gradient", "wood", "texture"))
    if kind == "wood":
        grain = np.sin(xx / rng.uniform(6, 14) + 3 * np.sin(yy / rng.uniform(80, 200))) * 0.5 + 0.5
        tone = 0.75 + 0.25 * grain
    elif kind == "texture":
        tone = 0.85 + 0.15 * gen.random(xx.shape).astype(np.float32)
    else:
        tone = 0.7 + 0.3 * (xx / pw * rng.uniform(-1, 1) + yy / ph * rng.uniform(-1, 1) + 1) / 2
    colour = np.array([rng.uniform(60, 200) for _ in range(3)], dtype=np.float32)
    small = np.clip(tone[..., None] * colour, 0, 255).astype(np.uint8)
    return cv2.resize(small, PHOTO_SIZE, interpolation=cv2.INTER_LINEAR)


def _warp_onto(page: np.ndarray, quad: np.ndarray, background: np.ndarray) -> np.ndarray:
    """The page warped onto the background (pixels outside the page keep the background)."""
    h, w = page.shape[:2]
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    return cv2.warpPerspective(page, matrix, PHOTO_SIZE, dst=background, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_TRANSPARENT)


def _sensor_noise(photo: np.ndarray, gen: np.random.Generator, sigma: float) -> np.ndarray:
    h, w = photo.shape[:2]
    small = gen.normal(0.0, sigma, (h // 2, w // 2, 3)).astype(np.float32)
    noise = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    return np.clip(photo + noise, 0, 255).astype(np.uint8)


def _shadow(photo: np.ndarray, rng: random.Random) -> np.ndarray:
    """A soft darker band across the photo (the phone's or the hand's shadow)."""
    pw, ph = PHOTO_SIZE
    yy, xx = np.mgrid[0:ph:8, 0:pw:8].astype(np.float32)
    theta = rng.uniform(0, np.pi)
    dist = np.cos(theta) * xx + np.sin(theta) * yy
    centre = rng.uniform(float(dist.min()), float(dist.max()))
    band = np.exp(-(((dist - centre) / rng.uniform(300, 900)) ** 2))
    gain = cv2.resize((1.0 - rng.uniform(0.15, 0.4) * band).astype(np.float32), PHOTO_SIZE,
                      interpolation=cv2.INTER_LINEAR)
    return cv2.multiply(photo, cv2.merge([gain, gain, gain]), dtype=cv2.CV_8U)


def _finish(out: Image.Image, quad: np.ndarray, rng: random.Random) -> Image.Image:
    width = float(np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    info = {"page_quad": [(round(float(x)), round(float(y))) for x, y in quad],
            "page_dpi": round(width / A4_WIDTH_IN), "jpeg_quality": rng.randint(75, 92)}
    if rng.random() < 0.25:
        orientation = rng.choice((6, 8))
        out = out.rotate(90 if orientation == 6 else -90, expand=True)
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = orientation
        info["exif"] = exif.tobytes()
    out.info.update(info)
    return out

