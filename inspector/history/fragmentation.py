"""Fragmentation: one consignment split into lots that each look harmless.

Pure: the new case's lot and the earlier lots of the same exporter and consignee entities and control
family in, what links them out. The patterns (issue 7):

- quantity: within a window (30, then 90 days), the new lot and at least one earlier lot each sit just
  under one threshold (`just_under`, 5 % by default: 480 kg under 500, 990 under 1,000) while together
  they exceed it. Thresholds are the office's (rules database, per control family, with their source)
  and the round quantities a smuggler aims below (500, 1,000, 2,000 kg...);
- licence: with the earlier lots on the same licence, the new lot takes the total over its quantity;
- links between the lots: sequential invoice or bill-of-lading numbers, the same container or seal,
  the same vessel and voyage, and a steady stream through different ports of loading.

A quantity or licence pattern is medium, high when the lots are also linked; links alone, two kinds
or more, are low (the lots are related, but nothing says they dodge a threshold).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from inspector.models import Severity

ROUND_KG = (100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0, 10000.0, 20000.0, 25000.0)
_TAIL = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True)
class Threshold:
    """A quantity the office watches (per control family, "*" for all) and where it comes from."""

    kg: float
    family: str = "*"
    source: str = "round quantity"


@dataclass(frozen=True)
class Settings:
    """The windows and thresholds in force; recorded in each verdict that uses them."""

    windows_days: tuple[int, ...] = (30, 90)
    thresholds: tuple[Threshold, ...] = ()
    round_kg: tuple[float, ...] = ROUND_KG
    just_under: float = 0.05
    sequential_gap: int = 3  # invoice/B/L numbers at most this far apart count as a run
    min_ports: int = 3  # a stream through at least this many ports of loading


@dataclass(frozen=True)
class Lot:
    """One recorded (or the new) shipment, as the history keeps it."""

    case_id: str
    shipped: dt.date
    net_kg: float
    family: str = ""
    exporter: int | None = None
    consignee: int | None = None
    invoice_number: str | None = None
    bl_number: str | None = None
    containers: frozenset[str] = frozenset()
    seals: frozenset[str] = frozenset()
    vessel_voyage: str | None = None
    port_of_loading: str | None = None
    licence_number: str | None = None


@dataclass(frozen=True)
class Suspicion:
    """What links the new lot to earlier ones, and how serious it is."""

    severity: Severity
    linked: tuple[Lot, ...]  # the earlier lots of the pattern, oldest first
    window_days: int
    cues: tuple[str, ...]
    aggregate_kg: float  # the new lot and the linked ones
    threshold: Threshold | None = None
    licence_kg: float | None = None
    details: dict[str, object] = field(default_factory=dict)


def _under(kg: float, limit: float, margin: float) -> bool:
    return limit * (1.0 - margin) <= kg < limit


def _quantity(new: Lot, group: list[Lot], settings: Settings) -> tuple[Threshold, list[Lot]] | None:
    """The threshold the lots hug, preferring the office's, then the one most lots sit under."""
    limits = [t for t in settings.thresholds if t.family in ("*", new.family)]
    limits += [Threshold(kg) for kg in settings.round_kg if all(t.kg != kg for t in limits)]
    best: tuple[Threshold, list[Lot]] | None = None
    for limit in limits:
        if not _under(new.net_kg, limit.kg, settings.just_under):
            continue
        under = [lot for lot in group if _under(lot.net_kg, limit.kg, settings.just_under)]
        if not under or new.net_kg + sum(lot.net_kg for lot in under) <= limit.kg:
            continue
        rank = (limit.source != "round quantity", len(under))  # the office's threshold first, then most lots
        if best is None or rank > (best[0].source != "round quantity", len(best[1])):
            best = (limit, under)
    return best


def _number(text: str | None) -> tuple[str, int] | None:
    m = _TAIL.match(re.sub(r"\s+", "", text or ""))
    return (m.group(1), int(m.group(2))) if m else None


def _sequential(a: str | None, b: str | None, gap: int) -> bool:
    """Same prefix, numbers a few apart ("INV-2026-0384", "INV-2026-0386")."""
    na, nb = _number(a), _number(b)
    return bool(na and nb and na[0] == nb[0] and 0 < abs(na[1] - nb[1]) <= gap)


def _links(new: Lot, group: list[Lot], settings: Settings) -> dict[str, list[Lot]]:
    """Earlier lots linked to the new one, by kind of link."""
    links: dict[str, list[Lot]] = {}
    for lot in group:
        found = []
        if _sequential(new.invoice_number, lot.invoice_number, settings.sequential_gap):
            found.append("sequential_invoices")
        if _sequential(new.bl_number, lot.bl_number, settings.sequential_gap):
            found.append("sequential_bills_of_lading")
        if new.containers & lot.containers:
            found.append("same_container")
        if new.seals & lot.seals:
            found.append("same_seal")
        if new.vessel_voyage and new.vessel_voyage == lot.vessel_voyage:
            found.append("same_vessel_voyage")
        for cue in found:
            links.setdefault(cue, []).append(lot)
    ports = {lot.port_of_loading for lot in [*group, new] if lot.port_of_loading}
    if len(ports) >= settings.min_ports and len(group) + 1 >= settings.min_ports:
        links["ports_vary"] = list(group)
    return links


def _at(new: Lot, earlier: Sequence[Lot], settings: Settings, licence_kg: float | None,
        window: int) -> Suspicion | None:
    """The pattern linking the new lot to the earlier lots of one window, if any."""
    group = sorted((lot for lot in earlier if lot.case_id != new.case_id
                    and 0 <= (new.shipped - lot.shipped).days <= window), key=lambda lot: lot.shipped)
    if not group:
        return None
    links = _links(new, group, settings)
    quantity = _quantity(new, group, settings)
    on_licence = [lot for lot in group if new.licence_number and lot.licence_number == new.licence_number]
    over_licence = bool(licence_kg is not None and on_licence
                        and new.net_kg + sum(lot.net_kg for lot in on_licence) > licence_kg)
    cues = ([f"just_under_{quantity[0].kg:g}_kg"] if quantity else []) + (
        ["licence_exceeded"] if over_licence else []) + sorted(links)
    if quantity or over_licence:
        linked = {lot.case_id: lot for lot in (quantity[1] if quantity else []) + (on_licence if over_licence else [])}
        severity = Severity.HIGH if links else Severity.MEDIUM
    elif len(links) >= 2:
        linked = {lot.case_id: lot for lots in links.values() for lot in lots}
        severity = Severity.LOW
    else:
        return None
    lots = tuple(sorted(linked.values(), key=lambda lot: lot.shipped))
    return Suspicion(severity, lots, window, tuple(cues), new.net_kg + sum(lot.net_kg for lot in lots),
                     quantity[0] if quantity else None, licence_kg if over_licence else None,
                     {cue: [lot.case_id for lot in lots_] for cue, lots_ in links.items()})


def _kind(found: Suspicion) -> tuple:
    return (found.threshold.kg if found.threshold else None, found.licence_kg is not None, found.severity)


def detect(new: Lot, earlier: Sequence[Lot], settings: Settings, licence_kg: float | None = None) -> Suspicion | None:
    """The strongest pattern linking the new lot to earlier lots of the same parties and family (the
    caller passes only those), in the shortest window that shows one (`window_days`). The linked lots
    are those of the widest window where the same pattern holds (a run that began two months ago is
    named from its first lot), with the lots of each window in `details["windows"]`."""
    found: Suspicion | None = None
    windows: dict[str, list[str]] = {}
    for window in sorted(settings.windows_days):
        here = _at(new, earlier, settings, licence_kg, window)
        if here is None or (found is not None and _kind(here)[:2] != _kind(found)[:2]):
            continue
        windows[str(window)] = [lot.case_id for lot in here.linked]
        if found is None:
            found = here
        else:  # the same pattern, over a longer stretch: name every lot of it
            found = Suspicion(max(found.severity, here.severity, key=_SEVERITY_ORDER.index), here.linked,
                              found.window_days, tuple(dict.fromkeys(found.cues + here.cues)), here.aggregate_kg,
                              here.threshold, here.licence_kg, {**here.details})
    if found is None:
        return None
    return Suspicion(found.severity, found.linked, found.window_days, found.cues, found.aggregate_kg,
                     found.threshold, found.licence_kg, {**found.details, "windows": windows})


_SEVERITY_ORDER = [Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]
