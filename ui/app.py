"""Entry point of the desktop app (`inspector-gui`): options, Qt set-up, the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from ui.dialogs import ExceptionHook
from ui.extensions import optional
from ui.main_window import MainWindow

logger = logging.getLogger(__name__)
qt_logger = logging.getLogger("qt")

LANGUAGES = {"en": "en", "zh": "zh_CN", "zh_CN": "zh_CN"}
SCREENSHOT_SETTLE_MS = 300  # let layouts settle after the check before grabbing the window
SCREENSHOT_DEADLINE_MS = 600_000  # a smoke test must end even if the check hangs

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The app's options; files given are checked at once as one case."""
    parser = argparse.ArgumentParser(prog="inspector-gui", description="Inspector desktop app")
    parser.add_argument("files", nargs="*", help="files (or a folder) of one case to check at once")
    parser.add_argument("--data-dir", help="directory of the databases and caches")
    parser.add_argument("--case-id", help="the inspector's reference for the case")
    parser.add_argument(
        "--screenshot", metavar="PATH", help="save the window as PNG after the check, then quit"
    )
    parser.add_argument(
        "--lang", choices=sorted(LANGUAGES), help="language of the window: en or zh (zh_CN)"
    )
    return parser.parse_args(argv)


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route one Qt message into logging."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_logger.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_translators(app: QApplication, lang: str | None = None) -> Callable[[], None]:
    """Switch to a language (`--lang`, else the stored preference, else the system's) and return
    the function that puts the previous one back. Uses ui.language when it is there; otherwise
    loads the translations for the locale directly."""
    code = LANGUAGES.get(lang or "") or _preferred_language()
    install = optional("ui.language", "install_language")
    current = optional("ui.language", "current_language")
    if install is None or current is None:
        return _load_translators(app, QLocale(code))
    previous = current()
    try:
        install(app, code)
    except ValueError as exc:  # a translation that is not shipped: stay as we are
        logger.warning("%s", exc)
    return lambda: install(app, previous) if current() != previous else None


def _preferred_language() -> str:
    """The language stored in the preferences, else the system's (English outside China)."""
    load = optional("ui.preferences", "load_preferences")
    settings = optional("ui.preferences", "app_settings")
    if load is not None and settings is not None:
        return load(settings()).language
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def _load_translators(app: QApplication, locale: QLocale) -> Callable[[], None]:
    ours = str(Path(__file__).resolve().parent / "i18n")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name, directory in (("qtbase", qt_dir), ("inspector", ours)):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            loaded.append(translator)
    previous = QLocale()
    QLocale.setDefault(locale)

    def restore() -> None:
        for translator in loaded:
            app.removeTranslator(translator)
        QLocale.setDefault(previous)

    return restore


def _application() -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "inspector-gui"])
    app.setApplicationName("Inspector")
    app.setOrganizationName("Inspector")
    return app  # type: ignore[return-value]


class Screenshot:
    """Saves the window as PNG once the check ends (or at once without files), then quits."""

    def __init__(self, app: QApplication, window: MainWindow, path: str) -> None:
        self.app, self.window, self.path = app, window, Path(path)
        self.deadline = QTimer(window)
        self.deadline.setSingleShot(True)
        self.deadline.timeout.connect(self.give_up)
        self.deadline.start(SCREENSHOT_DEADLINE_MS)
        self.failure = ""
        window.checkEnded.connect(self._on_check_ended)

    def _on_check_ended(self, state: str) -> None:
        if state != "done":
            self.failure = f"the check ended {state}: {self.window.banner.text()}"
        self.later()

    def later(self) -> None:
        """Show the most serious finding, then take the screenshot once pending layouts and
        paints are done."""
        if self.window.findings.topLevelItemCount():
            self.window.findings.setCurrentItem(self.window.findings.topLevelItem(0))
        QTimer.singleShot(SCREENSHOT_SETTLE_MS, self.take)

    def take(self) -> bool:
        """Save the window and quit with 0 when the PNG was written, 1 otherwise."""
        self.deadline.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.path), "PNG")
        logger.info("screenshot %s: %s", "saved" if saved else "NOT saved", self.path)
        if not saved:
            self.failure = self.failure or f"the screenshot could not be written to {self.path}"
        if self.failure:
            print(f"inspector-gui: {self.failure}", file=sys.stderr)
        self.app.exit(1 if self.failure else 0)
        return saved

    def give_up(self) -> None:
        """The check took too long: save what the window shows and quit with 1."""
        self.failure = f"no result after {SCREENSHOT_DEADLINE_MS // 1000} s: screenshot taken anyway"
        self.window.cancel_check()
        self.take()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    args = parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    app = _application()
    restore_language = install_translators(app, args.lang)
    previous_handler = qInstallMessageHandler(qt_message_handler)
    window = MainWindow(data_dir=args.data_dir)
    hook = ExceptionHook(window).install()
    try:
        return _run(app, window, args)
    finally:
        hook.uninstall()
        qInstallMessageHandler(previous_handler)
        window.close()
        window.deleteLater()
        restore_language()


def _run(app: QApplication, window: MainWindow, args: argparse.Namespace) -> int:
    window.show()
    shot = Screenshot(app, window, args.screenshot) if args.screenshot else None
    if args.files:
        QTimer.singleShot(0, lambda: _start(window, args.files, args.case_id, shot))
    elif shot is not None:
        shot.later()
    return app.exec()


def _start(
    window: MainWindow, files: list[str], case_id: str | None, shot: Screenshot | None
) -> None:
    if not window.start_check(files, case_id) and shot is not None:
        shot.failure = f"the check did not start: {window.banner.text()}"
        shot.later()


if __name__ == "__main__":
    sys.exit(main())
