"""Where text is normalised and folded: the one place that knows Vietnamese marks.

Every other module calls these functions, so NFC/NFD/mixed input, the đ/Đ
letters and their lookalikes behave the same in the index, the query and the
highlighter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# đ/Đ have no combining mark to strip; Ð/ð (Icelandic eth) are common OCR lookalikes.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})

# A token: a word, a number, or a code such as 2973/UBND-VXNV, 07-KL/TW, Covid-19, 5K.
TOKEN_RE = re.compile(r"\w+(?:[/\-.]\w+)*")
_SPLIT_RE = re.compile(r"[/\-.]")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    """Compose to NFC so that one letter is one code point, whatever the source did."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Remove Vietnamese marks and map đ→d: 'Đắk Nông' → 'Dak Nong'.

    Decomposes after composing so NFD input folds exactly like NFC input, then
    drops combining marks (never maps them to letters, as Whoosh's accent_map does).
    """
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_LETTER_FOLDS))


def fold_key(text: str) -> str:
    """Lower-cased folded form with single spaces: the key for comparing names."""
    return _SPACE_RE.sub(" ", fold(text).lower()).strip()


def has_marks(text: str) -> bool:
    """True when folding changes the text: the user typed Vietnamese marks or đ."""
    return fold(text) != nfc(text)


def clean_spaces(text: str) -> str:
    """Collapse runs of spaces (including no-break and zero-width ones) to one."""
    return _SPACE_RE.sub(" ", text).strip()


def is_code(token: str) -> bool:
    """A document number or code (2973/UBND-VXNV, Covid-19, 5K) rather than a word.

    A token keeps its joiners only when it carries a digit or a slash:
    "kinh tế-xã hội" is two words, "Covid-19" one code.
    """
    return any(c.isdigit() or c == "/" for c in token)


def tokens(text: str) -> list[str]:
    """Split NFC text into lower-cased words and codes, in reading order.

    Codes stay whole; hyphenated plain words split into their syllables.
    """
    out: list[str] = []
    for match in TOKEN_RE.finditer(nfc(text)):
        tok = match.group().lower().strip("._")
        if not tok:
            continue
        if is_code(tok):
            out.append(tok)
        else:
            out.extend(p for p in _SPLIT_RE.split(tok) if p)
    return out


def code_parts(code: str) -> list[str]:
    """The pieces of a code, so '2973' or 'covid 19' still find it."""
    return [p for p in _SPLIT_RE.split(code) if p]


def number_key(number: str) -> str:
    """Canonical lookup key of a document number: folded, lower-cased, no spaces.

    '570/CĐ-TTg', '570 / CD-TTG' and NFD variants all give '570/cd-ttg'.
    """
    key = fold(number).lower()
    key = re.sub(r"\s+", "", key)
    return key.replace("\u2013", "-").replace("\u2011", "-")
