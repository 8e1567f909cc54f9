"""What the history keeps of one case, read from its documents: the majority reading of each field.

Pure (documents in, a `Summary` out), shared by `record_case` (the case as recorded) and the
fragmentation check (the new case, not recorded yet), so both sides of a comparison are read alike.
A field read on several papers is taken as the reading most papers agree on, each reading weighing
its OCR confidence; party names are grouped by their party key (spellings of one name agree).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from inspector.history.entities import party_key
from inspector.history.fragmentation import Lot
from inspector.models import DocType, Document, Finding

_CONTAINER = re.compile(r"^[A-Z]{4}\d{7}$")
_VOYAGE = re.compile(r"\d")
SEAL_FIELDS = ("seal_numbers", "seals")
VOYAGE_FIELDS = ("voyage", "voyage_number")


@dataclass(frozen=True)
class Summary:
    """One case's shipment as the history keeps it."""

    shipment_date: dt.date | None
    exporter: str | None = None  # the name as most often read
    consignee: str | None = None
    family: str = ""
    hs_headings: tuple[str, ...] = ()
    net_kg: float | None = None
    value: float | None = None
    currency: str | None = None
    invoice_number: str | None = None
    bl_number: str | None = None
    vessel_voyage: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    licence_number: str | None = None
    licence_numbers: tuple[str, ...] = ()  # every licence number read (the ledger's keys)
    containers: frozenset[str] = field(default_factory=frozenset)
    seals: frozenset[str] = field(default_factory=frozenset)

    def lot(self, case_id: str, exporter: int | None, consignee: int | None) -> Lot | None:
        """The fragmentation lot of this shipment (None without a date or a net weight)."""
        if self.shipment_date is None or not self.net_kg:
            return None
        return Lot(case_id, self.shipment_date, self.net_kg, self.family, exporter, consignee,
                   self.invoice_number, self.bl_number, self.containers, self.seals, self.vessel_voyage,
                   self.port_of_loading, self.licence_number)


def majority(readings: Iterable[tuple[Any, float]], key: Callable[[Any], Any] = lambda v: v) -> Any:
    """The reading whose group (by `key`) weighs most (sum of confidences); the group's most confident
    reading stands for it. None for no readings."""
    groups: dict[Any, list[tuple[Any, float]]] = {}
    for value, confidence in readings:
        k = key(value)
        if value in (None, "", []) or k in (None, ""):
            continue
        groups.setdefault(k, []).append((value, confidence))
    if not groups:
        return None
    best = max(groups.values(), key=lambda g: (sum(c for _, c in g), len(g)))
    return max(best, key=lambda r: r[1])[0]


def _readings(docs: Sequence[Document], name: str, types: tuple[DocType, ...] = ()) -> list[tuple[Any, float]]:
    return [(d.fields[name].value, float(d.fields[name].confidence)) for d in docs
            if name in d.fields and (not types or d.type in types)]


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().upper() if value not in (None, "") else ""


def _compact(value: Any) -> str:
    return re.sub(r"[^0-9A-Z]", "", _text(value))


def _port(value: Any) -> str:
    return re.sub(r"[^A-Z]", "", _text(value))


def heading(code: str | None) -> str:
    """The 4-digit HS heading of a code ("" when there is none)."""
    digits = re.sub(r"[\s.]", "", code or "")
    return digits[:4] if len(digits) >= 4 and digits[:4].isdigit() else ""


def family_of_findings(findings: Iterable[Finding]) -> str:
    """The control family of a case from its CONTROLLED_GOODS findings (the first one named)."""
    for f in findings:
        if f.code == "CONTROLLED_GOODS" and f.evidence.get("family"):
            return str(f.evidence["family"])
    return ""


def summarise(documents: Sequence[Document], shipment_date: dt.date | None, family: str,
              net_kg: float | None) -> Summary:
    """The history summary of a case's readable documents. `family` is the control family of its goods
    (from the controls check); without one, its first HS heading stands for it ("hs:2825")."""
    docs = [d for d in documents if d.error is None]
    headings = tuple(dict.fromkeys(h for d in docs for it in d.items if (h := heading(it.hs_code))))
    exporter = majority(_readings(docs, "exporter"), party_key)
    consignee = majority(_readings(docs, "consignee"), party_key)
    invoice = majority(_readings(docs, "invoice_number") + _readings(docs, "document_number",
                                                                     (DocType.COMMERCIAL_INVOICE,)), _compact)
    bl = majority(_readings(docs, "document_number", (DocType.BILL_OF_LADING,)), _compact)
    vessel = majority(_readings(docs, "vessel"), _text)
    voyage = majority([r for name in VOYAGE_FIELDS for r in _readings(docs, name)], _compact)
    vessel_voyage = " ".join(_text(v) for v in (vessel, voyage) if v)
    licences = [(v, c) for v, c in _readings(docs, "licence_number") if isinstance(v, str)]
    containers = {_compact(c) for d in docs for c in (d.value("container_numbers") or [])
                  if isinstance(c, str) and _CONTAINER.match(_compact(c))}
    seals = {_compact(c) for d in docs for name in SEAL_FIELDS for c in (d.value(name) or [])
             if isinstance(c, str) and len(_compact(c)) >= 5}
    value = majority([(v, c) for v, c in _readings(docs, "total_value") if isinstance(v, int | float)])
    return Summary(
        shipment_date=shipment_date, exporter=exporter, consignee=consignee,
        family=family or (f"hs:{headings[0]}" if headings else ""), hs_headings=headings, net_kg=net_kg,
        value=float(value) if value is not None else None,
        currency=(majority(_readings(docs, "currency"), _text) or None),
        invoice_number=_compact(invoice) or None, bl_number=_compact(bl) or None,
        # a vessel name alone is a liner on its loop, not a link: only a vessel with its voyage counts
        vessel_voyage=vessel_voyage if _VOYAGE.search(vessel_voyage or "") else None,
        port_of_loading=_port(majority(_readings(docs, "port_of_loading"), _port)) or None,
        port_of_discharge=_port(majority(_readings(docs, "port_of_discharge"), _port)) or None,
        licence_number=(majority(licences, _compact) or None),
        licence_numbers=tuple(dict.fromkeys(v for v, _ in licences if v.strip())),
        containers=frozenset(containers), seals=frozenset(seals),
    )  # fmt: skip
