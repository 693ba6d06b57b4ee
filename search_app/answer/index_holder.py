"""One shared engine per app, reopened only when the collection changed, and its answers.

A rebuild and an update both make a new generation, so an engine never sees
the collection change under it; the next request after either reopens it
(under a lock, so concurrent requests never open two at once) and sees the
new documents. A reopened Whoosh engine reads only the segments the previous
one had not, so a new document is searchable well within a second.

Whole answers (search results with their snippets and links, rendered
pages, the superseded set) are kept per generation in a cachetools LRU: a
query asked again costs a lookup, and a new generation starts with an empty
cache. This is the service's one layer of kept answers, chosen side by side
(`python -m bench.kept`: 2,000 generated documents, 54 queries, each asked,
asked again, then its next page; ms per request, median, on a loaded 2-core
machine):

    set-up                                   first   again   next page
    nothing kept                             81.2    76.5    70.9
    whole answers kept here                  79.7     0.12   60.7
    the engine's ranked outcomes (its LRU)  103.3    72.5    70.0
    both layers                              85.7     0.11   73.6

The engine's outcomes saved nothing measurable (snippets, facet links and the
query plan cost more than the ranking), so the Whoosh engine keeps none now;
OpenSearch never had one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from cachetools import LRUCache, cached

from indexer.engine import Engine, open_engine

V = TypeVar("V")
ANSWER_CACHE = 1024  # whole answers kept per generation and worker process
# How a caller asks for an answer kept for this generation: keep(engine, key, compute).
Keep = Callable[[Engine, Hashable, Callable[[], V]], V]


def computed(_engine: Engine, _key: Hashable, compute: Callable[[], V]) -> V:
    """Keep nothing: compute every time (a caller without a SharedIndex)."""
    return compute()


class SharedIndex:
    def __init__(self, root: Path, kind: str | None = None, answers: int = ANSWER_CACHE) -> None:
        """`answers`: how many answers to keep per generation (0 keeps none: bench.kept's baseline)."""
        self.root = root
        self.kind = kind
        self.size = answers
        self._engine: Engine | None = None
        self._answers: LRUCache = LRUCache(max(answers, 1))
        self._lock = threading.Lock()
        self._answers_lock = threading.Lock()

    def engine(self) -> Engine:
        """The current engine; raises indexer.engine.NoIndex when nothing was built."""
        engine = self._engine
        if engine is not None and engine.is_current():
            return engine
        with self._lock:
            if self._engine is None:
                self._engine = open_engine(self.root, self.kind)
            elif not self._engine.is_current():
                self._engine = self._engine.reopen()
                self._answers = LRUCache(max(self.size, 1))
            return self._engine

    def kept(self, engine: Engine, key: Hashable, compute: Callable[[], V]) -> V:
        """The answer kept for `key` in this engine's generation, else compute() (then kept; two threads
        asking at once may both compute, as cachetools does)."""
        if not self.size:
            return compute()
        return cached(self._answers, key=lambda: (engine.generation, key), lock=self._answers_lock)(compute)()

    def warm(self) -> None:
        """Open the engine and read ahead before the first request asks (the server calls this
        before its port opens)."""
        self.engine().warm()
