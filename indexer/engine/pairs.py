"""How two syllables standing together are spelled as one term, alike in both engines' queries.

The index holds every adjacent pair of syllables twice: folded in `pairs`
("hoa_giai") and as written in `pairs_x` ("hòa_giải"), so a phrase typed with
marks can match them exactly.
"""

from __future__ import annotations

from indexer.text import fold, has_marks, nfc


def pair_term(first: str, second: str, exact: bool) -> tuple[str, str]:
    """(field, term) of two syllables standing together: as written when both carry marks and the
    query matches marks exactly ("hòa_giải" in `pairs_x`), else folded ("hoa_giai" in `pairs`)."""
    a, b = nfc(first).lower(), nfc(second).lower()
    if exact and has_marks(a) and has_marks(b):
        return "pairs_x", f"{a}_{b}"
    return "pairs", f"{fold(a)}_{fold(b)}"
