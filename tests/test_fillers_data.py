"""indexer/data/fillers.json: staff-editable question wording, checked when it changes."""

from __future__ import annotations

from indexer import vocab
from search_app.syllable import is_syllable


def test_fillers_are_vietnamese_words_listed_once() -> None:
    data = vocab.fillers()
    phrases = [p.lower() for p in data["phrases"]]
    words = [w.lower() for w in data["words"]]
    assert len(set(phrases)) == len(phrases) and len(set(words)) == len(words)
    for entry in phrases + words:
        assert all(is_syllable(s) for s in entry.split()), entry


def test_question_wording_is_listed() -> None:
    phrases = set(vocab.fillers()["phrases"])
    assert {"đúng hay sai", "có được không", "theo quy định", "như thế nào", "là gì", "trường hợp nào"} <= phrases
