"""Why a sync bundle was not written or not imported, each with its exit status and a message in
English and Simplified Chinese (docs/centre.md). Nothing is written when one is raised."""

from __future__ import annotations

from inspector.errors import InspectorError
from inspector.models import Message


class SyncError(InspectorError):
    """A sync action was refused; the case database and the data directory were left as they were."""

    exit_code = 1

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class SyncSetupError(SyncError):
    """This installation has no sync identity yet, or a port, laptop name or key file is not usable."""

    exit_code = 2


class BundleUnreadableError(SyncError):
    """The file is not a bundle this Inspector can read (not a zip, damaged, another format)."""

    exit_code = 3


class BundleUnsafeError(SyncError):
    """The bundle holds something never written (path traversal, absolute path, link, oversized entry,
    counts that do not add up, an entry the manifest does not list or lists otherwise)."""

    exit_code = 3


class BundleUntrustedError(SyncError):
    """The bundle is unsigned, altered after signing, signed by a key not trusted here, or claims a port
    its key is not trusted for."""

    exit_code = 6
