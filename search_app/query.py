"""What the user typed → a ParsedQuery: words, "phrases", -exclusions, OR, numbers.

The parser never fails: unbalanced quotes close at the end, stray operators
and field syntax are read as plain text, control characters are dropped. It
knows nothing of Whoosh; search_app.query_spec turns the result into the engine's QuerySpec.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from indexer import vocab
from indexer.text import NUMBER_RE, fold, nfc, tokens

_LEX = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OPERATOR_WORDS = {"AND", "VÀ", "NOT"}
_OR_WORDS = {"OR", "HOẶC", "|"}
_STRIP = "()[]{}*:^~!+\\'`,;?"


@dataclass(frozen=True)
class Clause:
    """One thing to match: a word, a phrase (several syllables in order) or a number."""

    kind: str  # "word" | "phrase" | "number"
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass
class ParsedQuery:
    """Every `must` item must match (any one of its alternatives); no `exclude` may."""

    must: list[list[Clause]] = field(default_factory=list)
    exclude: list[Clause] = field(default_factory=list)
    # Runs of adjacent plain words, for proximity and compound-word boosts.
    runs: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.must

    def terms(self) -> set[tuple[str, ...]]:
        """What to highlight, folded: single words and codes as 1-tuples, phrases whole.

        A phrase is highlighted only where its words stand together, so
        "cach ly" does not light up the "lý" of "quản lý".
        """
        return {tuple(fold(t) for t in clause.tokens) for item in self.must for clause in item}


def clean_input(raw: str) -> str:
    """NFC, control and format characters (NUL, RTL marks) replaced by spaces."""
    text = nfc(raw)
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text)


_NUMBER_ANY_CASE = re.compile(NUMBER_RE.pattern, re.I)


def _is_number(token: str) -> bool:
    """'116/TB-VPCP', '116/tb-vpcp', '07-kl/tw': a document number, typed any way."""
    return bool(_NUMBER_ANY_CASE.fullmatch(token))


@lru_cache(maxsize=1)
def _synonym_table() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
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


def _expand_run(run: list[str]) -> list[list[Clause]]:
    """Items for a run of plain tokens, with synonym groups as alternatives."""
    table = _synonym_table()
    longest = max((len(k) for k in table), default=1)
    items: list[list[Clause]] = []
    i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 0, -1):
            key = tuple(fold(t) for t in run[i:i + size])
            if key in table:
                own = tuple(run[i:i + size])
                alternatives = [_clause(own)] + [_clause(other) for other in table[key]]
                items.append(alternatives)
                i += size
                break
        else:
            items.append([_clause((run[i],))])
            i += 1
    return items


def _clause(toks: tuple[str, ...]) -> Clause:
    if len(toks) == 1:
        return Clause("number" if _is_number(toks[0]) else "word", toks)
    return Clause("phrase", toks)


def parse(raw: str) -> ParsedQuery:
    """Parse a query string; any input gives a (possibly empty) ParsedQuery."""
    parsed = ParsedQuery()
    text = clean_input(raw)
    pending_or = False
    run: list[str] = []

    def flush_run() -> None:
        if run:
            parsed.runs.append(tuple(run))
            parsed.must.extend(_expand_run(run))
            run.clear()

    def add(items: list[list[Clause]], negated: bool) -> None:
        nonlocal pending_or
        if not items:
            return
        if negated:
            parsed.exclude.extend(c for item in items for c in item)
        elif pending_or and parsed.must:
            parsed.must[-1].extend(c for c in items[0] if c not in parsed.must[-1])
            parsed.must.extend(items[1:])
        else:
            parsed.must.extend(items)
        pending_or = False

    for match in _LEX.finditer(text):
        negated, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is not None:
            flush_run()
            toks = tuple(tokens(phrase))
            add([[_clause(toks)]] if toks else [], negated)
            continue
        if word.upper() in _OR_WORDS:
            flush_run()
            pending_or = True
            continue
        if word.upper() in _OPERATOR_WORDS:
            continue
        negated = word.startswith("-") and len(word) > 1
        word = word.lstrip("-").strip(_STRIP)
        compact = re.sub(r"[^\w/\-.&]", "", word)
        if _is_number(compact):
            flush_run()
            add([[Clause("number", (compact,))]], negated)
            continue
        toks = tokens(word)
        if not toks:
            continue
        if negated:
            flush_run()
            add([[_clause(tuple(toks))]], True)
        elif pending_or:
            flush_run()
            add(_expand_run(toks), False)
            parsed.runs.append(tuple(toks))
        else:
            run.extend(toks)
    flush_run()
    return parsed
