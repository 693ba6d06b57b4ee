"""Typed relations read from the wording of a text, and shown on both documents."""

from __future__ import annotations

from indexer.extract.relations import find_relations


def _rels(text: str, **kw: str) -> set[tuple]:
    return {(r["type"], r["direction"], r["scope"], r["number"] or r["date"]) for r in find_relations(text, **kw)}


def test_legal_basis_counts_each_listed_reference_not_those_in_its_description() -> None:
    text = ("Căn cứ Nghị định số 101/2020/NĐ-CP ngày 28 tháng 8 năm 2020 của Chính phủ sửa đổi, bổ sung "
            "Nghị định số 123/2016/NĐ-CP;\nCăn cứ Luật Hải quan số 54/2014/QH13;\nĐiều 1. Phạm vi")
    assert _rels(text) == {("can_cu", "out", "whole", "101/2020/NĐ-CP"), ("can_cu", "out", "whole", "54/2014/QH13")}


def test_replacement_repeal_amendment_and_date_of_effect() -> None:
    text = ("Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 12/2015/TT-BTC như sau:\n"
            "Điều 5. Thông tư này có hiệu lực kể từ ngày 01 tháng 7 năm 2019 và thay thế Thông tư số "
            "80/2011/TT-BTC ngày 09/6/2011 của Bộ Tài chính.\n2. Bãi bỏ Điều 23 Nghị định số 127/2013/NĐ-CP.")
    assert _rels(text, own_number="22/2019/TT-BTC", doc_type="Thông tư") == {
        ("sua_doi", "out", "part", "12/2015/TT-BTC"), ("hieu_luc", "out", "whole", "2019-07-01"),
        ("thay_the", "out", "whole", "80/2011/TT-BTC"), ("bai_bo", "out", "part", "127/2013/NĐ-CP")}


def test_a_list_of_documents_that_lose_effect_is_replaced() -> None:
    text = ("Điều 9. Hiệu lực\n2. Các nghị định sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành:\n"
            "a) Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 của Chính phủ;\n"
            "b) Nghị định số 01/2017/NĐ-CP ngày 06 tháng 01 năm 2017 của Chính phủ.")
    assert {r[3] for r in _rels(text) if r[0] == "thay_the"} == {"43/2014/NĐ-CP", "01/2017/NĐ-CP"}


def test_a_portal_note_is_a_partial_relation_from_the_other_document() -> None:
    text = "Điều 5. [Điều này bị bãi bỏ bởi Khoản 5 Điều 69 Nghị định 282/2025/NĐ-CP có hiệu lực từ ngày 15/12/2025]"
    assert _rels(text) == {("bai_bo", "in", "part", "282/2025/NĐ-CP")}


def test_what_a_cited_law_does_is_not_what_this_letter_does() -> None:
    text = ("Luật Hải quan có hiệu lực thi hành từ ngày 01/01/2015. Luật này thay thế Luật Hải quan số "
            "29/2001/QH10 năm 2001.\nThực hiện Công văn số 6376/TCHQ-GSQL ngày 14/7/2015 của Tổng cục Hải quan, "
            "Cục Hải quan đề nghị các đơn vị thực hiện theo Thông tư số 38/2015/TT-BTC.")
    assert _rels(text, doc_type="Công văn") == {("thuc_hien", "out", "whole", "6376/TCHQ-GSQL")}


def test_the_document_page_and_api_show_relations_typed(client) -> None:
    html = client.get("/doc/000_0f98641f82c5dfd6").get_data(as_text=True)
    assert "Hiệu lực và quan hệ" in html
    record = client.get("/api/documents/000_0f98641f82c5dfd6").get_json()
    assert isinstance(record["relations"], list)
    for rel in record["relations"]:
        assert {"type", "label", "direction", "scope", "number", "date", "id", "text"} <= set(rel)


def test_a_wrapped_subject_line_says_what_a_letter_implements() -> None:
    text = ("Số: 2973/UBND-VXNV\nV/v thực hiện Thông báo số\n116/TB-VPCP ngày 19/5/2021 của\nVăn phòng Chính phủ\n\n"
            "Bắc Kạn, ngày 21 tháng 5 năm 2021\n\nKính gửi: Các sở, ngành.")
    assert _rels(text, own_number="2973/UBND-VXNV") == {("thuc_hien", "out", "whole", "116/TB-VPCP")}


def test_dates_of_effect_in_other_wordings() -> None:
    passed = "Điều 3.\n1. Nghị quyết này đã được Hội đồng Thẩm phán thông qua ngày 21 tháng 02 năm 2020 và có hiệu lực " \
             "thi hành kể từ ngày 10 tháng 4 năm 2020."
    assert _rels(passed) == {("hieu_luc", "out", "whole", "2020-04-10")}
    later = "Điều 9.\n1. Thông tư này có hiệu lực thi hành sau 45 ngày kể từ ngày ký."
    assert _rels(later, issued="2015-11-13") == {("hieu_luc", "out", "whole", "2015-12-28")}
    signed = "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký."
    assert _rels(signed, issued="2010-08-16") == {("hieu_luc", "out", "whole", "2010-08-16")}


def test_a_correction_names_the_document_it_corrects() -> None:
    text = "Điều 1. Đính chính lỗi tại khoản 2 Điều 3 Thông tư số 23/2011/TT-BNNPTNT ngày 06/4/2011 như sau:"
    assert _rels(text, doc_type="Quyết định") == {("dinh_chinh", "out", "part", "23/2011/TT-BNNPTNT")}
