"""Is this a possible Vietnamese syllable? (onset, vowels, final consonant; marks ignored)

Spelling correction must never rewrite a real word: "chiếu", "mũi", "sin"
are syllables even when the index lacks them, while "cahc" or "nghiêmm"
cannot be. The check is structural (the letters a syllable can be made of,
in the order they can come), so it knows no vocabulary and no collection.
"""

from __future__ import annotations

import re

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
