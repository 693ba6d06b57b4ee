"""One shared engine per app, reopened only when the collection changed, and its answers.

A rebuild and an update both make a new generation, so an engine never sees
the collection change under it; the next request after either reopens it
(under a lock, so concurrent requests never open two at once) and sees the
new documents. A reopened Whoosh engine reads only the segments the previous
one had not, so a new document is searchable well within a second.

Whole answers (search results with their snippets and links, rendered
pages) are kept per generation in a cachetools LRU: a query asked again
costs a lookup, and a new generation starts with an empty cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from cachetools import LRUCache

from indexer.engine import Engine, open_engine

V = TypeVar("V")
ANSWER_CACHE = 1024  # whole answers kept per generation and worker process


class SharedIndex:
    def __init__(self, root: Path, kind: str | None = None) -> None:
        self.root = root
        self.kind = kind
        self._engine: Engine | None = None
        self._answers: LRUCache = LRUCache(ANSWER_CACHE)
        self._lock = threading.Lock()

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
                self._answers = LRUCache(ANSWER_CACHE)
            return self._engine

    def kept(self, engine: Engine, key: Hashable, compute: Callable[[], V]) -> V:
        """The answer kept for `key` in this engine's generation, else compute() (then kept)."""
        full = (engine.generation, key)
        with self._lock:
            value = self._answers.get(full)
        if value is None:
            value = compute()
            with self._lock:
                self._answers[full] = value
        return value

    def warm(self) -> None:
        """Open the engine and read ahead before the first request asks (the server calls this
        before its port opens)."""
        self.engine().warm()
