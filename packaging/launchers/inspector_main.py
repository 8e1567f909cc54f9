"""Entry point of the frozen app (build.spec): one program, two commands.

Called as `inspector-gui` (a link to the same executable on Linux and macOS, a second executable on
Windows) it is the desktop app, `ui.app.main`; called by any other name it is the command line,
`inspector.cli.main`, as `python -m inspector` is. Both are imported as modules so their package data
(ui/i18n, the migrations) resolves inside the bundle; the engine never imports Qt, so the command
line never loads it.
"""

import multiprocessing
import sys
from pathlib import Path

GUI_NAME = "inspector-gui"


def run() -> int:
    """Start the desktop app or the command line, by the name this program was called by."""
    if Path(sys.argv[0]).name.lower().startswith(GUI_NAME):
        from ui.app import main as gui_main

        return gui_main()
    from inspector.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    multiprocessing.freeze_support()  # `inspector synth` uses worker processes (spawned on Windows/macOS)
    sys.exit(run())
