"""ISO 6346 container numbers: check digit computation and generation."""

from __future__ import annotations

import random
import string


def _letter_values() -> dict[str, int]:
    values: dict[str, int] = {}
    n = 10
    for letter in string.ascii_uppercase:
        if n % 11 == 0:
            n += 1
        values[letter] = n
        n += 1
    return values


_VALUES = {**_letter_values(), **{d: int(d) for d in string.digits}}


def check_digit(first10: str) -> int:
    """The ISO 6346 check digit of an owner code + category + 6-digit serial (10 characters)."""
    if len(first10) != 10:
        raise ValueError(f"need 10 characters, got {first10!r}")
    total = sum(_VALUES[c] * (2**i) for i, c in enumerate(first10.upper()))
    return total % 11 % 10


def is_valid(number: str) -> bool:
    """Whether an 11-character container number carries the right check digit."""
    return len(number) == 11 and number[10].isdigit() and check_digit(number[:10]) == int(number[10])


def make_container(rng: random.Random, owner: str) -> str:
    """A valid container number for a 3-letter owner code (category U: freight container)."""
    first10 = f"{owner}U{rng.randrange(10**6):06d}"
    return first10 + str(check_digit(first10))


def corrupt_check_digit(number: str, rng: random.Random) -> str:
    """The same number with a wrong (but plausible) check digit."""
    good = int(number[10])
    wrong = rng.choice([d for d in range(10) if d != good])
    return number[:10] + str(wrong)
