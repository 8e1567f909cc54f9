"""Smoke test with real Tesseract: a rendered 300-dpi invoice is legible."""

from __future__ import annotations

import random

import pytesseract

from inspector.models import DocType
from inspector.synth.render import render_document
from inspector.synth.shipment import make_shipment


def test_tesseract_reads_the_invoice_number(monkeypatch):
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    ship = make_shipment(random.Random(8))
    page = render_document(ship, DocType.COMMERCIAL_INVOICE, random.Random(8), layout="table").pages[0]
    text = pytesseract.image_to_string(page.crop((0, 0, 2480, 1800)), lang="eng", config="--psm 3")
    assert ship.invoice_number in text.replace(" ", "")
    assert "INVOICE" in text.upper()
