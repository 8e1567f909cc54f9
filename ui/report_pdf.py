"""The bilingual PDF inspection report: the case, its documents, every finding in English and Chinese
with a crop of the page at its box, the decision and sign-off, the corrections, and the versions of
the rules and the engine. Drawn with Qt's own PDF writer (QTextDocument on QPdfWriter): no new
dependency. Chinese needs a CJK font (Debian: fonts-noto-cjk, installed by scripts/system-deps.sh).

The report is bilingual by design (a customs record read by both sides), so its headings are pairs
written here, not translations of the interface."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from inspector import __version__ as engine_version
from inspector.models import BBox, CaseResult, Finding, Severity
from inspector.wording import doc_name
from ui.style import severity_colour

log = logging.getLogger(__name__)

# Latin text is set in a Latin font: Qt writes Noto CJK's proportional digits into the PDF without
# their Unicode values, so copied or searched figures would come out as garbage. Chinese comes from
# the CJK font. (Copying a few characters such as 色 or 页 gives their look-alike radicals, ⾊ ⻚: the
# CJK font draws both with one glyph and the PDF can name only one of them.)
LATIN_FONTS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica")
PREFERRED_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                   "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")  # fmt: skip
RESOLUTION_DPI = 150
CROP_MARGIN = 40  # page pixels around a finding's box
CROP_MAX_WIDTH = 1400  # page pixels; wider boxes are scaled down
CROP_MAX_HEIGHT = 500
CROP_WIDTH_PX = 560  # the crop's width in the document (1/96 in units, scaled to the page)

# Headings in both languages: (English, Chinese).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("Inspection report", "查验报告"),
    "case": ("Case", "案件"),
    "lane": ("Lane", "通道"),
    "risk": ("Risk score", "风险分"),
    "shipped": ("Shipment date", "装运日期"),
    "rules": ("Rules version", "规则版本"),
    "engine": ("Engine version", "引擎版本"),
    "generated": ("Generated", "生成时间"),
    "by": ("By", "生成人"),
    "documents": ("Documents", "单据"),
    "findings": ("Findings", "发现的问题"),
    "no_findings": ("No findings.", "未发现问题。"),
    "decision": ("Decision", "处理决定"),
    "no_decision": ("No decision recorded.", "尚未记录处理决定。"),
    "note": ("Notes", "备注"),
    "decided_by": ("Decided by", "决定人"),
    "signed_off": ("Signed off by", "审核签字"),
    "not_signed": ("Not signed off.", "尚未审核签字。"),
    "corrections": ("Corrections", "人工更正"),
    "where": ("Document / page", "单据 / 页"),
    "no_crop": ("(no place on a page)", "（无页面位置）"),
}
DECISIONS: dict[str, tuple[str, str]] = {
    "release": ("Release", "放行"),
    "documentary_check": ("Documentary check", "单证审核"),
    "physical_inspection": ("Physical inspection", "实货查验"),
    "hold": ("Hold / seize", "扣留 / 查扣"),
}
SEVERITIES: dict[str, tuple[str, str]] = {
    "critical": ("Critical", "严重"), "high": ("High", "高"), "medium": ("Medium", "中"),
    "low": ("Low", "低"), "info": ("Info", "提示"),
}  # fmt: skip
LANES: dict[str, tuple[str, str]] = {
    "green": ("GREEN: release", "绿色通道：放行"),
    "yellow": ("YELLOW: check the papers", "黄色通道：审核单证"),
    "red": ("RED: stop the cargo", "红色通道：拦截货物"),
}


@dataclass(frozen=True)
class ReportContent:
    """Everything the report shows; page images are the viewer's (one per result page)."""

    result: CaseResult
    page_images: Sequence[QImage] = ()
    decision: str | None = None
    note: str = ""
    decided_by: str | None = None
    signed_off_by: str | None = None
    signed_off_at: str = ""
    corrections: Sequence[str] = ()
    generated_by: str = ""
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))


def cjk_font_family() -> str | None:
    """A font family that has Simplified Chinese, preferring the ones named above; None if none."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for name in PREFERRED_FONTS:
        if name in chinese:
            return name
    return chinese[0] if chinese else None


def report_font() -> QFont:
    """The report's font: a Latin family first, then one with Chinese (warned about when missing)."""
    installed = set(QFontDatabase.families())
    families = [next((f for f in LATIN_FONTS if f in installed), QFont().defaultFamily())]
    cjk = cjk_font_family()
    if cjk is None:
        log.warning("no font with Chinese characters is installed: the Chinese text will not show "
                    "(install fonts-noto-cjk)")
    else:
        families.append(cjk)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(9.5)
    return font


def write_report(path: str | Path, content: ReportContent) -> str:
    """Write the PDF report to `path` and return its sha256 (hex). Runs in any thread."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = build_document(content)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setTitle(f"{LABELS['title'][0]} {content.result.case_id}")
    writer.setCreator(f"Inspector {engine_version}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15),
                                     QPageLayout.Unit.Millimeter))  # fmt: skip
    document.print_(writer)
    del writer  # flushes and closes the file
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    log.info("report written: %s (sha256 %s)", path, digest)
    return digest


def build_document(content: ReportContent) -> QTextDocument:
    """The report as a QTextDocument (HTML with the evidence crops as image resources)."""
    document = QTextDocument()
    document.setDefaultFont(report_font())
    parts = [_header(content), _documents(content.result), _decision(content),
             _findings(document, content), _corrections(content)]  # fmt: skip
    document.setHtml("<html><body>" + "".join(parts) + "</body></html>")
    return document


def _both(key: str) -> str:
    en, zh = LABELS[key]
    return f"{escape(en)} / {escape(zh)}"


def _pair(table: dict[str, tuple[str, str]], key: str | None) -> str:
    if key is None:
        return ""
    en, zh = table.get(key, (key, key))
    return f"{escape(en)} / {escape(zh)}"


def _header(content: ReportContent) -> str:
    r = content.result
    rows = [
        ("case", r.case_id), ("lane", _pair(LANES, str(r.lane))), ("risk", f"{r.risk_score}/100"),
        ("shipped", r.shipment_date.isoformat() if r.shipment_date else "—"),
        ("rules", r.rules_version or "—"), ("engine", engine_version),
        ("generated", content.generated_at.isoformat(sep=" ")), ("by", content.generated_by or "—"),
    ]  # fmt: skip
    body = "".join(f"<tr><td><b>{_both(k)}</b></td><td>{v if k == 'lane' else escape(v)}</td></tr>"
                   for k, v in rows)  # fmt: skip
    return (f"<h1>{_both('title')}</h1>"
            f"<table cellspacing='0' cellpadding='3' border='0'>{body}</table>")


def _documents(result: CaseResult) -> str:
    rows = []
    for doc in result.documents:
        name = doc_name(doc.type)
        error = f" — {escape(doc.error)}" if doc.error else ""
        rows.append(f"<tr><td>{doc.index + 1}</td><td>{escape(name.en)} / {escape(name.zh)}</td>"
                    f"<td>{escape(Path(doc.path).name)}{error}</td><td>{doc.pages}</td></tr>")
    return (f"<h2>{_both('documents')}</h2><table cellspacing='0' cellpadding='3' border='1' "
            f"width='100%'>{''.join(rows)}</table>")


def _decision(content: ReportContent) -> str:
    if content.decision is None:
        decided = f"<p>{_both('no_decision')}</p>"
    else:
        decided = f"<p><b>{_pair(DECISIONS, content.decision)}</b>"
        if content.decided_by:
            decided += f" — {_both('decided_by')}: {escape(content.decided_by)}"
        decided += "</p>"
        if content.note:
            decided += f"<p><b>{_both('note')}:</b> {escape(content.note)}</p>"
    if content.signed_off_by:
        signed = (f"<p><b>{_both('signed_off')}:</b> {escape(content.signed_off_by)} "
                  f"({escape(content.signed_off_at)})</p>")
    else:
        signed = f"<p>{_both('not_signed')}</p>"
    return f"<h2>{_both('decision')}</h2>{decided}{signed}"


def _findings(document: QTextDocument, content: ReportContent) -> str:
    findings = sorted(content.result.findings, key=lambda f: -Severity(f.severity).rank)
    if not findings:
        return f"<h2>{_both('findings')}</h2><p>{_both('no_findings')}</p>"
    blocks = [_finding(document, content, n, f) for n, f in enumerate(findings, 1)]
    return f"<h2>{_both('findings')}</h2>" + "".join(blocks)


def _finding(document: QTextDocument, content: ReportContent, number: int, f: Finding) -> str:
    colour = severity_colour(f.severity).name()
    where = ""
    if f.document is not None:
        where = f"{_both('where')}: {f.document + 1}" + (f" / {f.page}" if f.page else "")
    crop = _crop_html(document, content, number, f)
    return (f"<h3><span style='color:{colour}'>{number}. {_pair(SEVERITIES, str(f.severity))}</span>"
            f" — {escape(f.code)}</h3><p>{where}</p>"
            f"<p>{escape(f.message)}</p><p>{escape(f.message_zh or '')}</p>{crop}")


def _crop_html(document: QTextDocument, content: ReportContent, number: int, f: Finding) -> str:
    image = evidence_crop(content, f)
    if image is None:
        return f"<p><i>{_both('no_crop')}</i></p>" if f.bbox is None else ""
    url = f"crop://{number}"
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    width = min(CROP_WIDTH_PX, image.width())
    return f"<p><img src='{url}' width='{width}'></p>"


def evidence_crop(content: ReportContent, f: Finding) -> QImage | None:
    """The part of the page around a finding's box (scaled down when large), None without one."""
    if f.bbox is None or f.document is None:
        return None
    index = content.result.page_map.get((f.document, f.page or 1))
    if index is None or not 0 <= index < len(content.page_images):
        return None
    return crop(content.page_images[index], f.bbox)


def crop(image: QImage, bbox: BBox) -> QImage | None:
    """A margin-padded crop of `image` at `bbox`, clipped to the image; None when outside it."""
    x, y, w, h = bbox
    rect = QRect(x - CROP_MARGIN, y - CROP_MARGIN, w + 2 * CROP_MARGIN, h + 2 * CROP_MARGIN)
    rect = rect.intersected(image.rect())
    if rect.isEmpty():
        return None
    out = image.copy(rect)
    if out.width() > CROP_MAX_WIDTH:
        out = out.scaledToWidth(CROP_MAX_WIDTH)
    if out.height() > CROP_MAX_HEIGHT:
        out = out.scaledToHeight(CROP_MAX_HEIGHT)
    return out


def _corrections(content: ReportContent) -> str:
    if not content.corrections:
        return ""
    items = "".join(f"<li>{escape(c)}</li>" for c in content.corrections)
    return f"<h2>{_both('corrections')}</h2><ul>{items}</ul>"
