"""Test-wide setup: headless Qt before anything imports it, one OpenMP thread for Tesseract."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["OMP_THREAD_LIMIT"] = "1"
