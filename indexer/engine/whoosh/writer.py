"""Writing a Whoosh collection (indexer.engine.Writer): full builds and updates, both aside-then-swap.

A fresh writer creates a new generation; its documents go into segments
written by FastSegmentWriter (the parent's own, and those of a parallel
build's workers, see `part`), and at commit the parent's locked writer
writes one table of contents naming them all. An update copies the live
generation (hard links) and changes the copy with Whoosh's own writer.
Either way CURRENT names the new generation only once it is complete, and
the lock is held from opening to commit or cancel.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from indexer.engine.base import CommitOnExit
from indexer.engine.whoosh import generations, segment_writer
from indexer.engine.whoosh.codec import codec
from indexer.engine.whoosh.schema import build_schema, to_document
from indexer.engine.whoosh.segment_writer import LIMIT_MB, FastSegmentWriter
from indexer.record import Record

UPDATE_LIMIT_MB = 128


class WhooshPart:
    """One worker's segments of a fresh build (unlocked: the parent holds the lock).

    A new segment is started whenever the grouped postings reach
    SEGMENT_POOL_MB, so a build's memory stays bounded whatever the corpus size.
    """

    def __init__(self, ix: Any) -> None:
        self.ix = ix
        self.segments: list[Any] = []
        self._writer = self._new()

    def _new(self) -> FastSegmentWriter:
        return FastSegmentWriter(self.ix, _lk=False, limitmb=LIMIT_MB, codec=codec())

    def add(self, records: Iterable[Record]) -> None:
        for record in records:
            self._writer.add_document(**to_document(record))
        if self._writer.pool.size > segment_writer.SEGMENT_POOL_MB * 1024 * 1024:
            self.segments.append(self._writer._finalize_segment())
            self._writer = self._new()

    def finish(self) -> list[Any]:
        """The finished segments (picklable); no _finish(): it would delete the temporary
        folder the parent's locked writer shares."""
        if self._writer._added:
            self.segments.append(self._writer._finalize_segment())
        else:
            self._writer._close_segment()
        return self.segments


class WhooshWriter(CommitOnExit):
    """A full build (`fresh`) or an update of the collection in `root`; see the module docstring."""

    def __init__(self, root: Path, fresh: bool, wait: float = 0.0) -> None:
        self.root = root
        self.fresh = fresh
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(generations.write_lock(root, wait))
        self._done = False
        try:
            self.live = generations.current_generation(root)
            self._sources: dict[str, Any] = (generations.read_sources(self.live)
                                             if self.live is not None and not fresh else {})
            self.folder = generations.new_generation(root)
            if fresh or self.live is None:
                self.fresh = True
                ix = whoosh_index.create_in(str(self.folder), build_schema())
                self._writer: Any = FastSegmentWriter(ix, limitmb=LIMIT_MB, codec=codec())
                self._own = WhooshPart(ix)
                self._parts: list[Any] = []
            else:
                generations.copy_generation(self.live, self.folder)
                ix = generations.open_unmapped(self.folder)
                self._writer = ix.writer(limitmb=UPDATE_LIMIT_MB, codec=codec())
                for name, field in build_schema().items():  # a collection built before a field existed
                    if name not in ix.schema:
                        self._writer.add_field(name, field)
        except BaseException:
            self._abandon()
            raise

    @property
    def generation(self) -> str:
        """The generation this writer makes live at commit."""
        return self.folder.name

    def sources(self) -> dict[str, Any]:
        """The live collection's notes per corpus file (empty for a fresh build)."""
        return dict(self._sources)

    def set_sources(self, sources: Mapping[str, Mapping[str, Any]]) -> None:
        self._sources = {name: dict(entry) for name, entry in sources.items()}

    def add(self, records: Iterable[Record]) -> None:
        if self.fresh:
            self._own.add(records)
            return
        for record in records:
            self._writer.update_document(**to_document(record))

    def delete(self, doc_ids: Iterable[str]) -> None:
        if self.fresh:
            raise ValueError("a fresh build starts empty: nothing to delete")
        for doc_id in doc_ids:
            self._writer.delete_by_term("id", doc_id)

    def part(self) -> WhooshPart:
        if not self.fresh:
            raise ValueError("only a fresh build is written in parts")
        return WhooshPart(self._own.ix)

    def adopt(self, parts: Iterable[Any]) -> None:
        for segments in parts:
            self._parts.extend(segments)

    def commit(self) -> None:
        if self._done:
            return
        try:
            if self.fresh:
                segments = self._parts + self._own.finish()
                self._writer._close_segment()
                self._writer._commit_toc(segments)
                self._writer._finish()
            else:
                self._writer.commit()
            generations.write_sources(self.folder, self._sources)
            generations.make_live(self.root, self.folder, {self.live.name} if self.live else set())
        except BaseException:
            self._abandon()
            raise
        self._done = True
        self._lock.close()

    def cancel(self) -> None:
        if not self._done:
            self._abandon()

    def _abandon(self) -> None:
        self._done = True
        with contextlib.suppress(Exception):
            if getattr(self, "_writer", None) is not None:
                self._writer.cancel()
        if getattr(self, "folder", None) is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        self._lock.close()

