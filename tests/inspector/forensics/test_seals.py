"""Seals: red seals are found on colour scans (none on gray or fax-like ones); one seal image pasted on
papers of two issuers is a signal on both, while separate impressions (and re-saved scans) are not."""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image

from inspector.forensics.base import DocumentEvidence, PageEvidence
from inspector.forensics.seals import find_seals, seal_reuse
from inspector.models import DocType, Document, OcrPage, Page
from inspector.pipeline import prepare_page
from inspector.synth.render import render_document
from inspector.synth.scan import ScanProfile, simulate_scan
from inspector.synth.shipment import make_shipment

SEED = 1  # a shipment whose invoice and certificate of origin carry red seals


def _document(image: Image.Image, doc_type: DocType, dpi: int = 300) -> DocumentEvidence:
    arr = np.asarray(image)
    arr = cv2.cvtColor(arr, cv2.COLOR_RGB2BGR) if arr.ndim == 3 else arr
    page = Page(f"{doc_type}.png", 1, dpi, arr)
    clean = prepare_page(page)
    doc = Document(0, page.source, doc_type)
    ocr = OcrPage(1, clean.image.shape[1], clean.image.shape[0], ())
    return DocumentEvidence(doc, page.source, None, (PageEvidence(doc, page, clean, ocr, None),))


def _render(doc_type: DocType, k: int) -> Image.Image:
    ship = make_shipment(random.Random(SEED), goods="controlled")
    rendered = render_document(ship, doc_type, random.Random(SEED * 7 + k))
    return rendered.pages[-1] if doc_type != DocType.BILL_OF_LADING else rendered.pages[0]


def _scan(img: Image.Image, seed: int, profile: ScanProfile | None = None) -> Image.Image:
    return simulate_scan(img, profile or ScanProfile(blur=0.4, noise=3.0, jpeg_quality=80), random.Random(seed))


def test_a_red_seal_is_found_and_boxed_on_the_clean_page() -> None:
    invoice = _render(DocType.COMMERCIAL_INVOICE, 0)
    doc = _document(_scan(invoice, 1), DocType.COMMERCIAL_INVOICE)
    seals = find_seals(doc.pages[0])
    assert len(seals) == 1
    red = np.asarray(invoice)[..., 0].astype(int) - np.asarray(invoice)[..., 1:].max(axis=2) > 60
    ys, xs = np.nonzero(red)
    x, y, w, h = seals[0].bbox
    assert x - 15 <= xs.min() and xs.max() <= x + w + 15 and y - 15 <= ys.min() and ys.max() <= y + h + 15


def test_gray_and_fax_like_scans_have_no_seal_to_find() -> None:
    invoice = _render(DocType.COMMERCIAL_INVOICE, 0)
    gray = _document(_scan(invoice.convert("L"), 2), DocType.COMMERCIAL_INVOICE)
    fax = _document(_scan(invoice, 3, ScanProfile(dpi=200, fax=True, speckle=0.001)), DocType.COMMERCIAL_INVOICE, 200)
    assert not find_seals(gray.pages[0]) and not find_seals(fax.pages[0])


def test_a_seal_pasted_on_the_carriers_bill_is_a_signal_on_both_papers() -> None:
    invoice = _render(DocType.COMMERCIAL_INVOICE, 0)
    x, y, w, h = find_seals(_document(invoice, DocType.COMMERCIAL_INVOICE).pages[0])[0].original_box
    bill = _render(DocType.BILL_OF_LADING, 3).convert("RGB")
    bill.paste(invoice.crop((x, y, x + w, y + h)), (1500, 2600))
    docs = (_document(_scan(invoice, 4), DocType.COMMERCIAL_INVOICE),
            _document(_scan(bill, 5), DocType.BILL_OF_LADING))
    found = list(seal_reuse(docs))
    assert sorted(i for i, _ in found) == [0, 1]
    assert all(s.detail["same_print"] >= 0.7 and s.detail["issuers"][0] != s.detail["issuers"][1] for _, s in found)
    on_bill = next(s for i, s in found if i == 1)
    assert abs(on_bill.bbox[0] - 1500) < 20 and abs(on_bill.bbox[1] - 2600) < 20


def test_separate_impressions_are_not_reuse_even_re_saved() -> None:
    invoice, origin = _render(DocType.COMMERCIAL_INVOICE, 0), _render(DocType.CERTIFICATE_OF_ORIGIN, 2)
    docs = (_document(_scan(invoice, 6), DocType.COMMERCIAL_INVOICE),
            _document(_scan(origin, 7), DocType.CERTIFICATE_OF_ORIGIN))
    assert find_seals(docs[1].pages[0])  # the chamber's (and the exporter's) own impressions
    assert not list(seal_reuse(docs))
    resaved = (_document(_scan(invoice, 8, ScanProfile(blur=0.6, noise=4.0, jpeg_quality=55)),
                         DocType.COMMERCIAL_INVOICE), docs[1])
    assert not list(seal_reuse(resaved))
