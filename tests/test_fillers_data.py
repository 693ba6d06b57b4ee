"""indexer/data/fillers.json: staff-editable question wording, checked when it changes, and what it does."""

from __future__ import annotations

import pytest

from indexer.words import vocab
from search_app.query.syllable import is_syllable
from search_app.query.understand import understand


def test_fillers_are_vietnamese_words_listed_once() -> None:
    data = vocab.fillers()
    phrases = [p.lower() for p in data["phrases"]]
    words = [w.lower() for w in data["words"]]
    assert len(set(phrases)) == len(phrases) and len(set(words)) == len(words)
    for entry in phrases + words:
        assert all(is_syllable(s) for s in entry.split()), entry


@pytest.mark.parametrize("wording", ["đúng hay sai", "có được không", "theo quy định", "như thế nào", "là gì",
                                     "trường hợp nào", "nói gì về"])
def test_how_people_ask_is_never_a_required_word(wording: str) -> None:
    # "cách ly đúng hay sai?" asks about cách ly: only "cách ly" must be in a document
    understood = understand(f"cách ly {wording}?")
    assert understood.words == ("cách ly",) and understood.fillers == (wording,)
    required = {token for group in understood.spec.groups for clause in group for token in clause.tokens}
    assert required <= {"cách", "ly", "li"}
