"""INPUT_UNREADABLE: a file of the case could not be opened or decoded."""

from __future__ import annotations

from collections.abc import Iterator

from inspector.checks.context import CheckContext, finding
from inspector.models import Finding, Message, Severity


def check(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per unreadable document, carrying the reason."""
    for doc in ctx.documents:
        if doc.error:
            yield finding("INPUT_UNREADABLE", Severity.HIGH,
                          Message(f"{doc.path}: {doc.error}", f"{doc.path}：无法读取（{doc.error}）。"), doc,
                          path=doc.path, reason=doc.error)
