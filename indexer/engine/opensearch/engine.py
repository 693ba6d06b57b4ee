"""The Engine interface over an OpenSearch alias (see indexer/engine/base.py and docs/ENGINE.md).

Which index the alias names (the generation) is read from the answering node's
own cluster state and trusted for GENERATION_SECONDS: a request then costs one
search, and none reaches the cluster manager, so a manager lost and re-elected
is not seen by a user. A failed request forgets it, so the next one re-reads.
A search never answers with part of the shards: when no copy of one is left it
fails (Unavailable), rather than giving a smaller total.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from opensearchpy import NotFoundError, OpenSearch, helpers

from indexer.engine.base import FACETS, Hit, NoIndex, SearchResult, SearchSpec, Unavailable
from indexer.engine.opensearch.connection import committed_at, generation, physical_index, read_sources
from indexer.engine.opensearch.failures import reachable
from indexer.engine.opensearch.mapping import FACET_FIELDS, TEXT_FIELDS
from indexer.engine.opensearch.query import build_query
from indexer.engine.pairs import pair_term
from indexer.facets import is_cut
from indexer.text import fold, nfc, number_key, tokens

ALL_VALUES = 10_000  # a facet's values when the spec asks for all of them
SIMILAR_TERMS = 12  # distinctive words a similar document must share (as the Whoosh engine)
SIMILAR_CHARS = 4000
LIST_SIZE = 1000  # carriers and citers returned at most
NEAR_TERMS = 50
GENERATION_SECONDS = float(os.environ.get("OPENSEARCH_GENERATION_SECONDS", "1"))
WHOLE = {"allow_partial_search_results": "false"}
R = TypeVar("R")
# With more than one shard, ranked searches gather term statistics from every shard first (one
# more round trip), so a document scores the same whichever shard holds it, as in one Whoosh index.


def _filter_clauses(spec: SearchSpec) -> dict[str, dict[str, Any]]:
    """Facet name → the filter of its selected values (OR within a facet)."""
    clauses: dict[str, dict[str, Any]] = {}
    for name, values in spec.filters.items():
        if not values or name not in FACET_FIELDS:
            continue
        if name == "date":
            months = [v for v in values if len(v) == 7]
            days = [v for v in values if len(v) != 7]
            either = ([{"terms": {"month": months}}] if months else []) + ([{"terms": {"date": days}}] if days else [])
            clauses[name] = {"bool": {"should": either, "minimum_should_match": 1}}
        else:
            clauses[name] = {"terms": {FACET_FIELDS[name]: list(values)}}
    return clauses


def _date_range(spec: SearchSpec) -> dict[str, Any] | None:
    """The date choice: a range of days, and/or documents that state no date (`undated`)."""
    clauses: list[dict[str, Any]] = []
    if spec.date_from or spec.date_to:
        clauses.append({"range": {"date": {k: v for k, v in (("gte", spec.date_from), ("lte", spec.date_to)) if v}}})
    if spec.undated:
        clauses.append({"bool": {"must_not": [{"exists": {"field": "date"}}]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"bool": {"filter": clauses}}


def _without(query: dict[str, Any], doc_ids: frozenset[str]) -> dict[str, Any]:
    """The query less the excluded ids: in the query itself, not the post_filter, so no aggregation sees them."""
    if not doc_ids:
        return query
    return {"bool": {"must": [query], "must_not": [{"ids": {"values": sorted(doc_ids)}}]}}


def _facet_filters(name: str, clauses: dict[str, dict[str, Any]], dates: dict[str, Any] | None) -> list[Any]:
    """Every filter but the facet's own selection; the date range is the date facet's own only
    when months are selected too (as the Whoosh engine counts)."""
    out = [clause for other, clause in clauses.items() if other != name]
    if dates is not None and not (name == "date" and "date" in clauses):
        out.append(dates)
    return out


def _sort(spec: SearchSpec, ranked: bool) -> list[Any]:
    if ranked and spec.sort == "relevance":
        return [{"_score": "desc"}, {"id": "asc"}]
    if spec.sort == "added":  # as the Whoosh engine's added_order
        return [{"added": {"order": "desc", "missing": "_last", "unmapped_type": "keyword"}},  # an older index
                {"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
    order = "asc" if spec.sort == "oldest" else "desc"
    return [{"date": {"order": order, "missing": "_last"}}, {"id": "asc"}]


def _whole(counted: dict[str, Any]) -> int:
    """A count over every shard (`_count` has no allow_partial_search_results: a shard with no copy
    left would make it smaller)."""
    failed = counted.get("_shards", {}).get("failed", 0)
    if failed:
        raise Unavailable(f"OpenSearch: {failed} shard(s) không có bản sao nào trả lời")
    return int(counted["count"])


def _asks(method: Callable[..., R]) -> Callable[..., R]:
    """A request to the cluster: its failures as Unavailable/NoIndex, and after any failure the
    generation is re-read before it is trusted again."""

    @functools.wraps(method)
    def wrapper(self: OpenSearchEngine, *args: Any, **kwargs: Any) -> R:
        try:
            with reachable():
                return method(self, *args, **kwargs)
        except Exception:
            self._confirmed_at = -math.inf
            raise

    return wrapper


class OpenSearchEngine:
    """A collection on a cluster, read through its alias. Thread-safe: the client is."""

    def __init__(self, client: OpenSearch, alias: str) -> None:
        self.client = client
        self.alias = alias
        checked = time.monotonic()
        with reachable():
            self._generation = generation(client, alias)
            physical = self._generation.rsplit(":", 1)[0]
            settings = client.indices.get_settings(index=physical, params={"local": "true"})
        self._confirmed_at = checked
        shards = int(settings[physical]["settings"]["index"]["number_of_shards"])
        self._dfs = {**WHOLE, "search_type": "dfs_query_then_fetch"} if shards > 1 else WHOLE

    @property
    def generation(self) -> str:
        return self._generation

    def is_current(self) -> bool:
        """True when the alias was seen on this generation less than GENERATION_SECONDS ago and no
        writer of this process committed since, else asked again (Unavailable when no node answers:
        a kept answer is not served then). Another process's commit is seen within GENERATION_SECONDS."""
        if time.monotonic() - self._confirmed_at < GENERATION_SECONDS and committed_at(self.alias) < self._confirmed_at:
            return True
        checked = time.monotonic()
        try:
            with reachable():
                now = generation(self.client, self.alias)
        except NoIndex:
            return False
        if now != self._generation:
            return False
        self._confirmed_at = checked
        return True

    def reopen(self) -> OpenSearchEngine:
        return self if self.is_current() else OpenSearchEngine(self.client, self.alias)

    def warm(self) -> None:
        """The cluster keeps its own caches warm between searches; nothing to read ahead here."""

    def close(self) -> None:
        """The client is shared by every engine reopened from this one; nothing to release."""

    # -- searching -----------------------------------------------------------------

    @_asks
    def search(self, spec: SearchSpec) -> SearchResult:
        ranked = spec.query is not None and not spec.query.is_empty
        filters, dates = _filter_clauses(spec), _date_range(spec)
        everything = list(filters.values()) + ([dates] if dates else [])
        body: dict[str, Any] = {
            "query": _without(build_query(spec.query) if ranked else {"match_all": {}}, spec.exclude_ids),
            "from": spec.offset, "size": spec.limit, "track_total_hits": True, "_source": False,
            "sort": _sort(spec, ranked), "track_scores": ranked,
        }
        if everything:
            body["post_filter"] = {"bool": {"filter": everything}}
        aggs = {}
        for name in spec.facets:
            others = _facet_filters(name, filters, dates)
            size = ALL_VALUES if spec.facet_size is None or not is_cut(name) else spec.facet_size
            terms = {"field": FACET_FIELDS[name], "size": size, "shard_size": ALL_VALUES,
                     "order": [{"_count": "desc"}, {"_key": "asc"}]}
            aggs[name] = {"filter": {"bool": {"filter": others}}, "aggs": {"values": {"terms": terms}}}
        if aggs:
            body["aggs"] = aggs
        answer = self.client.search(index=self.alias, body=body, params=self._dfs if ranked else WHOLE)
        hits = [Hit(h["_id"], float(h["_score"]) if ranked and spec.sort == "relevance" else None)
                for h in answer["hits"]["hits"]]
        facets = {name: [(b["key"], int(b["doc_count"])) for b in answer["aggregations"][name]["values"]["buckets"]]
                  for name in spec.facets if name in FACETS}
        return SearchResult(total=int(answer["hits"]["total"]["value"]), hits=hits, facets=facets)

    @_asks
    def count(self) -> int:
        return _whole(self.client.count(index=self.alias))

    @_asks
    def _ids(self, query: dict[str, Any], sort: list[Any], size: int = LIST_SIZE) -> list[str]:
        answer = self.client.search(index=self.alias, body={"query": query, "sort": sort, "size": size,
                                                            "_source": False}, params=self._dfs)
        return [h["_id"] for h in answer["hits"]["hits"]]

    # -- records and links -----------------------------------------------------------

    @_asks
    def record(self, doc_id: str) -> dict[str, Any] | None:
        try:
            found = self.client.get(index=self.alias, id=doc_id, _source_includes="record")
        except NotFoundError:
            return None
        return found["_source"]["record"]

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record, read with the client's scroll helper."""
        with reachable():
            for hit in helpers.scan(self.client, index=self.alias, query={"_source": ["record"]}, size=500):
                yield hit["_source"]["record"]

    @_asks
    def sources(self) -> dict[str, dict[str, Any]]:
        return read_sources(self.client, physical_index(self.client, self.alias))

    @_asks
    def similar(self, doc_id: str, k: int) -> list[str]:
        record = self.record(doc_id)
        if record is None or k <= 0:
            return []
        text = f"{record.get('subject') or ''}\n{(record.get('text') or '')[:SIMILAR_CHARS]}"
        mlt = {"more_like_this": {"fields": ["body.f"], "like": " ".join(tokens(text)),
                                  "max_query_terms": SIMILAR_TERMS, "min_term_freq": 1, "min_doc_freq": 1,
                                  "minimum_should_match": 1}}
        query = {"bool": {"must": [mlt], "must_not": [{"ids": {"values": [doc_id]}}]}}
        return self._ids(query, [{"_score": "desc"}, {"id": "asc"}], size=k)

    def carriers(self, number: str) -> list[str]:
        return self._ids({"term": {"number": number_key(number)}}, [{"id": "asc"}])

    def cited_by(self, number: str) -> list[str]:
        newest = [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        return self._ids({"term": {"cites": number_key(number)}}, newest)

    # -- spelling statistics ------------------------------------------------------------

    @_asks
    def doc_frequency(self, word: str) -> int:
        folded = fold(nfc(word)).lower()
        query = {"bool": {"should": [{"term": {f"{f}.f": folded}} for f, _ in TEXT_FIELDS]}}
        return _whole(self.client.count(index=self.alias, body={"query": query}))

    @_asks
    def pair_frequency(self, first: str, second: str) -> int:
        pair = f"{fold(nfc(first)).lower()}_{fold(nfc(second)).lower()}"
        return _whole(self.client.count(index=self.alias, body={"query": {"term": {"pairs": pair}}}))

    @_asks
    def written_pair_frequency(self, first: str, second: str) -> int:
        fieldname, pair = pair_term(first, second, exact=True)
        return _whole(self.client.count(index=self.alias, body={"query": {"term": {fieldname: pair}}}))

    @_asks
    def word_frequency(self, first: str, second: str) -> int:
        word = f"{fold(nfc(first)).lower()}_{fold(nfc(second)).lower()}"
        return _whole(self.client.count(index=self.alias, body={"query": {"term": {"words": word}}}))

    @_asks
    def near_terms(self, word: str, max_edits: int) -> list[str]:
        """The term suggester over the folded body (at most 2 edits, as Lucene's)."""
        folded = fold(nfc(word)).lower()
        if max_edits <= 0:
            return [folded] if self.doc_frequency(folded) else []
        suggest = {"near": {"text": folded, "term": {
            "field": "body.f", "max_edits": min(max_edits, 2), "suggest_mode": "always", "size": NEAR_TERMS,
            "min_word_length": 1, "prefix_length": 0, "accuracy": 0.0, "max_term_freq": 1e9, "min_doc_freq": 0,
            "string_distance": "levenshtein"}}}
        answer = self.client.search(index=self.alias, body={"size": 0, "suggest": suggest}, params=WHOLE)
        found = [o["text"] for entry in answer["suggest"]["near"] for o in entry["options"]]
        if self.doc_frequency(folded):
            found.insert(0, folded)
        return sorted(set(found))

    @_asks
    def spellings(self, word: str) -> list[tuple[str, int]]:
        """Counted from the `marks` keywords ('cach:cách') each document carries."""
        folded = fold(nfc(word)).lower()
        prefix = f"{folded}:"
        terms = {"field": "marks", "include": re.sub(r"([^\w])", r"\\\1", prefix) + ".*", "size": 50,
                 "order": [{"_count": "desc"}, {"_key": "asc"}]}
        body = {"size": 0, "query": {"prefix": {"marks": prefix}}, "aggs": {"s": {"terms": terms}}}
        buckets = self.client.search(index=self.alias, body=body, params=WHOLE)["aggregations"]["s"]["buckets"]
        return [(b["key"][len(prefix):], int(b["doc_count"])) for b in buckets]
