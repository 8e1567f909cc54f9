"""Sync without a network (issue 11): a laptop's cases leave in a signed, compressed bundle and are
merged at the coordination centre (or at another laptop), idempotently (docs/centre.md).

- `identity`: the laptop's port, name and Ed25519 key; the centre's trusted keys, one port each;
- `records`: a case as one JSON record, read from and written into a case database, checked first;
- `bundle`: the zip with its signed manifest; every check before anything is written;
- `export`, `merge`: `inspector sync export` and `inspector sync import`;
- `centre`: the fragmentation check re-run on a case against every port's lots;
- `cli`: the `inspector sync` command.
"""

from inspector.sync.bundle import Bundle, Limits, read_bundle
from inspector.sync.centre import recheck_fragmentation
from inspector.sync.errors import (
    BundleUnreadableError,
    BundleUnsafeError,
    BundleUntrustedError,
    SyncError,
    SyncSetupError,
)
from inspector.sync.export import Exported, cases_since, export_bundle
from inspector.sync.identity import Identity, init_identity, load_identity, trust_key
from inspector.sync.merge import CaseOutcome, Imported, import_bundle

__all__ = [
    "Bundle", "BundleUnreadableError", "BundleUnsafeError", "BundleUntrustedError", "CaseOutcome", "Exported",
    "Identity", "Imported", "Limits", "SyncError", "SyncSetupError", "cases_since", "export_bundle",
    "import_bundle", "init_identity", "load_identity", "read_bundle", "recheck_fragmentation", "trust_key",
]  # fmt: skip
