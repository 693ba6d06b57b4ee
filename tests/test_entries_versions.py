"""Versions of a law as one family (issue 21 point 4) and titles staff can read (point 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import pipeline
from indexer.corpus import record_id
from indexer.record import Record
from search_app import create_app

HEAD = ("QUỐC HỘI -------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "
        "Luật số: {number}\nHà Nội, ngày {day} tháng {month} năm {year} {title}\n")
BODY = ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành {what}.\n"
        "Điều 1. Phạm vi điều chỉnh\n{clause}\nĐiều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành kể từ ngày "
        "01 tháng 7 năm {next}.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng\n")
LAW = HEAD.format(number="15/2012/QH13", day=20, month=6, year=2012, title="LUẬT XỬ LÝ VI PHẠM HÀNH CHÍNH") + \
    BODY.format(what="Luật Xử lý vi phạm hành chính", next=2013,
                clause="Luật này quy định về xử phạt vi phạm hành chính và các biện pháp xử lý hành chính.")
AMENDS = HEAD.format(number="67/2020/QH14", day=13, month=11, year=2020,
                     title="LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT XỬ LÝ VI PHẠM HÀNH CHÍNH") + \
    BODY.format(what="Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính", next=2022,
                clause="Sửa đổi, bổ sung khoản 5 Điều 2 về tái phạm và thời hiệu xử phạt vi phạm hành chính.")
CONSOLIDATED = ("Văn bản hợp nhất 20/VBHN-VPQH\nVĂN PHÒNG QUỐC HỘI --------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                "Độc lập - Tự do - Hạnh phúc ---------------\nSố: 20/VBHN-VPQH\nHà Nội, ngày 29 tháng 12 năm 2022 "
                "LUẬT XỬ LÝ VI PHẠM HÀNH CHÍNH Luật Xử lý vi phạm hành chính số 15/2012/QH13 ngày 20 tháng 6 năm "
                "2012 của Quốc hội, được sửa đổi, bổ sung bởi Luật số 67/2020/QH14.\n"
                "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về xử phạt vi phạm hành chính, biện pháp xử lý "
                "hành chính và tái phạm, như đã hợp nhất.\nXÁC THỰC VĂN BẢN HỢP NHẤT\nCHỦ NHIỆM\nBùi Văn Cường\n")
FILES = {"luat-xlvphc-2012.txt": LAW, "luat-xlvphc-sua-doi-2020.txt": AMENDS, "vbhn-20-2022.txt": CONSOLIDATED}


@pytest.fixture()
def family(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in FILES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    return tmp_path / "index", app.test_client()


def test_a_law_its_amendment_and_its_consolidation_are_one_result_the_law_first(family) -> None:
    index, client = family
    [entry] = list(pipeline.export_records(index))
    assert entry["number"] == "15/2012/QH13"
    assert [v["number"] for v in entry["versions"]] == ["20/VBHN-VPQH", "67/2020/QH14"]
    found = client.get("/api/search?q=x%E1%BB%AD+l%C3%BD+vi+ph%E1%BA%A1m+h%C3%A0nh+ch%C3%ADnh").get_json()
    assert found["total"] == 1 and len(found["hits"][0]["versions"]) == 2
    by_old_number = client.get("/api/search?q=67%2F2020%2FQH14").get_json()
    assert by_old_number["hits"][0]["id"] == entry["id"]  # an amending law's number finds its family


def test_each_version_keeps_its_own_page_with_the_others_listed(family) -> None:
    index, client = family
    consolidated = record_id("vbhn-20-2022.txt")
    page = client.get(f"/doc/{consolidated}").get_data(as_text=True)
    assert "như đã hợp nhất" in page and "Phiên bản khác (2)" in page
    assert "(hiện hành)" in page and f'href="/doc/{record_id("luat-xlvphc-2012.txt")}"' in page
    api = client.get(f"/api/documents/{consolidated}").get_json()
    assert api["number"] == "20/VBHN-VPQH" and api["entry_id"] == record_id("luat-xlvphc-2012.txt")
    assert {v["number"] for v in api["versions"]} == {"15/2012/QH13", "67/2020/QH14"}


def test_laws_whose_subject_is_not_a_name_are_no_family() -> None:
    from indexer.entries.families import family_key

    broken = [Record(id=n, source=f"{n}.txt", doc_type="Luật", number=n, subject="Của Quốc hội nước")
              for n in ("28/2001/QH10", "29/2001/QH10")]  # Luật Hải quan 2001 and another law, as read
    assert [family_key(r) for r in broken] == [None, None]


# -- titles ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("record, title", [
    (Record(id="a", source="x.pdf", doc_type="Nghị định", number="102/2017/NĐ-CP",
            subject="Về đăng ký biện pháp bảo đảm"), "Nghị định 102/2017/NĐ-CP về đăng ký biện pháp bảo đảm"),
    (Record(id="a", source="x.txt", doc_type="Luật", number="31/2024/QH15", subject="Đất đai"),
     "Luật Đất đai 31/2024/QH15"),
    (Record(id="a", source="x.txt", doc_type="Công văn", number="2973/UBND-VXNV",
            subject="V/v thực hiện Thông báo số 116/TB-VPCP"), "Công văn 2973/UBND-VXNV về thực hiện Thông báo số 116/TB-VPCP"),
    (Record(id="a", source="x.txt", doc_type="Công văn", number="15/SYT", issuer="Sở Y tế"),
     "Công văn 15/SYT của Sở Y tế"),
])
def test_the_title_reads_type_number_and_subject(record: Record, title: str) -> None:
    from indexer.entries import title_of

    assert title_of(record) == title


def test_without_metadata_the_title_is_the_first_meaningful_line_never_a_header_line_or_path() -> None:
    from indexer.entries import title_of

    text = ("office/ND68CP2.DOC\nỦY BAN NHÂN DÂN\nHUYỆN BA BỂ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: ...../UBND\nBa Bể, ngày ... tháng ... năm 2011\n"
            "Báo cáo kết quả thực hiện chương trình năm 2011\nNội dung …")
    record = Record(id="a", source="office/ND68CP2.DOC", text=text)
    assert title_of(record) == "Báo cáo kết quả thực hiện chương trình năm 2011"
    bare = Record(id="a", source="office/Thong_tin.docx", text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12")
    assert "Thong_tin" not in title_of(bare) and "/" not in title_of(bare)
