"""Vietnamese word segmentation: pyvi behind one function.

pyvi joins the syllables of a compound word ("cách_ly", "khai_báo") only in
accented text, so it runs on the document at index time, never on an
unaccented query. Its model is loaded on first use, not at import.
"""

from __future__ import annotations

from functools import lru_cache

from indexer.text import fold, tokens


@lru_cache(maxsize=1)
def _tokenizer():  # noqa: ANN202 - pyvi has no types
    from pyvi import ViTokenizer

    return ViTokenizer


@lru_cache(maxsize=50_000)
def compounds(paragraph: str) -> tuple[str, ...]:
    """The multi-syllable words of one paragraph, folded and joined by '_'.

    Returns 'cach_ly', 'khai_bao', 'y_te' … in order; single syllables are left
    to the syllable fields. Cached per paragraph because documents repeat them.
    """
    if not paragraph.strip():
        return ()
    segmented = _tokenizer().tokenize(paragraph)
    words = []
    for chunk in segmented.split():
        if "_" not in chunk:
            continue
        syllables = [s for part in chunk.split("_") for s in tokens(part)]
        if len(syllables) > 1:
            words.append(fold("_".join(syllables)))
    return tuple(words)
