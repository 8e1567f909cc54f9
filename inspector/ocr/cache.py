"""OCR results cached on disk by page-image hash, so re-checking a case costs no OCR."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from inspector.models import Word

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def cache_key(image_hash: str, version: str, lang: str, psm: int) -> str:
    """Key of one OCR result: the page image and everything that changes Tesseract's output."""
    raw = f"{CACHE_FORMAT}|{image_hash}|{version}|{lang}|{psm}"
    return hashlib.sha256(raw.encode()).hexdigest()


class OcrCache:
    """A directory of JSON files, one per OCR'd page; writes are atomic."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Word] | None:
        """The cached words for a key, or None (a corrupt entry counts as a miss)."""
        path = self._path(key)
        try:
            rows = json.loads(path.read_text("utf-8"))
            return [Word(r["text"], r["conf"], tuple(r["bbox"]), r["block"], r["par"], r["line"])
                    for r in rows]
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            log.warning("Ignoring a corrupt OCR cache entry %s", path)
            return None

    def put(self, key: str, words: list[Word]) -> None:
        """Store words for a key (write to a temp file, then rename)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps([asdict(w) for w in words], ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, path)
