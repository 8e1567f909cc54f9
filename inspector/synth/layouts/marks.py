"""Marks made by hand or by stamp: red company seals, signatures, ticks, and drawn letterhead logos."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageDraw

from inspector.synth.canvas import Sheet, font, has_cjk
from inspector.synth.catalogue import CN_CITY_NAMES, CN_FIRM_NAMES, CN_SECTOR_NAMES
from inspector.synth.shipment import Party

SEAL_RED = (205, 35, 45)
PEN_BLUE = (25, 35, 110)


def chinese_name(party: Party) -> str | None:
    """'赣州华鑫稀土材料有限公司' for 'Ganzhou Huaxin Rare Earth Materials Co., Ltd.', None if not Chinese."""
    if party.country != "CN":
        return None
    words = party.name.removesuffix(" Co., Ltd.").split(" ", 2)
    if len(words) < 3 or words[0] not in CN_CITY_NAMES or words[1] not in CN_FIRM_NAMES:
        return None
    sector = CN_SECTOR_NAMES.get(words[2])
    return f"{CN_CITY_NAMES[words[0]]}{CN_FIRM_NAMES[words[1]]}{sector}有限公司" if sector else None


def seal(sheet: Sheet, cx: int, cy: int, party: Party, rng: random.Random, *, centre: str = "",
         radius: int = 230) -> None:
    """A round red company seal: name on the upper arc, a star in the middle, `centre` words under it."""
    name = chinese_name(party) or (party.name if has_cjk(party.name) else party.name.upper())
    size = 2 * radius + 40
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size // 2
    ring = max(8, radius // 20)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    _star(draw, c, c, radius * 0.28)
    _arc_text(mask, name, c, radius - ring - radius * 0.14, radius)
    if centre:
        draw.text((c, c + radius * 0.5), centre, font=font(int(radius * 0.17), True, has_cjk(centre)),
                  fill=255, anchor="mm")
    mask = mask.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
    stamp(sheet, mask, cx - c, cy - c, SEAL_RED, rng, strength=rng.uniform(0.7, 0.9))


def stamp(sheet: Sheet, mask: Image.Image, x: int, y: int, colour: tuple[int, int, int], rng: random.Random,
          strength: float = 0.85) -> None:
    """Print `mask` (255 = ink) in a colour at (x, y), as translucent, unevenly inked stamp ink."""
    sheet.use_colour()
    page = sheet.pages[-1]
    box = (x, y, x + mask.width, y + mask.height)
    region = np.asarray(page.crop(box), dtype=np.float32)
    cover = np.asarray(mask, dtype=np.float32) / 255 * strength * _patchy(mask.size, rng)
    tint = 1 - cover[..., None] * (1 - np.array(colour, dtype=np.float32) / 255)
    page.paste(Image.fromarray((region * tint).clip(0, 255).astype(np.uint8), "RGB"), box[:2])


def _patchy(size: tuple[int, int], rng: random.Random) -> np.ndarray:
    gen = np.random.default_rng(rng.getrandbits(32))
    coarse = Image.fromarray((gen.random((6, 6)) * 255).astype(np.uint8), "L")
    smooth = np.asarray(coarse.resize(size, Image.Resampling.BICUBIC), dtype=np.float32) / 255
    return np.clip(0.55 + 0.6 * smooth, 0.35, 1.0)


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.38
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=255)


def _arc_text(mask: Image.Image, text: str, c: int, r: float, radius: int) -> None:
    span = math.radians(250 if has_cjk(text) else 270)
    step = span / max(len(text) - 1, 1)
    size = int(min(radius * 0.26, r * step * (1.0 if has_cjk(text) else 1.5)))
    f = font(max(size, 14), True, has_cjk(text))
    for i, ch in enumerate(text):
        theta = -span / 2 + i * step
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), ch, font=f, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(theta), resample=Image.Resampling.BICUBIC)
        gx, gy = c + r * math.sin(theta), c - r * math.cos(theta)
        mask.paste(glyph, (int(gx - size), int(gy - size)), glyph)


def signature(sheet: Sheet, x: int, y: int, rng: random.Random, width: int = 420) -> None:
    """A handwritten-looking signature: a few connected Bezier strokes with a flourish, left edge at x."""
    pts = [(x, y + rng.randint(-10, 30))]
    steps = rng.randint(5, 8)
    for i in range(1, steps + 1):
        px = x + width * i / steps + rng.randint(-25, 25)
        pts.append((px, y + rng.choice((-1, 1)) * rng.randint(15, 70)))
    colour = PEN_BLUE if sheet.mode == "RGB" else sheet.ink(35)
    pen = rng.randint(3, 5)
    for a, b in zip(pts, pts[1:], strict=False):
        lift = rng.randint(40, 110)
        curve = _bezier(a, (a[0] + 20, a[1] - lift), (b[0] - 30, b[1] + lift), b)
        sheet.draw.line(curve, fill=colour, width=pen, joint="curve")
    end = pts[-1]
    flourish = _bezier(end, (end[0] + 60, end[1] + 60), (x + width * 0.3, y + 110), (x - 20, y + 60))
    sheet.draw.line(flourish, fill=colour, width=max(2, pen - 1), joint="curve")


def _bezier(p0, p1, p2, p3, n: int = 24) -> list[tuple[float, float]]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append((u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]))
    return out


def tick(sheet: Sheet, x: int, y: int, size: int = 40, boxed: bool = True) -> None:
    """A hand-drawn tick (in a printed box when `boxed`), top left at (x, y)."""
    if boxed:
        sheet.rect(x, y, size, size, width=2)
    colour = PEN_BLUE if sheet.mode == "RGB" else sheet.ink(30)
    pts = [(x + size * 0.15, y + size * 0.5), (x + size * 0.42, y + size * 0.85), (x + size * 1.1, y - size * 0.2)]
    sheet.draw.line(pts, fill=colour, width=5, joint="curve")


def checkbox(sheet: Sheet, x: int, y: int, size: int = 34) -> None:
    """An empty printed check box."""
    sheet.rect(x, y, size, size, width=2)


def logo(sheet: Sheet, x: int, y: int, size: int, party: Party, rng: random.Random) -> None:
    """A simple company logo made of shapes around the company's initials, top left at (x, y)."""
    initials = "".join(w[0] for w in party.name.split()[:2]).upper()
    draw, ink, s = sheet.draw, sheet.ink(0), size
    kind = rng.choice(("ring", "diamond", "mountain", "square"))
    if kind == "ring":
        draw.ellipse((x, y, x + s, y + s), outline=ink, width=s // 12)
        draw.arc((x + s // 6, y + s // 6, x + 5 * s // 6, y + 5 * s // 6), 200, 340, fill=ink, width=s // 14)
    elif kind == "diamond":
        draw.polygon(((x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)), fill=ink)
    elif kind == "mountain":
        draw.polygon(((x, y + s), (x + s * 0.4, y + s * 0.2), (x + s * 0.6, y + s * 0.55), (x + s * 0.75, y + s * 0.35),
                      (x + s, y + s)), fill=ink)
        draw.ellipse((x + s * 0.7, y, x + s * 0.9, y + s * 0.2), fill=ink)
        return
    else:
        draw.rounded_rectangle((x, y, x + s, y + s), radius=s // 6, fill=ink)
    colour = sheet.ink(0 if kind == "ring" else 255)
    draw.text((x + s / 2, y + s / 2), initials, font=font(int(s * 0.36), True), fill=colour, anchor="mm")
