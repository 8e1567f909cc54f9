"""The files of each case, kept in the data directory under their sha256 so that a case can be reopened
(its pages shown again) after the inspector moved or deleted the files it was checked from.

Content-addressed and write-once: `originals/<sha256><suffix>` is written once through a temporary file
and an atomic rename, then made read-only; the same file checked in ten cases is kept once. The
case database records each document's sha256 (`case_document.sha256`, at record time).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.casework.errors import CaseworkError
from inspector.db.cases.models import CaseDocument
from inspector.db.cases.repository import open_cases
from inspector.models import Document, Message
from inspector.paths import DataPaths

log = logging.getLogger(__name__)

ORIGINALS = "originals"
_CHUNK = 1 << 20


def originals_dir(paths: DataPaths) -> Path:
    """Where the kept files live."""
    return paths.root / ORIGINALS


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def kept_path(paths: DataPaths, sha256: str, suffix: str) -> Path:
    """The kept copy of the file with this hash (its suffix lower-cased, so viewers know its kind)."""
    return originals_dir(paths) / f"{sha256}{suffix.lower()}"


def keep_file(paths: DataPaths, source: str | os.PathLike[str]) -> str:
    """Keep a copy of one file (once per content) and return its sha256."""
    digest = file_sha256(source)
    target = kept_path(paths, digest, Path(source).suffix)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        shutil.copyfile(source, partial)
        os.chmod(partial, stat.S_IRUSR | stat.S_IRGRP)
        os.replace(partial, target)
    return digest


def keep_originals(paths: DataPaths, documents: Iterable[Document]) -> dict[int, str]:
    """Keep the file of every document that is still where it was read; {document index: sha256}. A
    file that cannot be copied is logged and skipped: the case is recorded all the same. Beside an
    encrypted case database nothing is kept: the copies would be the documents in clear."""
    if getattr(paths, "passphrase", None):
        return {}
    kept = {}
    for d in documents:
        if not Path(d.path).is_file():
            continue
        try:
            kept[d.index] = keep_file(paths, d.path)
        except OSError as exc:
            log.warning("%s: not kept in %s (%s)", d.path, originals_dir(paths), exc)
    return kept


def original_file(paths: DataPaths, case_id: str, document_index: int, *, s: Session | None = None) -> Path:
    """The file a recorded document was read from: its kept copy, else the path it was checked at when
    the file there is still the same (or, for a case recorded before files were kept, is there).
    Opens the case database of `paths` unless a session `s` on it is given."""
    if s is None:
        engine = open_cases(paths)
        try:
            with Session(engine) as own:
                return original_file(paths, case_id, document_index, s=own)
        finally:
            engine.dispose()
    row = s.execute(select(CaseDocument.path, CaseDocument.sha256).where(
        CaseDocument.case_id == case_id, CaseDocument.idx == document_index)).first()
    if row is None:
        raise CaseworkError(Message(f"Case {case_id} has no document {document_index}.",
                                    f"案件 {case_id} 没有第 {document_index} 号单据。"))
    if row.sha256 and (kept := kept_path(paths, row.sha256, Path(row.path).suffix)).is_file():
        return kept
    source = Path(row.path)
    if source.is_file() and (row.sha256 is None or file_sha256(source) == row.sha256):
        return source
    raise CaseworkError(Message(
        f"The file of document {document_index} of case {case_id} is not kept in {originals_dir(paths)} and "
        f"{source} is gone or was changed since the check: put the original file back at {source}.",
        f"案件 {case_id} 第 {document_index} 号单据的文件未保存在 {originals_dir(paths)}，且 {source} "
        f"已不存在或在核查后被修改：请将原始文件放回 {source}。"))
