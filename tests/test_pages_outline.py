"""The structure of a long document: contents, anchors, and the article a search hit names."""

from __future__ import annotations

from pathlib import Path

from search_app.answer.outline import annotate, article_of
from search_app.pages.paper import blocks

DECREE = (Path(__file__).resolve().parent / "fixtures" / "long" / "Nghị_định_36_2015_NĐ-CP.txt").read_text()
AMENDED = """CHÍNH PHỦ
Số: 1/2024/NĐ-CP
Hà Nội, ngày 01 tháng 01 năm 2024
NGHỊ ĐỊNH
Chương I QUY ĐỊNH CHUNG
Điều 1. Phạm vi
1. Nghị định này quy định về phạm vi.
2. Áp dụng cho cơ quan.
Điều 2. Đối tượng
Cơ quan nhà nước.
Điều 3. Giải thích
Từ ngữ được hiểu như sau.
PHỤ LỤC I MẪU BÁO CÁO
Điều 1. Mẫu báo cáo tháng
Báo cáo theo mẫu về giám sát.
"""


def test_contents_list_chapters_and_articles_with_stable_anchors() -> None:
    toc = annotate(blocks(DECREE).body)
    assert [e["anchor"] for e in toc[:3]] == ["chuong-i", "dieu-1", "dieu-2"]
    assert toc[0]["label"] == "Chương I QUY ĐỊNH CHUNG"
    assert sum(e["level"] == "dieu" for e in toc) == 12 and sum(e["level"] == "chuong" for e in toc) == 4


def test_a_repeated_article_number_gets_its_own_anchor_and_hits_agree_with_the_page() -> None:
    layout = blocks(AMENDED)
    toc = annotate(layout.body)
    assert [e["anchor"] for e in toc if e["level"] == "dieu"] == ["dieu-1", "dieu-2", "dieu-3", "dieu-1-2"]
    clauses = [p["anchor"] for p in layout.body if (p.get("anchor") or "").startswith("dieu-1-khoan")]
    assert clauses == ["dieu-1-khoan-1", "dieu-1-khoan-2"]
    assert article_of(AMENDED, "Báo cáo theo mẫu về giám sát.") == {"label": "Điều 1. Mẫu báo cáo tháng",
                                                                     "anchor": "dieu-1-2"}
    assert article_of(AMENDED, "Cơ quan nhà nước.")["anchor"] == "dieu-2"


def test_a_short_letter_has_no_contents_and_a_passage_before_any_article_names_none() -> None:
    assert annotate(blocks("Số: 1/UBND\nĐiều 1. Giao Sở Y tế.\nĐiều 2. Báo cáo.").body) == []
    assert article_of(AMENDED, "Hà Nội, ngày 01 tháng 01 năm 2024") is None
