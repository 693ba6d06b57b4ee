"""The JSON API: the same parameters as the page, answers shaped as documented."""

from __future__ import annotations

import pytest

ALL = 6


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_search_answer_has_the_documented_shape(client) -> None:
    # exactly the README's fields ("JSON API"): a field added or lost is a change other tools notice
    data = get(client, "/api/search?q=cach+ly")
    assert set(data) == {"total", "page", "per_page", "pages", "sort", "took_ms", "suggestion", "relaxed", "hits",
                         "facets", "facet_more", "undated", "undated_url", "number_answer", "notice",
                         "minimum_should_match", "required_words", "not_required", "accents", "accent_fallback",
                         "excluded", "exclusion_emptied", "corrected", "exact_url", "filter_suggestions",
                         "query_notes", "syllable_fallback"}
    assert all(set(hit) == {"id", "number", "doc_type", "issuer", "date", "subject", "snippet", "url", "score",
                            "added", "article", "date_precision", "number_match", "title", "copies", "versions", "superseded"}
               for hit in data["hits"])
    assert list(data["facets"]) == ["issuer", "doc_type", "date", "topic", "recipient", "signer", "issuer_level",
                                  "urgency"]
    assert set(data["facet_more"]) == set(data["facets"])
    value = {"value", "label", "count", "selected", "toggle_url"}
    assert all(set(v) == (value | {"level"} if name == "date" else value)
               for name, values in data["facets"].items() for v in values)


def test_snippet_marks_the_accented_words_of_an_unaccented_query(client) -> None:
    hit = get(client, "/api/search?q=cach+ly")["hits"][0]
    assert "«cách»" in hit["snippet"].lower() or "«cách ly»" in hit["snippet"].lower()


def test_empty_query_browses_everything_newest_first(client) -> None:
    data = get(client, "/api/search")
    dates = [h["date"] for h in data["hits"]]
    assert data["total"] == ALL and data["sort"] == "newest"
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[-2:] == [None, None]


def test_oldest_sort_reverses_the_dated_documents(client) -> None:
    dates = [h["date"] for h in get(client, "/api/search?sort=oldest")["hits"] if h["date"]]
    assert dates == sorted(dates)


def test_filtering_by_issuer_alone_works(client) -> None:
    data = get(client, "/api/search?issuer=%E1%BB%A6y+ban+nh%C3%A2n+d%C3%A2n+t%E1%BB%89nh+B%E1%BA%AFc+K%E1%BA%A1n")
    assert [h["id"] for h in data["hits"]] == ["000_0f98641f82c5dfd6"]


def test_values_of_one_facet_combine_with_or_and_facets_with_and(client) -> None:
    both = get(client, "/api/search?doc_type=Th%C3%B4ng+b%C3%A1o&doc_type=C%C3%B4ng+v%C4%83n")
    assert both["total"] == ALL
    notices_about_vaccines = get(client, "/api/search?doc_type=Th%C3%B4ng+b%C3%A1o&topic=v%E1%BA%AFc+xin")
    assert {h["id"] for h in notices_about_vaccines["hits"]} == {"002_c04e52781ff4fa00", "003_c722c5a340bb8371-2"}


def test_facet_counts_follow_the_result_set(client) -> None:
    data = get(client, "/api/search?q=dak+nong")
    issuers = {v["value"]: v["count"] for v in data["facets"]["issuer"]}
    assert issuers == {"Ủy ban nhân dân tỉnh Đắk Nông": 1}


def test_a_selected_facet_keeps_its_other_values_countable(client) -> None:
    data = get(client, "/api/search?doc_type=Th%C3%B4ng+b%C3%A1o")
    types = {v["value"]: (v["count"], v["selected"]) for v in data["facets"]["doc_type"]}
    assert types == {"Công văn": (4, False), "Thông báo": (2, True)}
    assert data["total"] == 2


def test_date_range_filters_and_date_facet_counts_years(client) -> None:
    data = get(client, "/api/search?date_from=2021-05-01&date_to=2021-05-31")
    assert {h["id"] for h in data["hits"]} == {"000_0f98641f82c5dfd6", "004_75835d91483e78d7"}
    everything = get(client, "/api/search")
    assert [(v["value"], v["count"]) for v in everything["facets"]["date"]] == [("2021", 4)]


def test_pagination(client) -> None:
    first = get(client, "/api/search?per_page=4")
    second = get(client, "/api/search?per_page=4&page=2")
    assert (first["pages"], len(first["hits"]), len(second["hits"])) == (2, 4, 2)
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_a_misspelt_word_gets_a_suggestion_and_results(client) -> None:
    # "vac sin" stands nowhere: the documents shown are those of "vac xin", the suggestion
    data = get(client, "/api/search?q=vac+sin&per_page=100")
    meant = get(client, "/api/search?q=vac+xin&per_page=100")
    assert data["suggestion"] == "vac xin" and meant["total"] >= 4
    assert {h["id"] for h in data["hits"]} == {h["id"] for h in meant["hits"]} and data["total"] == meant["total"]


def test_no_match_is_an_empty_answer_not_an_error(client) -> None:
    data = get(client, "/api/search?q=%22tau+vu+tru+sao+hoa%22")
    assert (data["total"], data["hits"]) == (0, [])


def test_document_answer_resolves_citations_and_backlinks(client) -> None:
    letter = get(client, "/api/documents/003_c722c5a340bb8371")
    assert letter["cites"] == [
        {"number": "285/TB-VPCP", "date": "2021-10-27", "id": "003_c722c5a340bb8371-2"},
        {"number": "128/NQ-CP", "date": None, "id": None},
    ]
    notice = get(client, "/api/documents/003_c722c5a340bb8371-2")
    assert notice["cited_by"] == ["003_c722c5a340bb8371"]
    assert notice["issuer"] == "Văn phòng Chính phủ"


def test_unknown_document_is_a_404_in_json(client) -> None:
    response = client.get("/api/documents/khong-co")
    assert response.status_code == 404 and "Không tìm thấy" in response.get_json()["error"]


@pytest.mark.parametrize("query, fragment", [
    ("page=0", "page"),
    ("per_page=10000", "per_page"),
    ("date_to=abc", "date_to"),
    ("q=" + "a" * 5000, "quá dài"),
    ("sort=random", "sắp xếp"),
    ("page=abc", "số nguyên"),
    ("colour=red", "không được hỗ trợ"),
    ("date_from=2021-06-01&date_to=2021-05-01", "date_from"),
])
def test_bad_parameters_are_a_400_saying_what_is_wrong(client, query: str, fragment: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert fragment in response.get_json()["error"]


def test_choosing_a_year_opens_its_months(client) -> None:
    year = get(client, "/api/search")["facets"]["date"][0]
    assert year["toggle_url"] == "/?date_from=2021-01-01&date_to=2021-12-31"
    months = get(client, "/api/search?date_from=2021-01-01&date_to=2021-12-31")["facets"]["date"]
    assert [(v["value"], v["count"], v["selected"]) for v in months] == [
        ("2021", 4, True), ("2021-10", 2, False), ("2021-05", 2, False)]


def test_json_and_page_agree(client) -> None:
    api = get(client, "/api/search?q=vac+xin&per_page=3")
    html = client.get("/?q=vac+xin&per_page=3").get_data(as_text=True)
    assert f'data-testid="total">{api["total"]}<' in html
    for hit in api["hits"]:
        assert f'href="{hit["url"]}?q=vac+xin&amp;per_page=3' in html  # the hit carries the search
