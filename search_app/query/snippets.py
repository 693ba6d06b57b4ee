"""Highlighting: which words of a text match the query, as plain segments.

Segments are (text, matched) pairs; the template escapes every text and wraps
matched ones in <mark>. No HTML is ever built from document text here, so a
document containing "<script>" shows it as text.

A query word typed without marks matches folded, so "cach ly" highlights
the original "cách ly"; one typed with marks matches only the same marks,
so "vé số" does not light up "về" or "Sở" (search_app.query.understand.Understood.terms).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from indexer.text import NUMBER_RE, TOKEN_RE, code_parts, fold, has_marks, is_code, letter_variants, nfc, number_key

Segment = tuple[str, bool]
SNIPPET_CHARS = 260


Terms = set[tuple[str, ...]]


_JOINERS = re.compile(r"([\-./])")
_HAS_JOINER = re.compile(r"[\-./_]").search


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    """fold(word.lower()), cached: a page of hits repeats a small vocabulary."""
    return fold(word.lower())


Word = tuple[str, tuple[int, int], str]  # folded, span, lower case as written


def _words(text: str) -> list[Word]:
    """Words with their spans, cut like indexer.text.tokens cuts them."""
    out = []
    append = out.append
    for match in TOKEN_RE.finditer(text):
        word = match.group()
        if not _HAS_JOINER(word) or is_code(word):
            append((_folded(word), match.span(), word.lower()))
            continue
        offset = match.start()
        for part in _JOINERS.split(word):
            if part and part not in "-./":
                append((_folded(part), (offset, offset + len(part)), part.lower()))
            offset += len(part)
    return out


def _same(word: Word, token: str) -> bool:
    """A query token with marks matches the same marks; one without, any."""
    return word[2] == token if has_marks(token) else word[0] == token


def _matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Spans of the words that match a query word, or belong to a run matching a phrase."""
    return _matched_spans(_words(text), terms)


def _matched_spans(words: list[Word], terms: Terms) -> list[tuple[int, int]]:
    singles = {t[0] for t in terms if len(t) == 1 and not has_marks(t[0])}
    marked = {t[0] for t in terms if len(t) == 1 and has_marks(t[0])}
    phrases = [t for t in terms if len(t) > 1]
    # A code lights up for its number ('2973' → 2973/UBND-VXNV), not for an agency
    # part: 'ubnd' would otherwise mark every number in the text.
    hit = [w in singles or lower in marked
           or (_HAS_JOINER(w) is not None and any(p in singles and p[0].isdigit() for p in code_parts(w)))
           for w, _, lower in words]
    for phrase in phrases:
        size, first = len(phrase), phrase[0]
        as_written = 2 if has_marks(first) else 0  # compare the word as written, or folded
        for i in [i for i, word in enumerate(words[:len(words) - size + 1]) if word[as_written] == first]:
            if all(_same(words[i + k], phrase[k]) for k in range(1, size)):
                for k in range(size):
                    hit[i + k] = True
    return [span for (_, span, _), matched in zip(words, hit, strict=True) if matched]


LONGEST_KEY = 100  # longer query words: cut the whole text


_CLASSES = {base: f"[{letters}]" for base, letters in letter_variants().items()}  # the letters folding to each
_COMBINING = re.compile("[\u0300-\u036f]").search


_SEPARATORS = re.compile(r"[\W_]+")


def _folded_terms(terms: Terms) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(w) for w in t) for t in terms if t)


@lru_cache(maxsize=1024)
def _places_pattern(terms: frozenset[tuple[str, ...]]) -> re.Pattern[str]:
    """Any query word or whole phrase (its words apart by anything but letters and digits), folded,
    as a whole word or code part, in unfolded text of any case (each letter a class of the letters
    folding to it): where a window's matches can be, and at most how many."""
    def spelled(word: str) -> str:
        return "".join(_CLASSES.get(c, re.escape(c)) for c in word)
    alternatives = "|".join(r"[\W_]+".join(spelled(w) for w in t)
                            for t in sorted(terms, key=lambda t: len(" ".join(t)), reverse=True))
    return re.compile(f"(?<![^\\W_])(?:{alternatives})(?![^\\W_])", re.IGNORECASE)


def _near_matches(text: str, terms: Terms) -> list[tuple[int, int]]:
    """_matches(text, terms), cutting into words only the stretches around a query word.

    A matching word contains its query word (or a phrase's first word) once
    folded, standing between non-alphanumerics, so one regular expression
    (each letter a class of the letters folding to it) finds every place
    worth cutting, without folding the text: from that word (out to spaces)
    to as far as a phrase's other words could reach. `text` has single
    spaces (snippet() joins it so). A text with loose combining marks, or a
    very long query word, is cut whole.
    """
    keys = frozenset(fold(t[0]) for t in terms if t)
    if not keys or any(len(k) > LONGEST_KEY or not k for k in keys) or _COMBINING(text):
        return _matches(text, terms)
    pattern = _places_pattern(frozenset((k,) for k in keys))
    regions: list[list[int]] = []
    phrases = [t for t in terms if len(t) > 1]
    after = 3 * max(len(" ".join(t)) for t in phrases) + 20 if phrases else 0  # room for a phrase's other words
    for found in pattern.finditer(text):
        start, end = found.start(), found.end() + after
        if regions and start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([start, end])
    words: list[Word] = []
    last = -1
    for start, end in regions:
        start = text.rfind(" ", 0, start) + 1 if start > 0 else 0
        start = max(start, last)  # snapped out to spaces, stretches may touch: cut each word once
        cut = text.find(" ", end)
        end = len(text) if cut < 0 else cut
        if start >= end:
            continue
        if start > last:
            words.append(("", (start, start), ""))  # a gap: no phrase runs across it
        words += [(w, (a + start, b + start), lower) for w, (a, b), lower in _words(text[start:end])]
        last = end
    return [span for span in _matched_spans(words, terms) if span[0] != span[1]]


def searched_text(record: dict[str, Any]) -> str:
    """A stored record's text without the layout's fixed parts (motto, Nơi nhận, signature titles),
    each left as "…": a snippet shows and lights what the search matched, never the motto's «HÒA»."""
    text = record.get("text", "")
    out, at = [], 0
    for start, end in record.get("fixed_parts") or ():
        out += [text[at:start], " … "]
        at = max(at, end)
    return "".join(out) + text[at:]


def segments(text: str, terms: Terms) -> list[Segment]:
    """The whole text cut into matched and unmatched segments."""
    text = nfc(text)
    out: list[Segment] = []
    last = 0
    for start, end in _matches(text, terms):
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return out


def _best_window(spans: list[tuple[int, int]], keys: list[str], width: int) -> tuple[int, int]:
    """(start, end of its last match) of the window with the most distinct keys, then most
    matches; the earliest wins a tie."""
    ends = [b for _, b in spans]  # increasing: spans are in order and never overlap
    best, best_score = (0, 0), -1
    for i, (s, _) in enumerate(spans):
        j = bisect_right(ends, s + width, lo=i)
        score = len(set(keys[i:j])) * 1000 + (j - i)
        if score > best_score:
            best, best_score = (s, ends[j - 1]), score
    return best


LAST_WORD_ROOM = 20  # the start moves left to a space: room for the last match's word to stay whole
MOST_WINDOWS_CUT = 40  # windows cut into words at most, per snippet (the rest are bounded out)


Place = tuple[int, list[str]]  # where a query word or phrase stands, and its folded words


def _places(text: str, terms_: frozenset[tuple[str, ...]], width: int) -> list[Place]:
    """The places of the (folded) query words and phrases in reading order, read only until a window
    holding every query word is complete: no window further on can show more of them, and a
    240,000-character article need not be read to its end for its snippet."""
    every = len({w for t in terms_ for w in t})
    places: list[Place] = []
    held: Counter[str] = Counter()  # the words of places[left:], all within one window
    left, complete_until = 0, -1
    for found in _places_pattern(terms_).finditer(text):
        if 0 <= complete_until < found.start():
            break
        words = _SEPARATORS.split(_folded(found.group()))
        places.append((found.start(), words))
        held.update(words)
        while places[left][0] + width < found.end():
            held.subtract(places[left][1])
            left += 1
        if complete_until < 0 and sum(1 for n in held.values() if n > 0) == every:
            complete_until = places[left][0] + width
    return places


def _window_start(text: str, terms: Terms, width: int) -> tuple[int, int]:
    """Where the window with the most distinct query words starts and its last match ends
    ((0, 0) without matches).

    Cutting a long article into words around every frequent query word cost ~11 ms a hit at
    10,000 pháp điển articles (bench.before_after, p95 48 → 97 ms). So the places where any
    query word stands (one regular expression over the folded keys, no cutting) bound each
    window's score from above, and only the windows whose bound can still win are cut into
    words and scored exactly, best bound first.
    """
    folded = _folded_terms(terms)
    keys = {w for t in folded for w in t}
    if not keys or any(len(k) > LONGEST_KEY or not k for k in keys) or _COMBINING(text):
        spans = _matches(text, terms)
        return _best_window(spans, [_folded(text[a:b]) for a, b in spans], width) if spans else (0, 0)
    places = _places(text, folded, width)
    if not places:
        return 0, 0
    starts = [p for p, _ in places]
    bounds = []
    for i, at in enumerate(starts):
        j = bisect_right(starts, at + width, lo=i)
        words = [w for _, found in places[i:j] for w in found]
        bounds.append((len(set(words)) * 1000 + len(words), -at))
    phrases = [t for t in terms if len(t) > 1]
    reach = 3 * max(len(" ".join(t)) for t in phrases) + 20 if phrases else 0  # a phrase begun before
    best, best_score = (0, 0), -1
    for bound, minus_at in sorted(bounds, reverse=True)[:MOST_WINDOWS_CUT]:
        if bound <= best_score:  # sorted by bound: no window left can do better
            break
        at = -minus_at
        left = max(0, text.rfind(" ", 0, max(0, at - reach)) + 1)
        cut = text.find(" ", at + width)
        right = len(text) if cut < 0 else cut
        inside = [(a + left, b + left) for a, b in _near_matches(text[left:right], terms)
                  if a + left >= at and b + left <= at + width]
        if not inside:
            continue
        score = len({_folded(text[a:b]) for a, b in inside}) * 1000 + len(inside)
        if score > best_score:
            best, best_score = (inside[0][0], inside[-1][1]), score
    return best


def snippet(text: str, terms: Terms, width: int = SNIPPET_CHARS) -> list[Segment]:
    """The window of `width` characters with the most distinct query words.

    Without matches, the start of the text. The window is cut at word
    boundaries and marked with ellipses where the text goes on.
    """
    text = " ".join(nfc(text).split())
    start = 0
    if terms:
        best, last_end = _window_start(text, terms, width)
        if best > 0:  # a little of what comes before, as long as the window's last match stays in
            start = max(0, min(best, max(best - width // 5, last_end - width + LAST_WORD_ROOM)))
            while start > 0 and not text[start - 1].isspace():
                start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    piece = segments(text[start:end], terms) if terms else [(text[start:end], False)]
    if start > 0:
        piece.insert(0, ("… ", False))
    if end < len(text):
        piece.append((" …", False))
    return piece


def linked(text: str, terms: Terms, links: dict[str, str | None]) -> list[dict[str, Any]]:
    """Segments of a paragraph where cited numbers are also links.

    `links` maps a number key to the URL of the cited document, or None when it
    is not in the collection. Each segment: text, mark (matched the query),
    href (a link) and missing (cited but not in the collection).
    """
    text = nfc(text)
    out: list[dict[str, Any]] = []
    last = 0
    for match in NUMBER_RE.finditer(text):
        key = number_key(match.group(1))
        if key not in links:
            continue
        out.extend(_marked(text[last:match.start()], terms))
        out.append({"text": match.group(1), "mark": (fold(match.group(1).lower()),) in {tuple(fold(t) for t in x)
                                                                                  for x in terms},
                    "href": links[key], "missing": links[key] is None})
        last = match.end()
    out.extend(_marked(text[last:], terms))
    return out


def _marked(text: str, terms: Terms) -> list[dict[str, Any]]:
    return [{"text": t, "mark": hit, "href": None, "missing": False} for t, hit in segments(text, terms) if t]


def plain(segments_: Iterable[Segment]) -> str:
    """Segments as text, matches wrapped in «», for the JSON API."""
    return "".join(f"«{t}»" if hit else t for t, hit in segments_)
