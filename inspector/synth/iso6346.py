"""ISO 6346 container numbers for generated paperwork (the check digit is the engine's own)."""

from __future__ import annotations

import random

from inspector.extract.normalise.codes import iso6346_check_digit as check_digit
from inspector.extract.normalise.codes import iso6346_valid as is_valid

__all__ = ["check_digit", "corrupt_check_digit", "is_valid", "make_container"]


def make_container(rng: random.Random, owner: str) -> str:
    """A valid container number for a 3-letter owner code (category U: freight container)."""
    first10 = f"{owner}U{rng.randrange(10**6):06d}"
    return first10 + str(check_digit(first10))


def corrupt_check_digit(number: str, rng: random.Random) -> str:
    """The same number with a wrong (but plausible) check digit."""
    good = int(number[10])
    wrong = rng.choice([d for d in range(10) if d != good])
    return number[:10] + str(wrong)
