"""Write one synthetic case to a folder: one scanned file per document, and truth.json."""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PIL import Image, ImageDraw

from inspector.models import DocType
from inspector.synth.canvas import MARGIN, Drawn, font
from inspector.synth.photo import simulate_photo
from inspector.synth.render import Rendered, render_document
from inspector.synth.scan import CLEAN, ScanProfile, simulate_scan
from inspector.synth.shipment import (
    PLANTED,
    Shipment,
    diversion_countries,
    make_shipment,
    route_risk_countries,
)
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
               products: tuple[str, ...] | None = None, photos: Iterable[DocType] = (),
               record_scan: bool = False) -> CaseTruth:
    """Generate the case for `seed` into `out_dir` (created if needed); same seed, same files.

    Documents in `photos` are phone photos (always JPEG). `record_scan` writes each document's dpi and
    photo flag into the truth (off by default so that older cases, like the bundled sample, stay identical).
    """
    return write_shipment_case(out_dir, make_case_shipment(seed, goods, problem, products), seed=seed,
                               profile=profile, formats=formats, doc_types=doc_types, layouts=layouts,
                               photos=photos, record_scan=record_scan)


def make_case_shipment(seed: int, goods: str = "controlled", problem: str | None = None,
                       products: tuple[str, ...] | None = None) -> Shipment:
    """The shipment `write_case` generates for these arguments."""
    return make_shipment(random.Random(f"{seed}:shipment"), goods=goods, problem=problem, products=products)


def write_shipment_case(out_dir: Path, ship: Shipment, *, seed: int, profile: Profiles = None,
                        formats: Mapping[DocType, str] | None = None, doc_types: Iterable[DocType] | None = None,
                        layouts: Mapping[DocType, str] | None = None, photos: Iterable[DocType] = (),
                        record_scan: bool = False) -> CaseTruth:
    """Write the paperwork of a given shipment (see `write_case`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    photo_types = {DocType(t) for t in photos}
    docs = []
    for index, doc_type in enumerate(doc_types or default_doc_types(ship), 1):
        doc_type = DocType(doc_type)
        fmt_ = "jpg" if doc_type in photo_types else (formats or {}).get(doc_type, DEFAULT_FORMATS[doc_type])
        doc = _write_document(out_dir, index, ship, doc_type, fmt_, _profile_for(profile, doc_type), seed,
                              (layouts or {}).get(doc_type), doc_type in photo_types)
        docs.append(doc if record_scan else replace(doc, dpi=300, photo=False))
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
                    profile: ScanProfile, seed: int, layout: str | None, photo: bool = False) -> DocTruth:
    if fmt_ not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt_!r}")
    rendered = render_document(ship, doc_type, random.Random(f"{seed}:{doc_type}:render"), layout=layout,
                               extra_page=fmt_ == "tif" and not photo)
    rendered = show_transit(rendered, ship)
    path = out_dir / f"{index:02d}_{doc_type}.{fmt_}"
    created = dt.datetime.combine(ship.invoice_date, dt.time(9, 30), tzinfo=dt.UTC)
    if photo:
        shot = simulate_photo(rendered.pages[0], random.Random(f"{seed}:{doc_type}:photo"))
        save_pages([shot], path, 72, shot.info["jpeg_quality"], created)
        return replace(_doc_truth(path.name, rendered), dpi=shot.info["page_dpi"], photo=True)
    quality = profile.jpeg_quality or DEFAULT_JPEG_QUALITY
    if fmt_ == "jpg":
        profile = replace(profile, jpeg_quality=None)  # the file itself is the JPEG round trip
    scan_rng = random.Random(f"{seed}:{doc_type}:scan")
    pages = [simulate_scan(page, profile, scan_rng) for page in rendered.pages]
    save_pages(pages, path, profile.dpi, quality, created)
    return replace(_doc_truth(path.name, rendered), dpi=profile.dpi)


_TRANSIT_ANCHORS = {DocType.BILL_OF_LADING: "Port of Discharge",
                    DocType.CERTIFICATE_OF_ORIGIN: "3. Means of transport and route"}


def show_transit(rendered: Rendered, ship: Shipment) -> Rendered:
    """Add "VIA <country>" to the routing of a B/L or certificate of origin whose layout did not show it."""
    anchor = _TRANSIT_ANCHORS.get(rendered.doc_type)
    if not ship.transit_countries or anchor is None or rendered.fields.get("transit_countries"):
        return rendered
    names = [_country_name(ship, c).upper() for c in ship.transit_countries]
    page = rendered.pages[0].copy()
    x, y = _below_anchor(rendered.drawn, anchor, page.height)
    text = f"VIA {', '.join(names)}"
    ImageDraw.Draw(page).text((x, y), text, font=font(26), fill=0)
    fields = {**rendered.fields, "transit_countries": list(ship.transit_countries)}
    return replace(rendered, pages=(page, *rendered.pages[1:]), fields=fields)


def _country_name(ship: Shipment, code: str) -> str:
    names = {c: n for line in ship.lines if line.spec.controlled for c, n in diversion_countries(line.spec.key).items()}
    return names.get(code, code)


def _below_anchor(drawn: Sequence[Drawn], anchor: str, page_height: int) -> tuple[int, int]:
    """Just below the text drawn under a label (within 200 px), or the bottom margin without the label."""
    label = next((d for d in drawn if d.page == 0 and d.text.startswith(anchor)), None)
    if label is None:
        return MARGIN, page_height - 130
    lx, ly, _, lh = label.bbox
    under = [d for d in drawn if d.page == 0 and abs(d.bbox[0] - lx) < 40 and ly < d.bbox[1] < ly + 200]
    bottom = max((d.bbox[1] + d.bbox[3] for d in under), default=ly + lh)
    return lx + 6, bottom + 6


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
        first.save(path, format="PNG", dpi=(dpi, dpi), compress_level=1)
    elif ext == "jpg":
        first.save(path, format="JPEG", dpi=(dpi, dpi), quality=jpeg_quality, **_exif(first))
    elif ext == "pdf":
        first.save(path, format="PDF", resolution=float(dpi), save_all=True, append_images=rest,
                   creationDate=created.utctimetuple(), modDate=created.utctimetuple())
    elif ext == "tif":
        first.save(path, format="TIFF", dpi=(dpi, dpi), compression="tiff_deflate", save_all=True,
                   append_images=rest)
    else:
        raise ValueError(f"cannot save pages as {path.name}")


def _exif(img: Image.Image) -> dict[str, bytes]:
    return {"exif": img.info["exif"]} if img.info.get("exif") else {}


def _doc_truth(filename: str, rendered: Rendered) -> DocTruth:
    return DocTruth(filename=filename, type=rendered.doc_type, fields=dict(rendered.fields),
                    items=rendered.items, pages=len(rendered.pages), layout=rendered.layout)


def planted_codes(ship: Shipment) -> tuple[str, ...]:
    """Finding codes the shipment is built to trigger (CONTROLLED_GOODS for any controlled goods)."""
    codes = (("CONTROLLED_GOODS",) if ship.controlled else ()) + PLANTED[ship.problem] + ship.extra_planted
    if route_risk_countries(ship) and "ROUTE_RISK" not in codes:
        codes += ("ROUTE_RISK",)
    return codes


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
    "hs_description_mismatch": "Controlled goods described truthfully but declared under a cover HS heading "
                               "(slag, ferro-alloys, mixtures...) on every document.",
    "weight_sum_mismatch": "On the packing list one item's weights are changed; the printed totals are not.",
    "date_inconsistent": "The bill of lading's on-board date is before the invoice date, or the licence was "
                         "issued after the shipment.",
    "licence_not_found": "The licence number on the papers is not in the corpus licences.csv.",
    "licence_expired": "The licence's validity (registry and paper) ended before the shipment date.",
    "licence_exceeded": "The registry quantity of the licence is below the shipped net weight.",
    "licence_mismatch": "The registry row names another consignee or destination than the papers.",
    "watchlist_party": "The consignee or end user is a watchlist entry spelled with a small variation.",
    "route_risk": "The B/L and certificate of origin route the goods via a known diversion country.",
    "value_outlier": "The declared value per kg is far below the reference range for the material.",
}


def _notes(ship: Shipment) -> str:
    entry = ship.watchlist_entry
    hit = f" Watchlist entry: {entry.name!r} ({entry.list})." if entry else ""
    return (f"{_PROBLEM_NOTES[ship.problem]}{hit} Ports are given by name (UN/LOCODE {ship.origin_port.locode} -> "
            f"{ship.destination_port.locode}); vessel without voyage ({ship.voyage}); units normalised to "
            "KG/PCS/SQM; fields a document does not show are null or [].")
