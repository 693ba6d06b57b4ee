"""What the watcher tests poll: the files an index holds, and a condition met within a time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from indexer import pipeline


def indexed_sources(index: Path) -> set[str]:
    """The corpus files the index holds records of (every file of each entry, issue 21); none before its first build."""
    try:
        return {f["source"] for r in pipeline.export_records(index) for f in r["files"] or [r]}
    except pipeline.NoIndex:
        return set()


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    """True as soon as `condition()` holds; False after `seconds` without it."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.2)
    return False
