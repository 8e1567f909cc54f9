"""Print the accuracy figures as plain-text tables, one figure a line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LABEL_WIDTH = 56
SPLIT_KEYS = ("by_dpi", "by_format", "by_capture")
ITEM_LABELS = {"hs_code": "items: HS code right", "net_weight_kg": "items: net weight within 0.5 %",
               "gross_weight_kg": "items: gross weight within 0.5 %", "count": "items: item count right (docs)"}


def ratio(r: dict[str, Any] | None) -> str:
    """'0.950 (19/20)', or 'n/a (0/0)' when nothing was counted."""
    if not r:
        return "n/a"
    value = "n/a" if r["value"] is None else f"{r['value']:.3f}"
    return f"{value} ({r['num']}/{r['den']})"


def prf(p: dict[str, Any]) -> str:
    """'P 0.950  R 0.900  F1 0.924  (tp 19 fp 1 fn 2 tn 5)'."""
    def fig(key: str) -> str:
        return "  n/a" if p[key] is None else f"{p[key]:.3f}"
    return (f"P {fig('precision')}  R {fig('recall')}  F1 {fig('f1')}  "
            f"(tp {p['tp']} fp {p['fp']} fn {p['fn']} tn {p['tn']})")


def _line(label: str, value: Any) -> str:
    return f"{label:<{LABEL_WIDTH}} {value}"


def _split_lines(label: str, section: dict[str, Any], show: Callable[[Any], str]) -> list[str]:
    lines = []
    for key in SPLIT_KEYS:
        for group, fig in (section.get(key) or {}).items():
            lines.append(_line(f"{label} [{key[3:]}={group}]", show(fig)))
    return lines


def run_lines(fig: dict[str, Any], corpus_path: str) -> list[str]:
    """What was run, and what crashed."""
    c, crashes = fig["corpus"], fig["crashes"]
    lines = ["== run ==", _line("corpus", corpus_path),
             _line("corpus seed / generator", f"{c.get('seed')} / {c.get('generator')}"),
             _line("cases / documents", f"{c['cases']} / {c['documents']}"),
             _line("tamper pairs / sequences", f"{c['tamper_pairs']} / {c['sequences']}"),
             _line("checks crashed (no JSON; scored as empty)", ratio(crashes["crashed"]))]
    lines += [_line(f"  crash {x['check']}", (x["error"] or "")[-160:].replace("\n", " ")) for x in crashes["crashes"]]
    lines += [_line(f"  exit {x['exit']}", x["check"]) for x in crashes["nonzero_exit"]]
    return lines


def doc_type_lines(fig: dict[str, Any]) -> list[str]:
    """Document-type accuracy, its splits, and the confusion counts."""
    lines = ["== document type ==", _line("doc-type accuracy", ratio(fig["overall"]))]
    lines += _split_lines("doc-type accuracy", fig, ratio)
    lines += [_line(f"confusion {pair}", n) for pair, n in fig["confusion"].items()]
    return lines


def field_lines(fig: dict[str, Any]) -> list[str]:
    """Per-field P/R/F1, the micro-average, and the micro-average by split."""
    lines = ["== fields (all documents; P, R, F1 and counts) =="]
    lines += [_line(f"field {name}", prf(p)) for name, p in fig["per_field"].items()]
    lines.append(_line("fields ALL (micro)", prf(fig["all"])))
    return lines + _split_lines("fields ALL (micro)", fig, prf)


def item_lines(fig: dict[str, Any]) -> list[str]:
    """Line-item shares overall and by split."""
    lines = ["== line items (truth items matched by order) =="]
    for key, label in ITEM_LABELS.items():
        lines.append(_line(label, ratio(fig["overall"][key])))
        lines += _split_lines(label, fig, lambda group, key=key: ratio(group[key]))
    return lines


def finding_lines(fig: dict[str, Any]) -> list[str]:
    """Recall per planted code, false-positive rate on clean cases, lanes."""
    lines = ["== findings (recall: planted code found; fp: raised on a clean case, unplanted) =="]
    for code, row in fig["per_code"].items():
        lines.append(_line(f"code {code}", f"recall {ratio(row['recall']):<16} fp-clean "
                                           f"{ratio(row['fp_rate_clean']):<16} raised in {row['raised_in_cases']} cases"))
    lines.append(_line("planted codes found (all codes pooled)", ratio(fig["planted_all"])))
    lines += [_line(f"planted codes found [{key[3:]}={g}]", ratio(r))
              for key in ("by_dpi", "by_capture") for g, r in fig[key].items()]
    green = fig["green"]
    lines.append(_line("green lane: clean, not controlled", ratio(green["clean_not_controlled"])))
    lines.append(_line("green lane: clean, controlled (licence ok)", ratio(green["clean_controlled"])))
    lines += [_line(f"lane {lane}", n) for lane, n in sorted(green["lanes"].items())]
    return lines


def tamper_lines(fig: dict[str, Any]) -> list[str]:
    """Tamper recall, false positives, bbox overlap; overall and by method."""
    lines = ["== tamper pairs =="]
    for name, group in [("", fig["overall"]), *((f" [method={m}]", g) for m, g in fig["by_method"].items())]:
        lines.append(_line(f"tamper recall (forged flagged){name}", ratio(group["recall"])))
        lines.append(_line(f"tamper fp rate (control flagged){name}", ratio(group["fp_rate_control"])))
        if "recall_alarm" in group:
            lines.append(_line(f"tamper recall, medium or high (lane changed){name}", ratio(group["recall_alarm"])))
            lines.append(_line(f"tamper fp rate, medium or high{name}", ratio(group["fp_rate_control_alarm"])))
        lines.append(_line(f"tamper bbox IoU>0.1 of flagged{name}", ratio(group["bbox_iou_hit_of_flagged"])))
    for m, group in fig.get("by_detector", {}).items():
        lines.append(_line(f"detector {m}: forged flagged / controls flagged / on the edit",
                           f"{ratio(group['recall'])} / {ratio(group['fp_rate_control'])} / "
                           f"{ratio(group['bbox_iou_hit_of_flagged'])}"))
    return lines


def sequence_lines(fig: dict[str, Any]) -> list[str]:
    """Fragmentation and reuse figures, negative series."""
    lines = ["== sequences ==", _line("series by kind", fig["kinds"])]
    for key in ("fragmentation", "reuse"):
        for name, r in fig[key].items():
            lines.append(_line(f"{key} {name.replace('_', ' ')}", ratio(r)))
    lines.append(_line("negative series with a false alarm", ratio(fig["negative_series_fp"])))
    return lines


def timing_lines(fig: dict[str, Any]) -> list[str]:
    """Seconds per page and totals."""
    def sec(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.2f} s"
    return ["== time ==", _line("checks / pages", f"{fig['checks']} / {fig['pages']}"),
            _line("seconds per page, median", sec(fig["seconds_per_page_median"])),
            _line("seconds per page, p90", sec(fig["seconds_per_page_p90"])),
            _line("check time, total", sec(fig["check_seconds_total"])),
            _line(f"wall time, total ({fig['workers']} workers)", sec(fig["wall_seconds_total"]))]


def render(fig: dict[str, Any], corpus_path: str) -> str:
    """The whole report as text."""
    parts = [run_lines(fig, corpus_path), doc_type_lines(fig["doc_type"]), field_lines(fig["fields"]),
             item_lines(fig["items"]), finding_lines(fig["findings"]), tamper_lines(fig["tamper"]),
             sequence_lines(fig["sequences"]), timing_lines(fig["timing"])]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"
