"""The files of a case kept under their sha256 at record time: found again after the inspector moved
them; a missing or changed file is refused with a message saying what to do."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector.casework import CaseworkError, keep_originals, original_file
from inspector.casework.originals import originals_dir
from inspector.db.cases.models import CaseDocument
from tests.inspector.casework.builders import record, shipment


def test_the_files_are_kept_once_by_content_and_found_after_they_moved(sessions, config, paths, tmp_path) -> None:
    rules, cases = sessions
    docs = shipment(tmp_path / "in")
    kept = keep_originals(paths, docs)
    assert kept == {d.index: hashlib.sha256(Path(d.path).read_bytes()).hexdigest() for d in docs}
    record(rules, cases, config, "C-1", docs)
    assert list(cases.scalars(select(CaseDocument.sha256).order_by(CaseDocument.idx))) == [kept[0], kept[1], kept[2]]
    shutil.move(tmp_path / "in", tmp_path / "elsewhere")  # the inspector tidies up
    found = original_file(paths, "C-1", 1, s=cases)
    assert found.parent == originals_dir(paths) and found.name == f"{kept[1]}.png"
    assert found.read_bytes() == b"scan of packing_list" and found.stat().st_mode & 0o222 == 0  # read-only
    assert original_file(paths, "C-1", 1) == found  # opening the case database itself
    keep_originals(paths, shipment(tmp_path / "again"))  # the same files again: nothing new
    assert len(list(originals_dir(paths).iterdir())) == 3


def test_without_a_kept_copy_the_file_at_its_place_serves_while_unchanged(sessions, config, paths, tmp_path) -> None:
    rules, cases = sessions
    docs = shipment(tmp_path / "in")
    record(rules, cases, config, "C-1", docs)  # recorded without keeping copies (e.g. the copy failed)
    assert str(original_file(paths, "C-1", 0, s=cases)) == docs[0].path
    with open(docs[0].path, "ab") as f:
        f.write(b" retouched")
    with pytest.raises(CaseworkError, match="put the original file back") as refused:
        original_file(paths, "C-1", 0, s=cases)
    assert "原始文件" in refused.value.message.zh
    with pytest.raises(CaseworkError, match="no document 5"):
        original_file(paths, "C-1", 5, s=cases)
