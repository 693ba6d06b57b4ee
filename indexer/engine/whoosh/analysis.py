"""The Whoosh analyzers: small tokenizers and filters composed with `|`.

    exact    VietnameseTokenizer() | MarkedOnlyFilter()     cách, chuẩn of chuẩn/01 (marked words and parts only)
    folded   VietnameseTokenizer() | FoldFilter()           cach, ly, 2973/ubnd-vxnv
    pairs    PairTokenizer()                                cach_ly (never across subject|issuer|body)
    pairs_x  PairTokenizer(folded=False)                    cách_ly (both syllables marked, as written)
    words    CompoundTokenizer()                            cach_ly (pyvi's words)
    values   ValueTokenizer()                               one token per facet value

The query side calls the same functions in indexer.text, so a query and a
document are always cut and folded the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer

from indexer.text import code_parts, fold_word, has_marks, is_code, tokens
from indexer.words.segment import compounds

VALUE_SEPARATOR = "\x1f"


def _stream(words: Iterable[str], **kwargs: Any) -> Iterator[Token]:
    """Yield one reused Token per word, as Whoosh's own tokenizers do (no allocation per word)."""
    kwargs.pop("positions", None)
    kwargs.pop("chars", None)
    tok = Token(positions=False, chars=False, **kwargs)
    tok.boost = 1.0
    tok.stopped = False
    for pos, word in enumerate(words):
        tok.text = word
        tok.pos = pos
        yield tok


def _with_parts(words: Iterable[str]) -> Iterator[str]:
    for word in words:
        yield word
        if is_code(word):
            yield from code_parts(word)


def _words_with_parts(words: list[str]) -> list[str]:
    """_with_parts as a list, in one loop: the build cuts every body this way."""
    out: list[str] = []
    append, extend = out.append, out.extend
    for word in words:
        append(word)
        if is_code(word):
            extend(code_parts(word))
    return out


class VietnameseTokenizer(Tokenizer):
    """Words and codes, lower-cased NFC; a code also yields its parts ('covid', '19')."""

    def __init__(self, parts: bool = True) -> None:
        self.parts = parts

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return _stream(self.words(value), **kwargs)

    def words(self, value: str) -> list[str]:
        words = tokens(value)
        return _words_with_parts(words) if self.parts else words


class FoldFilter(Filter):
    """Drop Vietnamese marks and map đ→d (indexer.text.fold)."""

    def __call__(self, stream: Iterator[Token]) -> Iterator[Token]:
        for tok in stream:
            tok.text = fold_word(tok.text)
            yield tok


class MarkedOnlyFilter(Filter):
    """Keep only tokens with Vietnamese marks or đ.

    The exact view is only ever asked for words typed with marks, so an
    unmarked syllable there would be a posting nobody reads.
    """

    def __call__(self, stream: Iterator[Token]) -> Iterator[Token]:
        for tok in stream:
            if has_marks(tok.text):
                yield tok


def syllable_pairs(words: list[str]) -> list[str]:
    """Adjacent pairs 'a_b': a two-word phrase becomes one term lookup."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


class PairFilter(Filter):
    """Replace the stream by its adjacent pairs, so phrases need no positions."""

    def __call__(self, stream: Iterator[Token]) -> Iterator[Token]:
        previous: str | None = None
        for tok in stream:
            text = tok.text
            if previous is not None:
                tok.text = f"{previous}_{text}"
                yield tok
            previous = text


class PairTokenizer(Tokenizer):
    """Adjacent syllables 'a_b' within each part of a value (parts joined by U+001F), never across two.

    Folded; or as written (`folded=False`), then only pairs whose two syllables both carry marks:
    the exact pairs are asked for only when a word is typed with marks ("hòa giải"), and a pair of
    unmarked syllables is already in the folded field.
    """

    def __init__(self, folded: bool = True) -> None:
        self.folded = folded

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return _stream(self.words(value), **kwargs)

    def words(self, value: str) -> list[str]:
        out: list[str] = []
        for part in value.split(VALUE_SEPARATOR):
            words = tokens(part)
            if self.folded:
                out.extend(syllable_pairs(list(map(fold_word, words))))
            else:
                out.extend(f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)
                           if has_marks(a) and has_marks(b))
        return out


class CompoundTokenizer(Tokenizer):
    """pyvi's multi-syllable words, folded ('khai_bao', 'y_te'): see indexer.words.segment."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return _stream(self.words(value), **kwargs)

    def words(self, value: str) -> list[str]:
        return compounds(value)


class ValueTokenizer(Tokenizer):
    """Each facet value whole, values separated by U+001F (names contain commas)."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        return _stream(self.words(value), **kwargs)

    def words(self, value: str) -> list[str]:
        return [p for p in value.split(VALUE_SEPARATOR) if p]


def exact_analyzer() -> CompositeAnalyzer | Tokenizer:
    # a code's marked parts too ('chuẩn' of 'mức chuẩn/01', 'chế' of '2.Chế độ'), as the folded view and
    # OpenSearch's exact field hold them: without them 12 of 180 bench queries on 10,000 pháp điển articles
    # counted 1-4 documents fewer on Whoosh than on OpenSearch ('chuẩn' typed with marks 1,494 vs 1,498)
    return VietnameseTokenizer() | MarkedOnlyFilter()


def folded_analyzer() -> CompositeAnalyzer | Tokenizer:
    return VietnameseTokenizer() | FoldFilter()


def pairs_analyzer() -> CompositeAnalyzer | Tokenizer:
    return PairTokenizer()


def exact_pairs_analyzer() -> CompositeAnalyzer | Tokenizer:
    return PairTokenizer(folded=False)


def words_analyzer() -> CompositeAnalyzer | Tokenizer:
    return CompoundTokenizer()


def values_analyzer() -> CompositeAnalyzer | Tokenizer:
    return ValueTokenizer()


# What each filter does to a whole list of words (the same as its __call__ on a stream).
_LIST_FILTERS = {
    FoldFilter: lambda words: list(map(fold_word, words)),
    MarkedOnlyFilter: lambda words: list(filter(has_marks, words)),
    PairFilter: syllable_pairs,
}
_TOKENIZERS = (VietnameseTokenizer, CompoundTokenizer, ValueTokenizer, PairTokenizer)


def terms_of(analyzer: Any, value: str) -> list[str] | None:
    """The terms `analyzer` yields for `value`, as a list: the build's hot path,
    without a Token and a generator step per word and filter.
    None for an analyzer not made of this module's parts."""
    parts = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    tokenizer, filters = parts[0], parts[1:]
    if type(tokenizer) not in _TOKENIZERS or any(type(f) not in _LIST_FILTERS for f in filters):
        return None
    words = tokenizer.words(value)
    for f in filters:
        words = _LIST_FILTERS[type(f)](words)
    return words
