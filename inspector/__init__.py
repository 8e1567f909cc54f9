"""Inspector: offline checks of the export paperwork of strategic minerals."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("inspector")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
