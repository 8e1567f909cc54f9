"""Pieces shared by the layouts: letterheads, party blocks, HS codes, packages, signatures."""

from __future__ import annotations

import random

from inspector.synth import fmt
from inspector.synth.canvas import A4_300DPI, BODY, MARGIN, Sheet
from inspector.synth.catalogue import GoodsSpec, Port
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
    sheet.draw.line((x + 40, y + 200, x + 300, y + 150, x + 420, y + 190, x + 560, y + 140), fill=40, width=4)
    sheet.hline(x, x + 800, y + 230, width=2)
    sheet.text(x, y + 245, "Authorized Signature", 28)


def goods_description(line: GoodsLine) -> str:
    """The goods description as printed on commercial paperwork."""
    return line.spec.description


def line_height(size: int = BODY) -> int:
    """Vertical step between lines of `size` px text."""
    return int(size * 1.35)
