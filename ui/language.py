"""The app's language, switchable at run time, and dates and numbers in its locale.

`install_language(app, "zh_CN")` loads our translation (`ui/i18n/inspector_zh_CN.qm`) and Qt's own
(standard buttons, file dialogs), makes that locale the default for `QLocale()`, and emits
`Language.changed`. Qt also sends every widget a `QEvent.LanguageChange`, so a widget that sets its
texts in one `retranslate()` method, called from `__init__` and from `changeEvent`, follows the switch
at once; `Language.changed` is for what is not a widget's text (dates and numbers already shown).

The `.qm` files are committed beside their `.ts` sources (scripts/update-translations.sh rebuilds
both; a test checks they are current), so a clean checkout runs without the Qt tools.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QObject,
    QTime,
    QTranslator,
    Signal,
)

logger = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent / "i18n"
SOURCE_LANGUAGE = "en"
# Each language in its own name: the choice must be readable whatever language is on.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}
_OBJECT_NAME = "inspectorLanguage"


class Language(QObject):
    """The language of one application: its translators and a signal when it changes."""

    changed = Signal(str)  # the new language code

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_OBJECT_NAME)
        self.app = app
        self.code = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []

    def install(self, code: str) -> None:
        """Switch to `code`; raises ValueError for a language we do not ship or a missing .qm."""
        if code not in LANGUAGE_NAMES:
            raise ValueError(f"unknown language {code!r}: choose one of {', '.join(LANGUAGE_NAMES)}")
        translators = [] if code == SOURCE_LANGUAGE else self._load(code)
        for old in self._translators:
            self.app.removeTranslator(old)
        for new in translators:
            self.app.installTranslator(new)
        self._translators, self.code = translators, code
        QLocale.setDefault(QLocale(code))
        logger.info("language: %s", code)
        self.changed.emit(code)

    def _load(self, code: str) -> list[QTranslator]:
        ours = QTranslator(self)
        if not ours.load(f"inspector_{code}", str(I18N_DIR)):
            raise ValueError(f"the translation {I18N_DIR / f'inspector_{code}.qm'} is missing: "
                             "run scripts/update-translations.sh")
        qt = QTranslator(self)
        if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            return [qt, ours]
        logger.warning("Qt's own translation for %s is missing: standard buttons stay in English", code)
        return [ours]


def language_of(app: QCoreApplication) -> Language:
    """The Language object of an application (made on first use, owned by the application)."""
    found = app.findChild(Language, _OBJECT_NAME)
    return found if found is not None else Language(app)


def install_language(app: QCoreApplication, code: str) -> Language:
    """Switch the application to a language ("en" or "zh_CN") at once; returns its Language, whose
    `changed` signal windows can connect to."""
    language = language_of(app)
    language.install(code)
    return language


def current_language() -> str:
    """The code of the language in use ("en" before any switch or without an application)."""
    app = QCoreApplication.instance()
    return language_of(app).code if app is not None else SOURCE_LANGUAGE


def system_language() -> str:
    """The shipped language closest to the system's: Chinese systems get zh_CN, others English."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else SOURCE_LANGUAGE


def format_date(day: dt.date | None, short: bool = True) -> str:
    """A date in the current locale ("" for None): 3/5/26 or 2026/3/5 short, a long form otherwise."""
    if day is None:
        return ""
    kind = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    if short:  # Qt's short form has a two-digit year in English: too easy to misread on a record
        pattern = QLocale().dateFormat(kind).replace("yyyy", "yy").replace("yy", "yyyy")
        return QLocale().toString(QDate(day.year, day.month, day.day), pattern)
    return QLocale().toString(QDate(day.year, day.month, day.day), kind)


def format_datetime(moment: dt.datetime | None) -> str:
    """A date and time (minutes) in the current locale ("" for None)."""
    if moment is None:
        return ""
    qt = QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))
    return f"{format_date(moment.date())} {QLocale().toString(qt.time(), QLocale.FormatType.ShortFormat)}"


def format_number(value: float | None, decimals: int = 0) -> str:
    """A number with the current locale's separators ("" for None)."""
    return "" if value is None else QLocale().toString(float(value), "f", decimals)


def format_kg(value: float | None) -> str:
    """A weight in kilograms: whole kilograms from 100 kg up, two decimals below."""
    if value is None:
        return ""
    number = format_number(value, 0 if abs(value) >= 100 else 2)
    return QCoreApplication.translate("language", "{number} kg").format(number=number)
