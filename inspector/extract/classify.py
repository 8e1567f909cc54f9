"""Which of the six document types a text is, from English and Chinese keywords, scored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspector.models import DocType

# (pattern, weight): titles weigh most; supporting terms add evidence.
_KEYWORDS: dict[DocType, list[tuple[str, float]]] = {
    DocType.COMMERCIAL_INVOICE: [
        (r"commercial\s*invoice", 10), (r"商业发票", 10), (r"\binvoice\b", 4), (r"发票", 4),
        (r"unit\s*price", 2), (r"amount", 1), (r"\b(fob|cif|cfr|exw|dap|ddp|fca)\b", 1),
        (r"total\s*amount", 2), (r"单价", 2),
    ],
    DocType.PACKING_LIST: [
        (r"packing\s*list", 12), (r"装箱单", 12), (r"packing\s*slip", 8), (r"weight\s*list", 6),
        (r"carton|drum|pallet|bag", 1), (r"measurement|cbm", 1),
        # Without its title (a large title is what OCR drops first at 200 dpi), a weight list still
        # shows weights per package and package numbers.
        (r"[ng]\.?\s?w\.?\s*/\s*(pkg|package|carton|drum|bag)", 3), (r"package\s*n[o0]s|pkgs", 2),
        (r"total\s*[ng]\.\s?w", 2), (r"packed\s*in\b", 3), (r"\b[ng]\.\s?w\.?\s*\(kgs?\)", 2),
    ],
    DocType.EXPORT_DECLARATION: [
        (r"报关单", 12), (r"出口货物报关单", 14), (r"export\s*declaration", 10), (r"customs\s*declaration", 8),
        (r"境内发货人", 4), (r"境外收货人", 4), (r"申报", 3), (r"海关", 3), (r"监管方式", 3),
        (r"domestic\s*exporter", 3), (r"运抵国", 3), (r"征免", 2),
    ],
    DocType.BILL_OF_LADING: [
        (r"bill\s*of\s*lading", 12), (r"提单", 10), (r"(sea\s*)?way\s*bill", 10), (r"\bb\s*/\s*l\b", 4), (r"notify\s*party", 4),
        (r"shipped\s*on\s*board", 4), (r"ocean\s*vessel", 3), (r"freight\s*(prepaid|collect)", 3),
        (r"place\s*of\s*receipt", 2), (r"carrier", 2), (r"seal", 1),
    ],
    DocType.EXPORT_LICENCE: [
        (r"export\s*licen[cs]e(?!\s*n[o0])", 10), (r"出口许可证", 12), (r"两用物项", 10), (r"dual[\s-]*use", 6),
        (r"licen[cs]e\s*holder", 4), (r"end[\s-]*user", 2), (r"valid\s*(until|to|thru)", 3), (r"有效期", 3),
        (r"许可证", 4),
    ],
    DocType.CERTIFICATE_OF_ORIGIN: [
        (r"certificate\s*of\s*origin", 14), (r"原产地证", 12), (r"产地证", 8), (r"origin\s*criteri", 4),
        (r"country\s*of\s*origin", 1), (r"certif(y|ied|ication)", 2), (r"chamber\s*of\s*commerce", 3),
        (r"ccpit|贸促会", 4),
    ],
}
_COMPILED = {t: [(re.compile(p, re.IGNORECASE), w) for p, w in kws] for t, kws in _KEYWORDS.items()}

# A line that is nothing but a document's title settles most cases.
_TITLES: dict[DocType, str] = {
    DocType.COMMERCIAL_INVOICE: r"(commercial\s*)?invoice|商业发票|发票",
    DocType.PACKING_LIST: r"packing\s*(list|slip)|装箱单|weight\s*(and|&)\s*packing\s*list",
    DocType.EXPORT_DECLARATION: r".*出口货物报关单|export\s*(goods\s*)?declaration.*",
    DocType.BILL_OF_LADING: r"(ocean\s*|combined\s*transport\s*)?bill\s*of\s*lading|提单|(sea\s*)?waybill",
    DocType.EXPORT_LICENCE: r".*(两用物项|出口许可证).*|(dual[\s-]*use\s*)?export\s*licen[cs]e",
    DocType.CERTIFICATE_OF_ORIGIN: r"certificate\s*of\s*origin|原产地证明?书?",
}
_TITLE_RX = {t: re.compile(rf"^\W*(?:{p})\W*$", re.IGNORECASE) for t, p in _TITLES.items()}
TITLE_BONUS = 20.0
TITLE_LINES = 25
MIN_SCORE = 6.0


@dataclass(frozen=True)
class Classification:
    """The chosen type and the score of every type."""

    type: DocType
    scores: dict[DocType, float]

    @property
    def margin(self) -> float:
        """Score lead of the chosen type over the runner-up."""
        ranked = sorted(self.scores.values(), reverse=True)
        return ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)


def _score(text: str, title: str) -> dict[DocType, float]:
    scores = {}
    for doc_type, patterns in _COMPILED.items():
        body = sum(w for rx, w in patterns if rx.search(text))
        head = sum(w for rx, w in patterns if w >= 8 and rx.search(title))
        scores[doc_type] = body + 1.5 * head
    return scores


def _title_bonus(compact: str, scores: dict[DocType, float]) -> None:
    for line in compact.splitlines()[:TITLE_LINES]:
        for doc_type, rx in _TITLE_RX.items():
            if rx.match(line.strip()):
                scores[doc_type] += TITLE_BONUS


def classify(text: str, title: str = "") -> Classification:
    """Classify a document from its full text and the text of its top part (where titles are)."""
    compact = re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", text)
    scores = _score(compact, re.sub(r"\s+", " ", title))
    _title_bonus(compact, scores)
    best = max(scores, key=lambda t: scores[t])
    chosen = best if scores[best] >= MIN_SCORE else DocType.UNKNOWN
    return Classification(chosen, scores)
