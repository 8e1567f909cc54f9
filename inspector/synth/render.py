"""Render a shipment's documents to A4 300-dpi page images, each with the truth it shows."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from inspector.models import DocType
from inspector.synth.canvas import Drawn, Sheet
from inspector.synth.layouts import declaration, invoice, lading, licence, origin, packing, terms
from inspector.synth.shipment import Shipment
from inspector.synth.truth import ItemTruth

Layout = Callable[[Sheet, Shipment, random.Random], None]

# Every document type with its layouts; add a layout by adding a function here. `render_document` draws
# a layout with `rng.choice(sorted(names))`: the names (and how many there are per type) were chosen so that
# the bundled sample's seed still draws its original layouts, keeping resources/samples byte-identical.
LAYOUTS: dict[DocType, dict[str, Layout]] = {
    DocType.COMMERCIAL_INVOICE: {"bilingual": invoice.bilingual, "blocks": invoice.blocks, "grid": invoice.grid,
                                 "table": invoice.table},
    DocType.PACKING_LIST: {"blocks": packing.blocks, "table": packing.table, "weight_list": packing.weight_list},
    DocType.EXPORT_DECLARATION: {"cn_2017": declaration.cn_2017, "cn_brief": declaration.cn_brief,
                                 "cn_continued": declaration.cn_continued, "cn_customs": declaration.cn_customs},
    DocType.BILL_OF_LADING: {"carrier": lading.carrier, "master": lading.master, "waybill": lading.waybill},
    DocType.EXPORT_LICENCE: {"cn_dual_use": licence.cn_dual_use, "cn_qr": licence.cn_qr, "en_first": licence.en_first},
    DocType.CERTIFICATE_OF_ORIGIN: {"ccpit": origin.ccpit, "chamber": origin.chamber, "form_e": origin.form_e},
}


@dataclass(frozen=True)
class Rendered:
    """The pages of one document and the contract fields and items drawn on them."""

    doc_type: DocType
    layout: str
    pages: tuple[Image.Image, ...]
    fields: dict
    items: tuple[ItemTruth, ...]
    drawn: tuple[Drawn, ...] = ()  # every text line drawn, with its box (for tamper and checks)


def render_document(ship: Shipment, doc_type: DocType, rng: random.Random, *, layout: str | None = None,
                    extra_page: bool = False) -> Rendered:
    """Draw one document; `extra_page` adds a back page of terms (for multi-page TIFFs)."""
    layouts = LAYOUTS[doc_type]
    name = layout or rng.choice(sorted(layouts))
    if doc_type == DocType.EXPORT_LICENCE and ship.licence_number is None:
        raise ValueError("this shipment has no export licence to render")
    sheet = Sheet()
    layouts[name](sheet, ship, rng)
    if extra_page:
        sheet.new_page()
        terms.back_page(sheet, doc_type, rng)
    return Rendered(doc_type, name, tuple(sheet.pages), dict(sheet.fields), tuple(sheet.items),
                    tuple(sheet.drawn))
