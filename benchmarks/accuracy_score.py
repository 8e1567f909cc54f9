"""Score check outputs against corpus truth: document types, fields, items, findings, tamper, sequences."""

from __future__ import annotations

import json
import re
import statistics
import string
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accuracy_run import CaseRun, CheckRun, CorpusRuns, PairRun, SequenceRun, all_checks
from rapidfuzz import fuzz

from inspector.models import FIELD_KINDS

# Every finding code of the contract (CHECK.md), so codes the engine never raises still get a row.
CONTRACT_CODES: tuple[str, ...] = (
    "HS_UNKNOWN", "HS_DESCRIPTION_MISMATCH", "CONTROLLED_GOODS", "LICENCE_MISSING", "LICENCE_NOT_FOUND",
    "LICENCE_EXPIRED", "LICENCE_MISMATCH", "LICENCE_EXCEEDED", "WEIGHT_INCONSISTENT", "WEIGHT_SUM_MISMATCH",
    "WEIGHT_IMPLAUSIBLE", "VALUE_OUTLIER", "FIELD_MISMATCH", "PARTY_WATCHLIST", "ROUTE_RISK",
    "CONTAINER_CHECK_DIGIT", "DATE_INCONSISTENT", "TAMPER_SUSPECTED", "DOCUMENT_REUSED",
    "FRAGMENTATION_SUSPECTED", "OCR_LOW_CONFIDENCE", "INPUT_UNREADABLE",
)
FUZZY_FIELDS = frozenset({"exporter", "consignee", "end_user", "port_of_loading", "port_of_discharge", "vessel"})
FUZZY_THRESHOLD = 90.0
RELATIVE_TOLERANCE = 0.005
IOU_HIT = 0.1
FRAGMENTATION = "FRAGMENTATION_SUSPECTED"
REUSE = "DOCUMENT_REUSED"
TAMPER = "TAMPER_SUSPECTED"
MISSING = "(missing)"  # predicted type of a truth document the output does not list
SPLITS = ("dpi", "format", "capture")


@dataclass(frozen=True)
class Ratio:
    """A share: numerator over denominator (value None when nothing was counted)."""

    num: int
    den: int

    @property
    def value(self) -> float | None:
        """num / den, or None for 0 / 0."""
        return self.num / self.den if self.den else None

    def to_json(self) -> dict[str, Any]:
        """The ratio as a JSON object."""
        return {"value": _round(self.value), "num": self.num, "den": self.den}


@dataclass(frozen=True)
class Prf:
    """True/false positives and negatives of one field (or of many, summed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Prf) -> Prf:
        return Prf(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp)."""
        return Ratio(self.tp, self.tp + self.fp).value

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn)."""
        return Ratio(self.tp, self.tp + self.fn).value

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (2tp / (2tp + fp + fn))."""
        return Ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn).value

    def to_json(self) -> dict[str, Any]:
        """Counts and the three figures."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": _round(self.precision),
                "recall": _round(self.recall), "f1": _round(self.f1)}


OUTCOMES = {"tp": Prf(tp=1), "tn": Prf(tn=1), "fp": Prf(fp=1), "fn": Prf(fn=1), "wrong": Prf(fp=1, fn=1)}


@dataclass(frozen=True)
class DocScore:
    """One truth document compared with what the engine read from the same file."""

    case: str
    filename: str
    groups: dict[str, str]  # split name -> value, e.g. {"dpi": "300", "format": "pdf", "capture": "scan"}
    truth_type: str
    predicted_type: str
    fields: dict[str, str]  # field -> outcome key of OUTCOMES
    items: dict[str, Ratio]  # "hs_code" / "net_weight_kg" / "gross_weight_kg" / "count" -> right over truth


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ---- value comparison ------------------------------------------------------------------------------------

_PUNCT = string.punctuation + "。，、；：！？"


def normalise(text: Any) -> str:
    """Casefold, collapse whitespace, strip trailing punctuation."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold().rstrip(_PUNCT + " ")


def is_empty(value: Any) -> bool:
    """Null, empty string or empty list: the field is not there."""
    return value is None or value == "" or value == []


def same_value(field: str, truth: Any, predicted: Any) -> bool:
    """Whether a predicted field value counts as right (see docs/ACCURACY.md for the rules)."""
    kind = FIELD_KINDS.get(field, "text")
    if kind.endswith("_list"):
        return _as_set(truth) == _as_set(predicted)
    if kind in ("number", "weight", "integer"):
        return close_number(truth, predicted)
    if field in FUZZY_FIELDS:
        return fuzz.ratio(normalise(truth), normalise(predicted)) >= FUZZY_THRESHOLD
    if kind == "text":
        return normalise(truth) == normalise(predicted)
    return str(truth).strip() == str(predicted).strip()  # date, country, currency: exact


def _as_set(values: Any) -> frozenset[str]:
    items = values if isinstance(values, list | tuple) else [values]
    return frozenset(normalise(v).upper() for v in items if not is_empty(v))


def close_number(truth: Any, predicted: Any) -> bool:
    """Within 0.5 % of the truth (exact when the truth is 0); anything not a number is wrong."""
    try:
        t, p = float(truth), float(predicted)
    except (TypeError, ValueError):
        return False
    return abs(p - t) <= RELATIVE_TOLERANCE * abs(t)


def outcome(field: str, truth: Any, predicted: Any) -> str:
    """tp / tn / fp / fn, or 'wrong' (both present, different: one fp and one fn)."""
    if is_empty(truth):
        return "tn" if is_empty(predicted) else "fp"
    if is_empty(predicted):
        return "fn"
    return "tp" if same_value(field, truth, predicted) else "wrong"


# ---- documents -------------------------------------------------------------------------------------------

def doc_groups(doc: dict[str, Any]) -> dict[str, str]:
    """The split keys of a truth document: dpi (scans only: a photo's effective dpi varies page by
    page, so photos form one group), file format and photo vs scan."""
    ext = Path(doc.get("filename", "")).suffix.lower().lstrip(".")
    ext = {"jpeg": "jpg", "tiff": "tif"}.get(ext, ext)
    photo = bool(doc.get("photo"))
    return {"dpi": "photo" if photo else str(doc.get("dpi") or 300), "format": ext or "?",
            "capture": "photo" if photo else "scan"}


def predicted_docs(run: CheckRun) -> dict[str, dict[str, Any]]:
    """The output's documents by file name (the engine may list them in another order)."""
    docs = (run.output or {}).get("documents") or []
    return {Path(str(d.get("path", ""))).name: d for d in docs if isinstance(d, dict)}


def score_document(case: str, truth: dict[str, Any], predicted: dict[str, Any] | None) -> DocScore:
    """Compare one truth document with the engine's reading of its file (None: not in the output)."""
    pred = predicted or {}
    pred_fields = pred.get("fields") or {}
    truth_fields = truth.get("fields") or {}
    fields = {name: outcome(name, truth_fields.get(name), pred_fields.get(name)) for name in FIELD_KINDS}
    ptype = MISSING if predicted is None else str(pred.get("type") or "unknown")
    return DocScore(case, truth.get("filename", ""), doc_groups(truth), str(truth.get("type")), ptype, fields,
                    score_items(truth.get("items") or [], pred.get("items") or []))


def score_items(truth: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Ratio]:
    """Truth items matched by order: share with the right HS code, net and gross weight; item count."""
    ratios = {"count": Ratio(int(len(truth) == len(predicted)), 1)}
    for key in ("hs_code", "net_weight_kg", "gross_weight_kg"):
        pairs = [(t.get(key), p.get(key) if p else None) for t, p in _by_order(truth, predicted)]
        pairs = [(t, p) for t, p in pairs if not is_empty(t)]
        same = close_number if key != "hs_code" else (lambda t, p: str(t) == str(p))
        ratios[key] = Ratio(sum(1 for t, p in pairs if same(t, p)), len(pairs))
    return ratios


def _by_order(truth: list[Any], predicted: list[Any]) -> list[tuple[Any, Any]]:
    return [(t, predicted[i] if i < len(predicted) else None) for i, t in enumerate(truth)]


def score_case_documents(case: CaseRun) -> list[DocScore]:
    """Every truth document of a case, scored (a crashed check scores as an empty output)."""
    found = predicted_docs(case.run)
    return [score_document(case.path, d, found.get(d.get("filename", "")))
            for d in case.truth.get("documents") or []]


def sum_ratios(ratios: Iterable[Ratio]) -> Ratio:
    """Pooled ratio: numerators over denominators."""
    items = list(ratios)
    return Ratio(sum(r.num for r in items), sum(r.den for r in items))


def doc_type_figures(docs: list[DocScore]) -> dict[str, Any]:
    """Document-type accuracy overall and by split, and the confusion counts truth -> predicted."""
    def accuracy(group: list[DocScore]) -> dict[str, Any]:
        return Ratio(sum(d.truth_type == d.predicted_type for d in group), len(group)).to_json()
    confusion = Counter(f"{d.truth_type} -> {d.predicted_type}" for d in docs)
    return {"overall": accuracy(docs), **_splits(docs, accuracy), "confusion": dict(sorted(confusion.items()))}


def _splits(docs: list[DocScore], figure: Callable[[list[DocScore]], Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in SPLITS:
        groups: dict[str, list[DocScore]] = defaultdict(list)
        for d in docs:
            groups[d.groups[split]].append(d)
        out[f"by_{split}"] = {key: figure(groups[key]) for key in sorted(groups)}
    return out


def field_prf(docs: list[DocScore], name: str | None = None) -> Prf:
    """Counts of one field (or of all fields when `name` is None) over some documents."""
    total = Prf()
    for d in docs:
        for field, key in d.fields.items():
            if name is None or field == name:
                total = total + OUTCOMES[key]
    return total


def field_figures(docs: list[DocScore]) -> dict[str, Any]:
    """Per-field precision/recall/F1, the micro-average over all fields, and the average by split."""
    per_field = {name: field_prf(docs, name).to_json() for name in FIELD_KINDS}
    return {"per_field": per_field, "all": field_prf(docs).to_json(),
            **_splits(docs, lambda group: field_prf(group).to_json())}


def item_figures(docs: list[DocScore]) -> dict[str, Any]:
    """Line-item shares pooled over documents, overall and by split."""
    def pooled(group: list[DocScore]) -> dict[str, Any]:
        keys = ("hs_code", "net_weight_kg", "gross_weight_kg", "count")
        return {key: sum_ratios(d.items[key] for d in group).to_json() for key in keys}
    return {"overall": pooled(docs), **_splits(docs, pooled)}


# ---- findings ---------------------------------------------------------------------------------------------

def codes_of(run: CheckRun) -> set[str]:
    """The finding codes a check raised."""
    return {str(f.get("code")) for f in (run.output or {}).get("findings") or [] if isinstance(f, dict)}


def is_clean(truth: dict[str, Any]) -> bool:
    """A case with nothing planted but (perhaps) CONTROLLED_GOODS."""
    return set(truth.get("planted") or []) <= {"CONTROLLED_GOODS"}


def case_group(truth: dict[str, Any], split: str) -> str:
    """A case's split value: the documents' common value, or 'mixed'."""
    values = {doc_groups(d)[split] for d in truth.get("documents") or []}
    return values.pop() if len(values) == 1 else "mixed"


def finding_figures(cases: list[CaseRun]) -> dict[str, Any]:
    """Recall per planted code, false-positive rate per code on clean cases, green-lane shares."""
    raised = {c.path: codes_of(c.run) for c in cases}
    seen = set().union(*raised.values(), *(c.truth.get("planted") or [] for c in cases))
    codes = list(CONTRACT_CODES) + sorted(seen - set(CONTRACT_CODES))
    per_code = {code: _code_row(code, cases, raised) for code in codes}
    pairs = [(code in raised[c.path]) for c in cases for code in c.truth.get("planted") or []]
    return {"per_code": per_code, "planted_all": Ratio(sum(pairs), len(pairs)).to_json(),
            "by_dpi": _recall_by(cases, raised, "dpi"), "by_capture": _recall_by(cases, raised, "capture"),
            "green": _green(cases)}


def _code_row(code: str, cases: list[CaseRun], raised: dict[str, set[str]]) -> dict[str, Any]:
    planted = [c for c in cases if code in (c.truth.get("planted") or [])]
    clean = [c for c in cases if is_clean(c.truth)]
    false = [c for c in clean if code in raised[c.path] and code not in (c.truth.get("planted") or [])]
    return {"recall": Ratio(sum(code in raised[c.path] for c in planted), len(planted)).to_json(),
            "fp_rate_clean": Ratio(len(false), len(clean)).to_json(),
            "raised_in_cases": sum(code in r for r in raised.values())}


def _recall_by(cases: list[CaseRun], raised: dict[str, set[str]], split: str) -> dict[str, Any]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for c in cases:
        for code in c.truth.get("planted") or []:
            groups[case_group(c.truth, split)].append(code in raised[c.path])
    return {key: Ratio(sum(v), len(v)).to_json() for key, v in sorted(groups.items())}


def _green(cases: list[CaseRun]) -> dict[str, Any]:
    def share(group: list[CaseRun]) -> dict[str, Any]:
        return Ratio(sum(_lane(c.run) == "green" for c in group), len(group)).to_json()
    clean = [c for c in cases if is_clean(c.truth)]
    plain = [c for c in clean if not c.truth.get("planted")]
    controlled = [c for c in clean if c.truth.get("planted")]
    lanes = Counter(_lane(c.run) or "crashed" for c in cases)
    return {"clean_not_controlled": share(plain), "clean_controlled": share(controlled), "lanes": dict(lanes)}


def _lane(run: CheckRun) -> str | None:
    return ((run.output or {}).get("case") or {}).get("lane")


# ---- tamper pairs ------------------------------------------------------------------------------------------

def iou(a: list[float], b: list[float]) -> float:
    """Intersection over union of two [x, y, w, h] boxes."""
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def _tamper_findings(run: CheckRun) -> list[dict[str, Any]]:
    return [f for f in (run.output or {}).get("findings") or [] if f.get("code") == TAMPER]


def _bbox_hit(pair: PairRun) -> bool:
    truth_box, page = pair.truth.get("bbox"), int(pair.truth.get("page") or 1)
    if not truth_box:
        return False
    return any(f.get("bbox") and int(f.get("page") or 1) == page and iou(f["bbox"], truth_box) > IOU_HIT
               for f in _tamper_findings(pair.forged))


def tamper_figures(pairs: list[PairRun]) -> dict[str, Any]:
    """Tamper recall, false-positive rate on controls, and bbox overlap; overall and by method."""
    def figures(group: list[PairRun]) -> dict[str, Any]:
        flagged = [p for p in group if _tamper_findings(p.forged)]
        alarmed = [p for p in group if any(f.get("severity") != "info" for f in _tamper_findings(p.forged))]
        return {"recall": Ratio(len(flagged), len(group)).to_json(),
                "fp_rate_control": Ratio(sum(bool(_tamper_findings(p.control)) for p in group), len(group)).to_json(),
                "recall_alarm": Ratio(len(alarmed), len(group)).to_json(),
                "fp_rate_control_alarm": Ratio(sum(any(f.get("severity") != "info" for f in _tamper_findings(p.control))
                                                   for p in group), len(group)).to_json(),
                "bbox_iou_hit_of_flagged": Ratio(sum(_bbox_hit(p) for p in flagged), len(flagged)).to_json()}
    methods: dict[str, list[PairRun]] = defaultdict(list)
    for p in pairs:
        methods[str(p.truth.get("method") or "?")].append(p)
    return {"overall": figures(pairs), "by_method": {m: figures(methods[m]) for m in sorted(methods)},
            "by_detector": detector_figures(pairs)}


def _detectors(run: CheckRun) -> set[str]:
    return {str((f.get("evidence") or {}).get("method") or "?") for f in _tamper_findings(run)}


def detector_figures(pairs: list[PairRun]) -> dict[str, Any]:
    """Per forensic method (the finding's evidence.method): forged documents it flagged, controls it
    flagged, and of its forged flags how many lie on the edited box."""
    names = sorted({m for p in pairs for m in _detectors(p.forged) | _detectors(p.control)})
    out = {}
    for m in names:
        flagged = [p for p in pairs if m in _detectors(p.forged)]
        on_edit = sum(any(int(f.get("page") or 1) == int(p.truth.get("page") or 1) and f.get("bbox")
                          and p.truth.get("bbox") and iou(f["bbox"], p.truth["bbox"]) > IOU_HIT
                          for f in _tamper_findings(p.forged) if (f.get("evidence") or {}).get("method") == m)
                      for p in flagged)
        out[m] = {"recall": Ratio(len(flagged), len(pairs)).to_json(),
                  "fp_rate_control": Ratio(sum(m in _detectors(p.control) for p in pairs), len(pairs)).to_json(),
                  "bbox_iou_hit_of_flagged": Ratio(on_edit, len(flagged)).to_json()}
    return out


# ---- sequences ------------------------------------------------------------------------------------------

def _raised_in_sequence(seq: SequenceRun) -> dict[str, set[str]]:
    return {name: codes_of(run) for name, run in seq.cases}


def _expected(seq: SequenceRun) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(str(e.get("case")), str(code), tuple(e.get("linked") or []))
            for e in seq.spec.get("expect") or [] for code in e.get("codes") or []]


def sequence_figures(seqs: list[SequenceRun]) -> dict[str, Any]:
    """Fragmentation and reuse recall/precision, linked cases named, false positives on negative series."""
    out = {key: _history_code(seqs, code) for key, code in (("fragmentation", FRAGMENTATION), ("reuse", REUSE))}
    negative = [s for s in seqs if s.spec.get("kind") == "negative"]
    flagged = [s for s in negative if any(r & {FRAGMENTATION, REUSE} for r in _raised_in_sequence(s).values())]
    out["negative_series_fp"] = Ratio(len(flagged), len(negative)).to_json()
    out["kinds"] = dict(Counter(str(s.spec.get("kind") or "?") for s in seqs))
    return out


def _history_code(seqs: list[SequenceRun], code: str) -> dict[str, Any]:
    hits = linked_ok = expected_n = raised_n = correct_raised = 0
    for seq in seqs:
        raised = _raised_in_sequence(seq)
        expected = {(case, c): linked for case, c, linked in _expected(seq) if c == code}
        expected_n += len(expected)
        found = [(case, linked) for (case, _), linked in expected.items() if code in raised.get(case, set())]
        hits += len(found)
        linked_ok += sum(_names_linked(seq, case, code, linked) for case, linked in found)
        raised_n += sum(code in r for r in raised.values())
        correct_raised += sum(code in r and (case, code) in expected for case, r in raised.items())
    return {"recall": Ratio(hits, expected_n).to_json(), "precision": Ratio(correct_raised, raised_n).to_json(),
            "linked_named_of_found": Ratio(linked_ok, hits).to_json()}


def _names_linked(seq: SequenceRun, case: str, code: str, linked: tuple[str, ...]) -> bool:
    """Whether the finding's evidence mentions every linked case (checked with --case-id = dir name)."""
    run = dict(seq.cases).get(case)
    evidence = json.dumps([f.get("evidence") for f in (run.output or {}).get("findings") or []
                           if f.get("code") == code]) if run else ""
    return all(name in evidence for name in linked)


# ---- timing and the whole report ---------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (0..1) by linear interpolation, None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def timing_figures(runs: CorpusRuns) -> dict[str, Any]:
    """Seconds per page (each check's wall time over its pages): median, p90; totals."""
    checks = all_checks(runs)
    per_page = [c.seconds / max(1, c.pages) for c in checks]
    return {"checks": len(checks), "pages": sum(c.pages for c in checks),
            "seconds_per_page_median": _round(statistics.median(per_page) if per_page else None),
            "seconds_per_page_p90": _round(percentile(per_page, 0.9)),
            "check_seconds_total": _round(sum(c.seconds for c in checks)),
            "wall_seconds_total": _round(runs.wall_seconds), "workers": runs.workers}


def crash_figures(runs: CorpusRuns) -> dict[str, Any]:
    """Checks that gave no JSON (scored as empty outputs), and checks that exited non-zero."""
    checks = all_checks(runs)
    crashed = [{"check": c.label, "error": c.error} for c in checks if c.crashed]
    nonzero = [{"check": c.label, "exit": c.returncode} for c in checks if not c.crashed and c.returncode != 0]
    return {"checks": len(checks), "crashed": Ratio(len(crashed), len(checks)).to_json(), "crashes": crashed,
            "nonzero_exit": nonzero}


def score(runs: CorpusRuns) -> dict[str, Any]:
    """Every figure of the benchmark as one JSON-ready dict."""
    cases = list(runs.cases)
    docs = [d for c in cases for d in score_case_documents(c)]
    return {"corpus": {k: runs.corpus.get(k) for k in ("format", "seed", "generator")} | {
                "cases": len(cases), "documents": len(docs), "tamper_pairs": len(runs.pairs),
                "sequences": len(runs.sequences)},
            "crashes": crash_figures(runs), "doc_type": doc_type_figures(docs), "fields": field_figures(docs),
            "items": item_figures(docs), "findings": finding_figures(cases),
            "tamper": tamper_figures(list(runs.pairs)), "sequences": sequence_figures(list(runs.sequences)),
            "timing": timing_figures(runs)}
