"""Typed relations read from the wording of a text, and shown on both documents."""

from __future__ import annotations

from indexer.extract.links.relations import find_relations


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


# Validity from grammar (issue 20): only the subject of "hết hiệu lực" loses effect; the laws that
# amended it, named after "đã được sửa đổi, bổ sung … theo", keep theirs.

def _superseding(text: str, **kw: str) -> dict[str, str]:
    """number → scope of every replaced/repealed claim a text makes."""
    return {r["number"]: r["scope"] for r in find_relations(text, **kw) if r["type"] in ("thay_the", "bai_bo")}


def test_amending_laws_of_an_expired_law_are_not_replaced() -> None:
    text = ("Điều 69. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2023.\n"
            "2. Luật Dầu khí ngày 06 tháng 7 năm 1993 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "19/2000/QH10, Luật số 10/2008/QH12 và Luật số 35/2018/QH14 hết hiệu lực kể từ ngày Luật này có "
            "hiệu lực thi hành.")
    assert _superseding(text, own_number="12/2022/QH15", doc_type="Luật") == {}


def test_the_expired_law_is_replaced_and_an_article_of_another_is_no_replacement() -> None:
    text = ("2. Luật Quy hoạch đô thị số 30/2009/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "77/2015/QH13, Luật số 35/2018/QH14, Luật số 40/2019/QH14, Luật số 61/2020/QH14 và Điều 29 của "
            "Luật số 35/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.")
    assert _superseding(text, own_number="47/2024/QH15", doc_type="Luật") == {"30/2009/QH12": "whole"}


def test_a_named_short_title_does_not_make_amending_laws_the_subject() -> None:
    text = ("Điều 52. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2026.\n"
            "2. Luật Đầu tư số 61/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật\n"  # gazette lines
            "số 72/2020/QH14, Luật số 03/2022/QH15, Luật số 43/2024/QH15,\n\n"
            "48 CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025\n\n"  # a page break inside the sentence
            "Luật số 57/2024/QH15 và Luật số 90/2025/QH15 (sau đây gọi là Luật Đầu tư năm 2020) hết hiệu lực\n"
            "kể từ ngày Luật này có hiệu lực thi hành.")
    rels = [r for r in find_relations(text, own_number="143/2025/QH15", doc_type="Luật")
            if r["type"] in ("thay_the", "bai_bo")]
    assert {r["number"]: r["scope"] for r in rels} == {"61/2020/QH14": "whole"}
    assert rels[0]["date"] == "2026-03-01" and "hết hiệu lực" in rels[0]["text"]  # its date and its sentence


def test_a_number_cut_at_a_line_break_is_joined_before_matching() -> None:
    text = ("Điều 3. Thông tư này có hiệu lực kể từ ngày 15 tháng 02 năm 2023 và thay thế Thông tư số 21/2021/TT-\n"
            "BTC ngày 19 tháng 3 năm 2021 của Bộ Tài chính.")
    assert _superseding(text, own_number="05/2023/TT-BTC", doc_type="Thông tư") == {"21/2021/TT-BTC": "whole"}


def test_repealing_some_articles_is_an_amendment_never_a_replacement() -> None:
    text = ("Điều 4. Bãi bỏ một số điều, khoản của Nghị định số 08/2015/NĐ-CP như sau:\n"
            "Thông tư này thay thế Phụ lục II của Thông tư số 38/2015/TT-BTC.")
    assert all(scope == "part" for scope in _superseding(text, doc_type="Thông tư").values())
    assert _superseding(text, doc_type="Thông tư")


def test_a_listed_repealed_law_is_the_one_named_not_the_law_that_amended_it() -> None:
    text = ("Điều 35. Hiệu lực thi hành\n2. Bãi bỏ các văn bản sau đây:\n"
            "a) Pháp lệnh thuế thu nhập đối với người có thu nhập cao số 35/2001/PL-UBTVQH10 đã được sửa đổi, "
            "bổ sung một số điều theo Pháp lệnh số 14/2004/PL-UBTVQH11;\n"
            "b) Luật thuế chuyển quyền sử dụng đất ban hành ngày 22 tháng 6 năm 1994 đã được sửa đổi, bổ sung "
            "một số điều theo Luật số 17/1999/QH10.\n")
    assert _superseding(text, doc_type="Luật") == {"35/2001/PL-UBTVQH10": "whole"}


def test_a_number_written_with_a_spaced_hyphen_is_one_number() -> None:
    text = ("Điều 68. Hiệu lực thi hành\n2. Các văn bản sau đây hết hiệu lực kể từ ngày Luật này có hiệu lực:\n"
            "a) Nghị quyết số 388/2003/NQ - UBTVQH11 ngày 17 tháng 3 năm 2003 của Ủy ban thường vụ Quốc hội;\n")
    assert _superseding(text, doc_type="Luật") == {"388/2003/NQ-UBTVQH11": "whole"}


def test_a_partial_repeal_is_labelled_an_amendment_never_a_replacement() -> None:
    from search_app.answer.relations_view import label

    assert label("bai_bo", "in", "part") == "Được sửa đổi, bổ sung bởi (một phần)"
    assert label("thay_the", "in", "part") == "Được sửa đổi, bổ sung bởi (một phần)"
    assert label("thay_the", "in", "whole") == "Bị thay thế bởi"


# Validity on law text no rule was written from (session 5): sentences of the pháp điển articles whose claims
# were judged wrong (eval/relations_phapdien.py), each the general cause of a class of wrong statuses.

def _ending(text: str, **kw: str) -> dict[str, tuple[str, str | None]]:
    """number → (scope, date) of every replaced/repealed claim a text makes."""
    return {r["number"]: (r["scope"], r["date"]) for r in find_relations(text, **kw)
            if r["type"] in ("thay_the", "bai_bo")}


def test_a_circular_never_ends_a_decision_of_the_prime_minister_it_only_guided() -> None:
    """The joint circular ends; the two decisions it guided are named in its description. A thông tư
    cannot end a decision of a higher body, so '… và Quyết định số 15/2008/QĐ-TTg' is no subject."""
    text = ("2. Thông tư liên tịch số 14/2008/TTLT-BLĐTBXH-BTC-BKHĐT ngày 29 tháng 7 năm 2008 của Bộ Lao động - "
            "Thương binh và Xã hội, Bộ Tài chính, Bộ Kế hoạch và Đầu tư hướng dẫn một số điều của Quyết định số "
            "71/2005/QĐ-TTg ngày 05 tháng 4 năm 2005 của Thủ tướng Chính phủ về cơ chế quản lý, điều hành vốn cho "
            "vay của Quỹ quốc gia về việc làm và Quyết định số 15/2008/QĐ-TTg ngày 23 tháng 01 năm 2008 của Thủ "
            "tướng Chính phủ sửa đổi, bổ sung một số điều của Quyết định số 71/2005/QĐ-TTg hết hiệu lực thi hành "
            "kể từ ngày Thông tư này có hiệu lực thi hành.")
    assert set(_ending(text, own_number="45/2015/TT-BLĐTBXH", doc_type="Thông tư")) == \
        {"14/2008/TTLT-BLĐTBXH-BTC-BKHĐT"}
    replacing = ("Thông tư này thay thế Thông tư số 52/2010/TT-BCA ngày 30 tháng 11 năm 2010 của Bộ trưởng Bộ Công an "
                 "quy định chi tiết một số điều của Luật Cư trú, Nghị định số 107/2007/NĐ-CP ngày 25 tháng 6 năm 2007 "
                 "và Nghị định số 56/2010/NĐ-CP ngày 24 tháng 5 năm 2010 về cư trú.")
    assert set(_ending(replacing, own_number="35/2014/TT-BCA")) == {"52/2010/TT-BCA"}
    joint = ("Nghị quyết này thay thế Nghị quyết liên tịch số 525/2012/NQLT/UBTVQH13-ĐCTUBTWMTTQVN ngày 27 tháng 9 "
             "năm 2012 của Ủy ban Thường vụ Quốc hội và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam.")
    assert set(_ending(joint, own_number="72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN")) == \
        {"525/2012/NQLT/UBTVQH13-ĐCTUBTWMTTQVN"}  # a joint resolution ranks as its highest issuer


def test_the_documents_listed_in_a_description_are_not_ended_with_the_one_described() -> None:
    expired = ("2. Thông tư số 17/2010/TT-BVHTTDL ngày 31 tháng 12 năm 2010 của Bộ trưởng Bộ Văn hóa, Thể thao và "
               "Du lịch quy định về điều kiện hoạt động của cơ sở thể thao tổ chức hoạt động mô tô nước trên biển và "
               "Điều 2 Thông tư số 19/2014/TT-BVHTTDL ngày 08 tháng 12 năm 2014 của Bộ trưởng Bộ Văn hóa, Thể thao "
               "và Du lịch sửa đổi, bổ sung một số điều của Thông tư số 88/2008/TT-BVHTTDL, Thông tư số "
               "17/2010/TT-BVHTTDL, Thông tư số 03/2013/TT-BVHTTDL hết hiệu lực kể từ ngày Thông tư này có hiệu lực "
               "thi hành.")
    assert {n: s for n, (s, _) in _ending(expired, own_number="17/2018/TT-BVHTTDL").items()} == \
        {"17/2010/TT-BVHTTDL": "whole"}
    repealed = ("Thông tư này bãi bỏ Điều 1 Thông tư số 02/2018/TT-BNNPTNT ngày 31 tháng 01 năm 2018 của Bộ Nông nghiệp "
                "và Phát triển nông thôn sửa đổi, bổ sung Thông tư 50/2015/TT-BNNPTNT, Thông tư 25/2013/TT-BNNPTNT, "
                "Thông tư 02/2006/TT-BTS, Thông tư 62/2008/TT-BNN và Thông tư 26/2016/TT-BNNPTNT.")
    assert {n: s for n, (s, _) in _ending(repealed, own_number="21/2018/TT-BNNPTNT").items()} == \
        {"02/2018/TT-BNNPTNT": "part"}


def test_a_list_of_one_kind_is_ended_whole_and_another_kind_starts_a_new_subject() -> None:
    listed = ("Thông tư này thay thế Thông tư số 01/2010/TT-BKHCN, Thông tư số 09/2011/TT-BKHCN và Thông tư số "
              "27/2011/TT-BKHCN ngày 04 tháng 10 năm 2011 của Bộ trưởng Bộ Khoa học và Công nghệ hướng dẫn một số "
              "nội dung triển khai xây dựng và áp dụng hệ thống quản lý chất lượng.")
    assert set(_ending(listed, own_number="26/2014/TT-BKHCN")) == \
        {"01/2010/TT-BKHCN", "09/2011/TT-BKHCN", "27/2011/TT-BKHCN"}
    kinds = ("Nghị quyết số 109/2015/QH13 ngày 27 tháng 11 năm 2015 của Quốc hội về việc thi hành Bộ luật Hình sự "
             "số 100/2015/QH13 và Nghị quyết số 144/2016/QH13 ngày 29 tháng 6 năm 2016 của Quốc hội về việc lùi "
             "hiệu lực thi hành của Bộ luật Hình sự số 100/2015/QH13, Bộ luật Tố tụng hình sự số 101/2015/QH13, "
             "Luật Tổ chức cơ quan điều tra hình sự số 99/2015/QH13 hết hiệu lực kể từ ngày Nghị quyết này có "
             "hiệu lực thi hành.")
    # the two resolutions end; the codes whose entry into force they postponed are in force
    assert set(_ending(kinds, own_number="41/2017/QH14")) == {"109/2015/QH13", "144/2016/QH13"}
    restated = ("Quyết định này có hiệu lực từ ngày 08 tháng 8 năm 2021 và thay thế Quyết định số 27/2013/QĐ-TTg ngày 19 "
                "tháng 5 năm 2013 của Thủ tướng Chính phủ quy định về thành phần và nhiệm vụ (sau đây gọi là Quyết "
                "định số 27/2013/QĐ-TTg) và Quyết định số 42/2017/QĐ-TTg ngày 20 tháng 9 năm 2017 của Thủ tướng "
                "Chính phủ sửa đổi, bổ sung một số điều của Quyết định số 27/2013/QĐ-TTg.")
    assert set(_ending(restated, own_number="21/2021/QĐ-TTg")) == {"27/2013/QĐ-TTg", "42/2017/QĐ-TTg"}


def test_a_replacement_said_as_a_condition_is_no_replacement() -> None:
    text = ("Trường hợp các văn bản dẫn chiếu tại Thông tư này có sự sửa đổi, bổ sung hoặc thay thế Thông tư số "
            "05/2016/TT-BTTTT thì thực hiện theo quy định mới. Thông tư này có hiệu lực thi hành kể từ ngày 01 "
            "tháng 01 năm 2019 trừ trường hợp quy định tại khoản 2 Điều này và thay thế Thông tư 31/2015/TT-NHNN "
            "ngày 28 tháng 12 năm 2015.")
    assert set(_ending(text, own_number="18/2018/TT-NHNN")) == {"31/2015/TT-NHNN"}


def test_provisions_kept_in_force_make_the_end_partial_or_dated() -> None:
    """'…, trừ Điều 20 và Chương VI': ended in part, shown as amended. A rule of the new text's own
    ('trừ quy định tại khoản 5 Điều 115 của Luật này'): ended whole. Provisions kept 'đến hết ngày 31
    tháng 12 năm 2013' (in the sentence or in the items after 'trừ trường hợp sau đây:'): the whole text
    ends the next day, and the status carries that date."""
    listed = ("Các văn bản sau đây hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành:\n"
              "a) Thông tư số 50/2017/TT-BTC ngày 15 tháng 5 năm 2017 của Bộ Tài chính hướng dẫn thi hành Nghị định "
              "số 73/2016/NĐ-CP, trừ Điều 20 và Chương VI.\n")
    assert _ending(listed, own_number="67/2023/TT-BTC")["50/2017/TT-BTC"][0] == "part"
    own_rule = ("Luật Hợp tác xã số 23/2012/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ quy định "
                "tại khoản 5 Điều 115 của Luật này.")
    assert _ending(own_rule, own_number="17/2023/QH15")["23/2012/QH13"][0] == "whole"
    until = ("Pháp lệnh xử lý vi phạm hành chính số 44/2002/PL-UBTVQH10 hết hiệu lực kể từ ngày Luật này có hiệu lực, "
             "trừ các quy định liên quan đến việc áp dụng các biện pháp đưa vào trường giáo dưỡng tiếp tục có hiệu "
             "lực đến hết ngày 31 tháng 12 năm 2013.")
    assert _ending(until, own_number="15/2012/QH13")["44/2002/PL-UBTVQH10"] == ("whole", "2014-01-01")
    listed = ("Luật Kinh doanh bảo hiểm số 24/2000/QH10 đã được sửa đổi, bổ sung một số điều theo Luật số 61/2010/QH12 "
              "và Luật số 42/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ trường hợp sau đây:\n"
              "a) Khoản 1 Điều 157 của Luật này;\n"
              "b) Các điều 77, 78, 79, 80, 81, 83, 94 và 98 của Luật Kinh doanh bảo hiểm số 24/2000/QH10 đã được sửa "
              "đổi, bổ sung một số điều theo Luật số 61/2010/QH12 và Luật số 42/2019/QH14 có hiệu lực đến hết ngày 31 "
              "tháng 12 năm 2027.\n")
    # its articles 77–98 stay in force through 2027: the old law ends on 1 January 2028, not before
    assert _ending(listed, own_number="08/2022/QH15") == {"24/2000/QH10": ("whole", "2028-01-01")}


def test_a_decision_of_a_kind_a_decree_defines_is_not_the_decree() -> None:
    """'hủy bỏ Quyết định cho nhập quốc tịch Việt Nam của Nghị định 78/2009/NĐ-CP': the number is the
    decree's, and what is cancelled is a naturalisation decision, not the decree."""
    text = ("Hồ sơ kiến nghị hủy bỏ Quyết định cho nhập quốc tịch Việt Nam của Nghị định 78/2009/NĐ-CP Quy định chi "
            "tiết và hướng dẫn thi hành một số điều của Luật Quốc tịch Việt Nam ban hành ngày 22/09/2009.")
    assert _ending(text, own_number="24/2008/QH12") == {}


def test_a_number_glued_to_the_next_word_or_spaced_after_its_hyphen_is_read_whole() -> None:
    """'Thông tư số 131/2012/TT-BTCngày 13/8/2012' (a lost space) was cut to '131/2012/TT', a number no
    document has; 'Thông tư số 07/2019/TT- BLĐTBXH' likewise."""
    glued = ("Thông tư này có hiệu lực kể từ ngày 15 tháng 6 năm 2017 và thay thế Thông tư số 131/2012/TT-BTCngày "
             "13/8/2012 của Bộ trưởng Bộ Tài chính.")
    assert set(_ending(glued, own_number="322/2016/TT-BTC")) == {"131/2012/TT-BTC"}
    spaced = "Thông tư này thay thế Thông tư số 07/2019/TT- BLĐTBXH ngày 07 tháng 3 năm 2019 của Bộ trưởng."
    assert set(_ending(spaced, own_number="05/2022/TT-BLĐTBXH")) == {"07/2019/TT-BLĐTBXH"}


def test_every_provision_of_a_text_ending_ends_the_text() -> None:
    """'Các quy định tại Thông tư liên tịch số 152/2007/… hết hiệu lực': all of it; 'những quy định về khiếu nại
    trong Luật …' names some of it."""
    every = ("Các quy định tại Thông tư liên tịch số 152/2007/TTLT-BTC-BKHCN ngày 17 tháng 12 năm 2007 của Bộ Tài chính "
             "và Bộ Khoa học và Công nghệ hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực.")
    assert _ending(every, own_number="59/2015/TTLT-BTC-BKHCN") == {"152/2007/TTLT-BTC-BKHCN": ("whole", None)}
    some = ("Những quy định về khiếu nại trong Luật số 09/1998/QH10 hết hiệu lực kể từ ngày Luật này có hiệu lực.")
    assert _ending(some, own_number="02/2011/QH13") == {}


def test_every_text_of_a_semicolon_list_that_loses_effect_is_ended() -> None:
    """'2. Nghị định số 44/2009/NĐ-CP …; khoản 1 Điều 8 Nghị định số 164/2018/NĐ-CP …; Quyết định số
    83/2010/QĐ-TTg …; Quyết định số 133/2004/QĐ-BQP … hết hiệu lực': the list's first texts were shown in force."""
    text = ("2. Nghị định số 44/2009/NĐ-CP ngày 07 tháng 5 năm 2009 của Chính phủ về xây dựng Khu kinh tế - quốc phòng; "
            "khoản 1 Điều 8 Nghị định số 164/2018/NĐ-CP ngày 21 tháng 12 năm 2018 của Chính phủ về kết hợp quốc phòng "
            "với kinh tế - xã hội; Quyết định số 83/2010/QĐ-TTg ngày 15 tháng 12 năm 2010 của Thủ tướng Chính phủ về "
            "việc ban hành cơ chế, chính sách tài chính đối với Khu kinh tế - quốc phòng; Quyết định số 133/2004/QĐ-BQP "
            "ngày 21 tháng 9 năm 2004 của Bộ trưởng Bộ Quốc phòng hết hiệu lực thi hành kể từ ngày Nghị định này có "
            "hiệu lực thi hành.")
    assert {n: s for n, (s, _) in _ending(text, own_number="22/2021/NĐ-CP").items()} == {
        "44/2009/NĐ-CP": "whole", "83/2010/QĐ-TTg": "whole", "133/2004/QĐ-BQP": "whole"}
    # and a clause of this text's own before the list ends nothing
    own = ("Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2020; Thông tư số 54/2016/TT-BCA hết hiệu lực "
           "kể từ ngày Thông tư này có hiệu lực thi hành.")
    assert set(_ending(own, own_number="07/2021/TT-BCA")) == {"54/2016/TT-BCA"}
