"""Agency abbreviations written out, as the facet boxes and the search box suggestions read them."""

from __future__ import annotations

from indexer.abbreviations import expand_abbreviations


def test_abbreviations_are_written_out_beside_the_folded_text() -> None:
    assert expand_abbreviations("UBND") == ["ubnd", "uy ban nhan dan"]
    assert expand_abbreviations("sở yt") == ["so yt", "so y te"]
    assert "ban chi huy quan su" in expand_abbreviations("BCH quân sự")
    assert expand_abbreviations("Tòa án") == ["toa an"] and expand_abbreviations("  ") == []
