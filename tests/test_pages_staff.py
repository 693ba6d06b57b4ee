"""What staff expect around the search: shared links, paging, filters, numbers not held, superseded texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer import pipeline
from search_app import create_app

OLD = """UỶ BAN NHÂN DÂN
TỈNH BẮC KẠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 10/QĐ-UBND

Bắc Kạn, ngày 05 tháng 01 năm 2020

QUYẾT ĐỊNH
Về việc ban hành quy chế làm việc của cơ quan

Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của cơ quan trong việc tiếp nhận văn bản đến.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.

CHỦ TỊCH
Nguyễn Văn An
"""
NEW = OLD.replace("10/QĐ-UBND", "25/QĐ-UBND").replace("05 tháng 01 năm 2020", "01 tháng 3 năm 2022").replace(
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 10/QĐ-UBND "
    "ngày 05/01/2020 của Ủy ban nhân dân tỉnh.")


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


def test_tracking_parameters_of_a_shared_link_are_ignored(client) -> None:
    page = html(client, "/?q=cach+ly&fbclid=IwAR0abc&utm_source=zalo&utm_medium=social&gclid=x")
    assert 'data-testid="total">4<' in page


def test_a_page_past_the_last_says_so_and_links_to_the_last(client) -> None:
    page = html(client, "/?q=cach+ly&page=9")
    assert "Trang 9 không có: 4 văn bản chỉ có 1 trang" in page and "Không tìm thấy văn bản" not in page


def test_the_per_page_selector_shows_what_the_url_says(client) -> None:
    page = html(client, "/?per_page=1")
    assert '<option value="1" selected>1</option>' in page


def test_active_filters_can_be_cleared_at_once_and_are_visible_in_the_search_box(client) -> None:
    page = html(client, "/?q=cach+ly&topic=c%C3%A1ch+ly&doc_type=C%C3%B4ng+v%C4%83n")
    assert '<a class="clear-all" href="/?q=cach+ly">Xóa tất cả bộ lọc</a>' in page
    assert 'data-testid="keep-filters"' in page and 'type="checkbox" name="topic" value="cách ly" checked' in page


def test_facets_are_real_checkboxes_and_every_value_is_reachable(client) -> None:
    page = html(client, "/")
    assert 'type="checkbox" id="f-recipient-1" name="recipient"' in page and "Xem thêm" in page
    first = client.get("/api/search?facet_size=5").get_json()
    assert len(first["facets"]["recipient"]) == 5 and all(v["toggle_url"] for v in first["facets"]["recipient"])
    rest = client.get("/api/search?facet_size=5&facet_offset=5").get_json()["facets"]["recipient"]
    assert not {v["value"] for v in rest} & {v["value"] for v in first["facets"]["recipient"]}
    prefixed = client.get("/api/facets/recipient?prefix=uy+ban").get_json()
    assert prefixed["values"] and all("ủy ban" in v["label"].lower() for v in prefixed["values"])


def test_dates_are_read_and_written_as_dd_mm_yyyy(client) -> None:
    page = html(client, "/?date_from=01/05/2021&date_to=31/05/2021")
    assert 'value="01/05/2021"' in page and 'data-testid="total">' in page


def test_a_number_not_in_the_collection_says_so_and_shows_the_citing_sentence(client) -> None:
    page = html(client, "/?q=570%2FC%C4%90-TTg")
    assert "không có trong kho" in page and "văn bản dẫn chiếu" in page
    answer = client.get("/api/search?q=570/CĐ-TTg").get_json()
    assert answer["number_answer"]["number"] == "570/CĐ-TTg"
    assert all("«570/CĐ-TTg»" in hit["snippet"] for hit in answer["hits"])


def _served(tmp_path: Path, old: str, new: str):  # noqa: ANN202 - Flask's test client
    """A client of an index built from the two decisions."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "old.txt").write_text(old, encoding="utf-8")
    (corpus / "new.txt").write_text(new, encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    return app.test_client()


@pytest.fixture()
def replaced_client(tmp_path: Path):
    return _served(tmp_path, OLD, NEW)


def test_a_replaced_document_warns_and_both_show_the_relation(replaced_client) -> None:
    hits = replaced_client.get("/api/search").get_json()["hits"]
    ids = {h["number"]: h["id"] for h in hits}
    old = html(replaced_client, f"/doc/{ids['10/QĐ-UBND']}")
    assert 'data-testid="superseded"' in old and "Đã bị thay thế bởi" in old and "25/QĐ-UBND" in old
    assert "«Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 10/QĐ-UBND" in old
    new = replaced_client.get(f"/api/documents/{ids['25/QĐ-UBND']}").get_json()
    assert {"type": "thay_the", "direction": "out", "number": "10/QĐ-UBND", "id": ids["10/QĐ-UBND"]}.items() <= \
        next(r for r in new["relations"] if r["type"] == "thay_the").items()


def test_superseded_documents_are_marked_and_can_be_hidden(replaced_client) -> None:
    page = html(replaced_client, "/?q=quy+che+lam+viec")
    assert 'data-testid="total">2<' in page and "Đã bị thay thế hoặc bãi bỏ" in page
    hidden = replaced_client.get("/api/search?q=quy+che+lam+viec&hide_superseded=1").get_json()
    assert hidden["total"] == 1 and [h["number"] for h in hidden["hits"]] == ["25/QĐ-UBND"]
    years = [v for v in hidden["facets"]["date"] if v["level"] == "year"]
    assert [(v["value"], v["count"]) for v in years] == [("2022", 1)]  # the facets leave it out too
    browse = replaced_client.get("/api/search?hide_superseded=1").get_json()
    assert browse["total"] == 1
    marked = {h["number"]: h["superseded"] for h in replaced_client.get("/api/search").get_json()["hits"]}
    assert marked == {"10/QĐ-UBND": True, "25/QĐ-UBND": False}  # the JSON says what the badge says
    old = next(h["id"] for h in replaced_client.get("/api/search").get_json()["hits"] if h["number"] == "10/QĐ-UBND")
    validity = replaced_client.get(f"/api/documents/{old}").get_json()["validity"]
    assert validity["state"] == "superseded" and validity["by"][0]["number"] == "25/QĐ-UBND"


@pytest.fixture()
def coming_client(tmp_path: Path):
    """The new decision replaces the old one from 1 January of the year after next: not yet."""
    year = dt.date.today().year + 2
    coming = NEW.replace("có hiệu lực thi hành kể từ ngày ký và thay thế",
                         f"có hiệu lực thi hành kể từ ngày 01 tháng 01 năm {year} và thay thế")
    return _served(tmp_path, OLD, coming), year


def test_a_replacement_not_yet_in_effect_leaves_the_old_text_in_force(coming_client) -> None:
    """Until the day the new text takes effect, the old one is the law: no red warning, no badge, not
    hidden; its page says from which day it will be replaced."""
    client, year = coming_client
    hits = client.get("/api/search").get_json()["hits"]
    ids = {h["number"]: h["id"] for h in hits}
    old = html(client, f"/doc/{ids['10/QĐ-UBND']}")
    assert 'data-testid="superseded"' not in old and 'data-testid="ending"' in old
    assert "sẽ bị thay thế bởi</strong> <a" in old and f"từ ngày 01/01/{year}" in old
    assert "Đã bị thay thế hoặc bãi bỏ" not in html(client, "/?q=quy+che+lam+viec")
    assert client.get("/api/search?q=quy+che+lam+viec&hide_superseded=1").get_json()["total"] == 2
    validity = client.get(f"/api/documents/{ids['10/QĐ-UBND']}").get_json()["validity"]
    assert validity["state"] == "ending" and validity["by"][0]["number"] == "25/QĐ-UBND"
    assert validity["by"][0]["date"] == f"{year}-01-01"
    assert not any(h["superseded"] for h in client.get("/api/search").get_json()["hits"])


def test_a_new_search_shows_each_kept_date_as_its_own_checkbox(client) -> None:
    page = html(client, "/?q=covid&date_from=2021-05-01&date_to=2021-10-31")
    assert 'name="date_from" value="01/05/2021" checked' in page and 'name="date_to" value="31/10/2021" checked' in page


def test_an_unknown_facet_is_a_clear_400(client) -> None:
    response = client.get("/api/facets/mau_sac")
    assert response.status_code == 400 and "Không có bộ lọc" in response.get_json()["error"]


def test_undated_documents_are_a_date_choice_of_their_own(client) -> None:
    everything = client.get("/api/search").get_json()
    assert everything["undated"] > 0
    chosen = client.get(everything["undated_url"]).get_json()
    assert chosen["total"] == everything["undated"] and all(hit["date"] is None for hit in chosen["hits"])
    assert all(v["count"] <= chosen["total"] for v in chosen["facets"]["doc_type"])
    page = html(client, "/?undated=1")
    assert f'data-testid="total">{everything["undated"]}<' in page and "Thời gian ban hành: Không ghi ngày" in page
    response = client.get("/api/search?undated=1&date_from=2021")
    assert response.status_code == 400 and "undated=1" in response.get_json()["error"]


@pytest.mark.parametrize("typed, expected", [("ubnd", "ủy ban nhân dân"), ("UBND tinh", "ủy ban nhân dân tỉnh"),
                                             ("uy ban", "ủy ban")])
def test_a_facet_box_reads_agency_abbreviations_and_folded_text(client, typed: str, expected: str) -> None:
    values = client.get(f"/api/facets/recipient?prefix={typed}").get_json()["values"]
    assert values and all(expected in v["label"].lower() for v in values)


def test_every_facet_list_box_asks_the_server_which_reads_abbreviations(client) -> None:
    page = html(client, "/")
    boxes = page.count('class="facet-filter"')
    assert boxes and page.count('data-source="/api/facets/') == boxes and "Không có giá trị nào khớp" in page
