"""The HTML pages: what a person sees, as rendered by the test client."""

from __future__ import annotations

import re


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_results_show_subject_number_issuer_date_and_highlighted_snippet(client) -> None:
    html = page(client, "/?q=cach+ly")
    assert 'data-testid="total">4<' in html
    assert "6325/UBND-KGVX" in html and "Ủy ban nhân dân tỉnh Đắk Nông" in html and "29/10/2021" in html
    assert re.search(r"<mark>[Cc]ách</mark>", html)
    assert 'value="cach ly"' in html  # the box keeps the query


def test_active_filters_show_as_removable_chips(client) -> None:
    html = page(client, "/?q=cach+ly&topic=c%C3%A1ch+ly")
    assert "Chủ đề: cách ly" in html
    assert 'aria-label="Bỏ lọc Chủ đề: cách ly"' in html


def test_facet_links_toggle_their_value_in_the_url(client) -> None:
    html = page(client, "/?q=cach+ly")
    assert 'href="/?q=cach+ly&amp;issuer=%E1%BB%A6y+ban+nh%C3%A2n+d%C3%A2n+t%E1%BB%89nh+%C4%90%E1%BA%AFk+N%C3%B4ng"' in html


def test_no_results_page_helps(client) -> None:
    html = page(client, "/?q=%22tau+vu+tru%22")
    assert "Không tìm thấy văn bản phù hợp" in html and "Kiểm tra lại chính tả" in html


def test_suggestion_is_offered_for_a_misspelling(client) -> None:
    assert "Có phải bạn muốn tìm" in page(client, "/?q=cach+li+tai+nha")


def test_document_page_links_citations_and_shows_backlinks(client) -> None:
    letter = page(client, "/doc/003_c722c5a340bb8371")
    assert '<a class="cite" href="/doc/003_c722c5a340bb8371-2">285/TB-VPCP</a>' in letter
    assert 'title="Văn bản này không có trong bộ sưu tập">128/NQ-CP' in letter
    notice = page(client, "/doc/003_c722c5a340bb8371-2")
    assert "Được dẫn chiếu bởi" in notice and 'href="/doc/003_c722c5a340bb8371"' in notice


def test_document_page_highlights_the_query_and_links_back(client) -> None:
    html = page(client, "/doc/000_0f98641f82c5dfd6?q=cach+ly")
    assert "<mark>cách</mark> <mark>ly</mark>" in html
    assert 'href="/?q=cach+ly" data-testid="back"' in html
    whole = page(client, "/doc/000_0f98641f82c5dfd6?q=cach+ly&topic=c%C3%A1ch+ly&sort=newest&page=2&per_page=1")
    assert 'href="/?q=cach+ly&amp;topic=c%C3%A1ch+ly&amp;sort=newest&amp;per_page=1&amp;page=2" data-testid="back"' in whole
    hit = page(client, "/?q=cach+ly&topic=c%C3%A1ch+ly&sort=newest&per_page=1&page=2")
    assert '?q=cach+ly&amp;topic=c%C3%A1ch+ly&amp;sort=newest&amp;per_page=1&amp;page=2"' in hit  # the hit carries it


def test_document_page_shows_every_metadata_field(client) -> None:
    html = page(client, "/doc/004_75835d91483e78d7")
    for label in ("Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Cấp ban hành", "Địa danh", "Ngày ban hành",
                  "Trích yếu", "Kính gửi", "Nơi nhận", "Người ký", "Chức vụ người ký", "Chủ đề", "Tệp gốc"):
        assert f">{label}</th>" in html
    assert "Nguyễn Thị Huệ" in html and "04/05/2021" in html


def test_original_file_is_served_for_a_known_id(client) -> None:
    response = client.get("/doc/004_75835d91483e78d7/source")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert "756" in response.get_data(as_text=True)


def test_unknown_document_is_a_404_page_in_vietnamese(client) -> None:
    response = client.get("/doc/khong-co-van-ban-nay")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


def test_bad_parameter_on_the_page_is_a_400_page_keeping_the_query(client) -> None:
    response = client.get("/?q=cach+ly&page=0")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "page phải từ 1" in html and 'value="cach ly"' in html


def test_every_page_sends_security_headers(client) -> None:
    for url in ("/", "/doc/000_0f98641f82c5dfd6", "/api/search", "/doc/nope"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Server" not in headers


def test_pages_link_their_json_twin(client) -> None:
    assert 'href="/api/search?q=cach+ly"' in page(client, "/?q=cach+ly")
