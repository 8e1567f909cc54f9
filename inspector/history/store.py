"""The history in the case database: party entities, shipment summaries, and the queries on them.

Party resolution (`resolve`): a name's party key is looked up as a known spelling first (one index
probe); otherwise the spellings sharing one of its blocking tokens are the candidates (index probes,
at most `PER_TOKEN` spellings per token, so a common word such as "trading" never turns into a scan)
and rapidfuzz picks the closest (`entities.best_match`). At record time an unknown name becomes a
new entity; at check time resolution is read-only (the new case is not recorded yet).

Inspectors' decisions (`merge_entities`, `split_alias`) move spellings and shipments at once and are
kept in `entity_decision`; a spelling placed by an inspector is pinned (its own key always finds it),
and `apply_decisions` replays them after the history is rebuilt (`rebuild_history`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_, select, text, update
from sqlalchemy.orm import Session

from inspector.db.cases.models import (
    CaseContainer,
    CaseLicence,
    CaseSeal,
    CaseShipment,
    EntityDecision,
    PartyAlias,
    PartyEntity,
    PartyToken,
)
from inspector.db.rules.importers import licence_key
from inspector.history.entities import best_match, blocking_tokens, party_key
from inspector.history.fragmentation import Lot
from inspector.history.summary import Summary

log = logging.getLogger(__name__)

PER_TOKEN = 200  # spellings read per blocking token: bounds the work for common words


class EntityNotFoundError(LookupError):
    """No entity or spelling by that name or id."""


# ---------------------------------------------------------------- resolution

def _root(s: Session, entity_id: int) -> int:
    """The entity an id stands for now (following merges)."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        e = PartyEntity.__table__.c
        nxt = s.connection().execute(select(e.merged_into).where(e.id == entity_id)).scalar()
        if nxt is None:
            return entity_id
        entity_id = nxt
    return entity_id


def _candidates(s: Session, key: str) -> list[tuple[int, str]]:
    """(entity id, spelling key) of the spellings sharing a blocking token with `key`: one statement,
    at most PER_TOKEN spellings per token (index probes of ix_party_token_token)."""
    tokens = sorted(blocking_tokens(key))
    if not tokens:
        return []
    # each LIMIT inside its own aliased subquery: SQLite allows no LIMIT on a compound's member, and
    # PostgreSQL wants a name for every subquery in FROM
    parts = [f"SELECT * FROM (SELECT t.alias_id FROM party_token t WHERE t.token = :t{i} LIMIT {PER_TOKEN}) "
             f"AS p{i}" for i in range(len(tokens))]
    sql = ("SELECT a.entity_id, a.key FROM party_alias a WHERE a.id IN (" + " UNION ALL ".join(parts) + ")")
    rows = s.execute(text(sql), {f"t{i}": token for i, token in enumerate(tokens)})
    return [(entity, k) for entity, k in rows]


@dataclass(frozen=True)
class Resolved:
    """A name resolved to an entity: the spelling row (None when read-only and unknown) and how."""

    entity_id: int | None
    alias_id: int | None
    key: str
    how: str  # known | fuzzy | new | unknown | empty
    score: float = 100.0


def resolve(s: Session, name: str | None, *, create: bool = False) -> Resolved:
    """The entity of a party name; with `create`, an unknown spelling is added (to the closest entity,
    or as a new one)."""
    key = party_key(name)
    if not key:
        return Resolved(None, None, key, "empty", 0.0)
    a = PartyAlias.__table__.c
    row = s.connection().execute(select(a.id, a.entity_id).where(a.key == key)).first()
    if row is not None:
        return Resolved(_root(s, row.entity_id), row.id, key, "known")
    match = best_match(key, _candidates(s, key))
    if not create:
        return Resolved(_root(s, match[0]), None, key, "fuzzy", match[1]) if match else Resolved(
            None, None, key, "unknown", 0.0)
    if match is not None:
        entity, how, score = _root(s, match[0]), "fuzzy", match[1]
    else:
        entity = s.execute(insert(PartyEntity).values(name=(name or "").strip(), key=key)).inserted_primary_key[0]
        how, score = "new", 100.0
    alias = _add_alias(s, entity, key, name or "")
    return Resolved(entity, alias, key, how, score)


def _add_alias(s: Session, entity: int, key: str, name: str, pinned: bool = False) -> int:
    alias = s.execute(insert(PartyAlias).values(entity_id=entity, key=key, name=name.strip(),
                                                pinned=pinned)).inserted_primary_key[0]
    s.execute(insert(PartyToken), [{"token": t, "alias_id": alias} for t in sorted(blocking_tokens(key))])
    return alias


# ---------------------------------------------------------------- recording

def record_history(s: Session, case_id: str, summary: Summary) -> None:
    """Write the history rows of a case being recorded (the caller commits)."""
    exporter = resolve(s, summary.exporter, create=True)
    consignee = resolve(s, summary.consignee, create=True)
    s.execute(insert(CaseShipment).values(
        case_id=case_id, shipment_date=summary.shipment_date, exporter_entity=exporter.entity_id,
        consignee_entity=consignee.entity_id, exporter_alias=exporter.alias_id, consignee_alias=consignee.alias_id,
        exporter_name=summary.exporter, consignee_name=summary.consignee, family=summary.family,
        hs_headings=";".join(summary.hs_headings), net_kg=summary.net_kg, value=summary.value,
        currency=summary.currency, invoice_number=summary.invoice_number, bl_number=summary.bl_number,
        vessel_voyage=summary.vessel_voyage, port_of_loading=summary.port_of_loading,
        port_of_discharge=summary.port_of_discharge, licence_number=summary.licence_number,
        containers=";".join(sorted(summary.containers)) or None, seals=";".join(sorted(summary.seals)) or None,
    ))  # fmt: skip
    keys = sorted({k for k in (licence_key(n) for n in summary.licence_numbers) if k})
    if keys:
        s.execute(insert(CaseLicence), [{"case_id": case_id, "licence_key": k} for k in keys])
    if summary.containers:
        s.execute(insert(CaseContainer), [{"case_id": case_id, "number": c} for c in sorted(summary.containers)])
    if summary.seals:
        s.execute(insert(CaseSeal), [{"case_id": case_id, "number": c} for c in sorted(summary.seals)])


def drop_case_history(s: Session, case_id: str) -> None:
    """Delete one case's summary and its licence, container and seal rows (before they are written
    again); the party entities stay."""
    for table in (CaseShipment, CaseLicence, CaseContainer, CaseSeal):
        s.execute(delete(table).where(table.case_id == case_id))


def clear_history(s: Session) -> None:
    """Delete every history row (before a rebuild); decisions are kept."""
    for table in (CaseShipment, CaseLicence, CaseContainer, CaseSeal, PartyToken, PartyAlias, PartyEntity):
        s.execute(delete(table))


# ---------------------------------------------------------------- the hot queries

def earlier_lots(s: Session, exporter: int, consignee: int, family: str, shipped: dt.date, days: int,
                 exclude_case_id: str | None = None) -> list[Lot]:
    """The recorded lots of these entities and family shipped within `days` before (and on) `shipped`:
    one range scan of ix_case_shipment_parties, each row carrying its containers and seals (a Core
    statement on the table: no ORM row overhead on the hot path)."""
    t = CaseShipment.__table__.c
    rows = s.connection().execute(
        select(t.case_id, t.shipment_date, t.net_kg, t.invoice_number, t.bl_number, t.vessel_voyage,
               t.port_of_loading, t.licence_number, t.containers, t.seals)
        .where(t.exporter_entity == exporter, t.consignee_entity == consignee, t.family == family,
               t.shipment_date >= shipped - dt.timedelta(days=days), t.shipment_date <= shipped)
        .order_by(t.shipment_date)).all()
    return [Lot(r.case_id, r.shipment_date, r.net_kg, family, exporter, consignee, r.invoice_number, r.bl_number,
                _split(r.containers), _split(r.seals), r.vessel_voyage, r.port_of_loading, r.licence_number)
            for r in rows if r.case_id != exclude_case_id and r.net_kg]


def _split(text: str | None) -> frozenset[str]:
    return frozenset(x for x in (text or "").split(";") if x)


def licence_case_ids(s: Session, number: str) -> list[str]:
    """The recorded cases carrying a licence number (its key): one index probe of case_licence."""
    key = licence_key(number)
    return list(s.scalars(select(CaseLicence.case_id).where(CaseLicence.licence_key == key))) if key else []


# ---------------------------------------------------------------- inspectors' decisions

def _entity_id(s: Session, ref: int | str) -> int:
    if isinstance(ref, int):
        if s.get(PartyEntity, ref) is None:
            raise EntityNotFoundError(f"no party entity {ref}")
        return _root(s, ref)
    found = resolve(s, ref)
    if found.entity_id is None:
        raise EntityNotFoundError(f"no party entity named like {ref!r}")
    return found.entity_id


def _entity_names(s: Session, entity: int) -> list[str]:
    return list(s.scalars(select(PartyAlias.key).where(PartyAlias.entity_id == entity).order_by(PartyAlias.id)))


def _move(s: Session, src: int, dst: int) -> None:
    s.execute(update(PartyAlias).where(PartyAlias.entity_id == src).values(entity_id=dst))
    s.execute(update(CaseShipment).where(CaseShipment.exporter_entity == src).values(exporter_entity=dst))
    s.execute(update(CaseShipment).where(CaseShipment.consignee_entity == src).values(consignee_entity=dst))
    s.execute(update(PartyEntity).where(PartyEntity.id == src).values(merged_into=dst))


def merge_entities(s: Session, a: int | str, b: int | str, by: str, note: str = "", *, record: bool = True) -> int:
    """Merge entity `a` into `b` (ids, or names resolved to their entities): every spelling and shipment
    of `a` becomes `b`'s. The decision is kept. Returns b's id."""
    ea, eb = _entity_id(s, a), _entity_id(s, b)
    if ea != eb:
        names = [_entity_names(s, ea), _entity_names(s, eb)]
        _move(s, ea, eb)
        if record:
            s.add(EntityDecision(kind="merge", entity_a=ea, entity_b=eb, alias_key=None,
                                 names=names, by=by, note=note,
                                 decided_at=dt.datetime.now().replace(microsecond=0)))
            _audit(s, "entity_merge", by, {"entity_a": ea, "entity_b": eb, "names": names, "note": note})
    s.flush()
    return eb


def split_alias(s: Session, alias: str, by: str, note: str = "", *, record: bool = True) -> int:
    """Split one spelling (and the shipments recorded under it) off its entity into an entity of its own,
    pinned there. The decision is kept. Returns the new entity's id."""
    key = party_key(alias)
    row = s.scalars(select(PartyAlias).where(PartyAlias.key == key)).first()
    if row is None:
        raise EntityNotFoundError(f"no recorded spelling {alias!r}")
    old = row.entity_id
    new = s.execute(insert(PartyEntity).values(name=row.name, key=key)).inserted_primary_key[0]
    row.entity_id, row.pinned = new, True
    s.execute(update(CaseShipment).where(CaseShipment.exporter_alias == row.id).values(exporter_entity=new))
    s.execute(update(CaseShipment).where(CaseShipment.consignee_alias == row.id).values(consignee_entity=new))
    if record:
        s.add(EntityDecision(kind="split", entity_a=old, entity_b=new, alias_key=key, names=[alias], by=by,
                             note=note, decided_at=dt.datetime.now().replace(microsecond=0)))
        _audit(s, "entity_split", by, {"entity_a": old, "entity_b": new, "alias_key": key, "note": note})
    s.flush()
    return new


def _audit(s: Session, action: str, by: str, detail: dict) -> None:
    """The decision's row in the audit trail, in its transaction."""
    from inspector.casework import audit  # casework sits above the history (it re-checks cases)

    audit.append(s, case_id=None, action=action, actor=by, detail=detail)


def apply_decisions(s: Session) -> int:
    """Replay every kept decision, in order, on a rebuilt history (entities found by their spellings).
    Returns how many applied."""
    applied = 0
    for d in s.scalars(select(EntityDecision).order_by(EntityDecision.id)).all():
        try:
            if d.kind == "merge" and len(d.names) == 2 and d.names[0] and d.names[1]:
                merge_entities(s, d.names[0][0], d.names[1][0], d.by, d.note, record=False)
            elif d.kind == "split" and d.alias_key:
                split_alias(s, d.names[0] if d.names else d.alias_key, d.by, d.note, record=False)
            else:
                continue
            applied += 1
        except EntityNotFoundError:
            log.info("decision %d (%s) no longer applies", d.id, d.kind)
    return applied


# ---------------------------------------------------------------- reading the history

@dataclass(frozen=True)
class EntityView:
    """An entity with its spellings."""

    id: int
    name: str
    spellings: tuple[str, ...]


def entity_view(s: Session, entity: int) -> EntityView:
    row = s.get(PartyEntity, entity)
    names = s.scalars(select(PartyAlias.name).where(PartyAlias.entity_id == entity).order_by(PartyAlias.id))
    return EntityView(entity, row.name if row else "?", tuple(dict.fromkeys(names)))


def shipments(s: Session, *, entity: int | None = None, text: str | None = None, case_ids: Iterable[str] = (),
              limit: int = 200) -> list[CaseShipment]:
    """Shipment rows: of one entity (as exporter or consignee), matching a text (case id, party, invoice,
    B/L, licence, port, family), or of the given cases; newest first."""
    t = CaseShipment
    stmt = select(t)
    if entity is not None:
        stmt = stmt.where(or_(t.exporter_entity == entity, t.consignee_entity == entity))
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(t.case_id.ilike(like), t.exporter_name.ilike(like), t.consignee_name.ilike(like),
                              t.invoice_number.ilike(like), t.bl_number.ilike(like), t.licence_number.ilike(like),
                              t.port_of_loading.ilike(like), t.family.ilike(like)))
    ids = list(case_ids)
    if ids:
        stmt = stmt.where(t.case_id.in_(ids))
    # NULLS LAST spelt out: SQLite puts NULLs last in a descending order, PostgreSQL first
    return list(s.scalars(stmt.order_by(t.shipment_date.desc().nulls_last(), t.case_id.desc()).limit(limit)))


def entities_named(s: Session, name: str, limit: int = 10) -> list[int]:
    """Entities whose spellings resolve from a name: the resolved one first, then spellings containing it."""
    out = []
    found = resolve(s, name)
    if found.entity_id is not None:
        out.append(found.entity_id)
    key = party_key(name)
    if key:
        for entity in s.scalars(select(PartyAlias.entity_id).where(PartyAlias.key.like(f"%{key}%")).limit(limit * 5)):
            root = _root(s, entity)
            if root not in out:
                out.append(root)
    return out[:limit]
