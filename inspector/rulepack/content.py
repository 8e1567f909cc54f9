"""What a rule pack carries: the rules database tables as canonical JSON (the bytes that are signed).

Canonical: keys sorted, no spaces, UTF-8, no NaN, rows in primary-key order, so the same database gives
the same bytes. Dates and times are ISO strings. History settings set by the office itself (source
"office...") are the office's own and never travel in a pack; their local ids are not carried either.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, Table, select
from sqlalchemy.orm import Session

from inspector.db.rules.models import RulesBase
from inspector.db.rules.seed import OFFICE_SOURCE
from inspector.rulepack.errors import PackUnreadableError

FORMAT = "inspector-rules-pack"
FORMAT_VERSION = 1
PACK_TABLES = ("hs_code", "control", "control_keyword", "licence", "watchlist_entry", "diversion_route",
               "port", "history_setting", "meta")
META_PREFIXES = ("watchlist_version:",)  # the only meta rows a pack carries (which file each list came from)
LOCAL_ID_TABLES = frozenset({"history_setting"})  # ids given locally: the office's own rows keep theirs


@dataclass(frozen=True)
class TableRows:
    """One table of a pack: column names and rows of JSON values in that order."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class PackContent:
    """A rule pack's header and tables."""

    pack_version: int
    created_at: str
    schema_revision: str
    note: str
    tables: Mapping[str, TableRows]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: len(t.rows) for name, t in self.tables.items()}

    def list_names(self) -> list[str]:
        """The watchlists the pack holds."""
        rows = self.tables["watchlist_entry"]
        at = rows.columns.index("list_name")
        return sorted({r[at] for r in rows.rows})


def table(name: str) -> Table:
    """The SQLAlchemy table of the rules database called `name`."""
    return RulesBase.metadata.tables[name]


def read_content(s: Session, pack_version: int, schema_revision: str, note: str = "") -> PackContent:
    """The pack content of a rules database, as of this session's snapshot."""
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    tables = {name: _read_table(s, name) for name in PACK_TABLES}
    return PackContent(pack_version, created, schema_revision, note, tables)


def _read_table(s: Session, name: str) -> TableRows:
    """All the rows of one table a pack carries, in primary-key order."""
    t = table(name)
    columns = [c for c in t.columns if not (name in LOCAL_ID_TABLES and c.primary_key)]
    stmt = select(*columns).order_by(*t.primary_key.columns)
    if name == "meta":
        stmt = stmt.where(t.c.key.startswith(META_PREFIXES[0]))
    if name == "history_setting":
        stmt = stmt.where(t.c.source.not_like(f"{OFFICE_SOURCE}%"))
    rows = tuple(tuple(_to_json(v) for v in row) for row in s.execute(stmt))
    return TableRows(tuple(c.name for c in columns), rows)


def _to_json(value: Any) -> Any:
    """A column value as JSON: dates and times as ISO strings."""
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def to_payload(content: PackContent) -> bytes:
    """The canonical bytes of a pack (what is signed)."""
    doc = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "pack_version": content.pack_version,
        "created_at": content.created_at, "schema_revision": content.schema_revision, "note": content.note,
        "tables": {n: {"columns": list(t.columns), "rows": [list(r) for r in t.rows]}
                   for n, t in content.tables.items()},
    }  # fmt: skip
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def from_payload(payload: bytes) -> PackContent:
    """The content of a (verified) pack, its structure checked against this Inspector's rules schema."""
    try:
        doc = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PackUnreadableError(f"The pack's content is not valid JSON ({exc}).") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise PackUnreadableError("The file is not an Inspector rule pack.")
    if doc.get("format_version") != FORMAT_VERSION:
        raise PackUnreadableError(f"The pack is in format {doc.get('format_version')!r}, this Inspector reads "
                                  f"format {FORMAT_VERSION}: update Inspector.")
    version = doc.get("pack_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackUnreadableError(f"The pack's version {version!r} is not a positive whole number.")
    tables = doc.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(PACK_TABLES):
        got = sorted(tables) if isinstance(tables, dict) else tables
        raise PackUnreadableError(f"The pack's tables {got} are not the rules tables {list(PACK_TABLES)}.")
    parsed = {name: _table_rows(name, tables[name]) for name in PACK_TABLES}
    return PackContent(version, str(doc.get("created_at", "")), str(doc.get("schema_revision", "")),
                       str(doc.get("note", "")), parsed)


def _table_rows(name: str, data: Any) -> TableRows:
    """One table of a payload, its columns known to this schema and every row as long as its columns."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list) or not isinstance(
            data.get("rows"), list):
        raise PackUnreadableError(f"The pack's table {name} is malformed.")
    columns = tuple(data["columns"])
    known = set(table(name).columns.keys())
    unknown = [c for c in columns if c not in known]
    if unknown or len(set(columns)) != len(columns):
        raise PackUnreadableError(f"The pack's table {name} has columns {unknown or list(columns)} that this "
                                  "Inspector does not know: it was made for a newer version; update Inspector.")
    rows = tuple(tuple(r) for r in data["rows"] if isinstance(r, list) and len(r) == len(columns))
    if len(rows) != len(data["rows"]):
        raise PackUnreadableError(f"The pack's table {name} has rows that do not match its columns.")
    _check_rows(name, columns, rows)
    return TableRows(columns, rows)


def _check_rows(name: str, columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> None:
    """A pack never writes the office's own settings nor meta rows other than list versions."""
    if name == "meta":
        at = columns.index("key") if "key" in columns else -1
        if at < 0 or any(not str(r[at]).startswith(META_PREFIXES) for r in rows):
            raise PackUnreadableError("The pack's meta rows may only name watchlist versions.")
    if name == "history_setting" and "source" in columns:
        at = columns.index("source")
        if any(str(r[at]).startswith(OFFICE_SOURCE) for r in rows):
            raise PackUnreadableError("The pack carries office history settings, which belong to each office.")


def table_values(name: str, rows: TableRows) -> list[dict[str, Any]]:
    """The rows of one pack table as insert parameters, dates and times parsed back."""
    t = table(name)
    parsers = [_parser(t.c[c].type) for c in rows.columns]
    try:
        return [{c: parse(v) for c, parse, v in zip(rows.columns, parsers, r, strict=True)} for r in rows.rows]
    except (TypeError, ValueError) as exc:
        raise PackUnreadableError(f"The pack's table {name} has a value this Inspector cannot read ({exc}).") from exc


def _parser(column_type: Any) -> Any:
    """How to turn a JSON value back into a column value."""
    if isinstance(column_type, DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(column_type, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    return lambda v: v
