"""A compact readable summary of a checked case for the terminal, in English or Simplified Chinese."""

from __future__ import annotations

from typing import Literal

from inspector.models import CaseResult, Finding
from inspector.wording import doc_name

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")

_LANE = {
    "en": {"green": "GREEN  release", "yellow": "YELLOW documentary check", "red": "RED    stop and inspect"},
    "zh": {"green": "绿色  放行", "yellow": "黄色  单证审核", "red": "红色  拦截查验"},
}
_WORDS = {
    "en": {"case": "Case {id}  lane {lane}  risk {score}/100  shipped {date}", "unknown": "unknown",
           "documents": "Documents:", "findings": "Findings ({n}):", "none": "none",
           "where": " (doc {doc}, page {page})", "pages": "{type}, {pages} page(s)", "error": "ERROR: {error}"},
    "zh": {"case": "案件 {id}  通道 {lane}  风险 {score}/100  装运日期 {date}", "unknown": "未知",
           "documents": "单据：", "findings": "发现问题（{n}）：", "none": "无",
           "where": "（单据 {doc}，第 {page} 页）", "pages": "{type}，{pages} 页", "error": "错误：{error}"},
}


def message(f: Finding, lang: Lang = "en") -> str:
    """The finding's sentence in `lang` (English when no Chinese was written)."""
    return f.message_zh if lang == "zh" and f.message_zh else f.message


def summary(result: CaseResult, lang: Lang = "en") -> str:
    """Lane, score, documents and findings, one line each."""
    w = _WORDS[lang]
    date = result.shipment_date.isoformat() if result.shipment_date else w["unknown"]
    lines = [w["case"].format(id=result.case_id, lane=_LANE[lang][result.lane.value], score=result.risk_score,
                              date=date), "", w["documents"]]
    for d in result.documents:
        kind = d.type.value if lang == "en" else doc_name(d.type).zh
        state = w["error"].format(error=d.error) if d.error else w["pages"].format(type=kind, pages=d.pages)
        lines.append(f"  [{d.index}] {d.path}: {state}")
    lines += ["", w["findings"].format(n=len(result.findings))]
    for f in result.findings:
        where = w["where"].format(doc=f.document, page=f.page) if f.document is not None else ""
        lines.append(f"  {f.severity.value.upper():8} {f.code}: {message(f, lang)}{where}")
    if not result.findings:
        lines.append("  " + w["none"])
    return "\n".join(lines)
