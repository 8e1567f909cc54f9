"""The table of checks: adding a check is adding a module and one line here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable

from inspector.checks import (
    containers,
    controls,
    dates,
    forensics,
    fragmentation,
    hs,
    hs_description,
    input_errors,
    licences,
    ocr_quality,
    parties,
    reuse,
    routes,
    text_layer,
    values,
    watchlist,
    weights,
)
from inspector.checks.context import CheckContext
from inspector.models import Finding

log = logging.getLogger(__name__)

Check = Callable[[CheckContext], Iterable[Finding]]

CHECKS: tuple[tuple[str, Check], ...] = (
    ("input", input_errors.check),
    ("hs", hs.check),
    ("hs_description", hs_description.check),
    ("controls", controls.check),
    ("licences", licences.check),
    ("weights", weights.check),
    ("values", values.check),
    ("containers", containers.check),
    ("parties", parties.check),
    ("watchlist", watchlist.check),
    ("routes", routes.check),
    ("dates", dates.check),
    ("ocr_quality", ocr_quality.check),
    ("text_layer", text_layer.check),
    ("forensics", forensics.check),
    ("reuse", reuse.check),
    ("fragmentation", fragmentation.check),
)


def run_checks(ctx: CheckContext, skip: Collection[str] = ()) -> list[Finding]:
    """Run every registered check (but those named in `skip`) and collect the findings."""
    found: list[Finding] = []
    for name, check in CHECKS:
        if name in skip:
            continue
        log.debug("running check %s", name)
        found.extend(check(ctx))
    return found
