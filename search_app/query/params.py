"""Request parameters → a validated SearchRequest, or a clear 400.

The page and the API take the same parameters. Names are an allowlist; every
limit is explicit here (and in the README), and each error message says in
Vietnamese what is wrong and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from indexer.facets import NAMES
from indexer.text import has_controls

MAX_QUERY_CHARS = 500
MAX_VALUES_PER_FILTER = 20
MAX_VALUE_CHARS = 300
MAX_PAGE = 500
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
FILTERS = tuple(name for name in NAMES if name != "date")  # the facet table's; dates are chosen by date_from/date_to
SORTS = ("relevance", "newest", "oldest")
SCALARS = ("q", "sort", "page", "per_page", "date_from", "date_to", "exact", "facet_size", "facet_offset",
           "hide_superseded", "undated")
ALLOWED = set(FILTERS) | set(SCALARS)
DEFAULT_FACET_SIZE = 30
MAX_FACET_SIZE = 1000
# Added by sharing platforms and campaigns: never part of a search, so a shared link still works.
TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl)$", re.I)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_VN_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")  # dd/mm/yyyy, as staff write it


class BadRequest(ValueError):
    """A parameter the service cannot accept; the message is shown to the user."""


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort_given: bool = False
    exact: bool = False  # search the words as typed, without spelling correction
    facet_size: int = DEFAULT_FACET_SIZE
    facet_offset: int = 0
    hide_superseded: bool = False
    undated: bool = False  # only documents that state no date ("Không ghi ngày")
    ignored: tuple[str, ...] = ()  # unknown parameter names a page left out (the page says so)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def effective_sort(self, has_query: bool) -> str:
        """Relevance needs a query; an empty query browses newest first."""
        if not has_query and self.sort == "relevance":
            return "newest"
        return self.sort

    @cached_property
    def args(self) -> ImmutableMultiDict:
        """The request as URL arguments, in a stable order, built once per request: every link of the
        page (facets, chips, pages, notes) starts from it; a link that changes one copies it first."""
        args: list[tuple[str, str]] = []
        if self.q:
            args.append(("q", self.q))
        for name in FILTERS:
            args.extend((name, v) for v in self.filters.get(name, []))
        if self.date_from:
            args.append(("date_from", self.date_from))
        if self.date_to:
            args.append(("date_to", self.date_to))
        if self.undated:
            args.append(("undated", "1"))
        if self.sort_given:
            args.append(("sort", self.sort))
        if self.per_page != DEFAULT_PER_PAGE:
            args.append(("per_page", str(self.per_page)))
        if self.exact:
            args.append(("exact", "1"))
        if self.hide_superseded:
            args.append(("hide_superseded", "1"))
        return ImmutableMultiDict(args)


def url_with(base: str, args: MultiDict) -> str:
    """`base?args`, or `base` alone when there are none: every link a search page draws."""
    query = urlencode(list(args.items(multi=True)))
    return f"{base}?{query}" if query else base


def _int(args: MultiDict, name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"Tham số {name} phải là số nguyên, nhận được {raw[:40]!r}.") from None
    if not low <= value <= high:
        raise BadRequest(f"Tham số {name} phải từ {low} đến {high}, nhận được {value}.")
    return value


def _flag(args: MultiDict, name: str) -> bool:
    raw = (args.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "off", "no"):
        return False
    if raw in ("1", "true", "on", "yes"):
        return True
    raise BadRequest(f"Tham số {name} chỉ nhận 1 hoặc 0, nhận được {raw[:40]!r}.")


def parse_date(raw: str | None, name: str, end: bool) -> str | None:
    """'2021', '2021-05' or '2021-05-21' → an ISO day (the period's last day when `end`)."""
    if raw is None or raw.strip() == "":
        return None
    vn = _VN_DATE.match(raw.strip())
    if vn:
        raw = f"{vn[3]}-{int(vn[2]):02d}-{int(vn[1]):02d}"
    match = _PARTIAL_DATE.match(raw.strip())
    if not match:
        raise BadRequest(f"Tham số {name} phải có dạng dd/mm/yyyy (hoặc YYYY-MM-DD, YYYY-MM, YYYY), "
                         f"nhận được {raw[:40]!r}.")
    year, month, day = int(match[1]), int(match[2] or (12 if end else 1)), match[3]
    try:
        if day is None:
            first = dt.date(year, month, 1)
            if not end:
                return first.isoformat()
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return (following - dt.timedelta(days=1)).isoformat()
        return dt.date(year, month, int(day)).isoformat()
    except ValueError:
        what = f"Ngày {int(day):02d}/{month:02d}/{year:04d}" if day else f"Tháng {month:02d}/{year:04d}"
        raise BadRequest(f"{what} không có (tham số {name}).") from None


def unknown_names(args: MultiDict) -> list[str]:
    """Parameter names the service does not take (tracking parameters are not counted)."""
    return sorted(k for k in set(args.keys()) - ALLOWED if not TRACKING.match(k))


def ignored_note(names: tuple[str, ...]) -> str:
    """What a page says when it left parameters out."""
    shown = ", ".join(n[:40] for n in names[:5]) + (" …" if len(names) > 5 else "")
    return f"Đã bỏ qua tham số không được hỗ trợ: {shown}."


def parse_request(args: MultiDict, ignore_unknown: bool = False) -> SearchRequest:
    """Validate every parameter; the first problem raises BadRequest. Tracking parameters are dropped;
    unknown names raise too, unless `ignore_unknown` (pages: left out, and kept in `ignored`)."""
    unknown = unknown_names(args)
    if unknown and not ignore_unknown:
        raise BadRequest(f"Tham số không được hỗ trợ: {', '.join(u[:40] for u in unknown[:5])}. "
                         f"Các tham số hợp lệ: {', '.join(sorted(ALLOWED))}.")
    args = MultiDict([(k, v) for k, v in args.items(multi=True) if k in ALLOWED])
    for name in SCALARS:
        if len(args.getlist(name)) > 1:
            raise BadRequest(f"Tham số {name} chỉ được có một giá trị.")
    for name, value in args.items(multi=True):
        if has_controls(value):
            raise BadRequest(f"Tham số {name[:40]} chứa ký tự điều khiển (mã dưới 32), không tìm được; "
                             "hãy gõ lại (control characters).")
    q = args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise BadRequest(f"Câu tìm kiếm quá dài: {len(q)} ký tự, tối đa {MAX_QUERY_CHARS}.")
    filters: dict[str, list[str]] = {}
    for name in FILTERS:
        values = [v.strip() for v in args.getlist(name) if v.strip()]
        if len(values) > MAX_VALUES_PER_FILTER:
            raise BadRequest(f"Quá nhiều giá trị cho {name}: tối đa {MAX_VALUES_PER_FILTER}.")
        if any(len(v) > MAX_VALUE_CHARS for v in values):
            raise BadRequest(f"Giá trị của {name} quá dài: tối đa {MAX_VALUE_CHARS} ký tự.")
        if values:
            filters[name] = list(dict.fromkeys(values))
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise BadRequest(f"Cách sắp xếp không hợp lệ: {sort[:40]!r}. Chọn một trong: {', '.join(SORTS)}.")
    request = SearchRequest(
        q=q.strip(),
        filters=filters,
        date_from=parse_date(args.get("date_from"), "date_from", end=False),
        date_to=parse_date(args.get("date_to"), "date_to", end=True),
        sort=sort,
        page=_int(args, "page", 1, 1, MAX_PAGE),
        per_page=_int(args, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        sort_given="sort" in args,
        exact=args.get("exact", "") not in ("", "0"),
        facet_size=_int(args, "facet_size", DEFAULT_FACET_SIZE, 1, MAX_FACET_SIZE),
        facet_offset=_int(args, "facet_offset", 0, 0, 1_000_000),
        hide_superseded=_flag(args, "hide_superseded"),
        undated=_flag(args, "undated"),
        ignored=tuple(unknown),
    )
    if request.undated and (request.date_from or request.date_to):
        raise BadRequest("undated=1 (văn bản không ghi ngày) không dùng cùng date_from/date_to.")
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise BadRequest("date_from phải trước hoặc bằng date_to.")
    return request


def limits() -> dict[str, Any]:
    """The limits, for the API description and the README."""
    return {
        "q_max_chars": MAX_QUERY_CHARS,
        "values_per_filter": MAX_VALUES_PER_FILTER,
        "value_max_chars": MAX_VALUE_CHARS,
        "page_max": MAX_PAGE,
        "per_page_max": MAX_PER_PAGE,
        "facet_size_max": MAX_FACET_SIZE,
    }
