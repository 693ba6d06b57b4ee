"""Request-time access to the shared index view (Flask's `get_db` pattern)."""

from __future__ import annotations

from flask import current_app

from indexer.search import IndexView


def index_view() -> IndexView:
    """The current index view; raises indexer.store.NoIndex when none is built."""
    return current_app.extensions["shared_index"].view()
