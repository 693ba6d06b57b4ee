"""Errors a person meets: a parameter the page does not know, an impossible date, an over-long address."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.test_serving import two_workers  # noqa: F401  (the fixture: gunicorn, two workers)


def test_an_unknown_parameter_on_a_page_is_left_out_with_a_note(client) -> None:
    response = client.get("/?q=cach+ly&colour=red")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'data-testid="total">4<' in html
    assert "Đã bỏ qua tham số không được hỗ trợ: colour" in html
    plain = client.get("/?q=cach+ly").get_data(as_text=True)
    assert "Đã bỏ qua" not in plain  # the note belongs to the page that had it, not to a kept copy


def test_an_unknown_parameter_on_the_api_is_a_400_in_json_naming_it(client) -> None:
    response = client.get("/api/search?q=cach+ly&colour=red")
    assert response.status_code == 400 and "colour" in response.get_json()["error"]


@pytest.mark.parametrize("url, said", [
    ("/?date_from=31/02/2021", "Ngày 31/02/2021 không có"),
    ("/api/search?date_to=2021-02-30", "Ngày 30/02/2021 không có"),
    ("/api/search?date_from=2021-13", "Tháng 13/2021 không có"),
])
def test_an_impossible_date_is_named_as_such(client, url: str, said: str) -> None:
    response = client.get(url)
    assert response.status_code == 400 and said in response.get_data(as_text=True)
    assert "2021-02-3" not in response.get_data(as_text=True)


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode()


@pytest.mark.slow
def test_over_long_requests_get_the_services_own_answer_in_vietnamese(two_workers) -> None:  # noqa: F811
    _process, url = two_workers
    status, kind, body = _fetch(f"{url}/?q=" + "a" * 5000)  # past the query limit, inside the line limit
    assert status == 400 and "Câu tìm kiếm quá dài: 5000 ký tự" in body and "text/html" in kind
    status, kind, body = _fetch(f"{url}/api/search?q=" + "a" * 5000)
    assert status == 400 and "quá dài" in json.loads(body)["error"]
    status, kind, body = _fetch(f"{url}/?q=" + "%C3%A1" * 5000)  # 30,000 bytes: past any request line
    assert status == 414 and "Yêu cầu quá dài" in body and "URI Too Long" not in body and 'lang="vi"' in body
    status, kind, body = _fetch(f"{url}/api/search?q=" + "%C3%A1" * 5000)
    assert status == 414 and kind.startswith("application/json") and "quá dài" in json.loads(body)["error"]
    assert _fetch(f"{url}/api/search?q=cach+ly")[0] == 200  # the worker goes on answering


def test_a_bad_parameter_on_a_page_offers_the_same_search_without_it(client) -> None:
    response = client.get("/?q=cach+ly&date_from=31/02/2021")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Ngày 31/02/2021 không có" in html
    assert '<a href="/?q=cach%20ly">Tìm lại «cach ly» không kèm tham số này</a>' in html
