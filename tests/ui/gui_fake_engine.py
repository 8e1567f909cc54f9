"""A fake check_case with the engine's signature, for the window's fast and failure-path tests."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from inspector.config import Config
from inspector.models import (
    CaseResult,
    CleanPage,
    DocType,
    Document,
    Finding,
    Lane,
    Severity,
)
from inspector.progress import CancelToken, NullProgress, Progress

PAGE_SHAPE = (1100, 850)  # small pages keep the tests fast

# (severity, bbox) of the findings put on every readable document's page
BOXES: tuple[tuple[Severity, tuple[int, int, int, int]], ...] = (
    (Severity.LOW, (50, 60, 200, 40)),
    (Severity.CRITICAL, (400, 700, 300, 80)),
    (Severity.MEDIUM, (100, 300, 120, 30)),
)


def fake_page(path: str, number: int) -> CleanPage:
    """A white page with dark bars standing in for lines of text."""
    image = np.full(PAGE_SHAPE, 255, np.uint8)
    for row in range(80, PAGE_SHAPE[0] - 80, 60):
        image[row : row + 14, 60 : PAGE_SHAPE[1] - 60 - (row % 200)] = 40
    return CleanPage(source=path, number=number, image=image, original_dpi=300)


@dataclass
class FakeEngine:
    """Callable like inspector.pipeline.check_case; `error` makes it raise after the steps."""

    steps: int = 5
    step_delay: float = 0.01
    error: BaseException | None = None
    calls: list[list[str]] = field(default_factory=list)

    def __call__(
        self,
        paths: Sequence[str],
        config: Config,
        *,
        case_id: str | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> CaseResult:
        """Step through the work, honour cancel, then build the result."""
        self.calls.append(list(paths))
        progress = progress or NullProgress()
        for step in range(self.steps):
            if cancel is not None:
                cancel.raise_if_cancelled()
            progress.update(step, self.steps, f"step {step + 1} of {self.steps}")
            time.sleep(self.step_delay)
        if self.error is not None:
            raise self.error
        return build_result(paths, case_id or "FAKE-1")


def build_result(paths: Sequence[str], case_id: str) -> CaseResult:
    """One page per readable file with three boxed findings each; empty files are unreadable."""
    documents, findings, pages, page_map = [], [], [], {}
    for index, path in enumerate(paths):
        if Path(path).stat().st_size == 0:
            documents.append(Document(index=index, path=path, error="The file is empty."))
            findings.append(Finding("INPUT_UNREADABLE", Severity.HIGH, "Cannot read it.", index))
            continue
        page_map[(index, 1)] = len(pages)
        pages.append(fake_page(path, 1))
        documents.append(Document(index=index, path=path, type=DocType.PACKING_LIST, pages=1))
        findings += [
            Finding("FAKE", sev, f"{sev} on doc {index}", index, page=1, bbox=box)
            for sev, box in BOXES
        ]
    findings.append(Finding("CONTROLLED_GOODS", Severity.INFO, "Controlled goods (no place)."))
    return CaseResult(
        case_id=case_id,
        lane=Lane.RED,
        risk_score=87,
        shipment_date=None,
        documents=tuple(documents),
        findings=tuple(findings),
        pages=tuple(pages),
        page_map=page_map,
    )
