"""Request-time access to the shared engine and its kept answers (Flask's `get_db` pattern)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

from indexer.engine import Engine

V = TypeVar("V")


def engine() -> Engine:
    """The current engine; raises indexer.engine.NoIndex when none is built."""
    return current_app.extensions["shared_index"].engine()


def kept(current: Engine, key: Hashable, compute: Callable[[], V]) -> V:
    """An answer kept for this generation (see SharedIndex.kept)."""
    return current_app.extensions["shared_index"].kept(current, key, compute)
