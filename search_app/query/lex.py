"""What the user typed → pieces: words, "phrases", -exclusions, OR, numbers.

The lexer never fails: unbalanced quotes close at the end, stray operators
and field syntax are read as plain text, control characters are dropped.
The pieces keep the marks as typed; search_app.query.understand decides what they mean.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from indexer.text import NUMBER_RE, nfc, tokens

_LEX = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OPERATOR_WORDS = {"AND", "VÀ", "NOT"}
OR_WORDS = {"OR", "HOẶC", "|"}
_STRIP = "()[]{}*:^~!+\\'`,;?"
_NUMBER_ANY_CASE = re.compile(NUMBER_RE.pattern, re.I)


@dataclass
class Piece:
    """One typed thing. kind: "word" (one syllable or code), "phrase" (quoted), "number", "or"."""

    kind: str
    tokens: tuple[str, ...] = ()
    negated: bool = False


def clean_input(raw: str) -> str:
    """NFC, control and format characters (NUL, RTL marks) replaced by spaces."""
    text = nfc(raw)
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") else ch for ch in text)


def is_number(token: str) -> bool:
    """'116/TB-VPCP', '116/tb-vpcp', '07-kl/tw': a document number, typed any way."""
    return bool(_NUMBER_ANY_CASE.fullmatch(token))


def lex(raw: str) -> list[Piece]:
    """The pieces of a query, in order; a `-word` made of several syllables gives several pieces."""
    pieces: list[Piece] = []
    for match in _LEX.finditer(clean_input(raw)):
        negated, phrase, word = match.group(1) == "-", match.group(2), match.group(3)
        if phrase is not None:
            toks = tuple(tokens(phrase))
            if toks:
                pieces.append(Piece("phrase" if len(toks) > 1 else "word", toks, negated))
            continue
        if word.upper() in OR_WORDS:
            pieces.append(Piece("or"))
            continue
        if word.upper() in _OPERATOR_WORDS:
            continue
        negated = word.startswith("-") and len(word) > 1
        word = word.lstrip("-").strip(_STRIP)
        compact = re.sub(r"[^\w/\-.&]", "", word)
        if is_number(compact):
            pieces.append(Piece("number", (compact,), negated))
            continue
        toks = tokens(word)
        if len(toks) > 1 and negated:  # "-covid-19" typed as one: excluded whole
            pieces.append(Piece("phrase", tuple(toks), True))
        else:
            pieces.extend(Piece("word", (t,), negated) for t in toks)
    return pieces
