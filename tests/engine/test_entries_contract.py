"""Entries on every engine (issue 21): the records grouped by indexer.entries are what the index holds,
so each engine counts a document once whatever number of files, copies or versions it has, and finds
it by any of their numbers and the copies' own addressees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from indexer.engine import Clause, Engine, QuerySpec, SearchSpec
from indexer.entries import build_entries
from indexer.record import Record

BODY = ("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tăng cường phòng, chống dịch sốt xuất huyết trên địa bàn, "
        "rà soát các ổ dịch, phun hóa chất diệt muỗi, tuyên truyền người dân vệ sinh môi trường, báo cáo kết quả "
        "về Sở Y tế trước ngày 30 hằng tháng để tổng hợp báo cáo Ủy ban nhân dân tỉnh theo quy định.")
LETTER = Record(id="cv", source="cv.docx", number="1234/UBND-VXNV", doc_type="Công văn",
                issuer="Ủy ban nhân dân tỉnh Bắc Kạn", issuer_level="tỉnh", date="2024-03-12",
                subject="Về việc phòng chống sốt xuất huyết", recipients=["Sở Y tế"], text=BODY,
                provenance={"method": "docx"})
SIGNED = replace(LETTER, id="cv-pdf", source="cv.pdf", provenance={"method": "pdf_text"})
SCAN = replace(LETTER, id="cv-scan", source="den/cv.pdf", number=None, recipients=["Trung tâm Y tế huyện Ba Bể"],
               text=BODY.replace("phòng, chống", "ph0ng, chống"), provenance={"method": "ocr", "confidence": 80})
LAW = Record(id="luat", source="luat.txt", number="15/2012/QH13", doc_type="Luật", issuer="Quốc hội",
             date="2012-06-20", subject="Xử lý vi phạm hành chính", text="Luật này quy định về xử phạt vi phạm.")
VBHN = Record(id="vbhn", source="vbhn.txt", number="20/VBHN-VPQH", doc_type="Văn bản hợp nhất",
              issuer="Văn phòng Quốc hội", date="2022-12-29", subject="Xử lý vi phạm hành chính",
              text="Văn bản hợp nhất Luật xử lý vi phạm hành chính.")
OTHER = Record(id="khac", source="khac.txt", number="9/TB-SYT", doc_type="Thông báo", issuer="Sở Y tế",
               date="2024-01-02", subject="Lịch trực", text="Lịch trực tết của Sở Y tế.")


def _number(text: str) -> SearchSpec:
    return SearchSpec(query=QuerySpec(groups=((Clause("number", (text,)),),)), limit=10)


def test_every_engine_counts_entries_and_finds_them_by_any_files_number(
        engine_factory: Callable[[list[Record]], tuple[Engine, Any]]) -> None:
    entries, _ = build_entries({"a": [LETTER], "b": [SIGNED], "c": [SCAN], "d": [LAW], "e": [VBHN], "f": [OTHER]})
    engine, _ = engine_factory(entries)
    everything = engine.search(SearchSpec(limit=10))
    assert everything.total == 3 and sorted(h.id for h in everything.hits) == ["cv", "khac", "luat"]
    assert dict(everything.facets["doc_type"]) == {"Công văn": 1, "Luật": 1, "Thông báo": 1}
    assert dict(everything.facets["recipient"]).get("Trung tâm Y tế huyện Ba Bể") == 1  # the scan's own addressee
    assert [h.id for h in engine.search(_number("20/VBHN-VPQH")).hits][:1] == ["luat"]
    assert engine.carriers("20/VBHN-VPQH") == ["luat"]
    stored = engine.record("cv")
    assert [f["id"] for f in stored["files"]] == ["cv", "cv-pdf", "cv-scan"]  # born-digital first, the scan last
