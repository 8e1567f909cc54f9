"""Write one synthetic case to a folder: one scanned file per document, and truth.json."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PIL import Image

from inspector.models import DocType
from inspector.synth.render import Rendered, render_document
from inspector.synth.scan import CLEAN, ScanProfile, simulate_scan
from inspector.synth.shipment import PLANTED, Shipment, make_shipment
from inspector.synth.truth import CaseTruth, DocTruth

log = logging.getLogger(__name__)

FORMATS = ("png", "jpg", "pdf", "tif")
DEFAULT_FORMATS: dict[DocType, str] = {
    DocType.COMMERCIAL_INVOICE: "pdf",
    DocType.PACKING_LIST: "png",
    DocType.EXPORT_DECLARATION: "jpg",
    DocType.BILL_OF_LADING: "tif",
    DocType.EXPORT_LICENCE: "pdf",
    DocType.CERTIFICATE_OF_ORIGIN: "jpg",
}
DEFAULT_JPEG_QUALITY = 88
FIXED_PDF_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
Profiles = ScanProfile | Mapping[DocType, ScanProfile] | None


def default_doc_types(ship: Shipment) -> tuple[DocType, ...]:
    """The paperwork of a shipment: the licence only where the shipment has one."""
    types = [DocType.COMMERCIAL_INVOICE, DocType.PACKING_LIST, DocType.EXPORT_DECLARATION,
             DocType.BILL_OF_LADING, DocType.EXPORT_LICENCE, DocType.CERTIFICATE_OF_ORIGIN]
    return tuple(t for t in types if t != DocType.EXPORT_LICENCE or ship.licence_number)


def write_case(out_dir: Path, *, seed: int, goods: str = "controlled", problem: str | None = None,
               profile: Profiles = None, formats: Mapping[DocType, str] | None = None,
               doc_types: Iterable[DocType] | None = None, layouts: Mapping[DocType, str] | None = None,
               products: tuple[str, ...] | None = None) -> CaseTruth:
    """Generate the case for `seed` into `out_dir` (created if needed); same seed, same files."""
    ship = make_shipment(random.Random(f"{seed}:shipment"), goods=goods, problem=problem, products=products)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    for index, doc_type in enumerate(doc_types or default_doc_types(ship), 1):
        fmt_ = (formats or {}).get(doc_type, DEFAULT_FORMATS[doc_type])
        docs.append(_write_document(out_dir, index, ship, DocType(doc_type), fmt_, _profile_for(profile, doc_type),
                                    seed, (layouts or {}).get(doc_type)))
    truth = _case_truth(ship, seed, docs)
    (out_dir / "truth.json").write_text(truth.to_json(), encoding="utf-8")
    log.info("wrote case %s (%d documents) to %s", truth.case, len(docs), out_dir)
    return truth


def _profile_for(profile: Profiles, doc_type: DocType) -> ScanProfile:
    if profile is None:
        return CLEAN
    if isinstance(profile, ScanProfile):
        return profile
    return profile.get(doc_type, CLEAN)


def _write_document(out_dir: Path, index: int, ship: Shipment, doc_type: DocType, fmt_: str,
                    profile: ScanProfile, seed: int, layout: str | None) -> DocTruth:
    if fmt_ not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt_!r}")
    rendered = render_document(ship, doc_type, random.Random(f"{seed}:{doc_type}:render"), layout=layout,
                               extra_page=fmt_ == "tif")
    quality = profile.jpeg_quality or DEFAULT_JPEG_QUALITY
    if fmt_ == "jpg":
        profile = replace(profile, jpeg_quality=None)  # the file itself is the JPEG round trip
    scan_rng = random.Random(f"{seed}:{doc_type}:scan")
    pages = [simulate_scan(page, profile, scan_rng) for page in rendered.pages]
    path = out_dir / f"{index:02d}_{doc_type}.{fmt_}"
    created = dt.datetime.combine(ship.invoice_date, dt.time(9, 30), tzinfo=dt.UTC)
    save_pages(pages, path, profile.dpi, quality, created)
    return _doc_truth(path.name, rendered)


def save_pages(pages: Sequence[Image.Image], path: Path, dpi: int, jpeg_quality: int = DEFAULT_JPEG_QUALITY,
               created: dt.datetime = FIXED_PDF_DATE) -> None:
    """Save pages with their dpi in the metadata: PNG/JPEG (one page), PDF or multi-page TIFF.

    PDFs carry `created` as creation and modification date, so the same pages give the same bytes.
    """
    first, rest = pages[0], list(pages[1:])
    ext = path.suffix.lower().lstrip(".")
    if ext in ("png", "jpg") and rest:
        raise ValueError(f"{ext} holds one page; use pdf or tif for {len(pages)} pages")
    if ext == "png":
        first.save(path, format="PNG", dpi=(dpi, dpi), compress_level=6)
    elif ext == "jpg":
        first.save(path, format="JPEG", dpi=(dpi, dpi), quality=jpeg_quality)
    elif ext == "pdf":
        first.save(path, format="PDF", resolution=float(dpi), save_all=True, append_images=rest,
                   creationDate=created.utctimetuple(), modDate=created.utctimetuple())
    elif ext == "tif":
        first.save(path, format="TIFF", dpi=(dpi, dpi), compression="tiff_deflate", save_all=True,
                   append_images=rest)
    else:
        raise ValueError(f"cannot save pages as {path.name}")


def _doc_truth(filename: str, rendered: Rendered) -> DocTruth:
    return DocTruth(filename=filename, type=rendered.doc_type, fields=dict(rendered.fields),
                    items=rendered.items, pages=len(rendered.pages), layout=rendered.layout)


def planted_codes(ship: Shipment) -> tuple[str, ...]:
    """Finding codes the shipment is built to trigger (CONTROLLED_GOODS for any controlled goods)."""
    base = ("CONTROLLED_GOODS",) if ship.controlled else ()
    return base + PLANTED[ship.problem]


def _case_truth(ship: Shipment, seed: int, docs: list[DocTruth]) -> CaseTruth:
    name = f"synth-{seed}-{ship.goods_kind}-{ship.problem or 'clean'}"
    return CaseTruth(case=name, seed=seed, documents=tuple(docs), planted=planted_codes(ship),
                     notes=_notes(ship), goods=ship.goods_kind, problem=ship.problem,
                     shipment_date=ship.shipped_date.isoformat())


_PROBLEM_NOTES = {
    None: "No planted problem.",
    "licence_missing": "Controlled goods, and no licence number on any document.",
    "weight_mismatch": "The packing list's net weights differ from the invoice's by 3-10 %.",
    "bad_container": "One container number on the bill of lading has a wrong ISO 6346 check digit "
                     "(the packing list shows the right one).",
    "party_mismatch": "The bill of lading names a different consignee company than the invoice.",
    "gross_below_net": "Gross weights are below net weights on every document.",
}


def _notes(ship: Shipment) -> str:
    return (f"{_PROBLEM_NOTES[ship.problem]} Ports are given by name (UN/LOCODE {ship.origin_port.locode} -> "
            f"{ship.destination_port.locode}); vessel without voyage ({ship.voyage}); units normalised to "
            "KG/PCS/SQM; fields a document does not show are null or [].")
