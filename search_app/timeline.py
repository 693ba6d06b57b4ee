"""The result set as a histogram by month: a server-rendered SVG, each bar a link.

No script: the bars are SVG `<a>` elements whose link filters the search to
that month (or year, when the results span more than MAX_MONTHS months and
the bars would be too thin to click). Colours and sizes are presentation
attributes, not inline styles, so the page's Content-Security-Policy holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup, escape

from search_app.params import SearchRequest, parse_date

MAX_MONTHS = 96
MIN_SLOTS = 12  # a result set within a few months still reads as a year, not one wide block
WIDTH, HEIGHT, AXIS = 720, 96, 30
MONTH_LABELS = 24  # up to this many bars, each is labelled with its month


@dataclass
class Bar:
    key: str  # 'YYYY-MM' or 'YYYY'
    label: str
    count: int
    url: str


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _next(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + 1:04d}-01" if mon == 12 else f"{year:04d}-{mon + 1:02d}"


def _previous(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if mon == 1 else f"{year:04d}-{mon - 1:02d}"


def bars(request: SearchRequest, month_counts: list[tuple[str, int]], base: str = "/") -> list[Bar]:
    """One bar per month from the first to the last month with results (empty months included)."""
    counts = Counter({m[:7]: c for m, c in month_counts if c})
    if not counts:
        return []
    months = _months_between(min(counts), max(counts))
    while len(months) < MIN_SLOTS:  # pad around the months with results, a month after, then one before
        months = [*months, _next(months[-1])] if len(months) % 2 else [_previous(months[0]), *months]
    by_year = len(months) > MAX_MONTHS
    if by_year:
        years: Counter[str] = Counter()
        for month, count in counts.items():
            years[month[:4]] += count
        keys = [str(y) for y in range(int(min(years)), int(max(years)) + 1)]
        counts = years
    else:
        keys = months
    out = []
    for key in keys:
        args = request.as_args()
        args.setlist("undated", [])
        args.setlist("date_from", [parse_date(key, "date_from", False) or ""])
        args.setlist("date_to", [parse_date(key, "date_to", True) or ""])
        label = f"Năm {key}" if by_year else f"Tháng {int(key[5:7])}/{key[:4]}"
        out.append(Bar(key, label, counts.get(key, 0), f"{base}?{urlencode(list(args.items(multi=True)))}"))
    return out


def svg(items: list[Bar]) -> Markup:
    """The histogram as inline SVG markup (empty when there is nothing dated)."""
    if not items:
        return Markup("")
    peak = max(b.count for b in items) or 1
    step = WIDTH / len(items)
    gap = min(2.0, step * 0.2)
    parts = [f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT + AXIS}" role="img" '
             f'aria-label="Số văn bản theo thời gian" preserveAspectRatio="none">']
    shown_years: set[str] = set()
    for i, bar in enumerate(items):
        x = i * step
        height = 0 if bar.count == 0 else max(2.0, HEIGHT * bar.count / peak)
        title = f"{bar.label}: {bar.count} văn bản"
        if bar.count:
            parts.append(f'<a href="{escape(bar.url)}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
                         f'<rect x="{x + gap / 2:.1f}" y="{HEIGHT - height:.1f}" width="{max(step - gap, 1):.1f}" '
                         f'height="{height:.1f}" fill="#0b4f9c"/>'
                         f'<rect x="{x:.1f}" y="0" width="{step:.1f}" height="{HEIGHT}" fill="transparent"/></a>')
        year = bar.key[:4]
        if len(items) <= MONTH_LABELS and len(bar.key) == 7:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{HEIGHT + 12}" font-size="10" fill="#4a5361" '
                         f'text-anchor="middle">{int(bar.key[5:7])}</text>')
        if year not in shown_years and (len(bar.key) == 4 or bar.key[5:7] == "01" or i == 0):
            shown_years.add(year)
            parts.append(f'<text x="{x + 1:.1f}" y="{HEIGHT + AXIS - 3}" font-size="11" fill="#4a5361">{year}</text>')
    parts.append(f'<line x1="0" y1="{HEIGHT + 0.5}" x2="{WIDTH}" y2="{HEIGHT + 0.5}" stroke="#d5dae1"/></svg>')
    return Markup("".join(parts))
