"""Facet counts → the facet shape every page and API answer shares.

Each facet: name, label, values; each value: value, label, count, selected,
and the URL that toggles it (datasette's facet shape). Dates are counted by
year and by month of the selected year, and select a date range.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.facets import LABELS, NAMES
from indexer.text import fold_key
from indexer.words.abbreviations import expand_abbreviations
from search_app.query.params import SearchRequest, parse_date, url_with

ORDER = NAMES  # the facet table's order (indexer/facets.py) is the page's
ALL_VALUES = 1_000_000  # /api/facets/<name>?prefix= looks through every value
SHOWN = 8  # values shown before "Xem thêm" on the page
PAGE_DEPTH = 48  # values a search answer carries per facet: SHOWN, then 40 under "Xem thêm" (the box asks for more)
WITH_URLS = 30  # values given their toggle URL in the answer; others get it when a page of them is asked for


def facet_depth(request: SearchRequest) -> int:
    """How many values per facet a search must count: the page's, or as deep as the API page asked."""
    return max(PAGE_DEPTH, request.facet_offset + request.facet_size)


UNDATED = "Không ghi ngày"


def proper(value: str) -> str:
    """A facet label starts with a capital ('cách ly' → 'Cách ly'); the value stays as indexed."""
    return value[:1].upper() + value[1:]


def page_of(values: list[dict[str, Any]], size: int, offset: int) -> list[dict[str, Any]]:
    """One page of a facet's values: selected ones always first, so a filter in use stays visible."""
    chosen = [v for v in values if v.get("selected")]
    rest = [v for v in values if not v.get("selected")]
    return (chosen + rest)[offset:offset + size]


def with_urls(request: SearchRequest, name: str, values: list[dict[str, Any]], base: str = "/") -> list[dict[str, Any]]:
    """The same values, each with the URL that toggles it (built only for the values shown)."""
    toggles = _Toggles(request, base)
    return [v if "toggle_url" in v else {**v, "toggle_url": toggles.url(name, v["value"])} for v in values]


def with_prefix(values: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """Values whose label or any of its words starts with `prefix` or its agency abbreviations written out
    ('ubnd' → 'ủy ban nhân dân', 'sở yt' → 'Sở Y tế'), marks and case ignored."""
    keys = [fold_key(k) for k in expand_abbreviations(prefix)]
    if not keys:
        return values
    def matches(label: str) -> bool:
        folded = f" {fold_key(label)}"
        return any(f" {key}" in folded for key in keys)
    return [v for v in values if matches(v["label"])]


def toggled(request: SearchRequest, name: str, value: str) -> MultiDict:
    """The request's arguments with one filter value added or removed (page reset)."""
    args = MultiDict(request.args)
    current = args.getlist(name)
    args.setlist(name, [v for v in current if v != value] if value in current else [*current, value])
    return args


def with_dates(request: SearchRequest, date_from: str | None, date_to: str | None) -> MultiDict:
    """The request's arguments with this date range (none: every date) instead of its own or of undated=1."""
    args = MultiDict(request.args)
    args.setlist("undated", [])
    args.setlist("date_from", [date_from] if date_from else [])
    args.setlist("date_to", [date_to] if date_to else [])
    return args


def _date_values(request: SearchRequest, counts: list[tuple[str, int]], base: str) -> list[dict[str, Any]]:
    years: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for day, count in counts:
        years[day[:4]] += count
        months[day[:7]] += count
    chosen_year = None
    if request.date_from and request.date_to and request.date_from[:4] == request.date_to[:4]:
        chosen_year = request.date_from[:4]
    out = []
    for year in sorted(years, reverse=True):
        start, end = parse_date(year, "year", False), parse_date(year, "year", True)
        selected = request.date_from == start and request.date_to == end
        args = with_dates(request, None, None) if selected else with_dates(request, start, end)
        out.append({"value": year, "label": f"Năm {year}", "count": years[year], "selected": selected,
                    "toggle_url": url_with(base, args), "level": "year"})
        if year == chosen_year:
            for month in sorted((m for m in months if m.startswith(year)), reverse=True):
                m_start, m_end = parse_date(month, "month", False), parse_date(month, "month", True)
                m_selected = request.date_from == m_start and request.date_to == m_end
                m_args = with_dates(request, start, end) if m_selected else with_dates(request, m_start, m_end)
                out.append({"value": month, "label": f"Tháng {int(month[5:])}/{year}", "count": months[month],
                            "selected": m_selected, "toggle_url": url_with(base, m_args), "level": "month"})
    return out


class _Toggles:
    """toggled() URLs for many values at once: the request's other parameters are encoded once.

    Same URLs as url_with(base, toggled(request, name, value)): parameters keep
    their order, and a toggled one keeps its place (or goes last when new).
    """

    def __init__(self, request: SearchRequest, base: str) -> None:
        self.base = base
        self.args = request.args
        self.encoded = {key: urlencode([(key, v) for v in self.args.getlist(key)]) for key in self.args}

    def url(self, name: str, value: str) -> str:
        current = self.args.getlist(name)
        values = [v for v in current if v != value] if value in current else [*current, value]
        mine = urlencode([(name, v) for v in values])
        parts = [mine if key == name else part for key, part in self.encoded.items()]
        if name not in self.encoded:
            parts.append(mine)
        query = "&".join(p for p in parts if p)
        return f"{self.base}?{query}" if query else self.base


def facet_list(request: SearchRequest, counts: dict[str, list[tuple[str, int]]], base: str) -> dict[str, Any]:
    """Every facet in display order; selected values are listed even at count 0."""
    out = {}
    toggles = _Toggles(request, base)
    for name in ORDER:
        raw = counts.get(name, [])
        if name == "date":
            values = _date_values(request, raw, base)
        else:
            selected = request.filters.get(name, [])
            present = {v for v, _ in raw}
            raw = raw + [(v, 0) for v in selected if v not in present]
            values = [
                {"value": v, "label": proper(v), "count": c, "selected": v in selected}
                | ({"toggle_url": toggles.url(name, v)} if i < WITH_URLS or v in selected else {})
                for i, (v, c) in enumerate(raw)
            ]
        out[name] = values
    return out


def chips(request: SearchRequest, base: str) -> list[dict[str, str]]:
    """Active filters as removable chips: label and the URL without that filter."""
    out = []
    for name, values in request.filters.items():
        for value in values:
            out.append({"label": f"{LABELS[name]}: {value}",
                        "remove_url": url_with(base, toggled(request, name, value))})
    every_date = url_with(base, with_dates(request, None, None))
    if request.date_from or request.date_to:
        span = f"{_vn_date(request.date_from) or '…'} – {_vn_date(request.date_to) or '…'}"
        out.append({"label": f"{LABELS['date']}: {span}", "remove_url": every_date})
    if request.undated:
        out.append({"label": f"{LABELS['date']}: {UNDATED}", "remove_url": every_date})
    return out


def _vn_date(iso: str | None) -> str | None:
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def undated(request: SearchRequest, total: int, months: list[tuple[str, int]]) -> int | None:
    """How many results state no date (None while a date range is chosen: it excludes them)."""
    if request.date_from or request.date_to:
        return None
    return total - sum(c for _, c in months)


def undated_url(request: SearchRequest, base: str = "/") -> str:
    """The URL that chooses "Không ghi ngày" (or, when chosen, drops it): a date choice like a range."""
    args = with_dates(request, None, None)
    if not request.undated:
        args.setlist("undated", ["1"])
    return url_with(base, args)
