"""The bundle file: a zip whose signed manifest lists every other entry with its size and sha256.

    manifest.json          canonical JSON: format, port, laptop, key id, created_at, since, counts,
                           entries [{name, bytes, sha256}]
    manifest.sig           {"algorithm": "Ed25519", "key_id": ..., "signature": base64}: over MAGIC + manifest
    cases/000001.json ...  one case record each (inspector.sync.records)
    audit.json             the audit rows of those cases, as written on the laptop
    originals/<sha256>.<suffix>   the kept original files (--with-pages)

Reading checks everything before anything is written (`read_bundle`): the file and entry sizes, every
entry's name (no absolute path, no '..', no backslash, no link, no directory, nothing outside the three
kinds above, no duplicate), the signature of the manifest against the key trusted for the port it
names, each entry's size and sha256 against the manifest, each record's shape, and the counts. The
original files are only hashed here; `copy_original` streams one out, hashing again as it writes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from inspector import __version__
from inspector.casework.audit import canonical
from inspector.models import Message
from inspector.paths import DataPaths
from inspector.sync.errors import (
    BundleUnreadableError,
    BundleUnsafeError,
    BundleUntrustedError,
    SyncSetupError,
)
from inspector.sync.identity import Identity, laptop_name, port_name, trusted_key
from inspector.sync.records import check_record, counts

FORMAT = "inspector-sync-bundle/1"
MAGIC = b"INSPECTOR-SYNC-BUNDLE/1\n"  # signed with the manifest, so a signature cannot be lifted elsewhere
MANIFEST, SIGNATURE, AUDIT = "manifest.json", "manifest.sig", "audit.json"
CASE_ENTRY = re.compile(r"^cases/\d{6}\.json$")
ORIGINAL_ENTRY = re.compile(r"^originals/([0-9a-f]{64})(\.[a-z0-9]{1,8})?$")
_CHUNK = 1 << 20
AUDIT_KEYS = {"seq", "at", "case_id", "action", "actor", "detail", "prev_hash", "hash"}
AUDIT_LENGTHS = {"at": 40, "action": 30, "actor": 10_000, "prev_hash": 64, "hash": 64}  # the sync_audit columns


@dataclass(frozen=True)
class Limits:
    """What a bundle may hold (refused beyond, before anything is read in full)."""

    file_bytes: int = 8 * 2**30
    entry_bytes: int = 512 * 2**20  # one original file, or one case record
    json_bytes: int = 256 * 2**20  # a JSON entry (a case record, the audit rows, the manifest)
    total_bytes: int = 16 * 2**30  # all entries unpacked
    entries: int = 200_000
    ratio: int = 200  # unpacked/packed beyond this (for entries over 1 MiB) is a zip bomb


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Bundle:
    """A bundle read and checked: its manifest, case records and audit rows; the originals stay in the
    zip (`copy_original`)."""

    path: Path
    sha256: str  # of the signed manifest: names the bundle
    manifest: dict[str, Any]
    records: list[dict[str, Any]]
    audit: list[dict[str, Any]]
    originals: dict[str, str] = field(default_factory=dict)  # entry name -> its sha256

    @property
    def port(self) -> str:
        """The port the bundle comes from."""
        return str(self.manifest["port"])

    @property
    def laptop(self) -> str:
        """The laptop that wrote it."""
        return str(self.manifest["laptop"])


# ---------------------------------------------------------------- writing

def write_bundle(out: Path, identity: Identity, key: Ed25519PrivateKey, records: list[dict[str, Any]],
                 audit_rows: list[dict[str, Any]], originals: dict[str, Path], since: dt.date | None) -> str:
    """Write the bundle atomically (a temporary file beside it, then a rename); returns the manifest's
    sha256. `originals` maps entry names (originals/<sha256><suffix>) to the kept files."""
    entries: list[dict[str, Any]] = []
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for n, record in enumerate(records, 1):
                entries.append(_put(zf, f"cases/{n:06d}.json", canonical(record).encode("utf-8")))
            entries.append(_put(zf, AUDIT, canonical(audit_rows).encode("utf-8")))
            for name, path in sorted(originals.items()):
                entries.append(_put_file(zf, name, path))
            manifest = canonical({
                "format": FORMAT, "port": identity.port, "laptop": identity.laptop, "key_id": identity.key_id,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "engine_version": __version__,
                "since": since.isoformat() if since else None,
                "counts": {**counts(records), "audit": len(audit_rows), "originals": len(originals)},
                "entries": entries}).encode("utf-8")
            signature = {"algorithm": "Ed25519", "key_id": identity.key_id,
                         "signature": base64.b64encode(key.sign(MAGIC + manifest)).decode("ascii")}
            zf.writestr(MANIFEST, manifest)
            zf.writestr(SIGNATURE, canonical(signature).encode("ascii"))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return hashlib.sha256(manifest).hexdigest()


def _put(zf: zipfile.ZipFile, name: str, data: bytes) -> dict[str, Any]:
    zf.writestr(name, data)
    return {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _put_file(zf: zipfile.ZipFile, name: str, path: Path) -> dict[str, Any]:
    """An original file, stored as it is (scans and PDFs are compressed already)."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as src, zf.open(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), "w") as dst:
        while chunk := src.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return {"name": name, "bytes": size, "sha256": digest.hexdigest()}


# ---------------------------------------------------------------- reading

def read_bundle(path: Path, paths: DataPaths, limits: Limits = DEFAULT_LIMITS) -> Bundle:
    """The bundle at `path`, every check passed (see the module); raises BundleUnreadableError,
    BundleUnsafeError or BundleUntrustedError, having written nothing."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleUnreadableError(_msg(f"The bundle {path} cannot be read ({exc.strerror}).",
                                         f"无法读取数据包 {path}（{exc.strerror}）。")) from exc
    if size > limits.file_bytes:
        raise _unsafe(f"is {size} bytes, over the {limits.file_bytes} a bundle may have", f"大小 {size} 字节，超过上限")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = _entries(zf, limits)
            manifest_bytes = _read(zf, infos[MANIFEST], limits.json_bytes)
            manifest = _verified_manifest(manifest_bytes, _read(zf, infos[SIGNATURE], 4096), paths)
            hashes = _check_listing(zf, infos, manifest, limits)
            records = [check_record(_json(zf, infos[name], limits), name)
                       for name in sorted(n for n in infos if CASE_ENTRY.match(n))]
            audit = _audit_rows(_json(zf, infos[AUDIT], limits))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise BundleUnreadableError(_msg(f"{path} is not a readable sync bundle ({exc}): nothing was imported.",
                                         f"{path} 不是可读取的同步数据包（{exc}）：未导入任何内容。")) from exc
    _check_counts(manifest, records, audit, hashes)
    originals = {n: h for n, h in hashes.items() if ORIGINAL_ENTRY.match(n)}
    return Bundle(path, hashlib.sha256(manifest_bytes).hexdigest(), manifest, records, audit, originals)


def _entries(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """The zip's entries by name, each name and size checked; nothing read yet."""
    infos = zf.infolist()
    if len(infos) > limits.entries:
        raise _unsafe(f"has {len(infos)} entries, over {limits.entries}", f"条目数 {len(infos)} 超过上限")
    out: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        _check_name(info)
        if info.filename in out:
            raise _unsafe(f"holds {info.filename!r} twice", f"重复包含 {info.filename!r}")
        if info.file_size > limits.entry_bytes:
            raise _unsafe(f"entry {info.filename!r} unpacks to {info.file_size} bytes, over {limits.entry_bytes}",
                          f"条目 {info.filename!r} 解压后 {info.file_size} 字节，超过上限")
        if info.file_size > 2**20 and info.file_size > limits.ratio * max(1, info.compress_size):
            raise _unsafe(f"entry {info.filename!r} unpacks {info.file_size // max(1, info.compress_size)} times its "
                          "packed size", f"条目 {info.filename!r} 压缩比异常")
        total += info.file_size
        out[info.filename] = info
    if total > limits.total_bytes:
        raise _unsafe(f"unpacks to {total} bytes, over {limits.total_bytes}", f"解压后共 {total} 字节，超过上限")
    for required in (MANIFEST, SIGNATURE, AUDIT):
        if required not in out:
            raise _unsafe(f"has no {required}", f"缺少 {required}")
    return out


def _check_name(info: zipfile.ZipInfo) -> None:
    """Refuse a name that could write outside the data directory, a link, a directory, an encrypted entry,
    or anything a bundle never holds."""
    name = info.filename
    mode = info.external_attr >> 16
    bad = ("/" in name[:1] or "\\" in name or "\0" in name or ":" in name or name.endswith("/")
           or any(part in ("", ".", "..") for part in name.split("/")))
    if bad:
        raise _unsafe(f"holds the path {name!r} (absolute, with '..', or outside the bundle)",
                      f"包含非法路径 {name!r}（绝对路径、“..”或越出数据包）")
    kind = stat.S_IFMT(mode)  # zip writers set only the permission bits, or S_IFREG too
    if kind not in (0, stat.S_IFREG) or info.is_dir():
        raise _unsafe(f"holds {name!r}, a link or special file", f"包含链接或特殊文件 {name!r}")
    if info.flag_bits & 0x1:
        raise _unsafe(f"holds {name!r} encrypted", f"包含加密条目 {name!r}")
    if name not in (MANIFEST, SIGNATURE, AUDIT) and not CASE_ENTRY.match(name) and not ORIGINAL_ENTRY.match(name):
        raise _unsafe(f"holds {name!r}, which no bundle holds", f"包含不应有的条目 {name!r}")


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """An entry's bytes, never more than `limit` (the sizes were checked; this bounds a lying header)."""
    if info.file_size > limit:
        raise _unsafe(f"entry {info.filename!r} is {info.file_size} bytes, over {limit}", f"条目 {info.filename!r} 过大")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _unsafe(f"entry {info.filename!r} unpacks to more than {limit} bytes", f"条目 {info.filename!r} 过大")
    return data


def _json(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Any:
    try:
        return json.loads(_read(zf, info, limits.json_bytes).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _unsafe(f"entry {info.filename!r} is not JSON ({exc})", f"条目 {info.filename!r} 不是 JSON") from exc


def _verified_manifest(data: bytes, signature_line: bytes, paths: DataPaths) -> dict[str, Any]:
    """The manifest, once its signature checked out against the key trusted for its port."""
    try:
        sig = json.loads(signature_line.decode("ascii"))
        manifest = json.loads(data.decode("utf-8"))
        key_id, port = str(sig["key_id"]), port_name(str(manifest["port"]))
        laptop_name(str(manifest["laptop"]))
        signature = base64.b64decode(sig["signature"], validate=True)
        if sig.get("algorithm") != "Ed25519" or manifest.get("format") != FORMAT or manifest.get("key_id") != key_id:
            raise ValueError("algorithm, format or key id not as written by Inspector")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, binascii.Error,
            SyncSetupError) as exc:
        raise BundleUntrustedError(_msg(f"The bundle's manifest or signature cannot be read ({exc}): nothing was "
                                        "imported.", f"无法读取数据包的清单或签名（{exc}）：未导入任何内容。")) from exc
    public = trusted_key(paths, key_id, port)
    try:
        public.verify(signature, MAGIC + data)
    except InvalidSignature as exc:
        raise BundleUntrustedError(_msg(
            "The bundle's signature does not match its manifest: it was altered after signing (or damaged). "
            "Nothing was imported; ask the port for a new bundle.",
            "数据包签名与清单不符：签名后被改动（或已损坏）。未导入任何内容；请向口岸索取新的数据包。")) from exc
    return manifest


def _check_listing(zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], manifest: dict[str, Any],
                   limits: Limits) -> dict[str, str]:
    """Every entry is listed in the signed manifest with its size and sha256, and every listed entry is
    there; returns {name: sha256}."""
    try:
        listed = {str(e["name"]): (int(e["bytes"]), str(e["sha256"])) for e in manifest["entries"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise _unsafe(f"has a manifest without a usable list of entries ({exc})", "清单中的条目列表不可用") from exc
    present = set(infos) - {MANIFEST, SIGNATURE}
    if set(listed) != present or len(listed) != len(manifest["entries"]):
        extra = sorted(present - set(listed))[:3] or sorted(set(listed) - present)[:3]
        raise _unsafe(f"and its signed manifest do not list the same entries ({extra})", f"条目与签名清单不一致（{extra}）")
    out = {}
    for name in sorted(present):
        size, digest = listed[name]
        if infos[name].file_size != size or _sha256(zf, infos[name], limits) != digest:
            raise _unsafe(f"entry {name!r} is not the one its signed manifest lists (size or sha256 differ)",
                          f"条目 {name!r} 与签名清单不符（大小或 sha256 不同）")
        out[name] = digest
    return out


def _sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> str:
    digest, size = hashlib.sha256(), 0
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > limits.entry_bytes:
                raise _unsafe(f"entry {info.filename!r} unpacks to more than {limits.entry_bytes} bytes",
                              f"条目 {info.filename!r} 过大")
            digest.update(chunk)
    return digest.hexdigest()


def _audit_rows(rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) and set(r) == AUDIT_KEYS for r in rows):
        raise _unsafe("has audit rows that are not as Inspector writes them", "审计记录格式不正确")
    for r in rows:
        if not (isinstance(r["seq"], int) and isinstance(r["detail"], dict)
                and all(isinstance(r[k], str) and len(r[k]) <= n for k, n in AUDIT_LENGTHS.items())
                and (r["case_id"] is None or isinstance(r["case_id"], str) and len(r["case_id"]) <= 80)):
            raise _unsafe(f"has an audit row (seq {r.get('seq')}) with fields of the wrong type or length",
                          "审计记录字段类型或长度不正确")
    return rows


def _check_counts(manifest: dict[str, Any], records: list[dict[str, Any]], audit: list[dict[str, Any]],
                  hashes: dict[str, str]) -> None:
    """The manifest's counts are those of what the bundle holds."""
    found = {**counts(records), "audit": len(audit), "originals": sum(1 for n in hashes if ORIGINAL_ENTRY.match(n))}
    claimed = manifest.get("counts")
    if claimed != found:
        raise _unsafe(f"holds {found}, but its manifest counts {claimed}", f"实际内容 {found} 与清单计数 {claimed} 不符")


def copy_original(bundle: Bundle, name: str, target: Path) -> None:
    """Stream one original file out of the bundle to `target` (through a temporary file, renamed only
    when its sha256 is the one verified), made read-only like the kept originals."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(bundle.path) as zf, zf.open(name) as src, partial.open("wb") as dst:
            _copy(src, dst, digest)
        if digest.hexdigest() != bundle.originals[name]:
            raise _unsafe(f"entry {name!r} changed while it was imported", f"条目 {name!r} 在导入过程中被改动")
        os.chmod(partial, stat.S_IRUSR | stat.S_IRGRP)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _copy(src: IO[bytes], dst: IO[bytes], digest: Any) -> None:
    while chunk := src.read(_CHUNK):
        digest.update(chunk)
        dst.write(chunk)


def _msg(en: str, zh: str) -> Message:
    return Message(en, zh)


def _unsafe(en: str, zh: str) -> BundleUnsafeError:
    return BundleUnsafeError(Message(f"The bundle {en}: it was refused and nothing was imported.",
                                     f"数据包{zh}：已拒绝，未导入任何内容。"))
