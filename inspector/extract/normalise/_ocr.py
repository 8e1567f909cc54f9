"""Repairs of OCR letter/digit confusions shared by the normalisers."""

from __future__ import annotations

import re
import unicodedata

# Letters Tesseract commonly reads in place of digits inside numbers.
DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_CONFUSABLE = "OoIl"
_RUN = re.compile(r"[\dOoIl.,]+")


def prepare(text: str) -> str:
    """NFKC-normalise (full-width digits and punctuation become ASCII) and repair digits."""
    return fix_digits(unicodedata.normalize("NFKC", text))


def fix_digits(text: str) -> str:
    """Replace O/o by 0 and I/l by 1 where they sit inside a run of digits.

    A run is a maximal stretch of digits, confusable letters, dots and commas. Confusable
    letters at the edge of a run that touches a real letter are left alone ("12lbs", "No.5"),
    and a run without any real digit is never touched ("Oil", "ISO").
    """
    return _RUN.sub(lambda m: _fix_run(text, m), text)


def _fix_run(text: str, m: re.Match[str]) -> str:
    run, start, end = m.group(), m.start(), m.end()
    head = _edge_len(run) if start > 0 and text[start - 1].isalpha() else 0
    tail = _edge_len(run[::-1]) if end < len(text) and text[end].isalpha() else 0
    core = run[head : len(run) - tail]
    if not any(c.isdigit() for c in core):
        return run
    return run[:head] + core.translate(DIGIT_LOOKALIKES) + run[len(run) - tail :]


def _edge_len(run: str) -> int:
    """How many confusable letters open the run."""
    n = 0
    while n < len(run) and run[n] in _CONFUSABLE:
        n += 1
    return n
