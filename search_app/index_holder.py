"""One shared view of the index per app, reopened only when the index changed.

A rebuild and an update both make a new generation (an update from hard links
to the live one) and switch CURRENT, so a live generation never changes under a
reader; the next request after either sees the new documents. Opening is done under a lock so that
concurrent requests never build two views at once. A reopened view reads
only the segments the previous one had not (an update adds one small
segment), so a new document is searchable well within a second.
"""

from __future__ import annotations

import threading
from pathlib import Path

from indexer.search import IndexView


class SharedIndex:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._view: IndexView | None = None
        self._lock = threading.Lock()

    def view(self) -> IndexView:
        """The current view; raises indexer.store.NoIndex when there is no index."""
        view = self._view
        if view is not None and view.is_current():
            return view
        with self._lock:
            if self._view is None or not self._view.is_current():
                self._view = IndexView(self.root, previous=self._view)
            return self._view
