"""Ground truth of a synthetic case: what the engine should read from each generated document."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from inspector.models import FIELD_NAMES, LIST_FIELDS, DocType


@dataclass(frozen=True)
class ItemTruth:
    """One goods line as printed on a document; None where the document does not show the value."""

    description: str
    hs_code: str | None = None  # digits only
    quantity: float | None = None
    unit: str | None = None
    net_weight_kg: float | None = None
    gross_weight_kg: float | None = None
    value: float | None = None


def empty_fields() -> dict[str, Any]:
    """Every contract field at its 'not shown' value: None, or [] for list fields."""
    return {name: ([] if name in LIST_FIELDS else None) for name in FIELD_NAMES}


@dataclass(frozen=True)
class DocTruth:
    """One generated file and the contract-form values the engine should extract from it."""

    filename: str
    type: DocType
    fields: dict[str, Any] = field(default_factory=empty_fields)
    items: tuple[ItemTruth, ...] = ()
    pages: int = 1
    layout: str = ""
    dpi: int = 300  # resolution of the page in the file (a photo's: the page's effective resolution)
    photo: bool = False  # a phone photo rather than a scan

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `dpi` and `photo` are left out at their defaults (300, false)."""
        data = asdict(self)
        data["type"] = str(self.type)
        data["items"] = [asdict(i) for i in self.items]
        for key, default in (("dpi", 300), ("photo", False)):
            if data[key] == default:
                del data[key]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocTruth:
        """The inverse of `to_dict`."""
        return cls(
            filename=data["filename"],
            type=DocType(data["type"]),
            fields={**empty_fields(), **data["fields"]},
            items=tuple(ItemTruth(**i) for i in data.get("items", ())),
            pages=int(data.get("pages", 1)),
            layout=data.get("layout", ""),
            dpi=int(data.get("dpi", 300)),
            photo=bool(data.get("photo", False)),
        )


@dataclass(frozen=True)
class CaseTruth:
    """A whole synthetic case: its documents, and the findings it was built to trigger."""

    case: str
    seed: int
    documents: tuple[DocTruth, ...]
    planted: tuple[str, ...] = ()
    notes: str = ""
    goods: str = "controlled"
    problem: str | None = None
    shipment_date: str | None = None  # ISO date the goods were shipped on board

    def to_json(self) -> str:
        """Stable, human-readable JSON (sorted by the dataclass order, 2-space indent)."""
        data = asdict(self)
        data["documents"] = [d.to_dict() for d in self.documents]
        data["planted"] = list(self.planted)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> CaseTruth:
        """Parse what `to_json` wrote."""
        data = json.loads(text)
        data["documents"] = tuple(DocTruth.from_dict(d) for d in data["documents"])
        data["planted"] = tuple(data.get("planted", ()))
        return cls(**data)

    def document(self, doc_type: DocType) -> DocTruth | None:
        """The first document of a type, or None."""
        return next((d for d in self.documents if d.type == doc_type), None)
