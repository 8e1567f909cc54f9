"""Why a rule pack was refused, each with its exit status (docs/rule-packs.md)."""

from __future__ import annotations

from inspector.errors import InspectorError


class PackError(InspectorError):
    """A rule pack could not be written or applied; the rules database was left as it was."""

    exit_code = 1


class PackUnreadableError(PackError):
    """The file is not a rule pack this Inspector can read (damaged, too large, other format)."""

    exit_code = 3


class PackUntrustedError(PackError):
    """The pack is unsigned, tampered with, or signed by a key this Inspector does not trust."""

    exit_code = 6


class PackNotNewerError(PackError):
    """The pack is not newer than the one in force (a downgrade or a replay)."""

    exit_code = 7


class KeyFileError(PackError):
    """A signing key file is missing, of the wrong kind, or its passphrase is wrong."""

    exit_code = 2
