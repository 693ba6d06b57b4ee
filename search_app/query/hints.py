"""What a query names besides its words, read once for every engine: dates, agencies, types, numbers.

"Văn phòng Chính phủ nói gì về cách ly tháng 10/2021": the documents of
the Office of the Government dated October 2021 rank first, the page offers
"Lọc: Văn phòng Chính phủ · 10/2021", and every other document that
matches the words is still found: boosts and suggested filters, never silent
filters (`find_hints`, on the typed text).
"công văn 285", "số 285", "thông báo 285/TB-...": a bare number there means a
document number (its carrier ranks first, then its citers), and a named type
("kế hoạch") earns a bonus (`named_numbers`, on the words as parsed). Both go
into the QuerySpec (boost_issuers, boost_dates, numbers, types, leads); the
engines read them from there and never re-read the words.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from indexer.engine.base import CONG_VAN
from indexer.text import fold, number_key, tokens
from indexer.words import vocab
from search_app.query.words import synonym_table

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_DAY_MONTH_YEAR = re.compile(r"\bngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _YEAR + r"\b")
_MONTH_YEAR = re.compile(r"\bthang\s+(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*" + _YEAR + r"\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:[/.-]|\s+nam\s+|\s+)\s*" + _YEAR + r")?")
_YEAR_ALONE = re.compile(r"\bnam\s+" + _YEAR + r"\b")
_NUMBER_LEAD = ("so",)  # "số 756": the word before a bare document number


@dataclass(frozen=True)
class Hints:
    """issuers: canonical names; dates: (from, to) ISO ranges; chips: suggested filters;
    words: the folded query words that name them (boosts, so not required)."""

    issuers: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()
    chips: list[dict[str, str | None]] = field(default_factory=list)
    words: frozenset[str] = frozenset()


def _month(year: int, month: int) -> tuple[str, str, str]:
    last = calendar.monthrange(year, month)[1]
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}", f"{month:02d}/{year}"


def find_dates(typed: str, words: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(from, to, label) for each date the query names: a day, a month, a quarter, a year.

    The folded words that name them are added to `words`.
    """
    text = fold(typed).lower()
    out: list[tuple[str, str, str]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    for m in _DAY_MONTH_YEAR.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            iso = f"{year}-{month:02d}-{day:02d}"
            out.append((iso, iso, f"{day:02d}/{month:02d}/{year}"))
            taken.append(m.span())
    for m in _MONTH_YEAR.finditer(text):
        if free(m) and 1 <= int(m.group(1)) <= 12:
            out.append(_month(int(m.group(2)), int(m.group(1))))
            taken.append(m.span())
    years = [int(y) for y in _YEAR_ALONE.findall(text)]
    for m in _QUARTER.finditer(text):
        year = int(m.group(2)) if m.group(2) else (years[0] if years else None)
        if year and free(m):
            q = _ROMAN[m.group(1)]
            start, _, _ = _month(year, 3 * q - 2)
            _, end, _ = _month(year, 3 * q)
            out.append((start, end, f"quý {q}/{year}"))
            taken.append(m.span())
    for m in _YEAR_ALONE.finditer(text):
        if free(m) and not any(label.endswith(m.group(1)) for _, _, label in out):
            out.append((f"{m.group(1)}-01-01", f"{m.group(1)}-12-31", f"năm {m.group(1)}"))
            taken.append(m.span())
    if words is not None:
        for a, b in taken:
            words.update(tokens(text[a:b]))
    return out


def _expanded(typed: str) -> list[tuple[str, str]]:
    """(folded typed word, its written-out form): "ubnd" → "uy ban nhan dan"."""
    table = synonym_table()
    out = []
    for w in (fold(t).lower() for t in tokens(typed)):
        longer = [alt for alt in table.get((w,), []) if len(alt) > 1]
        out.append((w, " ".join(fold(t).lower() for t in longer[0]) if longer else w))
    return out


def _key(name: str) -> str:
    return " ".join(fold(t).lower() for t in tokens(name))


def find_issuers(typed: str, issuers: Iterable[str], words: set[str] | None = None) -> list[str]:
    """Canonical issuer names the query names, longest first, none inside another.

    The folded typed words that name them are added to `words`.
    """
    expanded = _expanded(typed)
    text = f" {' '.join(long for _, long in expanded)} "
    found: list[str] = []
    for name in sorted(issuers, key=len, reverse=True):
        key = _key(name)
        if key and f" {key} " in text and not any(key in _key(f) for f in found):
            found.append(name)
            if words is not None:
                inside = set(key.split())
                words.update(w for w, long in expanded if set(long.split()) <= inside)
    return found


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


@lru_cache(maxsize=1)
def _type_names() -> tuple[tuple[str, ...], ...]:
    """The folded type names of several syllables, longest first (sorted once, not on every query)."""
    return tuple(sorted((key for key in type_words() if len(key) > 1), key=len, reverse=True))


def _type_words(typed: str, words: set[str]) -> None:
    """A document type opening the query ("công văn UBND …", "ke hoach …"): the engine boosts the type."""
    start = tuple(fold(t).lower() for t in tokens(typed)[:3])
    key = next((key for key in _type_names() if start[:len(key)] == key and len(start) > len(key)), None)
    if key:
        words.update(key)


def named_numbers(runs: tuple[tuple[str, ...], ...], alone: bool) -> dict[str, Any]:
    """QuerySpec's numbers, types and leads from the words as parsed; `alone`: the query is one item
    (a bare '285' is then a document number)."""
    numbers: dict[str, tuple[str, ...] | None] = {}
    types: set[str] = set()
    leads: set[str] = set()
    table = type_words()
    for run in runs:
        words = [fold(t).lower() for t in run]
        named: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # end index → (start, type, codes)
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                found = table.get(tuple(words[i:i + size]))
                if found:
                    types.add(found[0])
                    named[i + size - 1] = (i, *found)
        for i, word in enumerate(words):
            if not word.isdigit():
                continue
            before = i - 1 if i and words[i - 1] in _NUMBER_LEAD else i
            typed = named.get(before - 1) or ((before - 1, *table[(words[before - 1],)])
                                              if before > 0 and (words[before - 1],) in table else None)
            leads.update(words[before:i])
            if typed:
                start, name, codes = typed
                numbers[word] = codes + (("",) if name == CONG_VAN else ())
                leads.update(words[start:before])
            elif before < i or alone:
                numbers[word] = None
    return {"numbers": tuple(sorted(numbers.items())), "types": tuple(sorted(types)), "leads": tuple(sorted(leads))}


def find_hints(typed: str, issuers: Iterable[str] = ()) -> Hints:
    words: set[str] = set()
    _type_words(typed, words)
    dates = find_dates(typed, words)
    named = find_issuers(typed, issuers, words)
    chips: list[dict[str, str | None]] = []
    if named or dates:
        labels = [*named, *(label for _, _, label in dates[:1])]
        chips.append({"label": "Lọc: " + " · ".join(labels), "issuer": named[0] if named else None,
                      "date_from": dates[0][0] if dates else None, "date_to": dates[0][1] if dates else None})
    return Hints(tuple(named), tuple((a, b) for a, b, _ in dates), chips, frozenset(words))
