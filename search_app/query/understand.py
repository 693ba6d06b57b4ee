"""What the user typed → the engine's QuerySpec, and what to tell the user about it.

Short queries need every content word. Longer ones need `minimum_share` of
them (as Elasticsearch's minimum_should_match), so a question worded
differently from the text still finds the article holding most of its words;
BM25F ranks documents holding more of the words, and the rarer ones, first.
Question and filler words (indexer/data/fillers.json) are never required.
`-` and `OR` act on the whole Vietnamese word next to them: the syllables
pyvi or the index's own pair statistics join ("-phong tỏa" excludes
"phong tỏa", not "phong"), or on a quoted phrase.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from indexer.engine import Engine
from indexer.engine.base import Clause, Group, QuerySpec
from indexer.text import fold, has_marks, is_code
from indexer.words import vocab
from indexer.words.number_forms import typed_forms
from search_app.query.hints import named_numbers
from search_app.query.lex import Piece, clean_input, is_number, lex
from search_app.query.syllable import tone_variants
from search_app.query.words import pair_share, synonym_starts, synonym_table, word_sizes, word_starts

ALL_WORDS_UP_TO = 4  # content words a query may have and still need all of them
MINIMUM_SHARE = 0.4  # beyond: this share of them (chosen on the fit half of eval.questions; 0.75 lost recall)
JOIN_SHARE = 0.3  # two syllables are one word when they stand together in this share of the rarer one's documents
MAX_WORD = 4  # syllables an operator may bind




@dataclass(frozen=True)
class Understood:
    """A parsed query: the spec for the engine and what the page says about it."""

    spec: QuerySpec
    words: tuple[str, ...] = ()  # the content words and phrases, as typed
    fillers: tuple[str, ...] = ()  # question and filler words: never required
    excluded: tuple[str, ...] = ()
    quoted_exclusions: tuple[str, ...] = ()  # a one-syllable exclusion with the word after it, quoted

    @property
    def relaxed(self) -> bool:
        """True when not every content word is required."""
        m = self.spec.minimum_should_match
        return m is not None and m < len(self.spec.groups)

    def terms(self, exact: bool = True) -> set[tuple[str, ...]]:
        """What to highlight: words as 1-tuples, phrases whole; as typed when `exact`
        (a token with marks lights up only the same marks), else folded. Numbers and
        codes are always folded."""
        def key(clause: Clause, token: str) -> str:
            plain = clause.kind == "number" or is_code(token) or not exact
            return fold(token.lower()) if plain else token.lower()

        groups = self.spec.groups or self.spec.optional  # filler words light up only when nothing else
        return {tuple(key(c, t) for t in c.tokens) for g in groups for c in g}

    @property
    def is_empty(self) -> bool:
        return self.spec.is_empty


@lru_cache(maxsize=1)
def _fillers() -> tuple[dict[tuple[str, ...], str], frozenset[str]]:
    """Filler phrases (as typed, and folded for unmarked queries) and filler words."""
    data = vocab.fillers()
    phrases: dict[tuple[str, ...], str] = {}
    for phrase in data["phrases"]:
        words = tuple(phrase.lower().split())
        phrases[words] = phrase
        if len(words) > 1:
            phrases.setdefault(tuple(fold(w) for w in words), phrase)
    return phrases, frozenset(w.lower() for w in data["words"])


def _clause(toks: Sequence[str]) -> Clause:
    toks = tuple(toks)
    if len(toks) == 1:
        return Clause("number" if is_number(toks[0]) else "word", toks)
    return Clause("phrase", toks)


def _other_tone_placement(clause: Clause) -> Clause | None:
    """The clause with "hòa" written "hoà" (and so on): both styles spell one word."""
    if clause.kind == "number":
        return None
    moved = tuple((tone_variants(t) or [t])[0] for t in clause.tokens)
    return Clause(clause.kind, moved) if moved != clause.tokens else None


def _group(toks: Sequence[str]) -> Group:
    """A word or phrase with its synonyms, and its other tone placement, as alternatives."""
    own = _clause(toks)
    others = synonym_table().get(tuple(fold(t) for t in toks), [])
    clauses = [own, *(_clause(o) for o in others if tuple(t.lower() for t in o) != tuple(t.lower() for t in toks))]
    moved = [m for c in clauses if (m := _other_tone_placement(c)) is not None]
    return tuple(dict.fromkeys(clauses + moved))


def _expand_run(run: list[str], sizes: Sequence[int] | None = None) -> list[tuple[tuple[str, ...], Group]]:
    """(typed syllables, group) for a run of plain words: synonym spellings longest first, then
    the words `sizes` cuts (word_sizes), each syllable alone without them."""
    table = synonym_table()
    longest = max((len(k) for k in table), default=1)
    starts = word_starts(sizes or (1,) * len(run))
    out: list[tuple[tuple[str, ...], Group]] = []
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 1, -1):
            if tuple(fold(t) for t in run[i:i + size]) in table:
                out.append((tuple(run[i:i + size]), _group(run[i:i + size])))
                i += size
                break
        else:
            size = starts.get(i, 1)
            if size > 1 and any(i < s < i + size for s in synonym_starts(run)):
                size = 1
            out.append((tuple(run[i:i + size]), _group(run[i:i + size])))
            i += size
    return out


def joined(first: str, second: str, stats: Engine | None) -> bool:
    """Do two typed syllables form one Vietnamese word? pyvi on marked text, else the index's pairs."""
    if is_code(first) or is_code(second):
        return False
    if has_marks(first + second):
        from indexer.words.segment import compounds

        if compounds(f"{first} {second}"):
            return True
    return stats is not None and pair_share(first, second, stats) >= JOIN_SHARE


def _bind(pieces: list[Piece], stats: Engine | None) -> list[Piece]:
    """Extend each operand of `-` and `OR` to the whole word it starts or ends."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        follows_or = bool(out) and out[-1].kind == "or"
        if piece.kind == "word" and (piece.negated or follows_or):
            toks = list(piece.tokens)
            while (i + 1 < len(pieces) and len(toks) < MAX_WORD and pieces[i + 1].kind == "word"
                   and not pieces[i + 1].negated and joined(toks[-1], pieces[i + 1].tokens[0], stats)):
                toks.append(pieces[i + 1].tokens[0])
                i += 1
            piece = Piece("phrase" if len(toks) > 1 else "word", tuple(toks), piece.negated)
        if piece.kind == "or" and out and out[-1].kind == "word" and not out[-1].negated:
            toks = list(out.pop().tokens)
            while (out and len(toks) < MAX_WORD and out[-1].kind == "word" and not out[-1].negated
                   and joined(out[-1].tokens[0], toks[0], stats)):
                toks.insert(0, out.pop().tokens[0])
            out.append(Piece("phrase" if len(toks) > 1 else "word", tuple(toks)))
        out.append(piece)
        i += 1
    return out


def _mark_fillers(run: list[str]) -> list[bool]:
    """Which syllables of a run belong to a filler phrase (longest first)."""
    phrases, _ = _fillers()
    longest = max((len(p) for p in phrases), default=1)
    marked = [False] * len(run)
    lowered = [t.lower() for t in run]
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            window = tuple(lowered[i:i + size])
            typed_bare = not has_marks("".join(window))
            if window in phrases or (typed_bare and size > 1 and tuple(fold(w) for w in window) in phrases):
                marked[i:i + size] = [True] * size
                i += size
                break
        else:
            i += 1
    return marked


def _is_filler_word(token: str) -> bool:
    _, words = _fillers()
    return token.lower() in words


def _unique(items: list[tuple[tuple[str, ...], Group]]) -> list[tuple[tuple[str, ...], Group]]:
    """Each word once: a question repeating "ma túy" three times needs it once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for typed, group in items:
        key = tuple(t.lower() for t in group[0].tokens)
        if key not in seen:
            seen.add(key)
            out.append((typed, group))
    return out


def _with_alternatives(items: list[tuple[tuple[str, ...], Group]],
                       alternatives: Mapping[str, str]) -> list[tuple[tuple[str, ...], Group]]:
    """A word with a likely slip (search_app.query.spelling) matches the slip too, as a synonym would."""
    out = []
    for typed, group in items:
        alt = alternatives.get(typed[0].lower()) if len(typed) == 1 else None
        out.append((typed, (*group, Clause("word", (alt,))) if alt else group))
    return out


def understand(raw: str, stats: Engine | None = None, accents: Literal["fold", "exact"] | None = None,
               alternatives: Mapping[str, str] | None = None, named: frozenset[str] = frozenset(),
               words: bool = True) -> Understood:
    """The spec of a query; `stats` lets operators bind whole words, `accents` overrides the default.

    With `words` (the default) the syllables of a Vietnamese word are one group, matched only
    where they stand together (word_sizes); without, each syllable is its own group (the
    fallback when the words are nowhere together).

    By default a query typed with marks matches them exactly ("exact"), one
    without marks matches any marks ("fold"). `alternatives` (typed word →
    slip) are searched beside the typed word. `named` (folded words naming
    an agency or a date, search_app.query.hints) are boosts: not required.
    """
    forms = typed_forms(clean_input(raw))
    if forms:  # one document number, typed as staff type it ("NĐ 123/2024", "cv 2973")
        typed = " ".join(clean_input(raw).split())
        return Understood(spec=QuerySpec(number_forms=tuple(forms), runs=((typed,),)), words=(typed,))
    pieces = _bind(lex(raw), stats)
    groups: list[tuple[tuple[str, ...], Group]] = []
    optional: list[tuple[tuple[str, ...], Group]] = []
    exclude: list[Group] = []
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    filler_text: list[str] = []

    def flush() -> None:
        if not run:
            return
        runs.append(tuple(run))
        in_filler = _mark_fillers(run)
        start = 0
        items = _expand_run(run, word_sizes(run, stats) if words else None)
        for typed, group in items:
            parts = [(typed, group)] if len(set(in_filler[start:start + len(typed)])) == 1 else _expand_run(list(typed))
            for part, part_group in parts:  # a word half filler, half not: its syllables, as before
                (optional if all(in_filler[start:start + len(part)]) else groups).append((part, part_group))
                start += len(part)
        spans = [run[i] if in_filler[i] else "|" for i in range(len(run))]
        filler_text.extend(s.strip() for s in " ".join(spans).split("|") if s.strip())
        run.clear()

    quoted: list[str] = []
    pending_or = False
    for i, piece in enumerate(pieces):
        following = pieces[i + 1] if i + 1 < len(pieces) else None
        if piece.negated and len(piece.tokens) == 1 and following and following.kind == "word" \
                and not following.negated:
            quoted.append(f'-"{piece.tokens[0]} {following.tokens[0]}"')
        if piece.kind == "or":
            flush()
            pending_or = bool(groups)
            continue
        if piece.negated:
            flush()
            exclude.append(_group(piece.tokens))
            continue
        if piece.kind == "word" and not pending_or:
            run.append(piece.tokens[0])
            continue
        flush()
        group = _group(piece.tokens)
        if pending_or:
            typed, previous = groups.pop()
            group = (*previous, *(c for c in group if c not in previous))
            groups.append((typed + ("OR",) + piece.tokens, group))
        else:
            groups.append((piece.tokens, group))
        if piece.kind == "phrase":
            runs.append(piece.tokens)
        pending_or = False
    flush()
    groups, optional = _unique(groups), _unique(optional)
    if named:
        boosts = [(t, g) for t, g in groups if all(fold(w).lower() in named for w in t)]
        if len(boosts) < len(groups):
            groups = [item for item in groups if item not in boosts]
            optional += boosts
            filler_text.extend(" ".join(t) for t, _ in boosts)
    if alternatives:
        groups = _with_alternatives(groups, alternatives)
        runs += [tuple(alternatives.get(t.lower(), t) for t in r) for r in runs
                 if any(t.lower() in alternatives for t in r)]
    # single function words are optional only in a longer query, and never all of it
    if len(groups) >= ALL_WORDS_UP_TO:
        keep = [(t, g) for t, g in groups if not (len(t) == 1 and _is_filler_word(t[0]) and g[0].kind == "word")]
        if keep:
            dropped = [(t, g) for t, g in groups if (t, g) not in keep]
            optional += dropped
            filler_text.extend(" ".join(t) for t, _ in dropped)
            groups = keep
    minimum = None
    if len(groups) > ALL_WORDS_UP_TO:
        minimum = max(ALL_WORDS_UP_TO, math.ceil(MINIMUM_SHARE * len(groups)))
    typed_marks = has_marks(clean_input(raw))
    spec = QuerySpec(
        groups=tuple(g for _, g in groups),
        minimum_should_match=minimum,
        optional=tuple(g for _, g in optional),
        exclude=tuple(exclude),
        runs=tuple(runs),
        accents=accents or ("exact" if typed_marks else "fold"),
        **named_numbers(tuple(runs), alone=len(groups) == 1),
    )
    return Understood(
        spec=spec,
        words=tuple(" ".join(t) for t, _ in groups),
        fillers=tuple(dict.fromkeys(f.lower() for f in filler_text)),
        excluded=tuple(" ".join(c.tokens) for g in exclude for c in g[:1]),
        quoted_exclusions=tuple(quoted),
    )

