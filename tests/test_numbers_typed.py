"""Numbers as staff type them (issue 18 point 5): the document carrying the number first, labelled.

Before: `123/2024` and `nghị định 123/2024` found nothing although
123/2024/NĐ-CP was held; `NĐ 123/2024` relaxed to other decrees and lit «NĐ»
inside other numbers.
"""

from __future__ import annotations

import pytest

from indexer.engine import open_writer
from indexer.record import Record
from search_app import create_app

RECORDS = [
    Record(id="nd", source="nd.txt", number="123/2024/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ",
           date="2024-09-20", subject="Quy định về đăng ký biện pháp bảo đảm",
           text="Nghị định này quy định về đăng ký biện pháp bảo đảm."),
    Record(id="tt", source="tt.txt", number="123/2024/TT-BTC", doc_type="Thông tư", issuer="Bộ Tài chính",
           date="2024-12-01", subject="Hướng dẫn về phí", text="Thông tư hướng dẫn về phí và lệ phí."),
    Record(id="nd-other", source="nd2.txt", number="45/2024/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ",
           date="2024-04-01", subject="Sửa đổi nghị định", cites=[{"number": "123/2024/NĐ-CP", "date": None}],
           text="Căn cứ Nghị định số 123/2024/NĐ-CP; NĐ 45 sửa đổi năm 2024."),
    Record(id="cv", source="cv.txt", number="2973/UBND-VXNV", doc_type="Công văn",
           issuer="Ủy ban nhân dân tỉnh Bắc Kạn", date="2021-10-05", subject="Về việc phòng chống dịch",
           text="Ủy ban nhân dân tỉnh đề nghị các sở thực hiện."),
    Record(id="qd", source="qd.txt", number="1373/QĐ-UBND", doc_type="Quyết định",
           issuer="Ủy ban nhân dân tỉnh Bắc Kạn", date="2021-08-10", subject="Quyết định thành lập tổ công tác",
           text="Thành lập tổ công tác 1373 người."),
    Record(id="nq", source="nq.txt", number="07/2026/NQ-CP", doc_type="Nghị quyết", issuer="Chính phủ",
           date="2026-01-15", subject="Nghị quyết phiên họp", text="Nghị quyết phiên họp Chính phủ tháng 1."),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("numbers")
    with open_writer(root, fresh=True) as writer:
        writer.add(RECORDS)
    return create_app({"INDEX_DIR": str(root), "TESTING": True}).test_client()


def api(client, q: str) -> dict:
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200
    return response.get_json()


def first(client, q: str) -> str:
    hits = api(client, q)["hits"]
    assert hits, q
    return hits[0]["id"]


@pytest.mark.parametrize(("typed", "carrier"), [
    ("nghị định 123/2024", "nd"), ("NĐ 123/2024", "nd"), ("nđ123/2024", "nd"), ("ND 123-2024", "nd"),
    ("số 123/2024/NĐ-CP", "nd"), ("123/NĐ-CP", "nd"), ("nghị định 123 năm 2024", "nd"),
    ("thông tư 123/2024", "tt"), ("QĐ 1373", "qd"), ("quyết định 1373", "qd"),
    ("công văn 2973", "cv"), ("CV 2973", "cv"), ("2973/UBND", "cv"), ("7/2026", "nq"), ("07/2026", "nq"),
])
def test_a_number_typed_as_staff_type_it_puts_its_carrier_first(client, typed, carrier) -> None:
    answer = api(client, typed)
    assert answer["hits"][0]["id"] == carrier, typed
    assert answer["hits"][0]["number_match"] is True
    assert answer["number_answer"] is None  # held: no "không có trong kho" box


def test_a_shared_form_puts_every_holder_on_top_and_labels_them(client) -> None:
    hits = api(client, "123/2024")["hits"]
    assert {h["id"] for h in hits[:2]} == {"nd", "tt"}
    assert [h["number_match"] for h in hits[:2]] == [True, True]
    assert all(not h["number_match"] for h in hits[2:])


def test_the_type_code_never_lights_inside_other_numbers(client) -> None:
    answer = api(client, "NĐ 123/2024")
    assert all("«NĐ»" not in h["snippet"] and "«nđ»" not in h["snippet"].lower() for h in answer["hits"])


def test_the_page_labels_the_carrier(client) -> None:
    page = client.get("/", query_string={"q": "NĐ 123/2024"}).get_data(as_text=True)
    assert page.count("Đúng số hiệu đã gõ") == 1


def test_a_form_matching_nothing_offers_held_numbers_one_character_away(client) -> None:
    box = api(client, "NĐ 124/2024")["number_answer"]
    assert box is not None and box["message"].startswith("Nghị định 124/2024 không có trong kho")
    assert api(client, "nghi dinh 124/2024")["number_answer"]["number"] == "Nghị định 124/2024"  # not as typed
    assert "123/2024/NĐ-CP" in [near["number"] for near in box["near"]]
    page = client.get("/", query_string={"q": "132/2024"}).get_data(as_text=True)  # two digits swapped
    assert "Có phải:" in page and "123/2024/NĐ-CP" in page.split("Có phải:")[1][:400]


def test_suggestions_as_one_types_offer_numbers_and_agencies(client) -> None:
    numbers = client.get("/api/suggest", query_string={"q": "nđ 123"}).get_json()["suggestions"]
    assert [s["value"] for s in numbers][:1] == ["123/2024/NĐ-CP"]
    agencies = client.get("/api/suggest", query_string={"q": "ubnd bắc"}).get_json()["suggestions"]
    assert {"kind": "issuer", "value": "Ủy ban nhân dân tỉnh Bắc Kạn", "label": "Ủy ban nhân dân tỉnh Bắc Kạn"} in agencies
    assert client.get("/api/suggest", query_string={"q": "x" * 600}).status_code == 400


def test_agency_abbreviations_are_expanded_in_every_reading() -> None:
    from indexer.words.abbreviations import expand_abbreviations

    assert expand_abbreviations("sở yt") == ["sở yt", "sở Y tế"]
    assert expand_abbreviations("ubnd tỉnh")[1] == "Ủy ban nhân dân tỉnh"
    assert set(expand_abbreviations("bch")) == {"bch", "Ban Chỉ huy", "Ban Chấp hành"}
    assert expand_abbreviations("cách ly") == ["cách ly"]
