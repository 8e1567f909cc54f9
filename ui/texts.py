"""The engine's own texts in the language the inspector chose: finding messages (English or Chinese,
both written by the checks) and the names of fields and document types (inspector.wording)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

from inspector.models import Finding, Message
from inspector.wording import doc_name, field_name


def engine_language() -> str:
    """"zh" when the app runs in Chinese (QLocale's default, set with the translation), else "en"."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def pick(message: Message) -> str:
    """One of a Message's two sentences, in the chosen language."""
    return message.zh if engine_language() == "zh" else message.en


def finding_message(finding: Finding) -> str:
    """A finding's message in the chosen language (English when a Chinese one was never written)."""
    if engine_language() == "zh" and finding.message_zh:
        return finding.message_zh
    return finding.message


def field_label(name: str) -> str:
    """A field's name ("Total net weight kg" / "总净重")."""
    return _capitalised(pick(field_name(name)))


def document_label(doc_type: str) -> str:
    """A document type's name ("Packing list" / "装箱单")."""
    return _capitalised(pick(doc_name(doc_type)))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def format_day(day: dt.date | None) -> str:
    """A date in the chosen locale (ui.language's format when present, else ISO), "" for None."""
    if day is None:
        return ""
    try:
        from ui.language import format_date
    except ImportError:
        return day.isoformat()
    return format_date(day)


def format_moment(moment: dt.datetime | None) -> str:
    """A date and time to the minute in the chosen locale, "" for None."""
    if moment is None:
        return ""
    try:
        from ui.language import format_datetime
    except ImportError:
        return moment.isoformat(sep=" ", timespec="minutes")
    return format_datetime(moment)
