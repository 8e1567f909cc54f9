"""Read-only queries behind the desktop app's history view: an entity's shipments with the lane each
case got, the shipments of given cases, and what a FRAGMENTATION_SUSPECTED finding linked.

The view draws what these return and computes nothing itself: thresholds come from the rules database
(the office's own, per control family) or from the finding's evidence, licence quantities from the
licence registry. Every function takes its Session(s) first and returns frozen records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inspector.db.cases.models import Case, CaseFinding, CaseShipment
from inspector.db.rules.history import fragmentation_settings
from inspector.db.rules.repository import licence_get
from inspector.history.store import EntityNotFoundError, EntityView, entities_named, entity_view
from inspector.history.store import _entity_id as entity_id_of

FRAGMENTATION = "FRAGMENTATION_SUSPECTED"


@dataclass(frozen=True)
class ShipmentPoint:
    """One recorded shipment as the history view shows it (lane None: the case row is gone)."""

    case_id: str
    shipped: dt.date | None
    net_kg: float | None
    lane: str | None
    family: str = ""
    exporter: str | None = None
    consignee: str | None = None
    port_of_loading: str | None = None
    invoice_number: str | None = None
    licence_number: str | None = None


@dataclass(frozen=True)
class QuantityLine:
    """A quantity drawn across the chart: an office threshold, a round quantity a finding named, or a
    licence's quantity (`kind` "threshold" or "licence"), with where it comes from."""

    kg: float
    kind: str
    source: str


@dataclass(frozen=True)
class EntityHistory:
    """A party entity's shipments, oldest first, and the quantities known for its goods."""

    entity: EntityView
    shipments: tuple[ShipmentPoint, ...]
    lines: tuple[QuantityLine, ...]


@dataclass(frozen=True)
class FragmentationLinks:
    """What one FRAGMENTATION_SUSPECTED finding recorded in its evidence."""

    case_id: str | None  # the case the finding is on (None when not known)
    linked: tuple[str, ...]  # the earlier cases of the pattern, oldest first
    shipment_net_kg: float | None
    aggregate_kg: float | None
    window_days: int | None
    cues: tuple[str, ...]
    lines: tuple[QuantityLine, ...]


def _points(s: Session, where: Any, limit: int) -> list[ShipmentPoint]:
    t = CaseShipment
    rows = s.execute(
        select(t.case_id, t.shipment_date, t.net_kg, Case.lane, t.family, t.exporter_name, t.consignee_name,
               t.port_of_loading, t.invoice_number, t.licence_number)
        .outerjoin(Case, Case.id == t.case_id).where(where)
        .order_by(t.shipment_date.desc().nulls_last(), t.case_id.desc()).limit(limit))  # one NULL order on both engines
    points = [ShipmentPoint(*row) for row in rows]
    return sorted(points, key=lambda p: (p.shipped or dt.date.min, p.case_id))


def find_entities(s: Session, text: str, limit: int = 10) -> list[EntityView]:
    """The entities a name (or part of one) may stand for, the closest first."""
    return [entity_view(s, e) for e in entities_named(s, text, limit)]


def entity_history(cases: Session, rules: Session | None, ref: int | str, limit: int = 500) -> EntityHistory:
    """The shipments of an entity (an id, or a name resolved as the history resolves it), as exporter or
    consignee, with the office thresholds of their control families and the quantities of their
    licences. Raises EntityNotFoundError when nothing matches."""
    entity = entity_id_of(cases, ref)
    t = CaseShipment
    points = _points(cases, or_(t.exporter_entity == entity, t.consignee_entity == entity), limit)
    lines: tuple[QuantityLine, ...] = ()
    if rules is not None:
        lines = office_thresholds(rules, {p.family for p in points}) + licence_lines(
            rules, (p.licence_number for p in points))
    return EntityHistory(entity_view(cases, entity), tuple(points), lines)


def case_shipments(s: Session, case_ids: Iterable[str]) -> list[ShipmentPoint]:
    """The recorded shipments of these cases, oldest first (cases without a summary are left out)."""
    ids = sorted(set(case_ids))
    return _points(s, CaseShipment.case_id.in_(ids), len(ids)) if ids else []


def office_thresholds(rules: Session, families: Iterable[str]) -> tuple[QuantityLine, ...]:
    """The office's thresholds for these control families (and those for every family)."""
    wanted = set(families) | {"*"}
    found = {(t.kg, t.source) for t in fragmentation_settings(rules).thresholds if t.family in wanted}
    return tuple(QuantityLine(kg, "threshold", source) for kg, source in sorted(found))


def licence_lines(rules: Session, numbers: Iterable[str | None]) -> tuple[QuantityLine, ...]:
    """The quantity of each known licence among these numbers."""
    out: dict[str, QuantityLine] = {}
    for number in filter(None, numbers):
        record = licence_get(rules, number)
        if record is not None and record.quantity_kg > 0:
            out[record.licence_number] = QuantityLine(record.quantity_kg, "licence", record.licence_number)
    return tuple(out.values())


def fragmentation_links(evidence: Mapping[str, Any], case_id: str | None = None) -> FragmentationLinks:
    """The linked cases, quantities and cues of a FRAGMENTATION_SUSPECTED finding's evidence."""
    linked = sorted((c for c in evidence.get("linked_cases") or () if c.get("case_id")),
                    key=lambda c: (str(c.get("shipment_date") or ""), str(c["case_id"])))
    lines = []
    if evidence.get("threshold_kg"):
        lines.append(QuantityLine(float(evidence["threshold_kg"]), "threshold",
                                  str(evidence.get("threshold_source") or "")))
    if evidence.get("licence_kg"):
        lines.append(QuantityLine(float(evidence["licence_kg"]), "licence", str(evidence.get("licence_number") or "")))
    return FragmentationLinks(
        case_id=case_id, linked=tuple(str(c["case_id"]) for c in linked),
        shipment_net_kg=_float(evidence.get("shipment_net_kg")), aggregate_kg=_float(evidence.get("aggregate_kg")),
        window_days=int(evidence["window_days"]) if evidence.get("window_days") else None,
        cues=tuple(str(c) for c in evidence.get("cues") or ()), lines=tuple(lines))


def _float(value: Any) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def case_fragmentation(s: Session, case_id: str) -> FragmentationLinks | None:
    """The links of the recorded case's FRAGMENTATION_SUSPECTED finding, None when it has none."""
    evidence = s.scalars(select(CaseFinding.evidence).where(
        CaseFinding.case_id == case_id, CaseFinding.code == FRAGMENTATION).order_by(CaseFinding.id)).first()
    return fragmentation_links(evidence or {}, case_id) if evidence is not None else None


__all__ = [
    "EntityHistory", "EntityNotFoundError", "FragmentationLinks", "QuantityLine", "ShipmentPoint",
    "case_fragmentation", "case_shipments", "entity_history", "find_entities", "fragmentation_links",
    "licence_lines", "office_thresholds",
]  # fmt: skip
