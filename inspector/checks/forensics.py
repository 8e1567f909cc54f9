"""TAMPER_SUSPECTED from the forensic signals (inspector.forensics) that reach their method's threshold.

Info at the calibrated threshold (a genuine document of the calibration set reaches it with
probability `target_fpr`: a sign worth a look, shown with its box, that leaves the lane alone); medium
at the `alarm` score (beyond every genuine document of the calibration set); high at the `sure` score
(the alarm with a margin) or when two methods point at the same place. At most `MAX_PER_METHOD` findings per method and document,
the strongest, so that one damaged page does not bury the case. Each finding carries the method, its
score and threshold, the page and the box; the overlay stays on the signal for the desktop app.
"""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.forensics.thresholds import Thresholds, load
from inspector.models import BBox, Document, Finding, Message, Severity, Signal

MAX_PER_METHOD = 2

# What each method saw, in a few words (the finding's message: "<what> on page N").
METHOD_WORDS: dict[str, Message] = {
    "glyph": Message("characters printed differently from the rest of the document (size, stroke, ink or "
                     "baseline)", "字符的大小、笔画、墨色或基线与文件其余部分不一致"),
    "alignment": Message("a value out of line with the page's columns and rows", "数值未与页面的行列对齐"),
    "noise": Message("a patch whose grain and paper tone differ from the page around it",
                     "局部的噪点和纸张底色与周围页面不同"),
    "ela": Message("a region whose JPEG compression history differs from the page's (error level analysis)",
                   "该区域的 JPEG 压缩历史与页面其余部分不同（误差水平分析）"),
    "jpeg_ghost": Message("a region saved as JPEG at another quality before being pasted (JPEG ghost)",
                          "该区域在粘贴前曾以不同质量保存为 JPEG（JPEG 重影）"),
    "copy_move": Message("a region copied from elsewhere on the page", "该区域复制自同一页面的其他位置"),
    "seal": Message("a seal that does not belong to this issuer or is pasted identically on another "
                    "issuer's paper", "印章与签发人不符，或与其他签发人单据上的印章完全相同"),
    "pdf_structure": Message("a PDF edited after it was made (incremental updates, editing software or "
                             "dates)", "PDF 在生成后被修改过（增量更新、编辑软件或日期）"),
    "tape": Message("correction tape or a pasted white label over a value, with something typed on it",
                    "数值被修正带或白色贴纸覆盖后重新打字"),
}


def check(ctx: CheckContext) -> Iterator[Finding]:
    """Signals at or above their threshold, per document and method, strongest first."""
    table = load(ctx.config.data)
    for doc in ctx.readable():
        hits = [(s, t) for s in doc.signals if (t := table.get(s.method)) is not None and s.score >= t.threshold]
        for method in sorted({s.method for s, _ in hits}):
            mine = sorted((h for h in hits if h[0].method == method), key=lambda h: -h[0].score)
            for signal, limit in mine[:MAX_PER_METHOD]:
                agree = [s.method for s, _ in hits if s.method != method and _same_place(s, signal)]
                yield _finding(doc, signal, limit.threshold, limit.alarm_at, limit.sure, agree, table)


def _same_place(a: Signal, b: Signal) -> bool:
    return a.page == b.page and a.bbox is not None and b.bbox is not None and _overlap(a.bbox, b.bbox)


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _finding(doc: Document, signal: Signal, threshold: float, alarm: float, sure: float, agree: list[str],
             table: Thresholds) -> Finding:
    if signal.score >= sure or agree:
        severity = Severity.HIGH
    elif signal.score >= alarm:
        severity = Severity.MEDIUM
    else:  # seen on genuine documents too (up to target_fpr of them): a sign to look at, not an alarm
        severity = Severity.INFO
    what = METHOD_WORDS.get(signal.method, Message(f"a {signal.method} anomaly", f"{signal.method} 异常"))
    where = Message(f" on page {signal.page}", f"（第 {signal.page} 页）") if signal.page else Message("", "")
    field = Message(f" ({signal.field})", f"（{signal.field}）") if signal.field else Message("", "")
    message = Message(f"Possible edit: {what.en}{where.en}{field.en}.", f"疑似改动：{what.zh}{where.zh}{field.zh}。")
    return finding("TAMPER_SUSPECTED", severity, message, doc, signal.field, page=signal.page, bbox=signal.bbox,
                   method=signal.method, score=round(signal.score, 4), threshold=threshold, alarm=alarm, sure=sure,
                   also_found_by=agree, thresholds=table.source, **dict(signal.detail))
