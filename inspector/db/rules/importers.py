"""Parsing of licence and watchlist CSV files into rows, refusing a file at its first bad row."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
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
CSL_COLUMNS = ("source", "name", "alt_names", "programs", "addresses")
OFAC_SDN_CELLS = 12  # the legacy SDN.CSV has no header: ent_num, SDN_Name, SDN_Type, Program, ...
OFAC_LIST = "US-OFAC SDN"
CSL_LIST = "US-CSL"
_OFAC_NULL = "-0-"
_NOT_PARTIES = frozenset({"vessel", "aircraft"})  # SDN types that are not parties to a sale
_REQUIRED_LICENCE = ("licence_number", "holder", "destination_country", "hs_code")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HS = re.compile(r"^\d{4,10}$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet cell a formula (OWASP)
MAX_CSV_BYTES = 1_000_000_000  # a CSV larger than this is refused before it is read
_IMPORTED = {  # the watchlist columns whose cells end up in the database, per format
    "opensanctions": ("id", "name", "aliases", "countries", "sanctions", "dataset"),
    "csl": ("_id", "entity_number", "source", "name", "alt_names", "programs"),
    "minimal": MINIMAL_COLUMNS,
}
_LIST_COLUMNS = frozenset({"aliases", "alt_names", "countries"})  # `;`-separated cells


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


def read_text(path: Path) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM), or UTF-16 with its BOM (Excel's
    "Unicode text"). Any other encoding (GBK, Latin-1...) is refused with the line it fails on, never
    guessed: a guess would import mangled names that no longer match the paperwork."""
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise RulesImportError(f"{path.name} is over {MAX_CSV_BYTES // 1_000_000} MB; nothing was imported.")
        data = path.read_bytes()
    except OSError as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}") from exc
    encoding = "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulesImportError(
            f"{path.name}, line {line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be "
            "decoded): save it as \"CSV UTF-8\" and import it again; nothing was imported."
        ) from exc


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str], list[str]]]:
    """(line number, row, header) for every data row of a UTF-8 CSV file."""
    try:
        reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}, header
    except csv.Error as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}; nothing was imported.") from exc


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file (empty when the file is empty)."""
    try:
        return [h.strip() for h in next(csv.reader(io.StringIO(read_text(path), newline="")), [])]
    except csv.Error as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}; nothing was imported.") from exc


def cell_error(column: str, value: str) -> str | None:
    """Why a cell cannot be imported, or None. A cell starting with = + - @ (or a tab or carriage return)
    is refused, not neutralised: a spreadsheet opening the data later would run it as a formula
    (=HYPERLINK(...) sends data out, =cmd|... runs programs), and no licence holder or listed party is
    named that way; a number (-5, +3.5) or a dash placeholder is not a formula. A NUL byte means the
    file is binary or damaged."""
    if "\x00" in value:
        return f"{column} contains a NUL byte: the file is binary or damaged"
    if value[:1] in FORMULA_STARTS and not _plain_number(value) and value.strip("-"):
        return (f"{column} starts with {value[0]!r}, which a spreadsheet would run as a formula "
                "(formula injection)")
    return None


def _plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_cells(row: dict[str, str], imported: tuple[str, ...] | None) -> None:
    """RowError for the first imported cell (or `;`-separated part of a list cell) cell_error refuses."""
    for column, value in row.items():
        if imported is not None and column not in imported:
            continue  # not imported (an OpenSanctions phone number may well start with +)
        parts = value.split(";") if column in _LIST_COLUMNS else [value]
        if (why := next(filter(None, (cell_error(column, part.strip()) for part in parts)), None)) is not None:
            raise RowError(why)


def parse_rows(path: Path, parse: Callable[[dict[str, str]], Any],
               imported: tuple[str, ...] | None = None) -> list[Any]:
    """Parse every row or raise RulesImportError naming the first bad line; the cells of the `imported`
    columns (all when None) go through cell_error first."""
    out = []
    for line, row, _header in read_rows(path):
        try:
            _check_cells(row, imported)
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
    rows = parse_rows(path, _licence, LICENCE_COLUMNS)
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
    """Detect the format from the first row: "opensanctions", "csl" (US Consolidated Screening
    List), "minimal", or "ofac_sdn" (the header-less OFAC SDN.CSV: a number, then 11 more cells);
    RulesImportError otherwise."""
    if all(c in header for c in OPENSANCTIONS_COLUMNS):
        return "opensanctions"
    if all(c in header for c in CSL_COLUMNS):
        return "csl"
    if all(c in header for c in MINIMAL_COLUMNS):
        return "minimal"
    if len(header) == OFAC_SDN_CELLS and header[0].isdigit():
        return "ofac_sdn"
    raise RulesImportError(
        "line 1: the header is none of the OpenSanctions targets.simple.csv columns, the US "
        f"Consolidated Screening List columns, {','.join(MINIMAL_COLUMNS)}, or an OFAC SDN.CSV row; "
        "nothing was imported."
    )


def parse_watchlist(path: Path, list_name: str | None = None) -> list[WatchRow]:
    """The entries of a watchlist CSV in any of the formats watchlist_format detects."""
    header = read_header(path)  # its errors name the file already
    try:
        fmt = watchlist_format(header)
    except RulesImportError as exc:
        raise RulesImportError(f"{path.name}, {exc}") from None
    if fmt == "ofac_sdn":
        return parse_ofac_sdn(path, list_name)
    parse = {"opensanctions": _opensanctions_row, "csl": _csl_row}.get(fmt, _minimal_row)
    return parse_rows(path, lambda row: parse(row, list_name, path.stem), _IMPORTED[fmt])


def _csl_row(row: dict[str, str], list_name: str | None, default: str) -> WatchRow:
    """One row of the US Consolidated Screening List CSV (2019 and current trade.gov forms)."""
    name = (row.get("name") or "").split(";")[0].strip()
    if not name:
        raise RowError("name is empty")
    source = row.get("source") or ""
    return WatchRow(
        name=name,
        aliases=split_aliases(row.get("alt_names")),
        country=_csl_country(row.get("addresses") or ""),
        list_name=list_name or CSL_LIST,
        reason=" ".join(filter(None, (source, row.get("programs")))) or None,
        source_id=row.get("_id") or row.get("entity_number") or None,
        unsure=False,
    )


def _csl_country(addresses: str) -> str | None:
    """ISO codes ending the CSL addresses ("..., Yerevan, Armenia, AM"), `;`-joined."""
    codes = [a.rsplit(",", 1)[-1].strip() for a in addresses.split(";") if "," in a]
    found = [c for c in codes if re.fullmatch(r"[A-Z]{2}", c)]
    return ";".join(dict.fromkeys(found)) or None


def _ofac_legacy(path: Path) -> list[tuple[int, list[str]]]:
    """(line, cells) of a header-less OFAC legacy CSV, "-0-" nulls as empty strings."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            rows = ((n, ["" if c.strip() == _OFAC_NULL else c.strip() for c in row])
                    for n, row in enumerate(csv.reader(fh), 1))
            return [(n, r) for n, r in rows if any(c.strip("\x1a") for c in r)]  # ^Z ends DOS files
    except (OSError, csv.Error) as exc:
        raise RulesImportError(f"{path.name} could not be read: {exc}") from exc


def _sibling(path: Path, name: str) -> Path | None:
    """The OFAC companion file (alt.csv, add.csv) beside sdn.csv, any case."""
    for candidate in path.parent.iterdir():
        if candidate.name.lower() == name:
            return candidate
    return None


def _ofac_by_entity(path: Path | None, ids: set[str], col: int) -> dict[str, list[str]]:
    """Column `col` of an OFAC companion file per entity number (unknown entities ignored)."""
    out: dict[str, list[str]] = {}
    for _line, r in _ofac_legacy(path) if path else ():
        if r[0] in ids and len(r) > col and r[col]:
            out.setdefault(r[0], []).append(r[col])
    return out


def parse_ofac_sdn(path: Path, list_name: str | None = None) -> list[WatchRow]:
    """The parties of an OFAC SDN.CSV (vessels and aircraft left out), with the aliases of the
    alt.csv and the countries of the add.csv found beside it."""
    rows = _ofac_legacy(path)
    for line, r in rows:
        if len(r) < 4 or not r[0].isdigit() or not r[1]:
            raise RulesImportError(f"{path.name}, line {line}: not an OFAC SDN row (ent_num, "
                                   "SDN_Name, SDN_Type, Program, ...); nothing was imported.")
        if (why := cell_error("SDN_Name", r[1]) or cell_error("Program", r[3])) is not None:
            raise RulesImportError(f"{path.name}, line {line}: {why}; nothing was imported.")
    ids = {r[0] for _, r in rows}
    aliases = _ofac_by_entity(_sibling(path, "alt.csv"), ids, 3)
    countries = _ofac_by_entity(_sibling(path, "add.csv"), ids, 4)
    return [
        WatchRow(
            name=r[1], aliases=tuple(dict.fromkeys(aliases.get(r[0], []))),
            country=";".join(dict.fromkeys(countries.get(r[0], []))) or None,
            list_name=list_name or OFAC_LIST,
            reason=" ".join(filter(None, ("OFAC SDN program", r[3], r[2]))),
            source_id=f"ofac-{r[0]}", unsure=False,
        )  # fmt: skip
        for _, r in rows
        if r[2].lower() not in _NOT_PARTIES
    ]


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
