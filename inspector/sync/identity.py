"""Who signs a bundle and whom the centre trusts: the installation's sync identity (port, laptop name
and Ed25519 key) and the directory of trusted port keys, both in the data directory.

    <data dir>/sync/identity.json          {"port": "NANSHA", "laptop": "nansha-03", "key_id": "..."}
    <data dir>/sync/<key id>.key.pem       the laptop's private key (0600; never leaves the laptop)
    <data dir>/sync/<key id>.pub.pem       its public key: what the centre trusts
    <data dir>/sync/trusted/<id>.pub.pem   a trusted key (named by its id, as rule-pack keys are)
    <data dir>/sync/trusted/<id>.port      the one port that key may sign for
    <data dir>/sync/trusted/revoked.txt    revoked key ids, "<id> <reason>" a line

Keys, key ids and revocation are those of the rule packs (`inspector.rulepack.keys`): the same files,
made and read by the same code. A key is trusted for one port, so a laptop of one port cannot pass
its cases off as another port's.
"""

from __future__ import annotations

import json
import logging
import re
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from inspector.models import Message
from inspector.paths import DataPaths
from inspector.rulepack import keys as keyfiles
from inspector.rulepack.errors import KeyFileError
from inspector.sync.errors import BundleUntrustedError, SyncSetupError

log = logging.getLogger(__name__)

SYNC_DIR = "sync"
TRUSTED_DIR = "trusted"
IDENTITY_FILE = "identity.json"
PORT_SUFFIX = ".port"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PORT_MAX, LAPTOP_MAX = 40, 80


@dataclass(frozen=True)
class Identity:
    """This installation as its bundles name it."""

    port: str
    laptop: str
    key_id: str


def sync_dir(paths: DataPaths) -> Path:
    """The data directory's sync folder."""
    return paths.root / SYNC_DIR


def trusted_dir(paths: DataPaths) -> Path:
    """Where the trusted port keys are kept."""
    return sync_dir(paths) / TRUSTED_DIR


def port_name(text: str) -> str:
    """A port id as bundles carry it: upper case, letters, digits, '-', '_' and '.', at most 40."""
    return _checked(text.strip().upper(), PORT_MAX, "port", "口岸")


def laptop_name(text: str) -> str:
    """A laptop name as bundles carry it: letters, digits, '-', '_' and '.', at most 80."""
    return _checked(text.strip(), LAPTOP_MAX, "laptop name", "终端名称")


def _checked(value: str, limit: int, what: str, what_zh: str) -> str:
    if not value or len(value) > limit or not _NAME.match(value):
        raise SyncSetupError(Message(
            f"{value!r} cannot be a {what}: use letters, digits, '-', '_' or '.', at most {limit} characters.",
            f"{value!r} 不能作为{what_zh}：请使用字母、数字、“-”、“_”或“.”，不超过 {limit} 个字符。"))
    return value


def init_identity(paths: DataPaths, port: str, laptop: str | None = None) -> Identity:
    """Make this installation's sync identity: a new Ed25519 key pair and identity.json. Refused when
    one exists (a laptop keeps its key: the centre trusts it by its id)."""
    existing = sync_dir(paths) / IDENTITY_FILE
    if existing.exists():
        found = load_identity(paths)
        raise SyncSetupError(Message(
            f"This installation already signs its bundles as {found.port}/{found.laptop} (key {found.key_id}); "
            f"to start again, move {sync_dir(paths)} away first.",
            f"本终端已以 {found.port}/{found.laptop}（密钥 {found.key_id}）签署数据包；如需重新设置，请先移走 "
            f"{sync_dir(paths)}。"))
    identity_port, identity_laptop = port_name(port), laptop_name(laptop or socket.gethostname() or "laptop")
    try:
        files = keyfiles.generate(sync_dir(paths))
    except KeyFileError as exc:
        raise SyncSetupError(Message(str(exc), f"无法写入密钥文件：{exc}")) from exc
    identity = Identity(identity_port, identity_laptop, files.key_id)
    existing.write_text(json.dumps(identity.__dict__, indent=2) + "\n", encoding="utf-8")
    log.info("sync identity %s/%s with key %s", identity.port, identity.laptop, identity.key_id)
    return identity


def load_identity(paths: DataPaths) -> Identity:
    """This installation's sync identity; SyncSetupError when `inspector sync init` was never run."""
    path = sync_dir(paths) / IDENTITY_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        return Identity(port_name(str(data["port"])), laptop_name(str(data["laptop"])), str(data["key_id"]))
    except FileNotFoundError:
        raise SyncSetupError(Message(
            "This installation has no sync identity: run `inspector sync init --port PORT` once, then give "
            f"the centre its public key ({sync_dir(paths)}/<key id>.pub.pem).",
            "本终端尚未设置同步身份：请先运行一次 `inspector sync init --port 口岸`，再将其公钥"
            f"（{sync_dir(paths)}/<密钥编号>.pub.pem）交给中心。")) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SyncSetupError(Message(f"{path} cannot be read ({exc}).", f"无法读取 {path}（{exc}）。")) from exc


def signing_key(paths: DataPaths, identity: Identity) -> Ed25519PrivateKey:
    """The private key of the identity."""
    path = sync_dir(paths) / f"{identity.key_id}{keyfiles.PRIVATE_SUFFIX}"
    try:
        key, kid = keyfiles.load_private(path)
    except KeyFileError as exc:
        raise SyncSetupError(Message(str(exc), f"无法读取签名私钥 {path}。")) from exc
    if kid != identity.key_id:
        raise SyncSetupError(Message(f"{path} holds key {kid}, not {identity.key_id}.",
                                     f"{path} 中的密钥为 {kid}，而非 {identity.key_id}。"))
    return key


def public_key_file(paths: DataPaths, identity: Identity) -> Path:
    """The file to give the centre."""
    return sync_dir(paths) / f"{identity.key_id}{keyfiles.PUBLIC_SUFFIX}"


def trust_key(paths: DataPaths, public_key: Path, port: str) -> str:
    """Trust a laptop's public key for one port: copied into the trusted directory under its key id.
    Returns the key id. Refused when the key is already trusted for another port."""
    key = keyfiles._public_key(public_key)  # the rule packs' reader: size-bounded, Ed25519 only
    if key is None:
        raise SyncSetupError(Message(f"{public_key} is not an Ed25519 public key (a <key id>.pub.pem file made by "
                                     "`inspector sync init`).",
                                     f"{public_key} 不是 Ed25519 公钥（应为 `inspector sync init` 生成的 "
                                     "<密钥编号>.pub.pem 文件）。"))
    kid, wanted = keyfiles.key_id(key), port_name(port)
    folder = trusted_dir(paths)
    folder.mkdir(parents=True, exist_ok=True)
    port_file = folder / f"{kid}{PORT_SUFFIX}"
    if port_file.exists() and port_file.read_text("utf-8").strip() != wanted:
        raise SyncSetupError(Message(
            f"Key {kid} is already trusted for port {port_file.read_text('utf-8').strip()}; a key signs for one port.",
            f"密钥 {kid} 已被信任用于口岸 {port_file.read_text('utf-8').strip()}；一个密钥只能签署一个口岸。"))
    (folder / f"{kid}{keyfiles.PUBLIC_SUFFIX}").write_bytes(public_key.read_bytes())
    port_file.write_text(wanted + "\n", encoding="utf-8")
    log.info("trusted sync key %s for port %s", kid, wanted)
    return kid


def trusted_key(paths: DataPaths, key_id: str, port: str) -> Ed25519PublicKey:
    """The trusted public key `key_id`, checked to sign for `port`; BundleUntrustedError otherwise."""
    folder = trusted_dir(paths)
    trusted = keyfiles.load_trusted(folder) if folder.is_dir() else keyfiles.TrustedKeys({}, {})
    if key_id in trusted.revoked:
        raise BundleUntrustedError(Message(
            f"The bundle is signed with key {key_id}, revoked here ({trusted.revoked[key_id]}): it was not imported.",
            f"数据包的签名密钥 {key_id} 已被吊销（{trusted.revoked[key_id]}）：未导入。"))
    if key_id not in trusted.keys:
        raise BundleUntrustedError(Message(
            f"The bundle is signed with key {key_id}, which is not trusted here: if it is a laptop of your "
            "ports, trust its public key first (`inspector sync trust KEY.pub.pem --port PORT`). Nothing was imported.",
            f"数据包的签名密钥 {key_id} 未被信任：如确为本系统口岸的终端，请先信任其公钥"
            "（`inspector sync trust KEY.pub.pem --port 口岸`）。未导入任何内容。"))
    port_file = folder / f"{key_id}{PORT_SUFFIX}"
    allowed = port_file.read_text("utf-8").strip() if port_file.exists() else ""
    if allowed != port:
        raise BundleUntrustedError(Message(
            f"The bundle says it comes from port {port}, but its key {key_id} is trusted for "
            f"{allowed or 'no port'}: it was not imported.",
            f"数据包声称来自口岸 {port}，但其密钥 {key_id} 仅被信任用于 {allowed or '无口岸'}：未导入。"))
    return trusted.keys[key_id]
