"""The snippet under each hit shows the passage with the most query words, whole.

Snippets of long articles are chosen from where the query words stand and only
the best windows are cut into words (search_app/query/snippets.py); these are
the ways that can go wrong in front of a user.
"""

from __future__ import annotations

from search_app.query.snippets import snippet
from search_app.query.understand import understand

FILLER = "Văn bản này quy định về việc thực hiện các nhiệm vụ được giao cho các cơ quan đơn vị. "
BETWEEN = "các cơ quan đơn vị phối hợp thực hiện nhiệm vụ được giao theo quy định hiện hành và báo cáo kết quả "


def _shown(text: str, query: str) -> list[str]:
    return [piece.lower() for piece, hit in snippet(text, understand(query).terms()) if hit]


def test_the_snippet_keeps_the_last_word_of_the_passage_it_was_chosen_for() -> None:
    # GIVEN the two query words about 200 characters apart, within one snippet's width
    text = FILLER * 12 + "Tiêm vắc xin cho người đã " + BETWEEN * 2 + "có hộ chiếu. " + FILLER * 12
    # THEN the snippet shows both, not the first with the second cut off by the context before it
    assert _shown(text, "vắc xin hộ chiếu") == ["vắc", "xin", "hộ", "chiếu"]


def test_a_long_article_shows_the_one_passage_holding_every_query_word() -> None:
    # GIVEN a 300,000-character article: each word alone many times, together only near its end
    alone = (FILLER + "Người sử dụng đất. " + FILLER + "Quyền của tổ chức. " + FILLER + "Nghĩa vụ tài chính. ") * 1000
    text = alone + "Điều 99. Quyền và nghĩa vụ của người sử dụng đất được quy định như sau. " + FILLER * 3
    assert len(text) > 300_000
    shown = _shown(text, "quyền và nghĩa vụ của người sử dụng đất")
    # THEN that passage is the snippet, every word lit
    assert {"quyền", "nghĩa", "vụ", "người", "sử", "dụng", "đất"} <= set(shown)


def test_a_window_with_more_distinct_words_wins_over_one_repeating_a_word() -> None:
    text = (FILLER * 3 + "cách ly cách ly cách ly cách ly. " + FILLER * 3
            + "cách ly tại nhà theo hướng dẫn. " + FILLER * 3)
    shown = _shown(text, "cách ly tại nhà")
    assert {"cách", "ly", "tại", "nhà"} <= set(shown)


def test_a_phrase_lights_only_where_its_words_stand_together() -> None:
    text = FILLER * 5 + "hộ gia đình có chiếu cói; " + FILLER * 5 + "cấp hộ chiếu phổ thông. " + FILLER
    shown = _shown(text, '"hộ chiếu"')
    assert shown == ["hộ", "chiếu"]
