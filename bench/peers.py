"""Two peer search engines to benchmark ours against, behind one small interface.

    peer.build(docs)                      docs: dicts with id, number, issuer,
                                          doc_type, date, subject, text,
                                          topics, recipients, signer
    peer.search(q, filters, limit) ->     (total hits, top ids, facet counts)

Both fold marks so "cach ly" finds "cách ly", match every whitespace-separated
word of the query (a word such as "116/TB-VPCP" as a phrase of its parts),
filter with OR inside a facet and AND across facets, and count the facets
issuer, doc_type, topics and year over the whole filtered result set.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import tantivy

FACETS = ("issuer", "doc_type", "topics", "year")
FIELD_WEIGHTS = {"number": 3.0, "subject": 2.0, "text": 1.0}
WORD = re.compile(r"\w")

Facets = dict[str, list[tuple[str, int]]]
Result = tuple[int, list[str], Facets]


class Peer(Protocol):
    name: str

    def build(self, docs: Iterable[dict]) -> None: ...

    def search(self, q: str, filters: dict[str, list[str]],
               limit: int = 10) -> Result: ...


PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')


def query_words(q: str) -> list[str]:
    """Whitespace-separated words that hold at least one letter or digit; a
    "quoted phrase" stays one unit (both peers then match it as a phrase)."""
    units = [phrase or word for phrase, word in PHRASE_OR_WORD.findall(q)]
    return [" ".join(u.split()) for u in units if WORD.search(u)]


def check_filters(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """Allowlist: an unknown facet name is the caller's bug, not a no-op."""
    unknown = set(filters) - set(FACETS)
    if unknown:
        raise ValueError(f"unknown filter(s): {sorted(unknown)}")
    return {k: list(v) for k, v in filters.items() if v}


def year_of(doc: dict) -> str | None:
    return doc["date"][:4] if doc.get("date") else None


def _sorted_counts(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


# -- SQLite FTS5 ---------------------------------------------------------------

# unicode61 strips combining marks but "đ" is a letter of its own (U+0111 has
# no decomposition), so it would not match "d": map it on both sides.
D_FOLD = str.maketrans("đĐ", "dD")

SCHEMA = """
CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, issuer TEXT,
                   doc_type TEXT, year TEXT, date TEXT);
CREATE TABLE doc_topics (rid INTEGER NOT NULL, topic TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(number, subject, text, content='',
    tokenize='unicode61 remove_diacritics 2');
"""
INDEXES = """
CREATE INDEX doc_topics_topic ON doc_topics(topic, rid);
CREATE INDEX doc_topics_rid ON doc_topics(rid, topic);
"""


class SqlitePeer:
    """FTS5 over a contentless table; facets by GROUP BY over the hit rowids."""

    name = "sqlite-fts5"

    def __init__(self, path: Path | None = None) -> None:
        self.con = sqlite3.connect(str(path) if path else ":memory:")
        self.con.execute("PRAGMA journal_mode = OFF")
        self.con.execute("PRAGMA synchronous = OFF")
        options = self.con.execute("PRAGMA compile_options").fetchall()
        if not any("FTS5" in o[0] for o in options):
            raise RuntimeError("this Python's sqlite3 has no FTS5")

    def close(self) -> None:
        self.con.close()

    def build(self, docs: Iterable[dict]) -> None:
        con = self.con
        con.executescript(SCHEMA)
        with con:
            for rid, doc in enumerate(docs, start=1):
                con.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)",
                            (rid, doc["id"], doc.get("issuer"), doc.get("doc_type"),
                             year_of(doc), doc.get("date")))
                con.executemany("INSERT INTO doc_topics VALUES (?, ?)",
                                [(rid, t) for t in doc.get("topics") or ()])
                con.execute(
                    "INSERT INTO fts(rowid, number, subject, text) VALUES (?, ?, ?, ?)",
                    (rid, *((doc.get(f) or "").translate(D_FOLD) for f in FIELD_WEIGHTS)))
        con.executescript(INDEXES)
        con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        con.execute("CREATE TEMP TABLE hits (rid INTEGER PRIMARY KEY, score REAL)")
        con.commit()

    @staticmethod
    def match_expr(q: str) -> str:
        """Each word quoted: FTS5 tokenizes it into a phrase, operators stay text."""
        words = query_words(q.translate(D_FOLD))
        return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)

    @staticmethod
    def filter_sql(filters: dict[str, list[str]]) -> tuple[str, list[str]]:
        clauses, params = [], []
        for field, values in filters.items():
            marks = ",".join("?" * len(values))
            if field == "topics":
                clauses.append(f"d.rowid IN (SELECT rid FROM doc_topics "
                               f"WHERE topic IN ({marks}))")
            else:  # field comes from the FACETS allowlist, never from the user
                clauses.append(f"d.{field} IN ({marks})")
            params += values
        return " AND ".join(clauses), params

    def search(self, q: str, filters: dict[str, list[str]],
               limit: int = 10) -> Result:
        con = self.con
        where, params = self.filter_sql(check_filters(filters))
        match = self.match_expr(q)
        con.execute("DELETE FROM hits")
        if match:
            weights = ", ".join(str(w) for w in FIELD_WEIGHTS.values())
            con.execute(
                f"INSERT INTO hits SELECT d.rowid, bm25(fts, {weights}) FROM fts "
                f"JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?"
                f"{' AND ' + where if where else ''}", [match, *params])
        else:
            con.execute(f"INSERT INTO hits SELECT d.rowid, 0 FROM docs d"
                        f"{' WHERE ' + where if where else ''}", params)
        total = con.execute("SELECT count(*) FROM hits").fetchone()[0]
        top = [r[0] for r in con.execute(
            "SELECT d.id FROM hits h JOIN docs d ON d.rowid = h.rid "
            "ORDER BY h.score, d.date DESC LIMIT ?", (limit,))]
        facets: Facets = {}
        for field in ("issuer", "doc_type", "year"):
            facets[field] = _sorted_counts(con.execute(
                f"SELECT d.{field}, count(*) FROM hits h JOIN docs d "
                f"ON d.rowid = h.rid WHERE d.{field} IS NOT NULL GROUP BY 1"))
        facets["topics"] = _sorted_counts(con.execute(
            "SELECT t.topic, count(*) FROM hits h JOIN doc_topics t "
            "ON t.rid = h.rid GROUP BY 1"))
        return total, top, facets


# -- tantivy -------------------------------------------------------------------

ANALYZER = "vi_folded"


def folded_analyzer() -> tantivy.TextAnalyzer:
    """Split on non-alphanumerics, lowercase, then fold marks (and đ) to ASCII."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())


def tantivy_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for field in FIELD_WEIGHTS:
        sb.add_text_field(field, tokenizer_name=ANALYZER)
    for field in FACETS:  # raw + fast: exact filters and terms aggregations
        sb.add_text_field(field, fast=True, tokenizer_name="raw")
    sb.add_integer_field("day", fast=True)  # yyyymmdd, orders empty queries
    return sb.build()


class TantivyPeer:
    """tantivy-py; facets by one terms aggregation per facet field."""

    name = "tantivy"

    def __init__(self, path: Path | None = None, heap_bytes: int = 256_000_000) -> None:
        self.schema = tantivy_schema()
        if path:
            path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path) if path else None)
        self.analyzer = folded_analyzer()
        self.index.register_tokenizer(ANALYZER, self.analyzer)
        self.heap_bytes = heap_bytes
        self.searcher: tantivy.Searcher | None = None

    def build(self, docs: Iterable[dict]) -> None:
        writer = self.index.writer(heap_size=self.heap_bytes)
        for doc in docs:
            fields: dict[str, object] = {"id": doc["id"]}
            for field in FIELD_WEIGHTS:
                fields[field] = doc.get(field) or ""
            for field in ("issuer", "doc_type"):
                if doc.get(field):
                    fields[field] = doc[field]
            if doc.get("topics"):
                fields["topics"] = list(doc["topics"])
            if doc.get("date"):
                fields["year"] = year_of(doc)
                fields["day"] = int(doc["date"].replace("-", ""))
            writer.add_document(tantivy.Document(**fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def word_query(self, word: str) -> tantivy.Query | None:
        """One query word over all text fields: a term, or a phrase of its parts."""
        tokens = self.analyzer.analyze(word)
        if not tokens:
            return None
        per_field = []
        for field, weight in FIELD_WEIGHTS.items():
            if len(tokens) == 1:
                q = tantivy.Query.term_query(self.schema, field, tokens[0])
            else:
                q = tantivy.Query.phrase_query(self.schema, field, tokens)
            per_field.append((tantivy.Occur.Should,
                              tantivy.Query.boost_query(q, weight)))
        return tantivy.Query.boolean_query(per_field)

    def build_query(self, q: str, filters: dict[str, list[str]]) -> tantivy.Query:
        must = [self.word_query(w) for w in query_words(q)]
        clauses = [(tantivy.Occur.Must, m) for m in must if m is not None]
        for field, values in filters.items():
            clauses.append((tantivy.Occur.Must,
                            tantivy.Query.term_set_query(self.schema, field, values)))
        if not clauses:
            return tantivy.Query.all_query()
        if not must:  # filters only: match everything they allow
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(clauses)

    def search(self, q: str, filters: dict[str, list[str]],
               limit: int = 10) -> Result:
        if self.searcher is None:
            raise RuntimeError("build() first")
        query = self.build_query(q, check_filters(filters))
        ranked = bool(query_words(q))
        found = self.searcher.search(query, limit, count=True,
                                     order_by_field=None if ranked else "day")
        top = [self.searcher.doc(addr)["id"][0] for _, addr in found.hits]
        aggs = {f: {"terms": {"field": f, "size": 10_000}} for f in FACETS}
        result = self.searcher.aggregate(query, aggs)
        facets = {f: _sorted_counts((b["key"], b["doc_count"])
                                    for b in result[f]["buckets"]) for f in FACETS}
        return found.count, top, facets
