"""Which typed syllables form one Vietnamese word: pyvi on marked text, the collection's own statistics.

A word of several syllables is one group of the query (search_app.query.understand): it
matches only where its syllables stand together. Kept apart from the parser
so the parser stays one job.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from indexer.engine import Engine
from indexer.text import fold, has_marks, is_code, tokens
from indexer.words import vocab

MAX_WORD_SYLLABLES = 3  # a longer pyvi word is cut in words of two (and three)


@lru_cache(maxsize=1)
def synonym_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Folded token sequence → the other spellings of its group."""
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in vocab.synonyms():
        spellings = [tuple(tokens(s)) for s in group]
        for spelling in spellings:
            key = tuple(fold(t) for t in spelling)
            table.setdefault(key, [])
            for other in spellings:
                if other != spelling and other not in table[key]:
                    table[key].append(other)
    return table


def word_starts(sizes: Sequence[int]) -> dict[int, int]:
    starts, at = {}, 0
    for size in sizes:
        starts[at] = size
        at += size
    return starts


def synonym_starts(run: list[str]) -> list[int]:
    """Where a synonym spelling of several syllables starts: a word never swallows its head."""
    table = synonym_table()
    return [i for i in range(len(run)) for k in range(2, 5) if tuple(fold(t) for t in run[i:i + k]) in table]


def _joinable(token: str) -> bool:
    """A syllable that may be part of a word: not a code, not a word with its own synonyms ("ubnd")."""
    return not is_code(token) and (fold(token).lower(),) not in synonym_table()


def word_sizes(run: Sequence[str], stats: Engine | None) -> tuple[int, ...]:
    """The words of a run of typed syllables, as syllable counts: pyvi on marked text, then the
    index's own statistics for neighbouring syllables left alone (the only guide without marks):
    two syllables are a word when pyvi read them as one in some document (Engine.word_frequency)
    or, typed without marks, when some of their spellings make a word (_word_evidence).

    Measured over the shared full texts and the bundled corpus (173 documents) on the words of the
    legal questions and on neighbouring syllables across their word boundaries: "pyvi read them as
    a word in at least one document" joins 61 % of the words and 1 % of the non-words, with the
    commonest spellings 80 % and 7 %; the pair's share of the rarer syllable's documents (≥ 0.3,
    used by operators) joins 67 % and 30 %.

    pyvi's words longer than MAX_WORD_SYLLABLES ("biện pháp bảo đảm") are cut in twos: a staff
    query means each part, and four syllables standing together is a phrase, not a word.
    """
    run = list(run)
    sizes: list[int] = [1] * len(run)
    if has_marks("".join(run)) and len(run) > 1:
        from indexer.words.segment import word_sizes as pyvi_sizes

        sizes = []
        at = 0
        for size in pyvi_sizes(tuple(t.lower() for t in run)):
            if size > 1 and not all(_joinable(t) for t in run[at:at + size]):
                sizes += [1] * size
            else:
                sizes += [2] * (size // 2 - size % 2) + [3] * (size % 2) if size > MAX_WORD_SYLLABLES else [size]
            at += size
    if stats is None or len(run) < 2:
        return tuple(sizes)
    starts = word_starts(sizes)
    single = {i for i, s in starts.items() if s == 1 and _joinable(run[i])}
    found = sorted(((count, i) for i in single if i + 1 in single
                    and (count := _word_evidence(run[i], run[i + 1], stats)) > 0), reverse=True)
    joined_at: set[int] = set()
    for _, i in found:
        if i not in joined_at and i + 1 not in joined_at:
            joined_at.update((i, i + 1))
            starts[i] = 2
            del starts[i + 1]
    return tuple(starts[i] for i in sorted(starts))


# eval.words typed without marks, precision (recall 100 % each time; held-out MRR@10 0.880 each time):
# no spellings tried 79.6 %, the 3 commonest of each syllable 96.4 %, every spelling the collection holds
# 98.5 % ('loi noi' → 'lời nói', 'cua so' → 'cửa sổ', 'mac du' → 'mặc dù': a tone the top 3 missed), but
# 'cach ly tai nha' then asked for 'tái nha'. Now: the 3 commonest, or any spelling the collection writes as
# a pair. Joins on 300 legal questions typed without marks that pyvi (on the marked text) also reads as one
# word, against joins it does not: top 3 2,151 / 610; every spelling 2,220 / 710; this rule 2,218 / 608.
COMMON_SPELLINGS = 3


def _word_evidence(first: str, second: str, stats: Engine) -> float:
    """How surely two neighbouring syllables are one word: the documents where pyvi read them as one;
    else, typed without marks, 0.5 when any spellings the collection holds of the two make a word
    pyvi knows ("lap tuc" → "lập tức"); 0 when they never stand together."""
    a, b = fold(first).lower(), fold(second).lower()
    if not stats.pair_frequency(a, b):
        return 0.0
    count = stats.word_frequency(a, b)
    if count or has_marks(first + second):
        return float(count)
    from indexer.words.segment import word_sizes as pyvi_sizes

    # the pair as the collection spells it: each syllable's commonest spellings and itself unmarked
    # ('lap tuc': 'lập' + 'tục' is no word, 'lập' + 'tức' is; 'ly hon': 'ly' + 'hôn'); a rarer spelling
    # only where the collection writes the pair so ('loi noi': 'lời nói'), never through a bare syllable
    # (folded, 'tái' + 'nha' stood for every 'tại nhà')
    spelled = {x: [s for s, _ in stats.spellings(x)] for x in (a, b)}
    common = any(pyvi_sizes((one, two)) == (2,) for one in [a, *spelled[a][:COMMON_SPELLINGS]]
                 for two in [b, *spelled[b][:COMMON_SPELLINGS]])
    return 0.5 if common or any(pyvi_sizes((one, two)) == (2,) and stats.written_pair_frequency(one, two)
                                for one in spelled[a] for two in spelled[b]) else 0.0


def pair_share(first: str, second: str, stats: Engine) -> float:
    """Of the documents holding the rarer of two folded syllables, the share where they stand together."""
    a, b = fold(first).lower(), fold(second).lower()
    together = stats.pair_frequency(a, b)
    rarer = min(stats.doc_frequency(a), stats.doc_frequency(b))
    return together / rarer if together and rarer else 0.0
