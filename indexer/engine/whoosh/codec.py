"""How posting lists are laid out on disk: Whoosh's whoosh3 codec, tuned for whole-list reads.

A query reads a term's whole posting list at once (indexer.evaluate), so what
counts is the cost of decoding a block, not of skipping inside one:
- 1,024 postings a block instead of Whoosh's 128: 8× fewer block headers,
  pickle loads and zlib calls for a common term;
- a block's document-number gaps and weights stored as typed arrays
  (array.array, pickled with protocol 5 as their raw bytes) instead of
  Whoosh's tuples of Python numbers, so a reader turns them into numpy
  arrays without touching each number. Whoosh's own matchers read them as
  they read tuples (they iterate the gaps and index the weights), so phrase
  matching and every other Whoosh path is unchanged.
"""

from __future__ import annotations

import os
import pickle
from array import array
from typing import Any

import numpy as np
from whoosh.codec import whoosh3

BLOCK_POSTINGS = 1024
PICKLE_PROTOCOL = 5  # arrays as raw bytes (protocol 2, Whoosh's, rebuilds them from lists)


def _dumps(obj: Any, protocol: int | None = None) -> bytes:  # Whoosh asks for protocol 2
    return pickle.dumps(obj, PICKLE_PROTOCOL)


class ArrayPostingsWriter(whoosh3.W3PostingsWriter):
    """Whoosh's posting writer with blocks of typed arrays (see the module docstring)."""

    def _mini_ids(self) -> Any:
        if self._byteids:
            return super()._mini_ids()
        gaps = np.diff(np.frombuffer(self._ids, dtype=self._ids.typecode).astype(np.int64), prepend=0)
        top = int(gaps.max()) if len(gaps) else 0
        typecode = "B" if top < 1 << 8 else "H" if top < 1 << 16 else "I"
        return array(typecode, gaps.astype(typecode).tobytes())

    def _mini_weights(self) -> Any:
        weights = self._weights
        if all(w == 1.0 for w in weights):
            return None
        if all(w == weights[0] for w in weights):
            return weights[0]
        return array("f", weights)


class Codec(whoosh3.W3Codec):
    def postings_writer(self, dbfile: Any, byteids: bool = False) -> ArrayPostingsWriter:
        whoosh3.dumps = _dumps  # the module's writers look the name up at call time
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                   compression=self._compression, inlinelimit=self._inlinelimit)


def codec() -> Codec:
    """The codec every writer of this project uses (INDEX_BLOCK overrides the block size, for benchmarks)."""
    return Codec(blocklimit=int(os.environ.get("INDEX_BLOCK", BLOCK_POSTINGS)))
