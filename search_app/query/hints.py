"""Dates and agencies named in a query → boosts and suggested filters, never silent filters.

"Văn phòng Chính phủ nói gì về cách ly tháng 10/2021": the documents of
the Office of the Government dated October 2021 rank first, the page offers
"Lọc: Văn phòng Chính phủ · 10/2021", and every other document that
matches the words is still found.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.text import fold, tokens
from indexer.words import vocab
from search_app.query.words import synonym_table

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_DAY_MONTH_YEAR = re.compile(r"\bngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*" + _YEAR + r"\b")
_MONTH_YEAR = re.compile(r"\bthang\s+(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*" + _YEAR + r"\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:[/.-]|\s+nam\s+|\s+)\s*" + _YEAR + r")?")
_YEAR_ALONE = re.compile(r"\bnam\s+" + _YEAR + r"\b")


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


def _type_words(typed: str, words: set[str]) -> None:
    """A document type opening the query ("công văn UBND …", "ke hoach …"): the engine boosts the type."""
    start = [fold(t).lower() for t in tokens(typed)[:3]]
    for name in sorted(set(vocab.doc_types()["titles"].values()), key=len, reverse=True):
        key = _key(name).split()
        if len(key) > 1 and start[:len(key)] == key and len(start) > len(key):
            words.update(key)
            return


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
