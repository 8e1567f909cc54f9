"""Errors written for the inspector, each mapped to a command-line exit status."""

from __future__ import annotations


class InspectorError(Exception):
    """Base of every error the engine raises on purpose; the message is for a person."""

    exit_code = 1


class UsageError(InspectorError):
    """The command was called the wrong way (contract exit status 2)."""

    exit_code = 2


class InputUnreadableError(InspectorError):
    """A file of the case could not be opened or decoded (contract exit status 3)."""

    exit_code = 3


class MissingDependencyError(InspectorError):
    """An external program the engine needs (Tesseract, a language pack) is missing."""

    exit_code = 4


class OcrError(InspectorError):
    """Tesseract ran but failed on a page."""

    exit_code = 5


class RulesImportError(InspectorError):
    """A licence or watchlist file was refused; nothing from it was imported."""

    exit_code = 2


class CancelledError(InspectorError):
    """Long work was cancelled by the user."""

    exit_code = 130
