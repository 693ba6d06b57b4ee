"""The Whoosh implementation of the engine: the only code that imports whoosh.

    analysis, schema        how a Record becomes index fields
    codec, segment_writer   the on-disk posting layout and the fast build writer
    generations, writer     aside-then-swap generations, the write lock, WhooshWriter
    translate               QuerySpec → Whoosh query
    numpy_query, facets     queries and facet counts evaluated with numpy
    engine, warm            WhooshEngine: one generation opened for searching
"""

from __future__ import annotations

import sys
from pathlib import Path

from indexer.engine.whoosh import analysis, codec, generations
from indexer.engine.whoosh.engine import WhooshEngine
from indexer.engine.whoosh.writer import WhooshWriter

# Whoosh pickles the schema's analyzers and the segments' codec by module path; indexes built
# before the engine boundary name them indexer.analysis and indexer.codec. These aliases let such
# an index open (and be updated) until its next full build.
sys.modules.setdefault("indexer.analysis", analysis)
sys.modules.setdefault("indexer.codec", codec)


def open_engine(location: str | Path) -> WhooshEngine:
    return WhooshEngine(Path(location))


def exists(location: str | Path) -> bool:
    return generations.current_generation(Path(location)) is not None


def open_writer(location: str | Path, fresh: bool = False, wait: float = 0.0) -> WhooshWriter:
    return WhooshWriter(Path(location), fresh=fresh, wait=wait)


__all__ = ["WhooshEngine", "WhooshWriter", "exists", "open_engine", "open_writer"]
