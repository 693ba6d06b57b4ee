"""Our index built straight from records (the question set's articles are records, not corpus files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from indexer import store
from indexer.record import Record
from indexer.schema import build_schema, to_document
from indexer.search import IndexView


def build_from_records(records: list[Record], root: Path) -> IndexView:
    """A fresh one-generation index of `records` in `root`, opened for searching."""
    from whoosh import index as whoosh_index

    shutil.rmtree(root, ignore_errors=True)
    gen = root / "gen-records"
    gen.mkdir(parents=True)
    ix = whoosh_index.create_in(str(gen), build_schema())
    with ix.writer() as writer:
        for record in records:
            writer.add_document(**to_document(record))
    (gen / store.MANIFEST).write_text(json.dumps({"files": {}}), encoding="utf-8")
    (root / store.CURRENT).write_text(gen.name, encoding="utf-8")
    return IndexView(root, warm=False)
