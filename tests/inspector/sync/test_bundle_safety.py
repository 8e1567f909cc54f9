"""Bundles that must be refused before anything is written: altered after signing, signed by a key not
trusted (or not for the port it claims), path traversal, absolute paths, links, oversized entries or
totals, entries the signed manifest does not list, counts that do not add up, malformed records, not a
zip at all. Each is signed with the laptop's real key where the check under test comes after the
signature. After each refusal the centre's database and data directory are as they were."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector import cli
from inspector.casework.audit import canonical
from inspector.db.cases.models import AuditLog, Case, SyncAudit, SyncBundle
from inspector.db.cases.repository import open_cases
from inspector.sync import (
    BundleUnreadableError,
    BundleUnsafeError,
    BundleUntrustedError,
    Limits,
    import_bundle,
)
from inspector.sync.bundle import MAGIC, MANIFEST, SIGNATURE
from inspector.sync.identity import signing_key
from tests.inspector.sync.builders import Laptop, laptop, record_lot, trusting

Entries = list[tuple[zipfile.ZipInfo | str, bytes]]


@pytest.fixture
def world(tmp_path: Path, case_db_url: str):
    """A laptop with one case (its scans kept), a bundle of it with pages, and a centre trusting it."""
    lap = laptop(tmp_path / "lap", "NANSHA", "nansha-01")
    record_lot(lap, "C-1", 985.0, 0, files=tmp_path / "scans")
    bundle = lap.export(tmp_path / "good.bundle", with_pages=True).path
    centre_paths = trusting(tmp_path / "centre", lap, case_db=case_db_url)
    centre = open_cases(centre_paths)
    yield lap, bundle, centre_paths, centre
    centre.dispose()


def forge(lap: Laptop, src: Path, out: Path, change: Callable[[dict, Entries], Entries], *, sign: bool = True) -> Path:
    """A copy of bundle `src` whose manifest and entries `change` edits, signed again with the laptop's
    key (so only the checks after the signature can refuse it), or left with the old signature."""
    with zipfile.ZipFile(src) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        old_signature = zf.read(SIGNATURE)
        entries: Entries = [(i.filename, zf.read(i)) for i in zf.infolist() if i.filename not in (MANIFEST, SIGNATURE)]
    entries = change(manifest, entries)
    data = canonical(manifest).encode("utf-8")
    key = signing_key(lap.paths, lap.identity)
    signature = canonical({"algorithm": "Ed25519", "key_id": lap.identity.key_id,
                           "signature": base64.b64encode(key.sign(MAGIC + data)).decode()}).encode()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in entries:
            zf.writestr(name, content)
        zf.writestr(MANIFEST, data)
        zf.writestr(SIGNATURE, signature if sign else old_signature)
    return out


def listed(manifest: dict, name: str, content: bytes) -> None:
    """List an entry in the manifest as the exporter would."""
    manifest["entries"].append({"name": name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()})


def _untouched(centre, paths) -> None:
    with Session(centre) as s:
        assert [s.scalar(select(func.count()).select_from(t)) for t in (Case, AuditLog, SyncAudit, SyncBundle)] == [0] * 4
    assert not (paths.root / "originals").exists()


def test_the_good_bundle_imports(world) -> None:
    _, bundle, paths, centre = world
    assert [c.action for c in import_bundle(centre, paths, bundle).cases] == ["imported"]


def _traversal(name: str) -> Callable[[dict, Entries], Entries]:
    def change(manifest: dict, entries: Entries) -> Entries:
        listed(manifest, name, b"owned")
        return [*entries, (name, b"owned")]
    return change


def test_paths_outside_the_bundle_are_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world
    for name in ("../outside.json", "originals/../../outside", "/etc/cron.d/x", "originals\\..\\..\\x",
                 "cases/../../../x.json", "notes.txt", "originals/" + "c" * 64 + "/"):
        bad = forge(lap, bundle, tmp_path / "bad.bundle", _traversal(name))
        with pytest.raises(BundleUnsafeError, match="path|no bundle holds"):
            import_bundle(centre, paths, bad)
    _untouched(centre, paths)
    assert not (tmp_path / "outside.json").exists()


def test_a_link_is_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world

    def change(manifest: dict, entries: Entries) -> Entries:
        link = zipfile.ZipInfo("originals/" + "a" * 64 + ".png")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        listed(manifest, link.filename, b"/etc/passwd")
        return [*entries, (link, b"/etc/passwd")]

    with pytest.raises(BundleUnsafeError, match="link"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "bad.bundle", change))
    _untouched(centre, paths)


def test_oversized_entries_and_totals_are_refused(world) -> None:
    _, bundle, paths, centre = world
    with pytest.raises(BundleUnsafeError, match="over 8"):
        import_bundle(centre, paths, bundle, limits=Limits(entry_bytes=8))
    with pytest.raises(BundleUnsafeError, match="unpacks to .* bytes, over 100"):
        import_bundle(centre, paths, bundle, limits=Limits(total_bytes=100))
    with pytest.raises(BundleUnsafeError, match="bytes, over"):
        import_bundle(centre, paths, bundle, limits=Limits(file_bytes=100))
    _untouched(centre, paths)


def test_counts_that_do_not_add_up_are_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world

    def change(manifest: dict, entries: Entries) -> Entries:
        manifest["counts"]["decisions"] = 3
        return entries

    with pytest.raises(BundleUnsafeError, match="counts"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "bad.bundle", change))
    _untouched(centre, paths)


def test_an_entry_the_manifest_does_not_list_or_lists_otherwise_is_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world
    extra = "originals/" + "b" * 64 + ".png"

    def unlisted(manifest: dict, entries: Entries) -> Entries:
        return [*entries, (extra, b"smuggled")]

    def altered(manifest: dict, entries: Entries) -> Entries:
        return [(n, c.replace(b"985", b"495") if str(n).startswith("cases/") else c) for n, c in entries]

    with pytest.raises(BundleUnsafeError, match="do not list the same entries"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "a.bundle", unlisted))
    with pytest.raises(BundleUnsafeError, match="not the one its signed manifest lists"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "b.bundle", altered))
    _untouched(centre, paths)


def test_a_malformed_record_is_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world

    def change(manifest: dict, entries: Entries) -> Entries:
        out = []
        for name, content in entries:
            if str(name).startswith("cases/"):
                record = json.loads(content)
                record["documents"][0]["field_rows"][0]["confidence"] = "sure"
                content = canonical(record).encode()
                manifest["entries"] = [e for e in manifest["entries"] if e["name"] != name]
                listed(manifest, str(name), content)
            out.append((name, content))
        return out

    with pytest.raises(BundleUnsafeError, match="confidence is str"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "bad.bundle", change))
    _untouched(centre, paths)


def test_a_manifest_altered_after_signing_or_an_untrusted_key_or_port_is_refused(world, tmp_path: Path) -> None:
    lap, bundle, paths, centre = world

    def recount(manifest: dict, entries: Entries) -> Entries:
        manifest["created_at"] = "2020-01-01T00:00:00+00:00"
        return entries

    with pytest.raises(BundleUntrustedError, match="altered after signing"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "a.bundle", recount, sign=False))
    stranger = laptop(tmp_path / "stranger", "NANSHA", "nansha-09")
    record_lot(stranger, "C-9", 700.0, 3)
    with pytest.raises(BundleUntrustedError, match="not trusted here"):
        import_bundle(centre, paths, stranger.export(tmp_path / "s.bundle").path)

    def elsewhere(manifest: dict, entries: Entries) -> Entries:
        manifest["port"] = "QINGDAO"  # a Nansha laptop passing its cases off as Qingdao's
        return entries

    with pytest.raises(BundleUntrustedError, match="trusted for NANSHA"):
        import_bundle(centre, paths, forge(lap, bundle, tmp_path / "p.bundle", elsewhere))
    _untouched(centre, paths)


def test_not_a_bundle_is_unreadable_and_the_command_line_says_so(world, tmp_path: Path, capsys) -> None:
    _, _, paths, centre = world
    junk = tmp_path / "junk.bundle"
    junk.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    with pytest.raises(BundleUnreadableError):
        import_bundle(centre, paths, junk)
    _untouched(centre, paths)
    args = ["sync", "import", str(junk), "--data-dir", str(paths.root)]
    if paths.case_db:
        args += ["--case-db", paths.case_db]
    assert cli.main(args) == 3
    assert "not a readable sync bundle" in capsys.readouterr().err
