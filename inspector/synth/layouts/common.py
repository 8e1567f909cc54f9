"""Pieces shared by the layouts: letterheads, party blocks, HS codes, packages, signatures."""

from __future__ import annotations

import random
from collections.abc import Sequence

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, BODY, FAMILIES, MARGIN, SMALL, Sheet
from inspector.synth.catalogue import GoodsSpec, Port
from inspector.synth.layouts import marks
from inspector.synth.shipment import GoodsLine, Party, Shipment

WIDTH = A4_300DPI[0] - 2 * MARGIN


def letterhead(sheet: Sheet, party: Party, rng: random.Random) -> int:
    """Exporter's name and address centred at the top, a rule under it; returns the y below."""
    cx = A4_300DPI[0] // 2
    sheet.text(cx, 150, party.name.upper(), 50, bold=True, anchor="mt")
    y = 230
    for line in party.address:
        sheet.text(cx, y, line, 30, anchor="mt")
        y += 42
    phone = f"Tel: +86 {rng.randint(10, 799)} {rng.randint(10**7, 10**8 - 1)}"
    sheet.text(cx, y, f"{phone}    E-mail: export@{party.name.split()[1].lower()}.com.cn", 28, anchor="mt")
    sheet.hline(MARGIN, A4_300DPI[0] - MARGIN, y + 60, width=5)
    return y + 100


def title(sheet: Sheet, y: int, text: str, size: int = 64) -> int:
    """A centred bold title; returns the y below it."""
    sheet.text(A4_300DPI[0] // 2, y, text, size, bold=True, anchor="mt")
    return y + int(size * 1.6)


def party_lines(party: Party, upper: bool = False) -> list[str]:
    """Name and address lines of a party block."""
    lines = [party.name, *party.address]
    return [s.upper() for s in lines] if upper else lines


def hs_display(spec: GoodsSpec, rng: random.Random) -> tuple[str, str]:
    """An HS code as printed ('2846.90', '284690', '2846.9019', '2846901920') and its digits."""
    digits = rng.choice((spec.hs6, spec.hs6, spec.hs10[:8], spec.hs10))
    shown = digits if rng.random() < 0.4 else f"{digits[:4]}.{digits[4:]}"
    return shown, digits


def packages_text(lines: tuple[GoodsLine, ...]) -> tuple[str, int]:
    """'60 DRUMS' (or '71 PACKAGES' when kinds differ) and the package count."""
    count = sum(line.packages for line in lines)
    kinds = {line.spec.package for line in lines}
    kind = kinds.pop() if len(kinds) == 1 else "PACKAGES"
    return f"{count} {kind}", count


def port_text(port: Port, rng: random.Random) -> str:
    """A port as written on English paperwork: 'SHANGHAI, CHINA', 'Shanghai', 'Rotterdam, Netherlands'."""
    country = fmt.country(port.country)
    return rng.choice((f"{port.name.upper()}, {country.upper()}", port.name, f"{port.name}, {country}",
                       port.name.upper()))


def vessel_text(ship: Shipment, rng: random.Random) -> str:
    """Vessel and voyage as written: 'MSC TINA V.112W' or 'MSC TINA / 112W'."""
    return rng.choice((f"{ship.vessel} V.{ship.voyage}", f"{ship.vessel} / {ship.voyage}",
                       f"{ship.vessel} VOY. {ship.voyage}"))


def signature(sheet: Sheet, y: int, party: Party) -> None:
    """'For and on behalf of' block with a signature line at the right."""
    x = A4_300DPI[0] - MARGIN - 900
    sheet.text(x, y, "For and on behalf of", 30)
    sheet.text(x, y + 45, party.name, 30, bold=True)
    sheet.draw.line((x + 40, y + 200, x + 300, y + 150, x + 420, y + 190, x + 560, y + 140), fill=sheet.ink(40), width=4)
    sheet.hline(x, x + 800, y + 230, width=2)
    sheet.text(x, y + 245, "Authorized Signature", 28)


def goods_description(line: GoodsLine) -> str:
    """The goods description as printed on commercial paperwork."""
    return line.spec.description


def line_height(size: int = BODY) -> int:
    """Vertical step between lines of `size` px text."""
    return int(size * 1.35)


Cell = tuple[float, str, Sequence[str]]


def start(sheet: Sheet, rng: random.Random, families: Sequence[str] = FAMILIES, colour: float = 0.8) -> bool:
    """Pick the sheet's font family from `families`; with chance `colour` make it RGB for a red seal."""
    sheet.family = rng.choice(tuple(families))
    sealed = rng.random() < colour
    if sealed:
        sheet.use_colour()
    return sealed


def boxes(sheet: Sheet, y: int, height: int, cells: Sequence[Cell], size: int = 32, label_size: int = SMALL,
          x: int = MARGIN, width: int = WIDTH) -> int:
    """One row of boxed cells across `width` (fractions of it), values wrapped to the box; returns its bottom."""
    max_lines = max(1, (height - 14 - int(label_size * 1.5)) // int(size * 1.25))
    for frac, label, values in cells:
        w = round(frac * width)
        lines = [part for value in values for part in sheet.wrap(value, w - 40, size)]
        sheet.cell(x, y, w, height, label, lines[:max_lines], size, label_size)
        x += w
    return y + height


def letterhead_logo(sheet: Sheet, party: Party, rng: random.Random, chinese: str | None = None) -> int:
    """Logo at the left, company name (Chinese above English when given) and contacts; returns the y below."""
    marks.logo(sheet, MARGIN, 130, 190, party, rng)
    x, y = MARGIN + 250, 125
    if chinese:
        sheet.text(x, y, chinese, 56, bold=True)
        y += 80
    sheet.text(x, y, party.name.upper(), 44 if chinese else 52, bold=True)
    y += 70 if chinese else 80
    sheet.text(x, y, ", ".join(party.address), 26)
    domain = party.name.split()[1].lower()
    contacts = (f"Tel: +86 {rng.randint(10, 799)} {rng.randint(10**7, 10**8 - 1)}   "
                f"Fax: +86 {rng.randint(10, 799)} {rng.randint(10**7, 10**8 - 1)}   www.{domain}-group.com")
    sheet.text(x, y + 40, contacts, 26)
    y = max(y + 100, 360)
    sheet.hline(MARGIN, A4_300DPI[0] - MARGIN, y, width=6)
    sheet.hline(MARGIN, A4_300DPI[0] - MARGIN, y + 12, width=2)
    return y + 50


def sign_and_seal(sheet: Sheet, x: int, y: int, party: Party, rng: random.Random, sealed: bool,
                  centre: str = "") -> int:
    """'For and on behalf of' block with a handwritten signature, the seal over it when `sealed`."""
    sheet.text(x, y, "For and on behalf of", 28)
    sheet.text(x, y + 42, party.name, 30, bold=True)
    marks.signature(sheet, x + 80, y + 170, rng)
    sheet.hline(x, x + 760, y + 250, width=2)
    sheet.text(x, y + 262, "Authorized Signature(s)", 26)
    if sealed:
        marks.seal(sheet, x + rng.randint(330, 560), y + rng.randint(120, 200), party, rng, centre=centre)
    return y + 310
