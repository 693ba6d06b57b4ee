"""Agency abbreviations written out, as the facet boxes and the search box suggestions read them."""

from __future__ import annotations

from indexer.text import fold_key
from indexer.words.abbreviations import expand_abbreviations


def _folded(text: str) -> list[str]:
    return [fold_key(reading) for reading in expand_abbreviations(text)]


def test_abbreviations_are_written_out_beside_the_text_as_typed() -> None:
    assert _folded("UBND") == ["ubnd", "uy ban nhan dan"]
    assert _folded("sở yt") == ["so yt", "so y te"]
    assert "ban chi huy quan su" in _folded("BCH quân sự")
    assert _folded("Tòa án") == ["toa an"] and expand_abbreviations("  ") == []
