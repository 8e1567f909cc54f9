"""`inspector forensics calibrate`: an office's genuine scans set its thresholds; too few are refused."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from inspector.cli import main
from inspector.config import Config
from inspector.forensics.calibrate import CalibrationError, genuine_files, recalibrate
from inspector.forensics.thresholds import load
from inspector.paths import DataPaths
from inspector.synth.case import write_case


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("genuine")
    write_case(out / "case", seed=11)
    return out


def test_a_calibration_writes_the_office_table_that_then_takes_precedence(genuine, tmp_path) -> None:
    files = genuine_files([str(genuine)])
    assert len(files) >= 4 and not any(f.endswith(".json") for f in files)
    config = replace(Config(data=DataPaths(tmp_path)), workers=2)
    done = recalibrate(files[:4], config, 0.25, min_documents=4)
    assert done.documents == 4 and done.path.exists()
    table = load(config.data)
    assert table.source == str(done.path) and set(table.methods) == set(done.methods)
    assert json.loads(done.path.read_text())["target_fpr"] == 0.25


def test_too_few_documents_change_nothing(genuine, tmp_path, capsys) -> None:
    config = Config(data=DataPaths(tmp_path))
    with pytest.raises(CalibrationError):
        recalibrate(genuine_files([str(genuine)])[:1], config, min_documents=2)
    assert not config.data.forensic_thresholds.exists()
    assert main(["forensics", "calibrate", str(genuine), "--data-dir", str(tmp_path), "--min-documents", "99"]) == 2
    assert "Nothing was changed" in capsys.readouterr().err
