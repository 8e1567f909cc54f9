"""Ed25519 signing keys of the authority: generation, key ids, and the trusted keys shipped with the app.

A key id is the first 16 hex digits of SHA-256 over the raw 32-byte public key, so it cannot be chosen
freely and names one key only. The app trusts every `<key id>.pub.pem` in resources/keys (rotation: ship
the new public key beside the old one) except the ids listed in resources/keys/revoked.txt.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inspector.paths import resource
from inspector.rulepack.errors import KeyFileError, PackUntrustedError

log = logging.getLogger(__name__)

KEYS_DIR = ("keys",)
REVOKED_FILE = "revoked.txt"
PUBLIC_SUFFIX = ".pub.pem"
PRIVATE_SUFFIX = ".key.pem"
MAX_KEY_FILE = 64 * 1024


def key_id(public_key: Ed25519PublicKey) -> str:
    """The id of a public key: 16 hex digits of SHA-256 over its raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class KeyPairFiles:
    """Where `generate` wrote a new key pair."""

    key_id: str
    private_path: Path
    public_path: Path


def generate(out_dir: Path, passphrase: str | None = None) -> KeyPairFiles:
    """Write a new key pair: `<id>.key.pem` (PKCS#8, mode 0600, encrypted when a passphrase is given)
    and `<id>.pub.pem` (the file to ship in resources/keys). Existing files are never overwritten."""
    private = Ed25519PrivateKey.generate()
    kid = key_id(private.public_key())
    out_dir.mkdir(parents=True, exist_ok=True)
    crypt = (serialization.BestAvailableEncryption(passphrase.encode("utf-8")) if passphrase
             else serialization.NoEncryption())
    private_pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, crypt)
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    files = KeyPairFiles(kid, out_dir / f"{kid}{PRIVATE_SUFFIX}", out_dir / f"{kid}{PUBLIC_SUFFIX}")
    _write_new(files.private_path, private_pem, 0o600)
    _write_new(files.public_path, public_pem, 0o644)
    log.info("generated signing key %s in %s", kid, out_dir)
    return files


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create a file that must not exist yet, with its permissions set before anything is written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise KeyFileError(f"Cannot write the key file {path} ({exc.strerror}); nothing was overwritten.") from exc


def load_private(path: Path, passphrase: str | None = None) -> tuple[Ed25519PrivateKey, str]:
    """The authority's private key and its id, from a PEM file written by `generate`."""
    data = _read_small(path)
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8") if passphrase else None)
    except TypeError as exc:
        raise KeyFileError(f"The private key {path} is encrypted: give its passphrase "
                           "(--key-passphrase-env VAR).") from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(f"{path} is not a readable private key, or its passphrase is wrong ({exc}).") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path} is not an Ed25519 key: make one with `inspector rules keygen`.")
    return key, key_id(key.public_key())


def _read_small(path: Path) -> bytes:
    """A key file's bytes, refusing a missing or oversized file."""
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise KeyFileError(f"{path} is too large to be a key file.")
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"The key file {path} cannot be read ({exc.strerror}).") from exc


@dataclass(frozen=True)
class TrustedKeys:
    """The public keys a pack may be signed with, by key id, and the revoked ids with their reason."""

    keys: Mapping[str, Ed25519PublicKey]
    revoked: Mapping[str, str]

    def lookup(self, kid: str) -> Ed25519PublicKey:
        """The public key of `kid`, or PackUntrustedError when it is revoked or unknown."""
        if kid in self.revoked:
            raise PackUntrustedError(f"The pack is signed with key {kid}, which has been revoked "
                                     f"({self.revoked[kid]}): ask the authority for a pack signed with a current key.")
        if kid not in self.keys:
            raise PackUntrustedError(f"The pack is signed with key {kid}, which this Inspector does not trust "
                                     f"(trusted: {', '.join(sorted(self.keys)) or 'none'}). Only packs from the "
                                     "authority are accepted; a new authority key comes with an Inspector update.")
        return self.keys[kid]


def load_trusted(directory: Path) -> TrustedKeys:
    """The `<id>.pub.pem` keys of a directory (a file whose name is not its key's id is ignored) and
    its revoked.txt (lines `<id> <reason>`, `#` comments)."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted(directory.glob(f"*{PUBLIC_SUFFIX}")):
        public = _public_key(path)
        if public is None:
            continue
        kid = key_id(public)
        if path.name != f"{kid}{PUBLIC_SUFFIX}":
            log.warning("%s holds key %s: its name does not match, so it is not trusted", path, kid)
            continue
        keys[kid] = public
    return TrustedKeys(keys, _revoked(directory / REVOKED_FILE))


def shipped_keys() -> TrustedKeys:
    """The keys shipped with the app (resources/keys)."""
    return load_trusted(resource(*KEYS_DIR))


def _public_key(path: Path) -> Ed25519PublicKey | None:
    """An Ed25519 public key from a PEM file; None (logged) for anything else."""
    try:
        key = serialization.load_pem_public_key(_read_small(path))
    except (KeyFileError, ValueError, UnsupportedAlgorithm) as exc:
        log.warning("%s is not a public key (%s): ignored", path, exc)
        return None
    if not isinstance(key, Ed25519PublicKey):
        log.warning("%s is not an Ed25519 key: ignored", path)
        return None
    return key


def _revoked(path: Path) -> dict[str, str]:
    """Revoked key id -> reason."""
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            kid, _, reason = text.partition(" ")
            out[kid.lower()] = reason.strip() or "revoked"
    return out
