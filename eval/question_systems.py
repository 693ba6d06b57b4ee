"""The systems compared on the legal question set, each over the same NFC article texts.

    ours         our index and search_app.answer.service.search, as the app runs it
    ours-fold    the same, marked queries matched without marks (exact marks ranked first)
    whoosh       plain Whoosh: StandardAnalyzer, BM25F, title + text, OR of the words
    fts5-rd0     SQLite FTS5, unicode61 remove_diacritics 0, bm25(), OR of the words
    fts5-rd2     the same with remove_diacritics 2 (marks folded)
    tantivy      tantivy's default tokenizer and BM25, OR of the words (its query parser's default)

Every baseline is fixed: default analyzers, no field weights beyond their
defaults, no stop words. An article is (title = its first line, text = all
of it); ours gets the same two as a record's subject and text.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from indexer.extract.header import find_body_start
from indexer.record import Record
from indexer.text import nfc

_WORD = re.compile(r"\w+")


class System(Protocol):
    name: str

    def ranked(self, q: str, k: int) -> list[str]:
        """Article ids of the first k results, best first."""
        ...

    def close(self) -> None: ...


def article_record(article: dict) -> Record:
    text = nfc(article["text"])
    return Record(id=article["id"], source=article["id"], subject=text.split("\n", 1)[0].strip(), text=text,
                  body_start=find_body_start(text.split("\n")))


def _words(q: str) -> list[str]:
    return _WORD.findall(nfc(q).lower())


class Ours:
    name = "ours"

    def __init__(self, records: list[Record], work: Path) -> None:
        from eval.records_index import build_from_records
        from search_app.answer.service import search
        from search_app.query.params import SearchRequest

        self._request, self._search = SearchRequest, search
        self.engine = build_from_records(records, work / "ours")

    def ranked(self, q: str, k: int) -> list[str]:
        answer = self._search(self.engine, self._request(q=q, per_page=k))
        return [hit["id"] for hit in answer["hits"]]

    def close(self) -> None:
        self.engine.close()


class OursFolded(Ours):
    """Ours with marked queries matched folded, exact marks ranked first (the alternative to exact-only)."""

    name = "ours-fold"

    def ranked(self, q: str, k: int) -> list[str]:
        from search_app.query import plan as query_plan

        query_plan.MARKED_ACCENTS = "fold"
        try:
            return super().ranked(q, k)
        finally:
            query_plan.MARKED_ACCENTS = "exact"


class PlainWhoosh:
    name = "whoosh"

    def __init__(self, records: list[Record], work: Path) -> None:
        from whoosh import index
        from whoosh.fields import ID, TEXT, Schema
        from whoosh.qparser import MultifieldParser, OrGroup

        schema = Schema(id=ID(stored=True, unique=True), title=TEXT(), content=TEXT())
        folder = Path(tempfile.mkdtemp(dir=work, prefix="whoosh-"))
        ix = index.create_in(str(folder), schema)
        with ix.writer() as writer:
            for r in records:
                writer.add_document(id=r.id, title=r.subject or "", content=r.text)
        self.searcher = ix.searcher()
        self.parser = MultifieldParser(["title", "content"], schema, group=OrGroup)

    def ranked(self, q: str, k: int) -> list[str]:
        words = _words(q)
        if not words:
            return []
        return [hit["id"] for hit in self.searcher.search(self.parser.parse(" ".join(words)), limit=k)]

    def close(self) -> None:
        self.searcher.close()


class Fts5:
    def __init__(self, records: list[Record], remove_diacritics: int) -> None:
        self.name = f"fts5-rd{remove_diacritics}"
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, content, "
                        f"tokenize = 'unicode61 remove_diacritics {remove_diacritics}')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?)", [(r.id, r.subject or "", r.text) for r in records])

    def ranked(self, q: str, k: int) -> list[str]:
        words = _words(q)
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in dict.fromkeys(words))
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (match, k))
        return [row[0] for row in rows]

    def close(self) -> None:
        self.db.close()


class Tantivy:
    name = "tantivy"

    def __init__(self, records: list[Record], work: Path) -> None:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title")
        builder.add_text_field("content")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema)
        writer = self.index.writer()
        for r in records:
            writer.add_document(tantivy.Document(id=r.id, title=r.subject or "", content=r.text))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def ranked(self, q: str, k: int) -> list[str]:
        words = _words(q)
        if not words:
            return []
        query = self.index.parse_query(" ".join(words), ["title", "content"])
        hits = self.searcher.search(query, k).hits
        return [self.searcher.doc(address)["id"][0] for _, address in hits]

    def close(self) -> None:
        pass


BUILDERS: dict[str, Callable[[list[Record], Path], System]] = {
    "ours": Ours,
    "ours-fold": OursFolded,
    "whoosh": PlainWhoosh,
    "fts5-rd0": lambda records, work: Fts5(records, 0),
    "fts5-rd2": lambda records, work: Fts5(records, 2),
    "tantivy": Tantivy,
}


def build_all(records: list[Record], work: Path, only: tuple[str, ...] = ()) -> Iterator[System]:
    """Each system in turn, built when reached (one index in memory at a time)."""
    for name, build in BUILDERS.items():
        if not only or name in only:
            yield build(records, work)
