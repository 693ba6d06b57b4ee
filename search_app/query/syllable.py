"""Is this a possible Vietnamese syllable? (onset, vowels, final consonant; marks ignored)

Spelling correction must never rewrite a real word: "chiếu", "mũi", "sin"
are syllables even when the index lacks them, while "cahc" or "nghiêmm"
cannot be. The check is structural (the letters a syllable can be made of,
in the order they can come), so it knows no vocabulary and no collection.
"""

from __future__ import annotations

import re
import unicodedata

from indexer.text import fold

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_VOWELS = r"[aeiouy]{1,3}"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(_ONSET + _VOWELS + _CODA)


def is_syllable(word: str) -> bool:
    """True for 'cách', 'chieu', 'nghiêng', 'quốc'; False for 'cahc', 'xinn', 'covid'.

    A letter outside Vietnamese (f, j, w, z) or a digit makes it not a syllable.
    """
    folded = fold(word).lower()
    return bool(_SYLLABLE.fullmatch(folded)) and len(folded) <= 7


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


def tone_variants(word: str) -> list[str]:
    """The other placement of the tone mark in an open oa/oe/uy syllable: "hòa" ↔ "hoà", "thủy" ↔ "thuỷ".

    Both placements are in use (old and new style) for the same word, so a
    word typed with marks is also searched in the other placement.
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return []
    base = decomposed.replace(tones[0], "")
    letters = [c for c in base if not unicodedata.combining(c)]
    tail = "".join(letters[-2:])
    if len(letters) < 2 or tail not in ("oa", "oe", "uy") or (tail == "uy" and letters[-3:-2] == ["q"]):
        return []
    # the positions (in `base`) of the two vowels' last characters, marks included
    ends = [i for i, c in enumerate(base) if not unicodedata.combining(c)][-2:]
    out = []
    for i in ends:
        j = i + 1
        while j < len(base) and unicodedata.combining(base[j]):
            j += 1
        variant = unicodedata.normalize("NFC", base[:j] + tones[0] + base[j:])
        if variant != unicodedata.normalize("NFC", word.lower()):
            out.append(variant)
    return out
