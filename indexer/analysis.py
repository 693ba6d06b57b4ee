"""The Whoosh analyzers: small tokenizers and filters composed with `|`.

    exact    VietnameseTokenizer()                          cách, ly, 2973/ubnd-vxnv
    folded   VietnameseTokenizer() | FoldFilter()           cach, ly, 2973/ubnd-vxnv
    pairs    VietnameseTokenizer(parts=False) | FoldFilter() | PairFilter()   cach_ly
    words    CompoundTokenizer()                            cach_ly (pyvi's words)
    values   ValueTokenizer()                               one token per facet value

The query side calls the same functions in indexer.text, so a query and a
document are always cut and folded the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Filter, Token, Tokenizer

from indexer.segment import compounds
from indexer.text import code_parts, fold, is_code, tokens

VALUE_SEPARATOR = "\x1f"


def _token(text: str, pos: int, **kwargs: Any) -> Token:
    tok = Token(positions=False, chars=False, **kwargs)
    tok.text = text
    tok.pos = pos
    tok.boost = 1.0
    tok.stopped = False
    return tok


class VietnameseTokenizer(Tokenizer):
    """Words and codes, lower-cased NFC; a code also yields its parts ('covid', '19')."""

    def __init__(self, parts: bool = True) -> None:
        self.parts = parts

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        kwargs.pop("positions", None)
        kwargs.pop("chars", None)
        pos = 0
        for word in tokens(value):
            yield _token(word, pos, **kwargs)
            pos += 1
            if self.parts and is_code(word):
                for part in code_parts(word):
                    yield _token(part, pos, **kwargs)


class FoldFilter(Filter):
    """Drop Vietnamese marks and map đ→d (indexer.text.fold)."""

    def __call__(self, stream: Iterator[Token]) -> Iterator[Token]:
        for tok in stream:
            tok.text = fold(tok.text)
            yield tok


def syllable_pairs(words: list[str]) -> list[str]:
    """Adjacent pairs 'a_b': a two-word phrase becomes one term lookup."""
    return [f"{a}_{b}" for a, b in zip(words, words[1:])]


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


class CompoundTokenizer(Tokenizer):
    """pyvi's multi-syllable words of each paragraph, folded ('khai_bao', 'y_te')."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        kwargs.pop("positions", None)
        kwargs.pop("chars", None)
        pos = 0
        for paragraph in value.split("\n"):
            for word in compounds(paragraph):
                yield _token(word, pos, **kwargs)
                pos += 1


class ValueTokenizer(Tokenizer):
    """Each facet value whole, values separated by U+001F (names contain commas)."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:
        kwargs.pop("positions", None)
        kwargs.pop("chars", None)
        for pos, part in enumerate(p for p in value.split(VALUE_SEPARATOR) if p):
            yield _token(part, pos, **kwargs)


def exact_analyzer():  # noqa: ANN201 - a Whoosh analyzer
    return VietnameseTokenizer()


def folded_analyzer():  # noqa: ANN201
    return VietnameseTokenizer() | FoldFilter()


def pairs_analyzer():  # noqa: ANN201
    return VietnameseTokenizer(parts=False) | FoldFilter() | PairFilter()


def words_analyzer():  # noqa: ANN201
    return CompoundTokenizer()


def values_analyzer():  # noqa: ANN201
    return ValueTokenizer()
