"""Laptops and a centre for the sync tests: data directories with a sync identity, lots of one split
consignment recorded as a check records them (record_case, no OCR), and bundles between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from inspector.casework.originals import keep_originals
from inspector.db.cases.repository import open_cases, record_case
from inspector.models import CaseResult, Document, Finding, Lane, Severity
from inspector.paths import DataPaths
from inspector.sync import Exported, export_bundle, init_identity, trust_key
from inspector.sync.identity import Identity, public_key_file
from tests.inspector.history.test_fragmentation_check import CONSIGNEES, papers

SINCE = dt.date(2026, 1, 1)
CONTROLLED = Finding("CONTROLLED_GOODS", Severity.INFO, "controlled", evidence={"family": "rare_earth_dy"},
                     message_zh="管制物项")

# one consignment of dysprosium oxide split into three lots, each just under 1,000 kg, leaving through
# three ports, the consignee spelt three ways, sequential invoices
LOTS = (("NANSHA", "nansha-01", 985.0, 0, CONSIGNEES[0], "INV-2026-0100", "Nansha"),
        ("QINGDAO", "qingdao-02", 978.0, 12, CONSIGNEES[1], "INV-2026-0101", "Qingdao"),
        ("FUZHOU", "fuzhou-01", 990.0, 25, CONSIGNEES[2], "INV-2026-0102", "Fuzhou"))


@dataclass
class Laptop:
    """One installation: its data directory, its sync identity and its case database."""

    paths: DataPaths
    identity: Identity
    engine: Engine

    def export(self, out: Path, since: dt.date = SINCE, with_pages: bool = False) -> Exported:
        """Write a bundle of its cases since `since`."""
        with Session(self.engine) as s:
            done = export_bundle(s, self.paths, out, since, with_pages=with_pages, actor="laptop test")
            s.commit()
        return done


def laptop(root: Path, port: str, name: str, case_db: str | None = None) -> Laptop:
    """A laptop with a sync identity (its case database: SQLite in `root` unless `case_db`)."""
    paths = DataPaths(root, case_db=case_db).ensure()
    return Laptop(paths, init_identity(paths, port, name), open_cases(paths))


def trusting(root: Path, *laptops: Laptop, case_db: str | None = None) -> DataPaths:
    """A centre's data directory that trusts these laptops' keys, each for its port."""
    paths = DataPaths(root, case_db=case_db).ensure()
    for lap in laptops:
        trust_key(paths, public_key_file(lap.paths, lap.identity), lap.identity.port)
    return paths


def record_lot(lap: Laptop, case_id: str, kg: float, days: int, consignee: str = CONSIGNEES[0],
               invoice: str = "INV-2026-0100", port: str = "Ningbo", files: Path | None = None,
               phash: str | None = None) -> CaseResult:
    """Record one lot on the laptop; with `files`, its documents are real files kept as originals; with
    `phash`, its invoice page has that perceptual hash."""
    docs = papers(kg, days, consignee=consignee, invoice=invoice, port=port)
    if phash is not None:  # the invoice's page hashed, as the forensics hash it (the reuse index)
        docs = (replace(docs[0], page_phashes=(phash,), region_phashes=(("0f0f", "f0f0", "", "00ff"),),
                        text=f"{invoice} NET {kg:.0f} KG"), *docs[1:])
    if files is not None:
        docs = tuple(_on_disk(d, files / case_id) for d in docs)
        keep_originals(lap.paths, docs)
    result = CaseResult(case_id, Lane.YELLOW, 20, dt.date.fromisoformat(docs[0].value("date")), docs,
                        (CONTROLLED,), "test")
    with Session(lap.engine) as s:
        record_case(s, result)
        s.commit()
    return result


def _on_disk(doc: Document, folder: Path) -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(doc.path).name
    path.write_bytes(f"scan {doc.index} of {folder.name}".encode())
    return replace(doc, path=str(path))
