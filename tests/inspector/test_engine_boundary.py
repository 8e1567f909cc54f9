"""The engine runs without Qt: importing all of it must not load PySide6."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = ["inspector.cli", "inspector.pipeline", "inspector.synth.case", "inspector.report.contract",
                  "inspector.checks.registry", "inspector.db.cases.repository", "inspector.db.rules.seed"]


def test_engine_imports_no_qt() -> None:
    code = ("import sys, importlib\n"
            f"for m in {ENGINE_MODULES!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
            "print(','.join(bad))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
