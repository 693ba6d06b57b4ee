"""Safe spelling correction from the engine's term statistics.

Two kinds of help, never a silent change of a real word:

- a typed word that is neither a Vietnamese syllable nor a word of the
  index ("cahc", "nghiêmm") is corrected — letters swapped first
  ("cahc" → "cách"), else the nearest indexed syllable, preferring one that
  stands next to the neighbouring words somewhere — and the page offers
  the search exactly as typed;
- a real word that never stands next to its typed neighbours while a
  classic slip of it does (l/n, s/x, tr/ch, d/gi/r, final i/y: "vac sin",
  "lông nghiệp") is kept and the slip searched beside it, as a synonym.

Suggestions keep their marks: a corrected word is shown in its commonest
marked spelling in the texts (Engine.spellings: "cach" → "cách").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.engine import Engine
from indexer.text import fold, has_marks, is_code
from search_app.query.lex import lex
from search_app.query.syllable import is_syllable

MAX_CHECKED_WORDS = 12  # a lookup per word: a pasted paragraph must stay cheap
SLIP_EVIDENCE = 3  # documents where the slip stands next to a typed neighbour (1 when the typed word is unindexed)
_SLIPS = (("l", "n"), ("n", "l"), ("s", "x"), ("x", "s"), ("tr", "ch"), ("ch", "tr"), ("d", "gi"), ("gi", "d"),
          ("d", "r"), ("r", "d"), ("gi", "r"), ("r", "gi"))




@dataclass
class Spelling:
    """corrections: typed word (lower case) → replacement; alternatives: typed word → slip searched beside it."""

    corrections: dict[str, str] = field(default_factory=dict)
    alternatives: dict[str, str] = field(default_factory=dict)

    def corrected(self, raw: str) -> str:
        """The query with its corrections applied (operators and other words as typed)."""
        return _replace(raw, self.corrections)

    def suggestion(self, raw: str) -> str | None:
        """'Có phải bạn muốn tìm' text: corrections and alternatives, with marks."""
        both = {**self.alternatives, **self.corrections}
        return _replace(raw, both) if both else None


def _replace(raw: str, table: dict[str, str]) -> str:
    if not table:
        return raw
    out = []
    for chunk in raw.split(" "):
        core = chunk.strip("-\"'(),.;:?!")
        key = core.lower()
        out.append(chunk.replace(core, table[key]) if core and key in table else chunk)
    return " ".join(out)


def _marked(stats: Engine, folded: str, typed: str) -> str:
    """The commonest marked spelling of a folded syllable (the typed one when it has marks and occurs)."""
    spellings = stats.spellings(folded)
    if has_marks(typed) and any(s == typed.lower() for s, _ in spellings):
        return typed.lower()
    return spellings[0][0] if spellings else folded


def _swaps(word: str) -> list[str]:
    return [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]]


def _context(stats: Engine, candidate: str, before: str | None, after: str | None) -> int:
    return ((stats.pair_frequency(before, candidate) if before else 0)
            + (stats.pair_frequency(candidate, after) if after else 0))


def _correction(stats: Engine, word: str, before: str | None, after: str | None) -> str | None:
    """The folded syllable an impossible, unindexed word most likely meant."""
    swapped = [c for c in _swaps(word) if is_syllable(c) and stats.doc_frequency(c)]
    candidates = swapped or [c for c in stats.near_terms(word, 1 if len(word) <= 4 else 2)
                             if c != word and not is_code(c)]
    if not candidates:
        return None
    best = max(sorted(candidates), key=lambda c: (_context(stats, c, before, after), stats.doc_frequency(c)))
    # a farther guess must stand next to a typed neighbour somewhere ("onlien" → nothing, not "line")
    return best if swapped or not (before or after) or _context(stats, best, before, after) else None


def _slip(stats: Engine, word: str, before: str | None, after: str | None) -> str | None:
    """A classic slip of a real word that, unlike it, stands next to a typed neighbour."""
    if _context(stats, word, before, after):
        return None
    slips = {to + word[len(frm):] for frm, to in _SLIPS if word.startswith(frm)}
    if word[-1:] in ("i", "y"):
        slips.add(word[:-1] + {"i": "y", "y": "i"}[word[-1]])
    scored = [(_context(stats, s, before, after), s) for s in sorted(slips) if stats.doc_frequency(s)]
    best = max(scored, default=(0, ""))
    needed = SLIP_EVIDENCE if stats.doc_frequency(word) else 1  # a word the index lacks needs less
    return best[1] if best[0] >= needed else None


def check(raw: str, stats: Engine) -> Spelling:
    """Corrections and alternatives for the plain words of a query (quoted phrases are as meant)."""
    result = Spelling()
    runs: list[list[str]] = [[]]
    for piece in lex(raw):
        if piece.kind == "word" and not piece.negated:
            runs[-1].append(piece.tokens[0])
        elif runs[-1]:
            runs.append([])
    checked = 0
    marks = has_marks(raw)
    for run in runs:
        folded = [fold(t).lower() for t in run]
        for i, (typed, word) in enumerate(zip(run, folded, strict=True)):
            if is_code(word) or len(word) < 2 or not word.isalpha() or checked >= MAX_CHECKED_WORDS:
                continue
            checked += 1
            before = folded[i - 1] if i else None
            after = folded[i + 1] if i + 1 < len(folded) else None
            if not stats.doc_frequency(word) and not is_syllable(word):
                fix = _correction(stats, word, before, after)
                if fix:
                    result.corrections[typed.lower()] = _marked(stats, fix, "")
                    folded[i] = fix
            elif before or after:
                slip = _slip(stats, word, before, after)
                if slip:
                    result.alternatives[typed.lower()] = _marked(stats, slip, "") if marks else slip
    return result
