"""Our index built straight from records (the question set's articles are records, not corpus files)."""

from __future__ import annotations

from pathlib import Path

from indexer.engine import Engine, open_engine, open_writer
from indexer.record import Record


def build_from_records(records: list[Record], root: Path) -> Engine:
    """A fresh collection of `records` in `root`, opened for searching."""
    root.mkdir(parents=True, exist_ok=True)
    with open_writer(root, fresh=True) as writer:
        writer.add(records)
    return open_engine(root)
