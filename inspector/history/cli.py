"""`inspector history`: list and search recorded shipments, show the cases linked to one, an entity's
shipments over time; merge and split party entities (the decision is kept)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.cases.models import CaseContainer, CaseFinding, CaseSeal, CaseShipment
from inspector.history import store

WINDOW_DAYS = 90


def add_history_parser(sub: Any, add_data_dir: Any) -> None:
    """The `history` subcommand and its actions."""
    hist = sub.add_parser("history", help="the case history: shipments, linked cases, party entities")
    actions = hist.add_subparsers(dest="history_command")
    listing = actions.add_parser("list", help="the most recent shipments (the default)")
    search = actions.add_parser("search", help="shipments whose case id, party, invoice, B/L, licence, port "
                                "or family contains TEXT")
    search.add_argument("text", metavar="TEXT")
    show = actions.add_parser("show", help="one case's shipment and the cases linked to it")
    show.add_argument("case", metavar="CASE")
    entity = actions.add_parser("entity", help="a party entity's spellings and shipments over time")
    entity.add_argument("name", metavar="NAME")
    merge = actions.add_parser("merge", help="merge the entity of NAME_A into that of NAME_B")
    merge.add_argument("a", metavar="NAME_A")
    merge.add_argument("b", metavar="NAME_B")
    split = actions.add_parser("split", help="split one spelling off its entity")
    split.add_argument("alias", metavar="SPELLING")
    for p in (merge, split):
        p.add_argument("--by", required=True, help="who decides (kept with the decision)")
        p.add_argument("--note", default="", help="why")
    for p in (hist, listing, search, show, entity, merge, split):
        p.add_argument("--json", action="store_true", help="print JSON on stdout")
        p.add_argument("--limit", type=int, default=50, help="at most this many shipments (default 50)")
        add_data_dir(p)


def _row(r: CaseShipment) -> dict[str, Any]:
    return {"case_id": r.case_id, "shipment_date": r.shipment_date.isoformat() if r.shipment_date else None,
            "exporter": r.exporter_name, "exporter_entity": r.exporter_entity, "consignee": r.consignee_name,
            "consignee_entity": r.consignee_entity, "family": r.family, "hs_headings": r.hs_headings,
            "net_kg": r.net_kg, "value": r.value, "currency": r.currency, "invoice_number": r.invoice_number,
            "bl_number": r.bl_number, "vessel_voyage": r.vessel_voyage, "port_of_loading": r.port_of_loading,
            "port_of_discharge": r.port_of_discharge, "licence_number": r.licence_number}


def _line(r: dict[str, Any]) -> str:
    kg = f"{r['net_kg']:,.0f} kg" if r.get("net_kg") else "? kg"
    return (f"{r['case_id']:18} {r['shipment_date'] or '?':10}  {kg:>10}  {r['family'] or '-':18} "
            f"{(r['exporter'] or '?')[:32]:32} -> {(r['consignee'] or '?')[:32]:32} {r['port_of_loading'] or ''}")


def _linked(s: Session, case_id: str, limit: int) -> dict[str, Any] | None:
    row = s.get(CaseShipment, case_id)
    if row is None:
        return None
    out: dict[str, Any] = {"case": _row(row), "same_parties": [], "shared_containers": [], "shared_seals": [],
                           "fragmentation": []}
    if row.shipment_date and row.exporter_entity is not None and row.consignee_entity is not None:
        t = CaseShipment
        span = dt.timedelta(days=WINDOW_DAYS)
        near = s.scalars(select(t).where(t.exporter_entity == row.exporter_entity,
                                         t.consignee_entity == row.consignee_entity, t.family == row.family,
                                         t.shipment_date >= row.shipment_date - span,
                                         t.shipment_date <= row.shipment_date + span)
                         .order_by(t.shipment_date).limit(limit))
        out["same_parties"] = [_row(r) for r in near if r.case_id != case_id]
    for key, table in (("shared_containers", CaseContainer), ("shared_seals", CaseSeal)):
        mine = list(s.scalars(select(table.number).where(table.case_id == case_id)))
        if mine:
            pairs = s.execute(select(table.case_id, table.number).where(table.number.in_(mine), table.case_id != case_id)
                              .order_by(table.case_id, table.number).limit(limit))
            out[key] = [{"case_id": c, "number": n} for c, n in pairs]
    for evidence in s.scalars(select(CaseFinding.evidence).where(CaseFinding.case_id == case_id,
                                                                 CaseFinding.code == "FRAGMENTATION_SUSPECTED")):
        out["fragmentation"].append({"linked_cases": evidence.get("linked_cases"), "cues": evidence.get("cues"),
                                     "aggregate_kg": evidence.get("aggregate_kg"),
                                     "threshold_kg": evidence.get("threshold_kg")})
    return out


def run_history(args: argparse.Namespace, engine: Any) -> int:
    """Run one `history` action on an open case database; 1 when nothing matches."""
    command = args.history_command or "list"
    with Session(engine) as s:
        if command in ("merge", "split"):
            try:
                if command == "merge":
                    entity = store.merge_entities(s, args.a, args.b, args.by, args.note)
                else:
                    entity = store.split_alias(s, args.alias, args.by, args.note)
            except store.EntityNotFoundError as exc:
                print(f"inspector: {exc}", file=sys.stderr)
                return 1
            s.commit()
            data: Any = {"entity": entity, **vars(store.entity_view(s, entity))}
            return _print(data, args.json, lambda d: f"entity {d['id']}: {d['name']} "
                          f"({'; '.join(d['spellings'])})")
        if command == "show":
            data = _linked(s, args.case, args.limit)
            if data is None:
                print(f"inspector: no recorded shipment for case {args.case}", file=sys.stderr)
                return 1
            return _print(data, args.json, _show_text)
        if command == "entity":
            ids = store.entities_named(s, args.name)
            data = [{**vars(store.entity_view(s, e)), "shipments": [
                _row(r) for r in sorted(store.shipments(s, entity=e, limit=args.limit),
                                        key=lambda r: (r.shipment_date or dt.date.min, r.case_id))]} for e in ids]
            if not data:
                print(f"inspector: no party entity named like {args.name!r}", file=sys.stderr)
                return 1
            return _print(data, args.json, _entity_text)
        rows = store.shipments(s, text=getattr(args, "text", None), limit=args.limit)
        return _print([_row(r) for r in rows], args.json, lambda d: "\n".join(map(_line, d)) or "no shipments")


def _show_text(d: dict[str, Any]) -> str:
    lines = [_line(d["case"]), "", f"same exporter, consignee and family within {WINDOW_DAYS} days:"]
    lines += [f"  {_line(r)}" for r in d["same_parties"]] or ["  none"]
    for key in ("shared_containers", "shared_seals"):
        if d[key]:
            lines.append(key.replace("_", " ") + ": " + ", ".join(f"{x['case_id']} ({x['number']})" for x in d[key]))
    for f in d["fragmentation"]:
        linked = ", ".join(f"{x['case_id']} ({x['shipment_date']}, {x['net_kg']:,.0f} kg)" for x in f["linked_cases"])
        lines.append(f"FRAGMENTATION_SUSPECTED: {linked}; aggregate {f['aggregate_kg']:,.0f} kg; cues {f['cues']}")
    return "\n".join(lines)


def _entity_text(d: list[dict[str, Any]]) -> str:
    out = []
    for e in d:
        out.append(f"entity {e['id']}: {e['name']}  (spelt: {'; '.join(e['spellings'])})")
        out += [f"  {_line(r)}" for r in e["shipments"]] or ["  no shipments"]
    return "\n".join(out)


def _print(data: Any, as_json: bool, text: Any) -> int:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text(data))
    return 0
