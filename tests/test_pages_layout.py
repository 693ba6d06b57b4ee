"""The document text laid out as issued (NĐ 30/2020): header columns, title, paragraphs, signature."""

from __future__ import annotations

from search_app.pages.paper import blocks, paragraphs

LETTER = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 2973/UBND-VXNV

V/v thực hiện Thông báo số
116/TB-VPCP ngày 19/5/2021

Bắc Kạn, ngày 21 tháng 5 năm 2021

Kính gửi:

- Các Sở, ban, ngành thuộc UBND tỉnh;
- UBND các huyện, thành phố.

Ngày 19/5/2021, Văn phòng Chính phủ ban hành Thông báo số 116/TB-VPCP về kết luận của Thủ tướng Chính phủ
tại cuộc họp Thường trực Chính phủ về phòng, chống dịch Covid-19.

1. Các cơ quan, đơn vị triển khai thực hiện.

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Phạm Duy Hưng"""

PORTAL = """Thông tư 31/2022/TT-BTC
BỘ TÀI CHÍNH ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số:
31/2022/TT-BTC Hà Nội, ngày 08 tháng 6 năm 2022 THÔNG TƯ BAN HÀNH DANH MỤC HÀNG HÓA XUẤT KHẨU
Căn cứ Luật Hải quan ngày 23 tháng 6 năm 2014;
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Thông tư này ban hành Danh mục hàng hóa xuất khẩu, nhập khẩu Việt Nam."""


def test_the_header_is_laid_out_in_two_columns_with_the_subject_under_the_number() -> None:
    layout = blocks(LETTER)
    assert layout.left == ["ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "Số: 2973/UBND-VXNV",
                           "V/v thực hiện Thông báo số 116/TB-VPCP ngày 19/5/2021"]
    assert layout.right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert layout.place_date == "Bắc Kạn, ngày 21 tháng 5 năm 2021"
    assert layout.recipients[0] == "Kính gửi:" and len(layout.recipients) == 3


def test_wrapped_lines_are_one_paragraph_and_numbered_items_are_not_joined() -> None:
    body = [p["text"] for p in blocks(LETTER).body]
    assert body[0].startswith("Ngày 19/5/2021") and body[0].endswith("phòng, chống dịch Covid-19.")
    assert body[1] == "1. Các cơ quan, đơn vị triển khai thực hiện."
    assert paragraphs(["a) Một", "b) Hai"]) == ["a) Một", "b) Hai"]


def test_signature_right_and_distribution_left_are_apart_from_the_body() -> None:
    layout = blocks(LETTER)
    assert layout.signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Duy Hưng"]
    assert layout.distribution == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]


def test_a_portal_header_on_one_line_is_taken_apart() -> None:
    layout = blocks(PORTAL)
    assert layout.banner == ["Thông tư 31/2022/TT-BTC"]
    assert layout.left == ["BỘ TÀI CHÍNH", "Số: 31/2022/TT-BTC"]
    assert layout.place_date == "Hà Nội, ngày 08 tháng 6 năm 2022"
    assert layout.title == ["THÔNG TƯ BAN HÀNH DANH MỤC HÀNG HÓA XUẤT KHẨU"]
    kinds = [(p["kind"], p["text"][:12]) for p in layout.body]
    assert kinds == [("basis", "Căn cứ Luật "), ("heading", "Chương I"), ("heading", "QUY ĐỊNH CHU"),
                     ("article", "Điều 1. Phạm"), ("para", "Thông tư này")]


def test_no_text_is_ever_dropped() -> None:
    for text in (LETTER, PORTAL, "một dòng", ""):
        layout = blocks(text)
        shown = " ".join([*layout.banner, *layout.left, *layout.right, layout.place_date or "", *layout.title,
                          *layout.recipients, *(p["text"] for p in layout.body), *layout.signature,
                          *layout.distribution])
        assert set(text.replace("-------", "").replace("---------------", "").split()) <= set(shown.split())


def test_a_portal_note_is_set_apart_from_the_text() -> None:
    text = "Điều 5. Hiệu lực\nNghị định này có hiệu lực [Điều này bị bãi bỏ bởi Nghị định 282/2025/NĐ-CP] từ ngày ký."
    pieces = blocks(text).body[-1]["pieces"]
    assert [(p["segments"], p["note"]) for p in pieces] == [
        ("Nghị định này có hiệu lực ", False), ("[Điều này bị bãi bỏ bởi Nghị định 282/2025/NĐ-CP]", True),
        (" từ ngày ký.", False)]


ANNEXED = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 2/2021/NĐ-CP
Hà Nội, ngày 06 tháng 01 năm 2021
NGHỊ ĐỊNH
Điều 1. Phạm vi
Nghị định này quy định về cờ hiệu hải quan.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Thủ tướng, các Phó Thủ tướng Chính phủ;
- Lưu: VT, TCCV (2b).
TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc PHỤ LỤC MỘT SỐ BIỂU MẪU VỀ CỜ HIỆU
Mẫu số 01. Cờ hiệu hải quan
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_the_footer_before_annexes_is_laid_out_whole_and_the_annexes_follow() -> None:
    layout = blocks(ANNEXED)
    assert layout.distribution == ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;",
                                   "- Thủ tướng, các Phó Thủ tướng Chính phủ;", "- Lưu: VT, TCCV (2b)."]
    assert layout.signature == ["TM. CHÍNH PHỦ THỦ TƯỚNG Nguyễn Xuân Phúc"]
    assert layout.annex[0]["text"].startswith("PHỤ LỤC MỘT SỐ BIỂU MẪU") and "Lưu: VT." in layout.annex[-1]["text"]
    assert [p["text"] for p in layout.body] == ["Điều 1. Phạm vi", "Nghị định này quy định về cờ hiệu hải quan."]
