"""Texts already read, by file digest: a rebuild never OCRs the same scan twice.

A JSON file per digest in one folder (INDEXER_TEXT_CACHE, set by the command
line to `<index>/text-cache`): written to a temporary name and renamed, so a
killed build leaves no half entry, and worker processes share it without a
lock (two that read the same file at once write the same entry). Only slow
readings (OCR) are kept: a Word or text file is faster to read again than
the cache is to grow.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from indexer.readers.base import Reading

ENV = "INDEXER_TEXT_CACHE"
VERSION = 1  # bump when a reader changes what it returns


def folder() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


def _entry(digest: str) -> Path | None:
    root = folder()
    return root / f"{digest}.v{VERSION}.json" if root else None


def get(digest: str) -> Reading | None:
    entry = _entry(digest)
    if entry is None:
        return None
    try:
        return Reading(**json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # missing, or damaged: read the file again


def has_no_scan(digest: str) -> bool:
    """Was this file found to need no OCR (a born-digital PDF)? Spares the next update the check."""
    entry = _entry(digest)
    return entry is not None and entry.with_suffix(".none").exists()


def mark_no_scan(digest: str) -> None:
    entry = _entry(digest)
    if entry is not None:
        with contextlib.suppress(OSError):
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.with_suffix(".none").touch()


SEEN = "seen-files.json"  # path → [size, mtime]: files prefetch found needing no (more) OCR


def seen_files() -> dict[str, list[int]]:
    root = folder()
    try:
        return json.loads((root / SEEN).read_text(encoding="utf-8")) if root else {}
    except (OSError, ValueError):
        return {}


def save_seen_files(seen: dict[str, list[int]]) -> None:
    root = folder()
    if root is None:
        return
    with contextlib.suppress(OSError):
        root.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(seen, out)
        os.replace(tmp, root / SEEN)


_FAILED: dict[str, str] = {}  # digest → reason, for this run only (a later run tries again)


def remember_failure(digest: str, reason: str) -> None:
    _FAILED[digest] = reason


def failure(digest: str) -> str | None:
    return _FAILED.get(digest)


def put(digest: str, reading: Reading) -> None:
    entry = _entry(digest)
    if entry is None:
        return
    with contextlib.suppress(OSError):  # a full disk or a read-only cache costs time, never the build
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(asdict(reading), out, ensure_ascii=False)
        os.replace(tmp, entry)
