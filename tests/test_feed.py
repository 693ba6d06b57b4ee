"""A followed search: every search is an Atom feed a reader can subscribe to."""

from __future__ import annotations

import re

import feedparser

from indexer import filestate, pipeline
from search_app import create_app


def number_in(title: str) -> str | None:
    """The document number an entry's title names ("Công văn 15/UBND-VXNV cách ly …" → 15/UBND-VXNV)."""
    found = re.search(r"\d+/[\w\-]+", title)
    return found.group(0) if found else None


def test_a_search_is_a_valid_atom_feed_newest_first(client) -> None:
    response = client.get("/feed?q=cach+ly")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0
    assert feed.feed.id and feed.feed.title and feed.feed.updated and feed.feed.link
    assert len(feed.entries) == 4
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link and entry.author
    days = [e.updated for e in feed.entries]
    assert days == sorted(days, reverse=True)
    first = feed.entries[0]
    assert "6325/UBND-KGVX" in first.title and "Đắk Nông" in first.author and "29/10/2021" in first.summary


def test_the_results_page_offers_to_follow_the_search(client) -> None:
    html = client.get("/?q=cach+ly&topic=c%C3%A1ch+ly").get_data(as_text=True)
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feed?q=cach+ly&amp;topic=c%C3%A1ch+ly"' in html and ">Theo dõi<" in html


def test_a_feed_with_a_bad_parameter_is_a_clear_400(client) -> None:
    response = client.get("/feed?page=abc")
    assert response.status_code == 400 and "page" in response.get_data(as_text=True)


def test_follow_opens_a_page_saying_how_to_subscribe_with_the_address_to_copy(client) -> None:
    results = client.get("/?q=cach+ly").get_data(as_text=True)
    assert 'href="/follow?q=cach+ly" data-testid="follow"' in results
    response = client.get("/follow?q=cach+ly")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert 'readonly value="http://localhost/feed?q=cach+ly"' in page and "Cách đăng ký" in page
    assert "6325/UBND-KGVX" in page  # the latest entries, as the reader will show them
    # each named by its title, as the feed names it: type, number and subject
    assert ">Công văn 6325/UBND-KGVX triển khai chỉ đạo" in page


OLD_LETTER = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 15/UBND-VXNV
Bắc Kạn, ngày 03 tháng 02 năm 2010
V/v cách ly gia cầm nhiễm cúm
Kính gửi: Các sở, ngành.
Đề nghị các đơn vị cách ly gia cầm nhiễm cúm.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""
UNDATED_LETTER = OLD_LETTER.replace("Số: 15/UBND-VXNV", "Số: 16/UBND-VXNV").replace(
    "Bắc Kạn, ngày 03 tháng 02 năm 2010\n", "").replace("gia cầm nhiễm cúm", "thủy cầm nhiễm cúm")


def _feed(app, query: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(app.test_client().get(f"/feed?{query}").data)
    assert parsed.bozo == 0
    return parsed


def test_entries_are_ordered_by_the_time_added_kept_across_a_rebuild(corpus_copy, tmp_path, monkeypatch) -> None:
    index = tmp_path / "index"
    monkeypatch.setattr(filestate, "now", lambda: "2026-01-05T08:00:00+00:00")
    pipeline.build(corpus_copy, index)
    monkeypatch.setattr(filestate, "now", lambda: "2026-03-01T09:30:00+00:00")
    (corpus_copy / "new-old-letter.txt").write_text(OLD_LETTER, encoding="utf-8")
    (corpus_copy / "new-undated-letter.txt").write_text(UNDATED_LETTER, encoding="utf-8")
    pipeline.update(corpus_copy, index)
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus_copy), "TESTING": True})
    entries = _feed(app, "q=cach+ly").entries
    assert {number_in(e.title) for e in entries[:2]} == {"15/UBND-VXNV", "16/UBND-VXNV"}  # added last: first
    assert entries[0].updated.startswith("2026-03-01") and entries[2].updated.startswith("2026-01-05")
    undated = next(e for e in entries if "16/UBND-VXNV" in e.title)
    assert "published" not in undated and "2000-01-01" not in str(app.test_client().get("/feed?q=cach+ly").data)
    dated = next(e for e in entries if "15/UBND-VXNV" in e.title)
    assert dated.published.startswith("2010-02-03")
    monkeypatch.setattr(filestate, "now", lambda: "2026-06-30T00:00:00+00:00")
    pipeline.build(corpus_copy, index)  # a full rebuild: nothing becomes new
    again = _feed(app, "q=cach+ly").entries
    assert [(e.id, e.updated) for e in again] == [(e.id, e.updated) for e in entries]


def _letter(number: int, day: int) -> str:
    """A dated letter on the followed subject, issued in 2021 (newer than OLD_LETTER)."""
    return OLD_LETTER.replace("15/UBND-VXNV", f"{number}/UBND-VXNV").replace(
        "ngày 03 tháng 02 năm 2010", f"ngày {day % 28 + 1:02d} tháng {day % 12 + 1:02d} năm 2021")


def test_an_old_document_added_last_tops_the_feed_of_a_search_matching_many(tmp_path, monkeypatch) -> None:
    """More newer documents match than one page holds: the feed still starts with the one added last."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for i in range(130):
        (corpus / f"letter-{i:03d}.txt").write_text(_letter(100 + i, i), encoding="utf-8")
    monkeypatch.setattr(filestate, "now", lambda: "2026-01-05T08:00:00+00:00")
    pipeline.build(corpus, index)
    monkeypatch.setattr(filestate, "now", lambda: "2026-02-01T00:00:00+00:00")
    pipeline.build(corpus, index)  # a rebuild: nothing becomes new
    monkeypatch.setattr(filestate, "now", lambda: "2026-03-01T09:30:00+00:00")
    (corpus / "new-old-letter.txt").write_text(OLD_LETTER, encoding="utf-8")
    (corpus / "new-undated-letter.txt").write_text(UNDATED_LETTER, encoding="utf-8")
    pipeline.update(corpus, index)
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True})
    for query in ("q=cach+ly", "issuer=%E1%BB%A6y+ban+nh%C3%A2n+d%C3%A2n+t%E1%BB%89nh+B%E1%BA%AFc+K%E1%BA%A1n", ""):
        entries = _feed(app, query).entries
        assert [number_in(e.title) for e in entries[:2]] == ["15/UBND-VXNV", "16/UBND-VXNV"], query
        assert entries[0].updated.startswith("2026-03-01") and entries[0].published.startswith("2010-02-03")
        assert "published" not in entries[1] and "không ghi ngày" in entries[1].summary
        assert all(e.updated.startswith("2026-01-05") for e in entries[2:]) and len(entries) == 50
    page = app.test_client().get("/follow?q=cach+ly").get_data(as_text=True)
    listed = re.findall(r'<span class="meta">(\S+) · ', page)
    assert listed[:2] == ["15/UBND-VXNV", "16/UBND-VXNV"] and len(listed) == 10
    monkeypatch.setattr(filestate, "now", lambda: "2026-06-30T00:00:00+00:00")
    before = [(e.id, e.updated) for e in _feed(app, "q=cach+ly").entries]
    pipeline.build(corpus, index)
    assert [(e.id, e.updated) for e in _feed(app, "q=cach+ly").entries] == before


def test_an_undated_record_from_before_added_existed_stays_last_and_gets_no_date(tmp_path, monkeypatch) -> None:
    """A collection built before `added` was kept: the engine lists such records last, and a reader
    ordering by Atom's `updated` must too (it is not the feed's newest time, nor a made-up issue date)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(OLD_LETTER, encoding="utf-8")
    (corpus / "undated.txt").write_text(UNDATED_LETTER, encoding="utf-8")
    monkeypatch.setattr(filestate.Snapshot, "added_of", lambda self, digest: None)  # an older build: no times
    pipeline.build(corpus, index)
    monkeypatch.undo()
    monkeypatch.setattr(filestate, "now", lambda: "2026-03-01T09:30:00+00:00")
    (corpus / "new.txt").write_text(_letter(200, 3), encoding="utf-8")
    pipeline.update(corpus, index)
    app = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True})
    entries = _feed(app, "q=cach+ly").entries
    assert [number_in(e.title) for e in entries] == ["200/UBND-VXNV", "15/UBND-VXNV", "16/UBND-VXNV"]
    assert [e.updated[:10] for e in entries] == ["2026-03-01", "2010-02-03", "2010-02-03"]
    assert "published" not in entries[2] and "không ghi ngày" in entries[2].summary
