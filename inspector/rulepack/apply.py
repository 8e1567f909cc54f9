"""Export the rules database as a signed pack (at the authority) and apply a verified pack (at an office).

A pack is applied in one transaction: the version check, every table replaced, the meta rows written.
Any failure rolls all of it back. Pack versions only go up: a pack not newer than the one in force is a
downgrade or a replay, and is refused. The rules version every verdict records becomes
`pack-<version>-<sha256 prefix>`, and the seed no longer overwrites the database (seed.open_rules).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from inspector.db.migrate import head_revision
from inspector.db.rules.models import Meta
from inspector.db.rules.seed import OFFICE_SOURCE
from inspector.rulepack import archive, content
from inspector.rulepack.errors import PackError, PackNotNewerError
from inspector.rulepack.keys import TrustedKeys, load_private

log = logging.getLogger(__name__)

PACK_VERSION = "pack_version"  # Meta key: the version of the pack in force
EXPORTED_VERSION = "exported_pack_version"  # Meta key at the authority: the last version it exported
PACK_META = ("pack_version", "pack_sha256", "pack_key_id", "pack_created_at", "pack_applied_at", "pack_note")


@dataclass(frozen=True)
class Exported:
    """A pack written by `export_pack`."""

    path: Path
    pack_version: int
    key_id: str
    sha256: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Applied:
    """A pack applied by `import_pack`."""

    pack_version: int
    previous_version: int
    key_id: str
    sha256: str
    rules_version: str
    counts: dict[str, int]


def installed_version(s: Session) -> int:
    """The version of the pack in force, 0 when none was ever applied."""
    return _int_meta(s, PACK_VERSION)


def _int_meta(s: Session, key: str) -> int:
    value = s.scalar(select(Meta.value).where(Meta.key == key))
    return int(value) if value else 0


def export_pack(engine: Engine, out: Path, key_path: Path, key_passphrase: str | None = None,
                version: int | None = None, note: str = "") -> Exported:
    """Write the rules database as a pack signed with the private key at `key_path`. The version is the
    one given (it must be above every version exported or applied here) or the next one."""
    private, kid = load_private(key_path, key_passphrase)
    with Session(engine) as s, s.begin():
        floor = max(_int_meta(s, EXPORTED_VERSION), installed_version(s))
        if version is not None and version <= floor:
            raise PackNotNewerError(f"Pack version {version} is not above {floor}, the highest version exported "
                                    f"or applied here: offices would refuse it. Use --version {floor + 1} or more.")
        pack_version = version or floor + 1
        body = content.read_content(s, pack_version, head_revision("rules") or "", note)
        payload = content.to_payload(body)
        data, signature = archive.pack_bytes(payload, private, kid)
        archive.write_pack(out, data)
        s.merge(Meta(key=EXPORTED_VERSION, value=str(pack_version)))
    log.info("exported pack %d to %s (key %s)", pack_version, out, kid)
    return Exported(out, pack_version, kid, signature.body_sha256, body.counts())


def import_pack(engine: Engine, path: Path, trusted: TrustedKeys) -> Applied:
    """Verify a pack file and apply it in one transaction; raises a PackError (nothing changed) otherwise."""
    verified = archive.read_verified(path, trusted)
    body = content.from_payload(verified.payload)
    values = {name: content.table_values(name, body.tables[name]) for name in content.PACK_TABLES}
    try:
        with Session(engine) as s, s.begin():
            previous = installed_version(s)
            if body.pack_version <= previous:
                raise PackNotNewerError(
                    f"The pack is version {body.pack_version}, not newer than version {previous} in force: an "
                    "older or the same pack is never applied again (a downgrade or a replay). Nothing was changed.")
            _replace_tables(s, values)
            rules_version = _write_meta(s, body, verified)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        raise PackError(f"The pack could not be applied ({type(exc).__name__}: {cause}); the rules database was "
                        "rolled back and is unchanged.") from exc
    log.info("applied pack %d (was %d), rules version %s", body.pack_version, previous, rules_version)
    return Applied(body.pack_version, previous, verified.key_id, verified.sha256, rules_version, body.counts())


def _replace_tables(s: Session, values: dict[str, list[dict]]) -> None:
    """Delete what the pack replaces, then insert its rows (the office's own settings are kept)."""
    for name in content.PACK_TABLES:
        t = content.table(name)
        if name == "meta":
            s.execute(delete(t).where(t.c.key.startswith(content.META_PREFIXES[0])))
        elif name == "history_setting":
            s.execute(delete(t).where(t.c.source.not_like(f"{OFFICE_SOURCE}%")))
        else:
            s.execute(delete(t))
        if values[name]:
            s.execute(insert(t), values[name])


def _write_meta(s: Session, body: content.PackContent, verified: archive.VerifiedPayload) -> str:
    """Record the pack in force and the rules version derived from it; returns that version."""
    rules_version = f"pack-{body.pack_version}-{verified.sha256[:12]}"
    now = dt.datetime.now().isoformat(timespec="seconds")
    stated = set(s.scalars(select(Meta.key).where(Meta.key.startswith(content.META_PREFIXES[0]))))
    rows = {
        "rules_version": rules_version, PACK_VERSION: str(body.pack_version), "pack_sha256": verified.sha256,
        "pack_key_id": verified.key_id, "pack_created_at": body.created_at, "pack_applied_at": now,
        "pack_note": body.note, "seed_lists": json.dumps(body.list_names()),
    }  # fmt: skip
    for name in body.list_names():
        key = f"{content.META_PREFIXES[0]}{name}"
        if key not in stated:
            rows[key] = f"pack {body.pack_version}"
    for key, value in rows.items():
        s.merge(Meta(key=key, value=value))
    s.flush()
    return rules_version
