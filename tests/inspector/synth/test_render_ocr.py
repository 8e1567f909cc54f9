"""Real Tesseract re-reads the strongly formatted fields of clean 300-dpi renders of the new layouts."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytesseract
import pytest

from inspector.models import DocType
from inspector.synth.render import render_document
from inspector.synth.shipment import make_shipment

PAGES = [(DocType.COMMERCIAL_INVOICE, "grid", 41), (DocType.EXPORT_DECLARATION, "cn_2017", 42),
         (DocType.BILL_OF_LADING, "waybill", 43), (DocType.EXPORT_LICENCE, "cn_qr", 44)]


def _ocr(image) -> str:
    text = pytesseract.image_to_string(image.convert("L"), lang="eng+chi_sim", config="--psm 3")
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("doc_type,layout,seed", PAGES, ids=lambda v: str(v))
def test_tesseract_recovers_numbers_codes_and_dates(monkeypatch, doc_type, layout, seed):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    ship = make_shipment(random.Random(seed), goods="controlled")
    out = render_document(ship, doc_type, random.Random(seed), layout=layout)
    text = _ocr(out.pages[0])
    assert out.fields["document_number"] in text
    for number in out.fields["container_numbers"]:
        assert number in text
    for item in out.items:
        if item.hs_code and any(d.text == item.hs_code or item.hs_code in d.text.split() for d in out.drawn):
            assert item.hs_code in text
    iso_dates = [m for d in out.drawn for m in re.findall(r"\d{4}-\d{2}-\d{2}", d.text)]
    for iso in iso_dates:
        dt.date.fromisoformat(iso)
        assert iso in text
