"""Parsing of licence and watchlist CSV files into rows, refusing a file at its first bad row."""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from inspector.errors import RulesImportError

log = logging.getLogger(__name__)

LICENCE_COLUMNS = (
    "licence_number", "holder", "consignee", "end_user", "destination_country",
    "hs_code", "quantity_kg", "valid_from", "valid_to",
)  # fmt: skip
MINIMAL_COLUMNS = ("name", "aliases", "country", "list", "reason")
OPENSANCTIONS_COLUMNS = ("id", "schema", "name", "aliases", "countries", "sanctions", "dataset")
_REQUIRED_LICENCE = ("licence_number", "holder", "destination_country", "hs_code")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HS = re.compile(r"^\d{4,10}$")


@dataclass(frozen=True)
class WatchRow:
    """One parsed watchlist entry, ready to insert."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    list_name: str
    reason: str | None
    source_id: str | None
    unsure: bool


def watch_values(row: WatchRow) -> dict[str, Any]:
    """Insert values of a parsed watchlist row."""
    return {**asdict(row), "aliases": list(row.aliases)}


class RowError(ValueError):
    """What is wrong with one row; the caller adds the line number."""


def licence_key(number: str) -> str:
    """A licence number for comparison: upper case, without spaces, dashes or underscores."""
    return re.sub(r"[\s\-_‐-―]", "", number).upper()


def clean_hs(code: str) -> str:
    """An HS code with dots and spaces removed."""
    return re.sub(r"[\s.]", "", code)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str], list[str]]]:
    """(line number, row, header) for every data row of a UTF-8 CSV file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            for row in reader:
                yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}, header
    except UnicodeDecodeError as exc:
        raise RulesImportError(f"{path.name} is not UTF-8 text ({exc.reason}).") from exc
    except (OSError, csv.Error) as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}") from exc


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file (empty when the file is empty)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return [h.strip() for h in next(csv.reader(fh), [])]
    except UnicodeDecodeError as exc:
        raise RulesImportError(f"{path.name} is not UTF-8 text ({exc.reason}).") from exc
    except OSError as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}") from exc


def parse_rows(path: Path, parse: Callable[[dict[str, str]], Any]) -> list[Any]:
    """Parse every row or raise RulesImportError naming the first bad line."""
    out = []
    for line, row, _header in read_rows(path):
        try:
            out.append(parse(row))
        except RowError as exc:
            raise RulesImportError(
                f"{path.name}, line {line}: {exc}; nothing was imported."
            ) from exc
    return out


def parse_licences(path: Path) -> list[dict[str, Any]]:
    """The licences of a licence-registry CSV, as column dicts (the later of duplicates wins)."""
    missing = [c for c in LICENCE_COLUMNS if c not in read_header(path)]
    if missing:
        raise RulesImportError(
            f"{path.name}, line 1: the header lacks {', '.join(missing)}; expected "
            f"{','.join(LICENCE_COLUMNS)}; nothing was imported."
        )
    rows = parse_rows(path, _licence)
    return list({r["number_key"]: r for r in rows}.values())


def _licence(row: dict[str, str]) -> dict[str, Any]:
    """One licence row validated and normalised."""
    for col in _REQUIRED_LICENCE:
        if not row.get(col):
            raise RowError(f"{col} is empty")
    out: dict[str, Any] = {c: row[c] for c in LICENCE_COLUMNS}
    out["number_key"] = licence_key(row["licence_number"])
    out["destination_country"] = _country(row["destination_country"])
    out["hs_code"] = _hs(row["hs_code"])
    out["quantity_kg"] = _quantity(row["quantity_kg"])
    out["valid_from"] = _date(row["valid_from"], "valid_from")
    out["valid_to"] = _date(row["valid_to"], "valid_to")
    if out["valid_to"] < out["valid_from"]:
        raise RowError(f"valid_to {row['valid_to']} is before valid_from {row['valid_from']}")
    return out


def _country(text: str) -> str:
    """An ISO 3166-1 alpha-2 code, upper-cased."""
    code = text.upper()
    if not _COUNTRY.match(code):
        raise RowError(f"destination_country {text!r} is not an ISO 3166-1 alpha-2 code")
    return code


def _hs(text: str) -> str:
    """An HS code of 4 to 10 digits (dots allowed in the file)."""
    code = clean_hs(text)
    if not _HS.match(code):
        raise RowError(f"hs_code {text!r} is not 4 to 10 digits")
    return code


def _quantity(text: str) -> float:
    """A positive quantity in kilograms."""
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"quantity_kg {text!r} is not a number") from None
    if not value > 0:
        raise RowError(f"quantity_kg {text!r} must be above zero")
    return value


def _date(text: str, column: str) -> dt.date:
    """An ISO 8601 date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(f"{column} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def split_aliases(text: str | None) -> tuple[str, ...]:
    """`;`-separated aliases, stripped, empty ones dropped."""
    return tuple(a.strip() for a in (text or "").split(";") if a.strip())


def watchlist_format(header: list[str]) -> str:
    """Detect the format from a header row: "opensanctions" or "minimal"; RulesImportError otherwise."""
    if all(c in header for c in OPENSANCTIONS_COLUMNS):
        return "opensanctions"
    if all(c in header for c in MINIMAL_COLUMNS):
        return "minimal"
    raise RulesImportError(
        "line 1: the header is neither the OpenSanctions targets.simple.csv columns nor "
        f"{','.join(MINIMAL_COLUMNS)}; nothing was imported."
    )


def parse_watchlist(path: Path, list_name: str | None = None) -> list[WatchRow]:
    """The entries of a watchlist CSV in either contract format."""
    try:
        fmt = watchlist_format(read_header(path))
    except RulesImportError as exc:
        raise RulesImportError(f"{path.name}, {exc}") from None
    parse = _opensanctions_row if fmt == "opensanctions" else _minimal_row
    return parse_rows(path, lambda row: parse(row, list_name, path.stem))


def _minimal_row(row: dict[str, str], list_name: str | None, default: str) -> WatchRow:
    """One row of the minimal form `name,aliases,country,list,reason`."""
    if not row.get("name"):
        raise RowError("name is empty")
    reason = row.get("reason") or None
    return WatchRow(
        name=row["name"],
        aliases=split_aliases(row.get("aliases")),
        country=(row.get("country") or "").upper() or None,
        list_name=list_name or row.get("list") or default,
        reason=reason,
        source_id=None,
        unsure="UNSURE" in (reason or ""),
    )


def _opensanctions_row(row: dict[str, str], list_name: str | None, default: str) -> WatchRow:
    """One row of an OpenSanctions targets.simple.csv file."""
    if not row.get("name"):
        raise RowError("name is empty")
    countries = split_aliases(row.get("countries"))
    return WatchRow(
        name=row["name"],
        aliases=split_aliases(row.get("aliases")),
        country=";".join(c.upper() for c in countries) or None,
        list_name=list_name or row.get("dataset") or default,
        reason=row.get("sanctions") or None,
        source_id=row.get("id") or None,
        unsure=False,
    )
