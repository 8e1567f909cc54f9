"""The bundled sample case through real OCR (Tesseract): checked and recorded, its files kept, then the
missing licence typed in by the inspector: re-checked in well under a second, without OCR."""

from __future__ import annotations

import shutil
import time

from sqlalchemy.orm import Session

from inspector.casework import correct_field, load_case, original_file
from inspector.casework.audit import entries, verify
from inspector.config import Config
from inspector.db.cases.repository import open_cases
from inspector.db.rules.seed import open_rules
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from tests.inspector.conftest import copy_sample


def test_the_sample_case_is_corrected_without_ocr_and_reopened_after_its_files_moved(data_dir, tmp_path) -> None:
    files = copy_sample(tmp_path / "desk")
    config = Config(data=DataPaths(data_dir))
    checked = check_case(files, config, case_id="SAMPLE-1")
    assert {"CONTROLLED_GOODS", "LICENCE_MISSING"} <= {f.code for f in checked.findings}
    shutil.rmtree(tmp_path / "desk")  # the inspector cleared the desk
    rules_engine, cases_engine = open_rules(config.data), open_cases(config.data)
    with Session(rules_engine) as rules, Session(cases_engine) as cases:
        declaration = next(d.index for d in load_case(cases, "SAMPLE-1").documents if d.type == "export_declaration")
        started = time.perf_counter()
        after = correct_field(cases, "SAMPLE-1", declaration, "licence_number", "LIC-2026-424242", actor="Li Wei",
                              rules=rules, config=config)
        elapsed = time.perf_counter() - started
        codes = {f.code for f in after.findings}
        assert "LICENCE_MISSING" not in codes and "LICENCE_NOT_FOUND" in codes
        assert elapsed < 1.0, f"the re-check took {elapsed:.2f} s"
        assert [e.action for e in entries(cases, "SAMPLE-1")] == ["check", "correction"] and verify(cases) == []
        kept = original_file(config.data, "SAMPLE-1", 0, s=cases)
        assert kept.suffix == ".pdf" and kept.stat().st_size > 1000
    rules_engine.dispose()
    cases_engine.dispose()
    print(f"re-check after a correction: {elapsed * 1000:.0f} ms")
