"""Render one page per layout, scan it lightly and save a ~500 px grayscale thumbnail beside this script."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image

from inspector.synth.render import LAYOUTS, render_document
from inspector.synth.scan import LIGHT, simulate_scan
from inspector.synth.shipment import make_shipment

WIDTH = 500
SEED = 7


def thumbnail(page: Image.Image, seed: int) -> Image.Image:
    """A lightly scanned, grayscale, WIDTH-px-wide copy of a 300-dpi page."""
    scanned = simulate_scan(page, LIGHT, random.Random(seed)).convert("L")
    height = round(scanned.height * WIDTH / scanned.width)
    small = scanned.resize((WIDTH, height), Image.Resampling.LANCZOS)
    return small.point(lambda v: min(255, round(v / 8) * 8))  # 33 grey levels: small files, no visible loss


def main(out_dir: Path = Path(__file__).parent) -> None:
    """Write docs/samples/<doc_type>_<layout>.png for every registered layout."""
    ship = make_shipment(random.Random(SEED), goods="controlled")
    for doc_type, layouts in LAYOUTS.items():
        for name in sorted(layouts):
            page = render_document(ship, doc_type, random.Random(f"{SEED}:{name}"), layout=name).pages[0]
            path = out_dir / f"{doc_type}_{name}.png"
            thumbnail(page, SEED).save(path, optimize=True)
            print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
