"""Per-method thresholds: calibrated on genuine documents, at a chosen false-positive rate.

A method's threshold is the score that genuine pages reach with probability `target_fpr` (the
(1 - fpr) quantile of their highest score per document): from there a signal is a finding, shown
with its box, as info. `alarm` is the score no genuine document reached: from there the finding
is medium and changes the lane. `sure` is that score times a margin: high. The shipped table (`resources/data/forensics/thresholds.json`) was
calibrated on the synthetic corpus and carries its ROC points; `inspector forensics calibrate` writes
an office's own table, from its own genuine scans, into the data directory, where it takes precedence.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from inspector.paths import DataPaths, resource

log = logging.getLogger(__name__)

SHIPPED = ("data", "forensics", "thresholds.json")
SURE_MARGIN = 1.5
QUIET_MARGIN = 1.1  # a threshold stays this far above the scores of the documents that must stay quiet


@dataclass(frozen=True)
class MethodThreshold:
    """When a method's score becomes a finding (`threshold`) and a high one (`sure`)."""

    threshold: float
    sure: float
    genuine_documents: int = 0
    roc: tuple[tuple[float, float, float], ...] = ()  # (threshold, false-positive rate, recall) points
    alarm: float | None = None  # the score no genuine document reached: from here the lane changes

    @property
    def alarm_at(self) -> float:
        """`alarm`, or the threshold for a table written before alarms were kept."""
        return self.threshold if self.alarm is None else max(self.alarm, self.threshold)


@dataclass(frozen=True)
class Thresholds:
    """The table in force, and where it came from."""

    methods: Mapping[str, MethodThreshold]
    source: str  # "shipped" or the office file's path
    calibrated: str = ""  # what it was calibrated on, and when
    target_fpr: float = 0.01

    def get(self, method: str) -> MethodThreshold | None:
        return self.methods.get(method)


def load(paths: DataPaths | None) -> Thresholds:
    """The office's table when there is one (and it reads), else the shipped one."""
    own = paths.forensic_thresholds if paths is not None else None
    if own is not None and own.exists():
        try:
            return _parse(json.loads(own.read_text(encoding="utf-8")), str(own))
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s could not be read (%s): the shipped forensic thresholds are used", own, exc)
    return _parse(json.loads(resource(*SHIPPED).read_text(encoding="utf-8")), "shipped")


def _parse(data: Mapping[str, Any], source: str) -> Thresholds:
    methods = {name: MethodThreshold(float(m["threshold"]), float(m["sure"]), int(m.get("genuine_documents", 0)),
                                     tuple(tuple(map(float, p)) for p in m.get("roc", ())),
                                     float(m["alarm"]) if m.get("alarm") is not None else None)
               for name, m in data["methods"].items()}
    return Thresholds(methods, source, str(data.get("calibrated", "")), float(data.get("target_fpr", 0.01)))


def calibrate(genuine: Mapping[str, Sequence[float]], target_fpr: float,
              forged: Mapping[str, Sequence[float]] | None = None,
              quiet: Mapping[str, Sequence[float]] | None = None) -> dict[str, MethodThreshold]:
    """Thresholds from each method's highest score per genuine document (0 for a document where the
    method said nothing), with ROC points when scores of forged documents are given too.

    `quiet` holds the scores of genuine documents on which a method must say nothing at all (the
    bundled sample case, an office's reference scans): the threshold is raised QUIET_MARGIN above
    each of them, whatever the quantile allows. They count among the genuine documents when listed there too."""
    out = {}
    for method, scores in genuine.items():
        ordered = sorted(scores)
        if not ordered:
            continue
        k = min(len(ordered) - 1, math.ceil((1.0 - target_fpr) * len(ordered)) - 1)
        floor = QUIET_MARGIN * max((quiet or {}).get(method, ()), default=0.0)
        threshold = _above(max(ordered[k], floor, 0.0))  # strictly above the quantile's document
        alarm = max(threshold, _above(max(ordered[-1], 0.0)))  # above every genuine document
        sure = _above(max(ordered[-1], threshold) * SURE_MARGIN)
        roc = _roc(ordered, sorted((forged or {}).get(method, ())))
        out[method] = MethodThreshold(threshold, sure, len(ordered), roc, alarm)
    return out


def _above(x: float) -> float:
    """The next number of six decimals strictly above x."""
    return (math.floor(x * 1e6) + 1) / 1e6


def _roc(genuine: list[float], forged: list[float]) -> tuple[tuple[float, float, float], ...]:
    """(threshold, false-positive rate, recall) at each distinct score, most lenient last."""
    if not forged:
        return ()
    points = []
    for t in sorted(set(genuine) | set(forged), reverse=True):
        fpr = sum(s >= t for s in genuine) / len(genuine)
        tpr = sum(s >= t for s in forged) / len(forged)
        points.append((round(t, 6), round(fpr, 4), round(tpr, 4)))
    return tuple(points)


def write(path: Path, methods: Mapping[str, MethodThreshold], calibrated: str, target_fpr: float) -> None:
    """Write a threshold table (atomically: a half-written table never replaces a good one)."""
    data = {"calibrated": f"{calibrated} ({dt.date.today().isoformat()})", "target_fpr": target_fpr,
            "methods": {name: {**asdict(m), "roc": [list(p) for p in m.roc]} for name, m in methods.items()}}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


__all__ = ["MethodThreshold", "Thresholds", "calibrate", "load", "write"]
