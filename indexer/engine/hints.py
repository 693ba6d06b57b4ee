"""What the words around a query's items say: numbers typed after a type or "số", and type names.

"công văn 285", "số 285", "thông báo 285/TB-..." — a bare number there means a
document number (its carrier ranks first, then its citers), and a named type
("kế hoạch") earns a bonus. Plain data from the query's runs and the type
vocabulary: engine-independent, so every engine reads a query alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from indexer.text import fold, has_marks, nfc, number_key
from indexer.words import vocab

_NUMBER_LEAD = ("so",)  # "số 756": the word before a bare document number
CONG_VAN = "Công văn"


@lru_cache(maxsize=1)
def type_words() -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Folded type name ('thong', 'bao') or number code ('tb',) → (type, its number codes)."""
    data = vocab.doc_types()
    codes: dict[str, list[str]] = {}
    for code, name in data["codes"].items():
        codes.setdefault(name, []).append(number_key(code))
    out: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for name in sorted(set(data["titles"].values())):
        out[tuple(fold(name).lower().split())] = (name, tuple(codes.get(name, ())))
    for code, name in data["codes"].items():
        if len(code) > 1:
            out.setdefault((number_key(code),), (name, tuple(codes[name])))
    return out


@dataclass
class Hints:
    """What the words around the query's items say: typed numbers and types."""

    exact: bool = False  # the query's accents="exact": marked words match only as typed
    numbers: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # digits → type codes, None = any
    types: set[str] = field(default_factory=set)
    leads: set[str] = field(default_factory=set)  # "công văn", "số" before a number: scored, not required


def read_hints(runs: tuple[tuple[str, ...], ...], alone: bool) -> Hints:
    """Numbers and types named in the runs; `alone`: the query is one item (a bare '285' is a number)."""
    hints = Hints()
    table = type_words()
    for run in runs:
        words = [fold(t).lower() for t in run]
        named: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # end index → (start, type, codes)
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                found = table.get(tuple(words[i:i + size]))
                if found:
                    hints.types.add(found[0])
                    named[i + size - 1] = (i, *found)
        for i, word in enumerate(words):
            if not word.isdigit():
                continue
            before = i - 1 if i and words[i - 1] in _NUMBER_LEAD else i
            typed = named.get(before - 1) or ((before - 1, *table[(words[before - 1],)])
                                              if before > 0 and (words[before - 1],) in table else None)
            hints.leads.update(words[before:i])
            if typed:
                start, name, codes = typed
                hints.numbers[word] = codes + (("",) if name == CONG_VAN else ())
                hints.leads.update(words[start:before])
            elif before < i or alone:
                hints.numbers[word] = None
    return hints


def pair_term(first: str, second: str, exact: bool) -> tuple[str, str]:
    """(field, term) of two syllables standing together: as written when both carry marks and the
    query matches marks exactly ("hòa_giải" in `pairs_x`), else folded ("hoa_giai" in `pairs`)."""
    a, b = nfc(first).lower(), nfc(second).lower()
    if exact and has_marks(a) and has_marks(b):
        return "pairs_x", f"{a}_{b}"
    return "pairs", f"{fold(a)}_{fold(b)}"
