"""Recalibrate the forensic thresholds on an office's own genuine scans (`inspector forensics calibrate`).

Every file is read and examined as a document of its own; each method's highest score on it (0 when the
method said nothing) is one genuine observation. A method's new threshold is the score that at most
`fpr` of those documents reach (`thresholds.calibrate`). A method that said nothing on any of the files
keeps the shipped threshold: silence is no evidence of where its genuine scores lie. Too few files give
no table at all: a threshold drawn from a handful of pages would be noise.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspector.config import Config
from inspector.errors import InspectorError
from inspector.forensics.examine import examine
from inspector.forensics.thresholds import MethodThreshold, calibrate, load, write
from inspector.progress import CancelToken, NullProgress, Progress

log = logging.getLogger(__name__)

MIN_DOCUMENTS = 20
SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg")


class CalibrationError(InspectorError):
    """Calibration refused: too few readable genuine documents."""

    exit_code = 2


@dataclass(frozen=True)
class Calibration:
    """What a calibration wrote: the table, how many documents it rests on, and where it went."""

    path: Path
    documents: int
    methods: dict[str, MethodThreshold]
    kept_shipped: tuple[str, ...]


def genuine_files(paths: Sequence[str]) -> list[str]:
    """The document files named, folders searched recursively, in name order."""
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            out.append(str(p))
    return out


def recalibrate(paths: Sequence[str], config: Config, fpr: float = 0.01, *, min_documents: int = MIN_DOCUMENTS,
                progress: Progress | None = None, cancel: CancelToken | None = None) -> Calibration:
    """Read every genuine file, score it with every method and write the office's threshold table."""
    from inspector.forensics import registry
    from inspector.pipeline import make_reader, read_case

    progress, cancel = progress or NullProgress(), cancel or CancelToken()
    files = genuine_files(paths)
    reader = make_reader(config)
    methods = [name for name, _ in (*registry.PAGE_METHODS, *registry.DOCUMENT_METHODS)]
    scores: dict[str, list[float]] = {m: [] for m in methods}
    read_ok = 0
    for i, path in enumerate(files):
        cancel.raise_if_cancelled()
        progress.update(i, len(files), f"Calibrating on {Path(path).name}")
        read = read_case([path], reader, config.workers, NullProgress(), cancel)
        if read.documents[0].error:
            log.warning("%s: %s (left out)", path, read.documents[0].error)
            continue
        doc = examine(read.documents, read.triples, config.workers)[0]
        read_ok += 1
        for m in methods:
            scores[m].append(max((s.score for s in doc.signals if s.method == m), default=0.0))
    if read_ok < min_documents:
        raise CalibrationError(f"only {read_ok} readable genuine document(s); at least {min_documents} are needed "
                               "for thresholds worth having. Nothing was changed.")
    shipped = load(None)
    table = calibrate({m: s for m, s in scores.items() if any(s)}, fpr)
    kept = tuple(m for m in methods if m not in table and shipped.get(m) is not None)
    table.update({m: shipped.methods[m] for m in kept})
    write(config.data.forensic_thresholds, table, f"{read_ok} genuine documents of this office", fpr)
    progress.update(len(files), len(files), "Calibrated")
    return Calibration(config.data.forensic_thresholds, read_ok, table, kept)


__all__ = ["Calibration", "CalibrationError", "genuine_files", "recalibrate"]
