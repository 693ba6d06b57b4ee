"""Vietnamese word segmentation: pyvi behind one function.

pyvi joins the syllables of a compound word ("cách_ly", "khai_báo") only in
accented text, so it runs on the document at index time, never on an
unaccented query. Its CRF model is the costliest step of indexing (about
30 ms for a 5,000-character document, three times the rest of indexing), so
it runs per sentence with a cache (administrative prose repeats its
formulas) and only over the subject and the opening of the body: compound
words serve ranking, and the opening says what a document is about. Phrase
matching over the whole text comes from syllable pairs, not from pyvi. The model is loaded on first
use, not at import.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.text import fold, tokens

SEGMENT_CHARS = 800
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n+")


@lru_cache(maxsize=1)
def _tokenizer():  # pyvi has no types
    from pyvi import ViTokenizer

    return ViTokenizer


def preload() -> None:
    """Load the model now (a build loads it before forking its workers, which then share it)."""
    _tokenizer()


@lru_cache(maxsize=100_000)
def _sentence_compounds(sentence: str) -> tuple[str, ...]:
    segmented = _tokenizer().tokenize(sentence)
    words = []
    for chunk in segmented.split():
        if "_" not in chunk:
            continue
        syllables = [s for part in chunk.split("_") for s in tokens(part)]
        if len(syllables) > 1:
            words.append(fold("_".join(syllables)))
    return tuple(words)


def compounds(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """The multi-syllable words of a text's first `limit` characters, folded, in order.

    Returns 'cach_ly', 'khai_bao', 'y_te' …; single syllables are left to the
    syllable fields.
    """
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text[:limit]):
        if sentence.strip():
            out.extend(_sentence_compounds(sentence.strip()))
    return out


@lru_cache(maxsize=10_000)
def word_sizes(syllables: tuple[str, ...]) -> tuple[int, ...]:
    """How pyvi groups a run of syllables into words: the syllable count of each word, in order.

    ("thuế", "thu", "nhập", "cá", "nhân") → (1, 2, 2). Marked text only (pyvi
    joins nothing without marks); each syllable alone when the cut does not
    line up with the syllables given.
    """
    sizes: list[int] = []
    for chunk in _tokenizer().tokenize(" ".join(syllables)).split():
        count = sum(len(tokens(part)) for part in chunk.split("_"))
        if count:
            sizes.append(count)
    return tuple(sizes) if sum(sizes) == len(syllables) else (1,) * len(syllables)
