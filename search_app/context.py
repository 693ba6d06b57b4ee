"""Request-time access to the shared index view and answers (Flask's `get_db` pattern)."""

from __future__ import annotations

from flask import current_app

from indexer.search import IndexView
from search_app.shared_answers import SharedAnswers


def index_view() -> IndexView:
    """The current index view; raises indexer.store.NoIndex when none is built."""
    return current_app.extensions["shared_index"].view()


def shared_answers() -> SharedAnswers | None:
    """The answers the server's worker processes share (None with one process)."""
    return current_app.extensions.get("shared_answers")
