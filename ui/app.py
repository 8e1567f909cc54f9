"""Entry point of the desktop app (`inspector-gui`): options, Qt set-up, the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
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
from ui.main_window import MainWindow

logger = logging.getLogger(__name__)
qt_logger = logging.getLogger("qt")

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
    return parser.parse_args(argv)


def qt_message_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route one Qt message into logging."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_logger.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_translators(app: QApplication) -> list[QTranslator]:
    """Load Qt's and our translations for the system locale when they exist."""
    locale = QLocale.system()
    ours = str(Path(__file__).resolve().parent / "i18n")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name, directory in (("qtbase", qt_dir), ("inspector", ours)):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


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
        window.checkEnded.connect(lambda _state: self.later())

    def later(self) -> None:
        """Take the screenshot once pending layouts and paints are done."""
        QTimer.singleShot(SCREENSHOT_SETTLE_MS, self.take)

    def take(self) -> bool:
        """Save the window and quit with 0 when the PNG was written, 1 otherwise."""
        self.deadline.stop()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.path), "PNG")
        logger.info("screenshot %s: %s", "saved" if saved else "NOT saved", self.path)
        self.app.exit(0 if saved else 1)
        return saved

    def give_up(self) -> None:
        """The check took too long: save what the window shows and quit with 1."""
        logger.error(
            "no result after %d s: screenshot taken anyway", SCREENSHOT_DEADLINE_MS // 1000
        )
        self.window.cancel_check()
        self.take()
        self.app.exit(1)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    args = parse_args(argv)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    app = _application()
    install_translators(app)
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
        shot.later()


if __name__ == "__main__":
    sys.exit(main())
