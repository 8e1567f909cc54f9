"""The journal of checks under way (inspector.journal): a marker per saving check, gone when the check ends
however it ends, left behind only by a process that died; listed, re-run and forgotten from the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from inspector import journal
from inspector.config import Config
from inspector.errors import CancelledError, UsageError
from inspector.paths import DataPaths
from inspector.pipeline import check_case
from inspector.progress import CancelToken

ROOT = Path(__file__).resolve().parents[2]
PACKING = str(ROOT / "resources" / "samples" / "02_packing_list.png")


def _die_journalled(data: Path, files: list[str], *, assign: str | None = None, record: bool = False) -> None:
    """A process that starts a journalled check and is killed (SIGKILL) before it ends it."""
    code = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from inspector import journal
        from inspector.paths import DataPaths
        paths = DataPaths(Path({str(data)!r}))
        run = journal.begin(paths, {files!r}, None)
        if {assign!r}:
            run.assign({assign!r})
        if {record!r}:
            import datetime as dt
            from inspector.db.cases.repository import open_cases, save_case
            from inspector.models import CaseResult, Lane
            save_case(open_cases(paths), CaseResult({assign!r}, Lane.GREEN, 0, dt.date(2026, 3, 1), (), ()))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == -9


def test_a_check_killed_midway_is_listed_with_its_files(tmp_path: Path) -> None:
    data = DataPaths(tmp_path)
    files = [str(tmp_path / "invoice.pdf"), os.fsdecode(os.fsencode(str(tmp_path)) + b"/\xff\xfe.png")]
    _die_journalled(tmp_path, files)
    (entry,) = journal.pending(data)
    assert entry.paths == tuple(files) and entry.case_id is None and entry.started_at[:2] == "20"
    assert "invoice.pdf" in journal.describe(entry) and entry.token in journal.describe(entry)
    assert journal.find(data, entry.token[:12]) == entry
    assert journal.forget(data, entry.token) and journal.pending(data) == []
    (tmp_path / "journal" / "20260301-000000-dead00.lock").touch()  # killed between its lock and its marker
    assert journal.pending(data) == [] and list((tmp_path / "journal").iterdir()) == []


def test_a_check_killed_after_its_commit_is_not_reported(tmp_path: Path) -> None:
    _die_journalled(tmp_path, [PACKING], assign="C-20260301-0007", record=True)
    assert len(list((tmp_path / "journal").glob("*.json"))) == 1
    assert journal.pending(DataPaths(tmp_path)) == []  # the case is safe: the marker is swept away
    assert list((tmp_path / "journal").glob("*.json")) == []


def test_a_check_killed_before_its_commit_keeps_its_assigned_id(tmp_path: Path) -> None:
    _die_journalled(tmp_path, [PACKING], assign="C-20260301-0008")
    assert [e.case_id for e in journal.pending(DataPaths(tmp_path))] == ["C-20260301-0008"]


def test_a_running_check_is_not_interrupted_and_its_marker_goes_however_it_ends(tmp_path: Path) -> None:
    data = DataPaths(tmp_path)
    with journal.watch(data, [PACKING], "MINE") as run:
        marker = json.loads((tmp_path / "journal" / f"{run.entry.token}.json").read_text())
        assert marker["paths"] == [PACKING] and marker["case_id"] == "MINE" and marker["requested"]
        assert journal.pending(data) == []  # running: its lock is held
        with pytest.raises(UsageError, match="running"):
            journal.begin(data, [PACKING], None, token=run.entry.token)
    with pytest.raises(RuntimeError), journal.watch(data, [PACKING], None):
        raise RuntimeError("a bug in a check")
    assert list((tmp_path / "journal").iterdir()) == []


def test_unknown_tokens_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not an interrupted check"):
        journal.find(DataPaths(tmp_path), "nope")


def test_a_cancelled_check_leaves_no_marker(data_dir: Path) -> None:
    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(CancelledError):
        check_case([PACKING], Config(data=DataPaths(data_dir), workers=1), cancel=cancel)
    assert list((data_dir / "journal").glob("*.json")) == []


def test_the_cli_reports_re_runs_and_forgets_interrupted_checks(data_dir: Path, run_cli) -> None:
    _die_journalled(data_dir, [PACKING])
    _die_journalled(data_dir, [PACKING, str(data_dir / "gone.pdf")])
    listed = run_cli("journal", "list", "--json", "--data-dir", str(data_dir))
    first, second = (journal.Entry(**{**e, "paths": tuple(e["paths"])}) for e in json.loads(listed.out))
    assert first.paths == (PACKING,)
    checked = run_cli("check", PACKING, "--json", "--no-save", "--data-dir", str(data_dir))
    assert checked.code == 0 and checked.json()["documents"][0]["path"] == PACKING  # stdout: the contract only
    assert checked.err.count("interrupted check") == 2 and f"journal rerun {first.token}" in checked.err
    rerun = run_cli("journal", "rerun", first.token, "--json", "--data-dir", str(data_dir))
    assert rerun.code == 0 and rerun.json()["case"]["id"].startswith("C-")
    gone = run_cli("journal", "rerun", second.token, "--data-dir", str(data_dir))
    assert gone.code == 3 and "are gone" in gone.err and "gone.pdf" in gone.err
    assert run_cli("journal", "clear", "--all", "--data-dir", str(data_dir)).out == "Forgot 1 interrupted check(s).\n"
    assert run_cli("journal", "list", "--data-dir", str(data_dir)).out == "No interrupted check.\n"
