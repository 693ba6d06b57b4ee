"""Texts already read, by file digest: a rebuild never OCRs the same scan twice.

A diskcache folder (INDEXER_TEXT_CACHE, set by the command line to
`<index>/text-cache`): SQLite underneath, so worker processes share it and a
killed build leaves no half entry. Only slow readings (OCR) are kept: a Word
or text file is faster to read again than the cache is to grow.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from diskcache import Cache

from indexer.readers.base import Reading

ENV = "INDEXER_TEXT_CACHE"
VERSION = 4  # bump when a reader changes what it returns (2: doubtful months read again as digits; 3: days
# too; 4: handwriting read where Tesseract gives no value)
FAULTS = (OSError, sqlite3.Error)  # a full disk or a damaged cache costs time, never the build
SEEN = "seen-files"  # path → [size, mtime]: files prefetch found needing no (more) OCR


def folder() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


@lru_cache(maxsize=4)
def _open(path: str) -> Cache:
    return Cache(path)  # reconnects by itself in a forked worker (diskcache checks the pid)


def _cache() -> Cache | None:
    root = folder()
    if root is None:
        return None
    try:
        return _open(str(root))
    except FAULTS:
        return None


def get(digest: str) -> Reading | None:
    store = _cache()
    fields = store.get(("text", VERSION, digest)) if store is not None else None
    return Reading(**fields) if fields else None


def put(digest: str, reading: Reading) -> None:
    store = _cache()
    if store is not None:
        with contextlib.suppress(*FAULTS):
            store.set(("text", VERSION, digest), asdict(reading))


def has_no_scan(digest: str) -> bool:
    """Was this file found to need no OCR (a born-digital PDF)? Spares the next update the check."""
    store = _cache()
    return store is not None and ("no-scan", digest) in store


def mark_no_scan(digest: str) -> None:
    store = _cache()
    if store is not None:
        with contextlib.suppress(*FAULTS):
            store.set(("no-scan", digest), True)


def seen_files() -> dict[str, list[int]]:
    store = _cache()
    return store.get(SEEN, {}) if store is not None else {}


def save_seen_files(seen: dict[str, list[int]]) -> None:
    store = _cache()
    if store is not None:
        with contextlib.suppress(*FAULTS):
            store.set(SEEN, seen)


_FAILED: dict[str, str] = {}  # digest → reason, for this run only (a later run tries again)


def remember_failure(digest: str, reason: str) -> None:
    _FAILED[digest] = reason


def failure(digest: str) -> str | None:
    return _FAILED.get(digest)
