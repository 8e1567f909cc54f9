"""The rule pack file: one magic line, one signature line, then the content (canonical JSON, zlib-compressed).

    INSPECTOR-RULES-PACK/1\\n
    {"algorithm":"Ed25519","body_bytes":N,"body_sha256":"...","key_id":"...","signature":"<base64>"}\\n
    <N bytes: zlib-compressed canonical JSON>

The Ed25519 signature is detached: it covers the exact bytes of the magic line and the compressed body,
so it is checked before anything is decompressed or parsed, and the signature line must be written
exactly as the exporter writes it (canonical JSON). Every byte of the file is therefore either signed or
checked: one byte changed anywhere is refused. Reading is bounded (file, signature line, content once
decompressed) so a hostile file cannot exhaust memory.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from inspector.rulepack.errors import PackUnreadableError, PackUntrustedError
from inspector.rulepack.keys import TrustedKeys

log = logging.getLogger(__name__)

MAGIC = b"INSPECTOR-RULES-PACK/1\n"
ALGORITHM = "Ed25519"
MAX_PACK_FILE = 128 * 2**20  # bytes on disk
MAX_PAYLOAD = 512 * 2**20  # the content once decompressed
MAX_SIGNATURE_LINE = 4096


@dataclass(frozen=True)
class Signature:
    """A detached signature of the magic line and the compressed body, and the key that made it."""

    key_id: str
    signature: bytes
    body_bytes: int
    body_sha256: str

    def line(self) -> bytes:
        """The signature line as written (canonical JSON and a newline)."""
        doc = {"algorithm": ALGORITHM, "body_bytes": self.body_bytes, "body_sha256": self.body_sha256,
               "key_id": self.key_id, "signature": base64.b64encode(self.signature).decode("ascii")}
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("ascii") + b"\n"


@dataclass(frozen=True)
class VerifiedPayload:
    """Content whose signature checked out against a trusted key; `sha256` is the signed body's."""

    payload: bytes
    key_id: str
    sha256: str


def pack_bytes(payload: bytes, private_key: Ed25519PrivateKey, key_id: str) -> tuple[bytes, Signature]:
    """The whole pack file for a payload, and its signature."""
    body = zlib.compress(payload, 9)
    signature = Signature(key_id, private_key.sign(MAGIC + body), len(body), hashlib.sha256(body).hexdigest())
    return MAGIC + signature.line() + body, signature


def write_pack(path: Path, data: bytes) -> None:
    """Write the pack file atomically (a temporary file beside it, then one rename)."""
    if len(data) > MAX_PACK_FILE:
        raise PackUnreadableError(f"The pack would be {len(data) // 2**20} MiB, over the {MAX_PACK_FILE // 2**20} "
                                  "MiB that Inspector reads: raise MAX_PACK_FILE in the exporting and importing versions.")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def read_verified(path: Path, trusted: TrustedKeys) -> VerifiedPayload:
    """The content of a pack file, after its signature checked out against a trusted, unrevoked key."""
    sig_line, body = _split(path)
    signature = _parse_signature(sig_line)
    public = trusted.lookup(signature.key_id)
    try:
        if len(body) != signature.body_bytes or hashlib.sha256(body).hexdigest() != signature.body_sha256:
            raise InvalidSignature
        public.verify(signature.signature, MAGIC + body)
    except InvalidSignature as exc:
        raise PackUntrustedError(f"The signature of {path} does not match its content: the pack was altered "
                                 "after signing (or damaged). It was not applied; ask the authority for a new copy.") from exc
    log.info("pack %s verified with key %s (sha256 %s)", path, signature.key_id, signature.body_sha256[:12])
    return VerifiedPayload(_decompress(body), signature.key_id, signature.body_sha256)


def _split(path: Path) -> tuple[bytes, bytes]:
    """(signature line, body) of a pack file, with the file size limit enforced."""
    try:
        size = path.stat().st_size
        if size > MAX_PACK_FILE:
            raise PackUnreadableError(f"{path} is {size // 2**20} MiB, over the {MAX_PACK_FILE // 2**20} MiB "
                                      "limit of a rule pack.")
        with path.open("rb") as fh:
            magic = fh.read(len(MAGIC))
            if magic != MAGIC:
                raise PackUnreadableError(f"{path} is not an Inspector rule pack (it does not start with "
                                          f"{MAGIC.strip().decode()}).")
            sig_line = fh.readline(MAX_SIGNATURE_LINE)
            body = fh.read(MAX_PACK_FILE)
    except OSError as exc:
        raise PackUnreadableError(f"The rule pack {path} cannot be read ({exc.strerror}).") from exc
    if not sig_line.startswith(b"{") or not sig_line.endswith(b"\n"):
        raise PackUntrustedError(f"{path} is not signed (no signature line): Inspector only applies rule packs "
                                 "signed by the authority.")
    return sig_line, body


def _parse_signature(line: bytes) -> Signature:
    """The signature line, refused unless it is exactly as the exporter writes it."""
    try:
        doc = json.loads(line.decode("ascii"))
        signature = Signature(doc["key_id"], base64.b64decode(doc["signature"], validate=True),
                              doc["body_bytes"], doc["body_sha256"])
        if doc.get("algorithm") != ALGORITHM or set(doc) != {"algorithm", "body_bytes", "body_sha256", "key_id",
                                                              "signature"}:
            raise ValueError(f"algorithm {doc.get('algorithm')!r} or fields {sorted(doc)} not as expected")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise PackUntrustedError(f"The pack's signature cannot be read ({exc}): it was not applied.") from exc
    if signature.line() != line:
        raise PackUntrustedError("The pack's signature line was altered: it was not applied.")
    return signature


def _decompress(body: bytes) -> bytes:
    """The content of a verified body, refused beyond MAX_PAYLOAD bytes."""
    inflater = zlib.decompressobj()
    try:
        payload = inflater.decompress(body, MAX_PAYLOAD + 1)
    except zlib.error as exc:
        raise PackUnreadableError(f"The pack's content cannot be decompressed ({exc}).") from exc
    if len(payload) > MAX_PAYLOAD or not inflater.eof or inflater.unused_data:
        raise PackUnreadableError(f"The pack's content is truncated, has trailing data, or unpacks to more than "
                                  f"{MAX_PAYLOAD} bytes.")
    return payload
