"""Back pages: the terms and conditions printed on the reverse of paperwork (no contract fields)."""

from __future__ import annotations

import random

from inspector.models import DocType
from inspector.synth.canvas import A4_300DPI, MARGIN, Sheet

_CLAUSES = (
    "DEFINITIONS. 'Carrier' means the party on whose behalf this document has been signed. 'Merchant' includes "
    "the shipper, the consignee, the holder of this document and any person owning the goods.",
    "CARRIER'S TARIFF. The terms of the Carrier's applicable tariff are incorporated herein. Copies of the "
    "relevant provisions of the applicable tariff are obtainable from the Carrier upon request.",
    "WARRANTY. The Merchant warrants that in agreeing to the terms hereof he is, or has the authority of, the "
    "person owning or entitled to the possession of the goods and of this document.",
    "SUB-CONTRACTING. The Carrier shall be entitled to sub-contract on any terms the whole or any part of the "
    "carriage, loading, unloading, storing, warehousing, handling and any and all duties whatsoever.",
    "PAYMENT. Payment shall be made in full without deduction or set-off by telegraphic transfer to the "
    "account named by the seller. Bank charges outside the seller's country are for the buyer's account.",
    "CLAIMS. Any claim regarding quality or quantity must be lodged in writing within thirty days after the "
    "arrival of the goods at the port of destination, supported by a survey report of a recognised surveyor.",
    "FORCE MAJEURE. Neither party shall be liable for failure to perform its obligations due to causes beyond "
    "its reasonable control, including acts of government, war, epidemic, flood, fire or strike.",
    "LAW AND JURISDICTION. Any dispute arising under this document shall be settled by arbitration under the "
    "rules in force at the place of issue, whose award shall be final and binding upon both parties.",
)


def back_page(sheet: Sheet, doc_type: DocType, rng: random.Random) -> None:
    """A page of numbered clauses in small print under a title for the document type."""
    title = "TERMS AND CONDITIONS OF CARRIAGE" if doc_type == DocType.BILL_OF_LADING else "GENERAL TERMS AND CONDITIONS"
    sheet.text(A4_300DPI[0] // 2, 180, title, 44, bold=True, anchor="mt")
    y = 300
    for i, clause in enumerate(rng.sample(_CLAUSES, len(_CLAUSES)), 1):
        y = sheet.lines(MARGIN, y, sheet.wrap(f"{i}. {clause}", A4_300DPI[0] - 2 * MARGIN, 28), 28) + 30
    sheet.text(A4_300DPI[0] // 2, A4_300DPI[1] - 150, "- page 2 of 2 -", 26, anchor="mt")
