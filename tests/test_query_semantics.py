"""What a query means, through the API: long questions, whole-word operators, honest accents, dates and agencies.

Each test is one failure a user met (issue 11), over a small collection of
real law articles and short official texts (tests/fixtures/query_semantics.jsonl).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.engine import open_writer
from indexer.record import Record
from indexer.text import fold_word, tokens
from search_app import create_app

FIXTURE = Path(__file__).parent / "fixtures" / "query_semantics.jsonl"
LONG_QUESTION = ("Người nghiện ma túy từ đủ 18 tuổi trở lên bị áp dụng biện pháp xử lý hành chính đưa vào cơ sở "
                 "cai nghiện bắt buộc theo quy định của Luật Xử lý vi phạm hành chính khi bị phát hiện sử dụng "
                 "chất ma túy một cách trái phép trong thời gian cai nghiện ma túy tự nguyện, đúng hay sai?")


RECORDS = [Record.from_dict(json.loads(line)) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def holding(*folded: str) -> set[str]:
    """The fixture documents holding every one of these folded syllables, in any marks, where a query
    looks (subject, issuer, the text without its layout's fixed parts)."""
    def words(record: Record) -> set[str]:
        searched = f"{record.subject or ''}\n{record.issuer or ''}\n{record.searchable_text()}"
        return {fold_word(t).lower() for t in tokens(searched)}
    return {record.id for record in RECORDS if set(folded) <= words(record)}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("query-semantics")
    with open_writer(root, fresh=True) as writer:
        writer.add(RECORDS)
    return create_app({"INDEX_DIR": str(root), "TESTING": True}).test_client()


def api(client, q: str, **params: str) -> dict:
    response = client.get("/api/search", query_string={"q": q, **params})
    assert response.status_code == 200
    return response.get_json()


def ids(answer: dict) -> list[str]:
    return [hit["id"] for hit in answer["hits"]]


def marked(answer: dict) -> set[str]:
    """The words the snippets highlight, lower case."""
    return {word.lower() for hit in answer["hits"] for word in hit["snippet"].split("«")[1:]
            for word in [word.split("»")[0]]}


def test_a_long_question_finds_the_article_holding_most_of_its_words(client) -> None:
    answer = api(client, LONG_QUESTION)
    assert answer["total"] > 0
    assert ids(answer)[0] == "LPCMT-32"
    assert answer["relaxed"] is True
    assert "đúng hay sai" in answer["not_required"]


def test_the_page_says_which_words_were_not_required(client) -> None:
    page = client.get("/", query_string={"q": LONG_QUESTION}).get_data(as_text=True)
    assert "Không bắt buộc có đủ mọi từ" in page
    assert "«đúng hay sai»" in page


def test_a_question_whose_words_never_stand_together_still_gets_a_page(client) -> None:
    answer = api(client, "phong tỏa xét nghiệm khám chữa bệnh")
    assert answer["total"] > 0 and answer["relaxed"] is True


def test_exclusion_takes_the_whole_word(client) -> None:
    answer = api(client, "cách ly -phong tỏa")
    assert set(ids(answer)) == {"cl-nha", "cl-phong", "vpcp-cl", "bk-cl"}
    assert answer["excluded"] == ["phong tỏa"]


def test_exclusion_without_marks_takes_the_whole_word(client) -> None:
    assert set(ids(api(client, "cach ly -phong toa"))) == {"cl-nha", "cl-phong", "vpcp-cl", "bk-cl"}


def test_or_joins_whole_words(client) -> None:
    answer = api(client, "cách ly OR phong tỏa")
    assert set(ids(answer)) == {"cl-nha", "cl-phongtoa", "cl-phong", "pt-only", "vpcp-cl", "bk-cl"}


def test_an_exclusion_that_empties_the_page_says_so(client) -> None:
    # cl-phongtoa says "khu": the exclusion leaves pt-only, so it emptied nothing
    answer = api(client, "phong tỏa -khu")
    assert (ids(answer), answer["exclusion_emptied"]) == (["pt-only"], False)
    emptied = api(client, "phong tỏa -phong")
    assert emptied["total"] == 0
    assert emptied["exclusion_emptied"] is True
    assert any('-"phong"' in line for line in emptied["query_notes"])


def test_marked_query_counts_only_exact_matches(client) -> None:
    answer = api(client, "vé số")
    assert ids(answer) == ["ve-so"]
    assert marked(answer) == {"vé", "số"}


def test_marks_typed_highlight_only_the_same_marks(client) -> None:
    answer = api(client, "khám chữa bệnh")
    assert ids(answer) == ["kham"]
    assert marked(answer) == {"khám", "chữa", "bệnh"}  # never "chưa", "khâm" …


def test_unmarked_query_matches_and_highlights_any_marks(client) -> None:
    answer = api(client, "ve so")
    assert set(ids(answer)) <= holding("ve", "so")  # never a document without both syllables
    assert {"ve-so", "so-ca"} <= set(ids(answer))  # "vé số" and "về … sở": both spellings
    assert {fold_word(w) for w in marked(answer)} == {"ve", "so"}
    assert {"vé", "số", "về"} <= marked(answer)


def test_marked_query_without_exact_match_falls_back_with_a_label(client) -> None:
    answer = api(client, "phọng tòa")  # typed with wrong marks: no document has them
    assert answer["total"] > 0
    assert answer["accent_fallback"] is True
    assert any("khớp khi bỏ dấu" in line for line in answer["query_notes"])


@pytest.mark.parametrize("q", ["hộ chiếu vắc xin", "mũi vắc xin"])
def test_real_words_are_never_rewritten(client, q: str) -> None:
    # every word is a real syllable standing in the collection: nothing to correct or suggest
    answer = api(client, q)
    assert (answer["corrected"], answer["suggestion"]) == (None, None)
    assert all(q.split()[-1] in hit["snippet"].replace("«", "").replace("»", "") for hit in answer["hits"])


def test_swapped_letters_are_corrected_with_marks_and_an_exact_link(client) -> None:
    answer = api(client, "cahc ly")
    assert answer["corrected"] == "cách ly"
    assert answer["total"] > 0
    assert answer["exact_url"] and "exact=1" in answer["exact_url"]
    page = client.get("/", query_string={"q": "cahc ly"}).get_data(as_text=True)
    assert "Tìm chính xác" in page
    exact = api(client, "cahc ly", exact="1")
    assert exact["corrected"] is None
    assert "cách" not in marked(exact)


def test_agency_and_month_named_in_the_query_boost_and_suggest_a_filter(client) -> None:
    answer = api(client, "Văn phòng Chính phủ nói gì về cách ly tháng 10/2021")
    assert ids(answer)[0] == "vpcp-cl"
    assert "bk-cl" in ids(answer)  # a boost, never a silent filter
    labels = [chip["label"] for chip in answer["filter_suggestions"]]
    assert labels == ["Lọc: Văn phòng Chính phủ · 10/2021"]
    assert "date_from=2021-10-01" in answer["filter_suggestions"][0]["url"]


def test_how_staff_ask_is_question_wording_not_a_required_word(client) -> None:
    # "nói gì về" (what did … say about) never narrows the page to texts that happen to say "nói"
    answer = api(client, "Văn phòng Chính phủ nói gì về cách ly tháng 10/2021")
    about_isolation = {"cl-nha", "cl-phongtoa", "cl-phong", "vpcp-cl", "bk-cl"}
    assert set(ids(answer)) == about_isolation and answer["total"] == len(about_isolation)
    assert "nói gì về" in answer["not_required"]


def test_agency_abbreviation_and_year_in_the_query(client) -> None:
    answer = api(client, "công văn UBND tỉnh Bắc Kạn năm 2022 cách ly")
    assert answer["filter_suggestions"][0]["label"] == "Lọc: Ủy ban nhân dân tỉnh Bắc Kạn · năm 2022"
    assert ids(answer)[0] in {"cl-nha", "cl-phongtoa", "bk-cl"}


def test_the_page_shows_the_accent_label_and_the_suggested_filter(client) -> None:
    page = client.get("/", query_string={"q": "phọng tòa"}).get_data(as_text=True)
    assert "khớp khi bỏ dấu" in page
    page = client.get("/", query_string={"q": "Văn phòng Chính phủ nói gì về cách ly tháng 10/2021"})
    text = page.get_data(as_text=True)
    assert "Lọc: Văn phòng Chính phủ · 10/2021" in text
    assert "date_from=2021-10-01" in text


def test_the_page_names_an_exclusion_that_removed_everything(client) -> None:
    page = client.get("/", query_string={"q": "phong tỏa -phong"}).get_data(as_text=True)
    assert "đã loại hết kết quả" in page
    assert "-&#34;phong&#34;" in page or '-"phong"' in page


def test_either_tone_placement_is_the_same_word(client) -> None:
    # "hòa" (new style) and "hoà" (old style) spell one word; the text has "hoà giải"
    answer = api(client, "hòa giải")
    assert ids(answer)[0] == "hoa-giai"
    assert answer["accent_fallback"] is False
    assert {"hoà", "giải"} <= marked(answer)
