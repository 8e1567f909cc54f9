"""Finding recorded pages whose perceptual hash is near a new page's, without scanning the table.

Multi-index hashing (Norouzi, Punjani & Fleet, "Fast search in Hamming space with multi-index
hashing", CVPR 2012): the 64-bit hash is cut into BANDS = 4 bands of 16 bits, each stored in its own
indexed column. If two hashes differ in at most r bits, by the pigeonhole principle some band differs
in at most floor(r / 4) bits. So probing every band for its own value (and, with `PROBE_RADIUS` 1,
for each value one bit away: 17 values a band) finds every recorded hash within
4 * (PROBE_RADIUS + 1) - 1 bits, in one `band0 IN (...) OR band1 IN (...) ...` query that SQLite
answers with a MULTI-INDEX OR over the four band indexes; the candidates are then verified by their
true Hamming distance. A hash further away is still found whenever one band came through intact
(4 random bit flips spare a band 97 % of the time, 6 flips 83 %).

Cost grows with the recorded pages that share a band value (~N / 65,536 per probe for unrelated
pages, more for pages of a common template), not with N. Measured on 1,000,000 recorded pages
(70 % clustered round 5,000 templates) on the 2-core test machine while it ran a load of ~21:
the band query alone, radius 0, ~64 rows per page, p50 1.2 ms; radius 1, ~1,000 rows, p50 109 ms.
`repository.reuse_candidates` for a two-page document at radius 0 (300 documents, half near a
recorded page): p50 1.3 ms, p95 9.7 ms, max 31 ms at a load of ~8; p95 ~85 ms at a load of ~21.
Radius 0 is used: the reused pages of the corpora are 0-2 bits from their source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Select, or_, select

from inspector.db.cases.models import CasePagePhash

BANDS = 4
BAND_BITS = 16
PROBE_RADIUS = 0
GUARANTEED_DISTANCE = BANDS * (PROBE_RADIUS + 1) - 1  # every hash this close is found


def bands(phash: str) -> tuple[int, ...]:
    """The hash's 16-bit bands, most significant first."""
    value = int(phash, 16)
    mask = (1 << BAND_BITS) - 1
    return tuple((value >> (BAND_BITS * (BANDS - 1 - i))) & mask for i in range(BANDS))


def probes(band: int, radius: int = PROBE_RADIUS) -> list[int]:
    """The band's value and every value within `radius` bits of it (radius 0 or 1)."""
    out = [band]
    if radius >= 1:
        out += [band ^ (1 << bit) for bit in range(BAND_BITS)]
    return out


def near_query(phashes: Iterable[str], radius: int = PROBE_RADIUS) -> Select:
    """The rows that may lie within GUARANTEED_DISTANCE of any of the hashes (to verify)."""
    columns = (CasePagePhash.band0, CasePagePhash.band1, CasePagePhash.band2, CasePagePhash.band3)
    values: list[set[int]] = [set() for _ in range(BANDS)]
    for phash in phashes:
        for i, band in enumerate(bands(phash)):
            values[i].update(probes(band, radius))
    terms = [column.in_(sorted(v)) for column, v in zip(columns, values, strict=True) if v]
    return select(CasePagePhash).where(or_(*terms)) if terms else select(CasePagePhash).where(False)


def distance(a: str, b: str) -> int:
    """Differing bits between two 64-bit hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


_STRIP = ".,;:()[]{}\"'"
_DIGIT = re.compile(r"\d")


def number_tokens(text: str) -> list[str]:
    """The tokens of a document's text that carry at least two digits (references, figures, dates),
    upper-cased and without surrounding punctuation, sorted and unique: what a forger's "one number
    changed" changes, whether or not it is a field the reader extracts."""
    out = set()
    for raw in text.split():
        token = raw.strip(_STRIP).upper()
        if len(token) >= 3 and len(_DIGIT.findall(token)) >= 2:
            out.add(token)
    return sorted(out)
