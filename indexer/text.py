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
_SPLIT_RE = re.compile(r"[/\-._]")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    """Compose to NFC so that one letter is one code point, whatever the source did."""
    return unicodedata.normalize("NFC", text)


def _fold_table() -> dict[int, int | None]:
    """One translate table: every precomposed Latin letter → its base letter,
    combining marks → nothing, đ/Đ and lookalikes → d/D."""
    table: dict[int, int | None] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code):
            table[code] = ord(base)
    for code in range(0x0300, 0x0370):
        table[code] = None
    for letter, plain in (("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D")):
        table[ord(letter)] = ord(plain)
    return table


_FOLD_TABLE = _fold_table()

# Vietnamese capital letters, for patterns that must tell a capital from a small letter.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# A document number: digits (66.16 dotted too), an optional year, then symbol parts
# starting with a capital: 116/TB-VPCP, 07-KL/TW, 57/2020/QH14, 30/2020/NĐ-CP,
# 66.16/2026/NQ-CP. Dates (19/5/2021) and codes (Covid-19) do not have that shape,
# so they are never taken for numbers.
# A code glued to the next word by a portal's or converter's lost space ('131/2012/TT-BTCngày 13/8/2012') ends
# where 'ngày' or 'của' starts; without that, the number was cut to '131/2012/TT'.
NUMBER_RE = re.compile(
    rf"(?<![\w/.])(\d{{1,5}}(?:\.\d{{1,5}})?[a-z]?(?:/\d{{4}})?(?:[/\-][{UPPER}][A-Za-z{UPPER}đ0-9&]*)+)"
    r"(?:(?![\w/])|(?=ngày|của))"
)

# A code printed with a space at its hyphen ('388/2003/NQ - UBTVQH11', '07/2019/TT- BLĐTBXH'): one number.
_SPACED_CODE = re.compile(r"(\d+/\d{4}/[A-ZĐ]+)(?:\s+-\s*|-\s+)([A-ZĐ]+\d*)\b")


def joined_codes(text: str) -> str:
    """The text with each number's spaced hyphen closed, so NUMBER_RE reads the number whole."""
    return _SPACED_CODE.sub(r"\1-\2", text)


def letter_variants() -> dict[str, str]:
    """Each lower-case base letter → every letter folding to it (itself included), from the fold table:
    what a highlighter needs to find a folded word in unfolded text."""
    members: dict[str, set[str]] = {}
    for code, target in _FOLD_TABLE.items():
        if target is None:
            continue
        base = chr(target).lower()
        if base.isascii() and base.isalpha():
            members.setdefault(base, {base}).add(chr(code))
    return {base: "".join(sorted(chars)) for base, chars in members.items()}


def fold(text: str) -> str:
    """Remove Vietnamese marks and map đ→d: 'Đắk Nông' → 'Dak Nong'.

    Composes to NFC first, so NFD input folds exactly like NFC input; marks
    are dropped, never mapped to letters (as Whoosh's accent_map does with the
    dot below). One str.translate: fast enough for whole documents.
    """
    return nfc(text).translate(_FOLD_TABLE)


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """fold() of one word, cached: the analyzers fold every word of every document,
    and a collection's vocabulary is small."""
    return fold(word)


def fold_key(text: str) -> str:
    """Lower-cased folded form with single spaces: the key for comparing names."""
    if len(text) <= _SHORT:
        return _fold_key_short(text)
    return _SPACE_RE.sub(" ", fold(text).lower()).strip()


_SHORT = 200  # lines and names: extraction folds the same ones again and again


@lru_cache(maxsize=65_536)
def _fold_key_short(text: str) -> str:
    return _SPACE_RE.sub(" ", fold(text).lower()).strip()


@lru_cache(maxsize=100_000)
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
    return _CODE_CHARS(token) is not None


_CODE_CHARS = re.compile(r"[\d/]").search


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[str, ...]:
    out: list[str] = []
    append = out.append
    for tok in TOKEN_RE.findall(nfc(text).lower()):
        if "-" not in tok and "." not in tok and "_" not in tok:
            append(tok)
            continue
        tok = tok.strip("._")
        if not tok:
            continue
        if _CODE_CHARS(tok):
            append(tok)
        else:
            out.extend(p for p in _SPLIT_RE.split(tok) if p)
    return tuple(out)


def tokens(text: str) -> list[str]:
    """Split NFC text into lower-cased words and codes, in reading order.

    Codes stay whole; hyphenated plain words split into their syllables.
    The last few texts are cached: a document's body is cut once for its
    exact, folded and pair fields.
    """
    return list(_tokens(text))


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


# Control characters no stored field may hold: XML (the feed), HTTP headers and the report lines refuse them.
# Line and page breaks of every kind become a newline; the rest go (tab and newline stay).
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_controls(text: str) -> str:
    """The text with breaks as newlines and no other control character (every stored field is cleaned so)."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


def has_controls(text: str) -> bool:
    """Does a typed value (a query, a parameter) hold a control character (tab and newline aside)?"""
    return _ANY_CONTROL.search(text.replace("\t", " ").replace("\n", " ").replace("\r", " ")) is not None
