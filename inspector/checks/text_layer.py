"""TAMPER_SUSPECTED: a PDF's text layer says one value where the printed page shows another.

The comparison (`inspector.ocr.text_compare`) reopens the PDF: the check needs the page as
printed and the layer's words, which documents do not carry, and it runs once per file version.
A drawn word that prints differently (a doctored font map, a number covered by an image) cannot
be an accident: high. An invisible layer over a scan may be the scanner's own misreading, so
its disagreement asks for a look at the paper: medium.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.errors import MissingDependencyError
from inspector.models import BBox, Document, Finding, Message, Severity
from inspector.ocr.tesseract import probe
from inspector.ocr.text_compare import Disagreement, compare_pdf
from inspector.wording import field_name

log = logging.getLogger(__name__)


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Values of PDF documents whose text layer and print disagree."""
    pdfs = [doc for doc in ctx.readable() if _is_pdf(doc.path)]
    if not pdfs:
        return
    try:
        tess = probe(ctx.config.tesseract_cmd, ctx.config.tessdata_dir)
    except MissingDependencyError as exc:
        log.warning("text layers not compared: %s", exc)
        return
    for doc in pdfs:
        for d in compare_pdf(doc.path, tess):
            yield _finding(doc, d)


def _finding(doc: Document, d: Disagreement) -> Finding:
    field = _field_at(doc, d.page, d.bbox)
    where = Message(f"the {field_name(field).en}", field_name(field).zh) if field else Message("a value", "某一数值")
    layer = "drawn" if d.seen else "hidden"
    layer_zh = "可见文字层" if d.seen else "隐藏文字层"
    return finding(
        "TAMPER_SUSPECTED", Severity.HIGH if d.seen else Severity.MEDIUM, Message(
            f"On page {d.page}, {where.en} reads '{d.layer}' in the PDF's {layer} text but the page "
            f"prints '{d.printed}': the file may have been altered; check it against the paper.",
            f"第 {d.page} 页上，{where.zh}在 PDF 的{layer_zh}中为“{d.layer}”，但页面印出的是“{d.printed}”："
            "文件可能被篡改，请对照纸质单据核对。"),
        doc, field, page=d.page, bbox=d.bbox, method="text_layer_vs_print",
        score=round(d.confidence, 2), text_layer=d.layer, printed=d.printed, layer=layer,
    )


def _field_at(doc: Document, page: int, box: BBox) -> str | None:
    """The field read at (or over) the box, if any."""
    for name, fv in doc.fields.items():
        if fv.page == page and fv.bbox is not None and _overlap(fv.bbox, box):
            return name
    return None


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _is_pdf(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"%PDF-" in handle.read(1024)
    except OSError:
        return False
