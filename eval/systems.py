"""The three systems under test, each built from the same records in a temp folder.

    ours   indexer.pipeline.build + search_app.answer.service.search (what the app runs)
    whoosh plain Whoosh: StandardAnalyzer, BM25F, fields subject + content, OR of the words
    fts5   SQLite FTS5, tokenize 'unicode61 remove_diacritics 2', bm25(), OR of the words

The baselines see the records our extractor produced (same ids, same text,
the subject as a title field) and nothing else: no folding of đ, no
synonyms, no number handling. Both use OR so that a long question is not
an empty page for them; an AND baseline would lose far more.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Protocol

from indexer import pipeline
from indexer.corpus import UnreadableFile, list_files
from indexer.engine import exists, open_engine
from indexer.record import Record
from search_app.answer.service import search
from search_app.query.params import SearchRequest

_WORD = re.compile(r"\w+")


class System(Protocol):
    name: str

    def ranked(self, q: str, k: int) -> list[str]:
        """Record ids of the first k results, best first."""
        ...


def load_records(corpus_dir: Path) -> list[Record]:
    """Every record of the corpus, as the indexer extracts them."""
    records: list[Record] = []
    for path in list_files(corpus_dir):
        try:
            found, _ = pipeline.records_of_file(path, path.relative_to(corpus_dir).as_posix())
        except UnreadableFile:
            continue
        records.extend(found)
    return records


class Ours:
    name = "ours"

    def __init__(self, corpus_dir: Path, index_dir: Path, rebuild: bool = True) -> None:
        if rebuild or not exists(index_dir):
            pipeline.build(corpus_dir, index_dir)
        self.view = open_engine(index_dir)

    def ranked(self, q: str, k: int) -> list[str]:
        answer = search(self.view, SearchRequest(q=q, per_page=k))
        return [hit["id"] for hit in answer["hits"]]

    def close(self) -> None:
        self.view.close()


class PlainWhoosh:
    name = "whoosh"

    def __init__(self, records: list[Record], index_dir: Path) -> None:
        from whoosh import index
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser, OrGroup

        schema = Schema(id=ID(stored=True, unique=True), subject=TEXT(), content=TEXT())
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), schema)
        with ix.writer() as writer:
            for r in records:
                writer.add_document(id=r.id, subject=r.subject or "", content=r.text)
        self.searcher = ix.searcher()
        self.parser = MultifieldParser(["subject", "content"], schema, group=OrGroup)

    def ranked(self, q: str, k: int) -> list[str]:
        return [hit["id"] for hit in self.searcher.search(self.parser.parse(q), limit=k)]

    def close(self) -> None:
        self.searcher.close()


class Fts5:
    name = "fts5"

    def __init__(self, records: list[Record]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5("
                        "id UNINDEXED, subject, content, tokenize = 'unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                            [(r.id, r.subject or "", r.text) for r in records])

    def ranked(self, q: str, k: int) -> list[str]:
        words = _WORD.findall(q)
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, k))
        return [row[0] for row in rows]

    def close(self) -> None:
        self.db.close()
