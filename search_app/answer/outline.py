"""The structure of a long document: Phần, Chương, Mục and Điều with stable anchors.

The document page gives each part an id (`#chuong-ii`, `#dieu-12`, `#dieu-12-khoan-3`) and
lists them as a table of contents; a search hit names the Điều its passage is in and links
to the same id. Both read the text the same way (an article starts a line "Điều 12."), and the
first of two parts with the same number keeps the plain id, so a link stays right across
rebuilds as long as the text does.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from indexer.text import fold, nfc

PART = re.compile(r"^\s*(Phần|PHẦN)\s+(thứ\s+\S+|THỨ\s+\S+|[IVXLC\d]+)\b")
CHAPTER = re.compile(r"^\s*(Chương|CHƯƠNG)\s+([IVXLC\d]+)\b")
SECTION = re.compile(r"^\s*(Mục|MỤC)\s+(\d+|[IVXLC]+)\b")
ANNEX = re.compile(r"^\s*(Phụ lục|PHỤ LỤC)\s+([IVXLC\d]+[a-z]?)\b")
ARTICLE = re.compile(r"^\s*Điều\s+\d+[a-zđ]?\s*[.:]")  # "Điều 12." opens an article (paper.py reads it too)
ARTICLE_NUMBER = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)")
CLAUSE = re.compile(r"^\s*(\d+)\.\s")
LABEL_CHARS = 110
MIN_ARTICLES = 3  # a letter with two "Điều" is not a long document


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text.lower())).strip("-")


class Anchors:
    """Ids for the parts in reading order; a repeated id gets -2, -3 …"""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.chapter = ""
        self.article = ""

    def _unique(self, base: str) -> str:
        name, n = base, 1
        while name in self.used:
            n += 1
            name = f"{base}-{n}"
        self.used.add(name)
        return name

    def part(self, paragraph: str) -> tuple[str, str] | None:
        """(level, id) of a paragraph opening a part, or None."""
        if m := ARTICLE_NUMBER.match(paragraph) if ARTICLE.match(paragraph) else None:
            self.article = self._unique(f"dieu-{_slug(m[1])}")
            return "dieu", self.article
        for level, pattern in (("phan", PART), ("chuong", CHAPTER), ("phu-luc", ANNEX)):
            if m := pattern.match(paragraph):
                self.chapter = self._unique(f"{level}-{_slug(m[2])}")
                self.article = ""
                return level, self.chapter
        if m := SECTION.match(paragraph):
            self.article = ""
            return "muc", self._unique(f"{self.chapter + '-' if self.chapter else ''}muc-{_slug(m[2])}")
        return None

    def clause(self, paragraph: str) -> str | None:
        """The id of a numbered khoản inside an article."""
        m = CLAUSE.match(paragraph) if self.article else None
        return self._unique(f"{self.article}-khoan-{m[1]}") if m else None


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS].rsplit(" ", 1)[0] + " …"


def annotate(body: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give the layout's body paragraphs their `anchor`; returns the table of contents
    ([{level, label, anchor}]), empty for a document with fewer than MIN_ARTICLES articles
    and no chapters."""
    anchors = Anchors()
    toc: list[dict[str, Any]] = []
    for i, paragraph in enumerate(body):
        text = paragraph["text"]
        found = anchors.part(text) if paragraph["kind"] in ("heading", "article") else None
        if found:
            level, anchor = found
            label = text
            following = body[i + 1] if i + 1 < len(body) else None
            if level != "dieu" and following and following["kind"] == "heading" and not anchors_part_like(
                    following["text"]) and len(text) < 20:
                label = f"{text} {following['text']}"  # 'Chương I' / 'NHỮNG QUY ĐỊNH CHUNG'
            paragraph["anchor"] = anchor
            toc.append({"level": level, "label": _label(label), "anchor": anchor})
        elif paragraph["kind"] == "para":
            paragraph["anchor"] = anchors.clause(text)
    if sum(e["level"] == "dieu" for e in toc) < MIN_ARTICLES and not any(e["level"] == "chuong" for e in toc):
        return []
    return toc


def anchors_part_like(text: str) -> bool:
    return bool(ARTICLE.match(text) or PART.match(text) or CHAPTER.match(text) or SECTION.match(text)
                or ANNEX.match(text))


# A line that may open a part (after its newline: a pattern opening with a literal is searched
# for, not tried at every character): the only lines article_of reads one by one.
_HEADING_LINE = re.compile(r"\n[^\S\n]*(?:Điều|Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Phụ[^\S\n]+lục|PHỤ[^\S\n]+LỤC)\b[^\n]*")


def article_of(text: str, passage: str) -> dict[str, str] | None:
    """The article ({label, anchor}) holding `passage` (a snippet's text, spaces single), or None.

    Every hit of a page asks this of its whole text, and a pháp điển article may hold 240,000
    characters: cutting it into words cost 4 ms a hit (the text split once, 20 long articles:
    70–80 ms). So only the lines that may open a part are read, and the passage is found in the
    text as written, any run of white space between its words.
    """
    words = passage[:120].split()
    if not words:
        return None
    text = "\n" + nfc(text)
    starts: list[int] = []
    articles: list[dict[str, str]] = []
    anchors = Anchors()
    for line in _HEADING_LINE.finditer(text):
        joined = " ".join(line.group().split())
        if ARTICLE.match(joined) or anchors_part_like(joined):
            found = anchors.part(joined)
            if found and found[0] == "dieu":
                starts.append(line.start())
                articles.append({"label": _label(joined), "anchor": found[1]})
    if not articles:
        return None
    at = _written_at(text, words)
    if at < 0:
        return None
    index = bisect_right(starts, at) - 1
    return articles[index] if index >= 0 else None


def _written_at(text: str, words: list[str]) -> int:
    """Where the words stand in the text with any white space between them (the last may be cut
    short), or -1. Found from their first word: a pattern compiled for each passage cost 3 ms, more
    than the rest of article_of (7 in 10 snippets of pháp điển articles run over a line end)."""
    at = text.find(words[0])
    while at >= 0:
        reach = 2 * sum(map(len, words)) + 64
        written = text[at:at + reach].split()[:len(words)]
        while len(written) < len(words) and at + reach < len(text):  # wide white space (tables)
            reach *= 4
            written = text[at:at + reach].split()[:len(words)]
        if written[:-1] == words[:-1] and len(written) == len(words) and written[-1].startswith(words[-1]):
            return at
        at = text.find(words[0], at + 1)
    return -1
