"""The result set as a histogram by month: a server-rendered SVG, each bar a link.

No script: the bars are SVG `<a>` elements whose link filters the search to
that month (or year, when the results span more than MAX_MONTHS months and
the bars would be too thin to click). Colours and sizes are presentation
attributes, not inline styles, so the page's Content-Security-Policy holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from search_app.query.params import SearchRequest, parse_date, url_with

MAX_MONTHS = 96
MIN_SLOTS = 12  # a result set within a few months still reads as a year, not one wide block
HEIGHT, AXIS = 100, 30  # pixels: the bars, the labels under them
MONTH_LABELS = 24  # up to this many bars, each is labelled with its month
STEPS = (1, 2, 5, 10, 20, 50, 100)  # years between labels
NARROW_LABELS, WIDE_LABELS = 6, 12  # most year labels on a phone, on a wide screen (the others are class "wide")


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
    first, last = min(counts), max(counts)
    if request.date_from and request.date_to:  # a chosen period is drawn whole: a year is its twelve months
        first, last = min(first, request.date_from[:7]), max(last, request.date_to[:7])
    months = _months_between(first, last)
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
        args = MultiDict(request.args)
        args.setlist("undated", [])
        args.setlist("date_from", [parse_date(key, "date_from", False) or ""])
        args.setlist("date_to", [parse_date(key, "date_to", True) or ""])
        label = f"Năm {key}" if by_year else f"Tháng {int(key[5:7])}/{key[:4]}"
        out.append(Bar(key, label, counts.get(key, 0), url_with(base, args)))
    return out


def _every(count: int, most: int, multiple_of: int = 1) -> int:
    """Years between labels so that at most `most` labels stand under `count` bars."""
    return next((k for k in STEPS if k % multiple_of == 0 and -(-count // k) <= most), STEPS[-1])


def _scale_top(peak: int) -> int:
    """The count at the top of the scale: 1, 2 or 5 times a power of ten, at least the peak."""
    top = 1
    while top < peak:
        for factor in (2, 2.5, 2):
            top = int(top * factor)
            if top >= peak:
                break
    return top


def _label(x: float, y: int, text: str, anchor: str, css: str = "", size: int = 12) -> str:
    klass = f' class="{css}"' if css else ""
    return (f'<text x="{x:.2f}%" y="{y}" font-size="{size}" fill="#4a5361" text-anchor="{anchor}"{klass}>'
            f'{text}</text>')


def _labels(items: list[Bar]) -> list[str]:
    """Month numbers (up to MONTH_LABELS bars), year labels thinned so that none touch at any width:
    the ones past NARROW_LABELS are class "wide" (hidden on a phone); end labels keep inside."""
    step, last = 100 / len(items), len(items) - 1
    out = []
    if len(items[0].key) == 4:
        wide = _every(len(items), WIDE_LABELS)
        narrow = _every(len(items), NARROW_LABELS, wide)
        for i, bar in enumerate(items):
            year = int(bar.key)
            if year % wide == 0:
                x, anchor = (0, "start") if i == 0 else (100, "end") if i == last else ((i + 0.5) * step, "middle")
                out.append(_label(x, HEIGHT + 16, bar.key, anchor, "" if year % narrow == 0 else "wide"))
        return out
    for i, bar in enumerate(items):
        if len(items) <= MONTH_LABELS:
            css = "wide" if len(items) > 12 and i % 2 else ""
            out.append(_label((i + 0.5) * step, HEIGHT + 13, str(int(bar.key[5:7])), "middle", css, size=11))
        if i == 0 or bar.key[5:7] == "01":
            late = 0 < i > last - 2
            out.append(_label(100 if late else i * step, HEIGHT + AXIS - 3, bar.key[:4], "end" if late else "start"))
    return out


def svg(items: list[Bar]) -> Markup:
    """The histogram as inline SVG (empty when nothing is dated). Positions are percentages of the
    width and sizes pixels, so the drawing fills any width without stretching its text; a count
    scale (gridlines at half and at the top) says what the heights mean."""
    if not items:
        return Markup("")
    top = _scale_top(max(b.count for b in items))
    step = 100 / len(items)
    gap = min(0.4, step * 0.2)
    parts = [f'<svg class="timeline" width="100%" height="{HEIGHT + AXIS}" role="img" '
             f'aria-label="Số văn bản theo thời gian, cao nhất {top} văn bản">']
    for value in sorted({top, top // 2} - {0}):
        y = HEIGHT - HEIGHT * value / top
        parts.append(f'<line x1="0" y1="{y + 0.5:.1f}" x2="100%" y2="{y + 0.5:.1f}" stroke="#e3e7ec"/>'
                     f'<text x="0" y="{y + 12:.1f}" font-size="11" fill="#4a5361" class="scale">{value}</text>')
    for i, bar in enumerate(items):
        if not bar.count:
            continue
        height = max(2.0, HEIGHT * bar.count / top)
        title = f"{bar.label}: {bar.count} văn bản"
        parts.append(f'<a href="{escape(bar.url)}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
                     f'<rect x="{i * step + gap / 2:.3f}%" y="{HEIGHT - height:.1f}" width="{step - gap:.3f}%" '
                     f'height="{height:.1f}" fill="#0b4f9c"/>'
                     f'<rect x="{i * step:.3f}%" y="0" width="{step:.3f}%" height="{HEIGHT}" fill="transparent"/></a>')
    parts += _labels(items)
    parts.append(f'<line x1="0" y1="{HEIGHT + 0.5}" x2="100%" y2="{HEIGHT + 0.5}" stroke="#d5dae1"/></svg>')
    return Markup("".join(parts))
