"""PyInstaller runtime hook of the frozen app: runs before either entry point.

- One OpenMP thread for Tesseract and anything else that uses OpenMP: on the inspectors' two-core
  laptops Tesseract's own threading is 4-5x slower than OCR'ing pages in parallel.
- No bytecode written: Alembic imports the migration scripts from files inside the bundle, and
  nothing may ever be written there (the bundle can be read-only under /opt, or a user's copy that
  must stay identical to what was shipped).
"""

import os
import sys

os.environ["OMP_THREAD_LIMIT"] = "1"
sys.dont_write_bytecode = True
