"""The timeline above the results: a bar per month, each a link to that month."""

from __future__ import annotations

import re

from search_app.answer.timeline import bars, svg
from search_app.query.params import SearchRequest


def test_bars_cover_every_month_between_the_first_and_last_and_link_to_it() -> None:
    items = bars(SearchRequest(q="cách ly"), [("2021-05", 2), ("2021-08", 1)])
    keys = [b.key for b in items]
    assert len(keys) == 12 and keys == sorted(keys)  # a short span still reads as a year
    start = keys.index("2021-05")
    assert keys[start:start + 4] == ["2021-05", "2021-06", "2021-07", "2021-08"]
    assert [b.count for b in items][start:start + 4] == [2, 0, 0, 1] and sum(b.count for b in items) == 3
    may = items[start]
    assert "date_from=2021-05-01" in may.url and "date_to=2021-05-31" in may.url and "q=c" in may.url
    assert keys[0] <= "2021-05" and keys[-1] >= "2021-08" and keys[0] >= "2020-12"


def test_a_long_span_is_drawn_by_year() -> None:
    items = bars(SearchRequest(), [("2001-01", 1), ("2021-03", 4)])
    assert items[0].key == "2001" and items[-1].key == "2021" and items[-1].count == 4


def test_svg_links_only_bars_with_documents() -> None:
    markup = str(svg(bars(SearchRequest(), [("2021-05", 2), ("2021-07", 1)])))
    assert markup.startswith("<svg") and len(re.findall(r"<a href=", markup)) == 2
    assert "style=" not in markup  # the Content-Security-Policy forbids inline styles


def test_the_results_page_draws_the_timeline_with_month_links(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<svg class="timeline"' in html and "date_from=2021-10-01&amp;date_to=2021-10-31" in html
    assert "Không ghi ngày" in html


def test_a_year_filter_draws_that_years_twelve_months() -> None:
    chosen = SearchRequest(date_from="2021-01-01", date_to="2021-12-31")
    items = bars(chosen, [("2021-02", 3), ("2021-12", 1)])
    assert [b.key for b in items] == [f"2021-{m:02d}" for m in range(1, 13)]


def _texts(markup: str) -> list[tuple[str, str]]:
    return re.findall(r'<text x="([\d.]+)%"[^>]*?(?: class="(\w+)")?>', markup)


def test_years_over_a_long_span_are_thinned_to_fit_and_none_is_clipped() -> None:
    items = bars(SearchRequest(), [(f"{y}-06", 1 + y % 7) for y in range(1980, 2026)])
    markup = str(svg(items))
    years = re.findall(r'text-anchor="(\w+)"(?: class="(\w+)")?>(\d{4})<', markup)
    assert 5 <= len(years) <= 12 and len([y for y in years if not y[1]]) <= 6  # a phone shows the unclassed
    positions = [float(x) for x, _ in _texts(markup) if x]
    assert all(0 <= x <= 100 for x in positions)
    assert "preserveAspectRatio" not in markup and 'width="100%"' in markup  # text is never stretched


def test_the_timeline_has_a_count_scale() -> None:
    markup = str(svg(bars(SearchRequest(), [("2021-05", 7), ("2021-07", 1)])))
    scale = re.findall(r'class="scale">(\d+)<', markup)
    assert scale == ["5", "10"] and "cao nhất 10 văn bản" in markup
