"""Signed rule packs: a valid pack applies in one transaction; tampered, unsigned, wrong-key, revoked,
downgraded and replayed packs are refused and leave the rules database file byte-identical.

The signing keys are generated here, for the tests only (never shipped)."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector.db.migrate import head_revision
from inspector.db.rules.history import set_history_setting
from inspector.db.rules.models import HistorySetting, Licence
from inspector.db.rules.repository import import_licences, licence_get, rules_info, rules_version
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths, resource
from inspector.rulepack import archive, content
from inspector.rulepack.apply import Exported, export_pack, import_pack, installed_version
from inspector.rulepack.errors import (
    PackError,
    PackNotNewerError,
    PackUnreadableError,
    PackUntrustedError,
)
from inspector.rulepack.keys import (
    KeyPairFiles,
    TrustedKeys,
    generate,
    key_id,
    load_private,
    load_trusted,
    shipped_keys,
)

HEADER = "licence_number,holder,consignee,end_user,destination_country,hs_code,quantity_kg,valid_from,valid_to\n"
FIRST = "CN-EL-2026-0101,Baotou Rare Metals Co.,Rotterdam Magnetics BV,Rotterdam Magnetics BV,NL,2846.90,5000,2026-01-01,2026-12-31\n"
SECOND = "CN-EL-2026-0102,Yunnan Germanium Ltd,Optics GmbH,Optics GmbH,DE,8112921090,250.5,2026-03-01,2027-02-28\n"


@dataclass(frozen=True)
class Authority:
    """The authority of these tests: its data directory, key pairs and two packs."""

    data: DataPaths
    keys: KeyPairFiles
    other: KeyPairFiles  # a well-formed key nobody trusts
    trusted: TrustedKeys
    p1: Exported
    p2: Exported


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> Authority:
    root = tmp_path_factory.mktemp("authority")
    keys, other = generate(root / "keys"), generate(root / "other")
    data = DataPaths(root / "data")
    engine = open_rules(data)
    try:
        (root / "l1.csv").write_text(HEADER + FIRST, encoding="utf-8")
        (root / "l2.csv").write_text(HEADER + FIRST + SECOND, encoding="utf-8")
        with Session(engine) as s, s.begin():
            import_licences(s, root / "l1.csv")
        p1 = export_pack(engine, root / "p1.inspack", keys.private_path, note="first")
        with Session(engine) as s, s.begin():
            import_licences(s, root / "l2.csv")
        p2 = export_pack(engine, root / "p2.inspack", keys.private_path, note="second")
    finally:
        engine.dispose()
    return Authority(data, keys, other, load_trusted(root / "keys"), p1, p2)


@pytest.fixture
def office(tmp_path: Path) -> DataPaths:
    """An office's seeded rules database, all engines closed."""
    paths = DataPaths(tmp_path / "office")
    open_rules(paths).dispose()
    return paths


def _sha(paths: DataPaths) -> str:
    """SHA-256 of the rules database file (engines closed, so the write-ahead log is folded in)."""
    assert not Path(f"{paths.rules_db}-wal").exists()
    return hashlib.sha256(paths.rules_db.read_bytes()).hexdigest()


def _import(paths: DataPaths, pack: Path, trusted: TrustedKeys):
    engine = open_rules(paths)
    try:
        return import_pack(engine, pack, trusted)
    finally:
        engine.dispose()


def _refused(paths: DataPaths, pack: Path, trusted: TrustedKeys, error: type[PackError], words: str) -> None:
    """The pack is refused with `error` and a message containing `words`; the database file is untouched."""
    before = _sha(paths)
    with pytest.raises(error, match=words):
        _import(paths, pack, trusted)
    assert _sha(paths) == before


def test_a_valid_pack_applies_the_authoritys_tables(authority: Authority, office: DataPaths) -> None:
    engine = open_rules(office)
    try:
        with Session(engine) as s, s.begin():
            set_history_setting(s, "threshold_kg", 777.0, "our own limit", family="gallium")
        applied = import_pack(engine, authority.p1.path, authority.trusted)
        assert (applied.pack_version, applied.previous_version, applied.key_id) == (1, 0, authority.keys.key_id)
        with Session(engine) as s:
            assert rules_version(s) == f"pack-1-{authority.p1.sha256[:12]}" == applied.rules_version
            assert installed_version(s) == 1
            assert licence_get(s, "CN-EL-2026-0101").holder == "Baotou Rare Metals Co."
            assert licence_get(s, "CN-EL-2026-0102") is None  # only in pack 2
            counts = rules_info(s).counts
            assert counts["hs_code"] == authority.p1.counts["hs_code"] > 6000
            assert counts["control"] == authority.p1.counts["control"] > 100
            office_rows = s.scalars(select(HistorySetting).where(HistorySetting.source.like("office%"))).all()
            assert [(r.name, r.value) for r in office_rows] == [("threshold_kg", 777.0)]  # the office's own, kept
    finally:
        engine.dispose()
    engine = open_rules(office)  # reopening does not reseed over the pack
    try:
        with Session(engine) as s:
            assert rules_version(s).startswith("pack-1-")
    finally:
        engine.dispose()


def test_a_newer_pack_replaces_and_an_older_or_the_same_is_refused(authority: Authority, office: DataPaths) -> None:
    assert _import(office, authority.p1.path, authority.trusted).pack_version == 1
    applied = _import(office, authority.p2.path, authority.trusted)
    assert (applied.pack_version, applied.previous_version) == (2, 1)
    _refused(office, authority.p1.path, authority.trusted, PackNotNewerError, "version 1, not newer than version 2")
    _refused(office, authority.p2.path, authority.trusted, PackNotNewerError, "replay")
    engine = open_rules(office)
    try:
        with Session(engine) as s:
            assert s.scalar(select(func.count()).select_from(Licence)) == 2
    finally:
        engine.dispose()


def test_one_byte_flipped_anywhere_is_refused(authority: Authority, office: DataPaths, tmp_path: Path) -> None:
    data = authority.p1.path.read_bytes()
    head = data.index(b"\n", len(archive.MAGIC)) + 1  # magic and signature lines: every byte
    positions = list(range(head)) + list(range(head, len(data), max(1, (len(data) - head) // 60))) + [len(data) - 1]
    before = _sha(office)
    engine = open_rules(office)
    try:
        for at in positions:
            bad = tmp_path / "bad.inspack"
            bad.write_bytes(data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:])
            with pytest.raises((PackUntrustedError, PackUnreadableError)):
                import_pack(engine, bad, authority.trusted)
    finally:
        engine.dispose()
    assert _sha(office) == before and len(positions) > 200


def test_changed_content_with_the_original_signature_is_refused(authority: Authority, office: DataPaths,
                                                                 tmp_path: Path) -> None:
    data = authority.p1.path.read_bytes()
    head = data.index(b"\n", len(archive.MAGIC)) + 1
    payload = zlib.decompress(data[head:]).replace(b"Baotou Rare Metals Co.", b"Shell Front Trading Co")
    forged = tmp_path / "forged.inspack"
    forged.write_bytes(data[:head] + zlib.compress(payload, 9))
    _refused(office, forged, authority.trusted, PackUntrustedError, "altered after signing")


def test_unsigned_packs_are_refused(authority: Authority, office: DataPaths, tmp_path: Path) -> None:
    data = authority.p1.path.read_bytes()
    head = data.index(b"\n", len(archive.MAGIC)) + 1
    unsigned = tmp_path / "unsigned.inspack"
    unsigned.write_bytes(archive.MAGIC + data[head:])
    _refused(office, unsigned, authority.trusted, PackUntrustedError, "not signed")
    bare = tmp_path / "bare.json.z"
    bare.write_bytes(data[head:])
    _refused(office, bare, authority.trusted, PackUnreadableError, "not an Inspector rule pack")


def test_a_pack_signed_with_another_key_is_refused(authority: Authority, office: DataPaths, tmp_path: Path) -> None:
    private, other_id = load_private(authority.other.private_path)
    payload = _payload(authority)
    data, _ = archive.pack_bytes(payload, private, other_id)
    (tmp_path / "other.inspack").write_bytes(data)
    _refused(office, tmp_path / "other.inspack", authority.trusted, PackUntrustedError, "does not trust")
    # the same, claiming the trusted key's id
    data, _ = archive.pack_bytes(payload, private, authority.keys.key_id)
    (tmp_path / "claim.inspack").write_bytes(data)
    _refused(office, tmp_path / "claim.inspack", authority.trusted, PackUntrustedError, "altered after signing")


def test_a_revoked_key_is_refused(authority: Authority, office: DataPaths) -> None:
    revoked = TrustedKeys(authority.trusted.keys, {authority.keys.key_id: "2027-01-06 laptop stolen"})
    _refused(office, authority.p1.path, revoked, PackUntrustedError, "revoked.*laptop stolen")


def test_a_failure_mid_apply_leaves_nothing_changed(authority: Authority, office: DataPaths, tmp_path: Path) -> None:
    """A validly signed pack whose last table breaks a constraint: every table replaced before it is rolled back."""
    body = content.from_payload(_payload(authority))
    meta = content.TableRows(("key", "value"), (("watchlist_version:X", "a"), ("watchlist_version:X", "b")))
    broken = replace(body, pack_version=9, tables={**body.tables, "meta": meta})
    private, kid = load_private(authority.keys.private_path)
    data, _ = archive.pack_bytes(content.to_payload(broken), private, kid)
    (tmp_path / "broken.inspack").write_bytes(data)
    _refused(office, tmp_path / "broken.inspack", authority.trusted, PackError, "rolled back")
    engine = open_rules(office)
    try:
        with Session(engine) as s:
            assert installed_version(s) == 0 and rules_version(s).startswith("seed-")
    finally:
        engine.dispose()


def test_size_limits_are_enforced_before_reading(authority: Authority, office: DataPaths,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_PAYLOAD", 10_000)  # the pack unpacks to ~1.1 MB
    _refused(office, authority.p1.path, authority.trusted, PackUnreadableError, "more than 10000 bytes")
    monkeypatch.setattr(archive, "MAX_PACK_FILE", 1000)
    _refused(office, authority.p1.path, authority.trusted, PackUnreadableError, "limit of a rule pack")


def test_a_pack_from_a_newer_schema_is_refused(authority: Authority, office: DataPaths, tmp_path: Path) -> None:
    body = content.from_payload(_payload(authority))
    port = body.tables["port"]
    wider = content.TableRows((*port.columns, "berths"), tuple((*r, 3) for r in port.rows))
    private, kid = load_private(authority.keys.private_path)
    data, _ = archive.pack_bytes(content.to_payload(replace(body, tables={**body.tables, "port": wider})), private, kid)
    (tmp_path / "newer.inspack").write_bytes(data)
    _refused(office, tmp_path / "newer.inspack", authority.trusted, PackUnreadableError, "update Inspector")


def test_the_authority_cannot_export_a_version_that_offices_would_refuse(authority: Authority, tmp_path: Path) -> None:
    engine = open_rules(authority.data)
    try:
        with pytest.raises(PackNotNewerError, match="--version 3"):
            export_pack(engine, tmp_path / "old.inspack", authority.keys.private_path, version=2)
        assert not (tmp_path / "old.inspack").exists()
    finally:
        engine.dispose()


def test_export_records_the_schema_and_is_canonical(authority: Authority) -> None:
    payload = _payload(authority)
    body = content.from_payload(payload)
    assert body.schema_revision == head_revision("rules") and body.note == "first"
    assert content.to_payload(body) == payload  # parsing and writing again gives the signed bytes


def test_shipped_keys_hold_public_keys_only() -> None:
    keys = shipped_keys()
    assert "e5b2266a26f62e42" in keys.keys and not keys.revoked
    assert all(key_id(k) == kid for kid, k in keys.keys.items())
    for path in resource("keys").iterdir():
        assert b"PRIVATE KEY" not in path.read_bytes(), path


def test_a_key_file_not_named_for_its_key_is_not_trusted(authority: Authority, tmp_path: Path) -> None:
    (tmp_path / "0000000000000000.pub.pem").write_bytes(authority.keys.public_path.read_bytes())
    assert dict(load_trusted(tmp_path).keys) == {}


def test_the_command_line_refuses_a_pack_not_signed_by_a_shipped_key(authority: Authority, office: DataPaths,
                                                                      run_cli, tmp_path: Path) -> None:
    before = _sha(office)
    run = run_cli("rules", "import-pack", str(authority.p1.path), "--data-dir", str(office.root))
    assert run.code == 6 and "does not trust" in run.err
    assert _sha(office) == before
    run = run_cli("rules", "keygen", str(tmp_path / "k"))
    assert run.code == 0 and len(list((tmp_path / "k").glob("*.key.pem"))) == 1
    key = next((tmp_path / "k").glob("*.key.pem"))
    run = run_cli("rules", "export-pack", str(tmp_path / "p.inspack"), "--key", str(key), "--version", "5",
                  "--data-dir", str(office.root))
    assert run.code == 0 and "version 5" in run.out
    run = run_cli("rules", "export-pack", str(tmp_path / "q.inspack"), "--key", str(key), "--version", "5",
                  "--data-dir", str(office.root))
    assert run.code == 7 and "--version 6" in run.err


def _payload(authority: Authority) -> bytes:
    data = authority.p1.path.read_bytes()
    return zlib.decompress(data[data.index(b"\n", len(archive.MAGIC)) + 1:])
