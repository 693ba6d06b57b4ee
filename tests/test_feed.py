"""A followed search: every search is an Atom feed a reader can subscribe to."""

from __future__ import annotations

import feedparser


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
