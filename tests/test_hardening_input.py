"""Hostile input never breaks a request (issue 6).

Property tests drive the search page, the JSON API and the document view with
arbitrary Unicode queries and parameters: unbalanced quotes and parentheses,
lone operators, field syntax, control characters, NUL, right-to-left marks,
emoji, 10,000-character strings, repeated parameters, wrong types, broken
percent-encoding. For every generated case:

- no 5xx: the answer is results (200) or a clear 400/404;
- every 4xx carries a message in Vietnamese (page and JSON);
- the search box of the HTML page holds what the user typed;
- every answer carries the security headers.

The number of generated cases is printed at the end of the module.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from search_app.query import params
from search_app.query.params import FILTERS, MAX_QUERY_CHARS, SORTS

pytestmark = pytest.mark.slow

EXAMPLES = {"page": 700, "api": 700, "document": 400, "raw": 300}
MIN_CASES = 2_000
assert sum(EXAMPLES.values()) >= MIN_CASES

# Marked letters only Vietnamese (and its neighbours) write: a message needs some near its start.
VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")

PIECES = [
    '"', "'", "(", ")", "((", "))", "[", "]", "{", "}", "AND", "OR", "NOT", "VÀ", "HOẶC", "|", "-", "--", "+",
    "*", "?", "~", "^", ":", "\\", "/", "&", "=", "#", "%", "%00", "%2F", "..", "../..", "issuer:", "title:",
    "foo:bar", "body_f:x", "subject:(", "id:*", "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\x0b", "\x85",
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\ufeff", "\ufffd", "\U0001f600",
    "👨‍👩‍👧‍👦", "🇻🇳", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
    "{{7*7}}", "${7*7}", "' OR 1=1 --", "cách ly", "cach ly", "Đắk Nông", "COVID-19", "2973/UBND-VXNV",
    "570/CĐ-TTg", "5K", "a\u0301", "ᄀ", "ﷺ", "İ", "ß", "ǅ", "\u0301", "𝔘𝔅𝔑𝔇",
]
LONG = ["x" * 10_000, "ă" * 10_000, ("cách ly " * 1_300)[:10_000], "a" * MAX_QUERY_CHARS,
        "a" * (MAX_QUERY_CHARS + 1), '"' * 10_000, "(" * 5_000 + ")" * 5_000]

queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=15).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=15).map("".join),
    st.builds(lambda piece, n: (piece * n)[:10_000], st.sampled_from([*PIECES, "a", "x "]), st.integers(1, 10_000)),
    st.sampled_from(LONG),
)
wrong_ints = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["", " ", "1.5", "1e3", "0x10", "-0", "+1", "١٢", "1_000", "NaN", "inf", "9" * 5_000,
                     "1\x00", "[]", "null", "true", str(params.MAX_PAGE), str(params.MAX_PAGE + 1),
                     str(params.MAX_PER_PAGE + 1)]),
    st.text(max_size=8),
)
dates = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2021", "2021-05", "2021-13", "2021-02-30", "0000-01-01", "9999-12", "9999", "21-5-2021",
                     "2021/05/21", "", "٢٠٢١", "2021-05-21T00:00", "2021-5-1"]),
    st.text(max_size=12),
)
filter_values = st.one_of(
    st.sampled_from(["Ủy ban nhân dân tỉnh Đắk Nông", "Công văn", "Thông báo", "cách ly", "tỉnh", "UBND"]),
    st.sampled_from(PIECES),
    st.text(max_size=20),
    st.integers(params.MAX_VALUE_CHARS - 2, params.MAX_VALUE_CHARS + 2).map(lambda n: "ă" * n),
)
odd_names = st.one_of(
    st.sampled_from(["Q", "q ", "q[]", "issuer[]", "page\x00", "__class__", "filter", "limit", "offset", "debug",
                     "fields", "", " ", "%71", "q\u200b"]),
    st.text(max_size=8),
)
one_param = st.one_of(
    st.tuples(st.just("q"), queries),
    st.tuples(st.sampled_from(["page", "per_page"]), wrong_ints),
    st.tuples(st.just("sort"), st.one_of(st.sampled_from(SORTS), st.text(max_size=10))),
    st.tuples(st.sampled_from(["date_from", "date_to"]), dates),
    st.tuples(st.sampled_from(FILTERS), filter_values),
    st.tuples(odd_names, st.text(max_size=10)),
)
many_values = st.tuples(st.sampled_from(FILTERS), st.integers(params.MAX_VALUES_PER_FILTER - 1,
                                                              params.MAX_VALUES_PER_FILTER + 3)).map(
    lambda pair: [(pair[0], f"giá trị {i}") for i in range(pair[1])])
plausible = st.tuples(  # one query, maybe a filter and a page: the answer is usually results
    st.lists(st.tuples(st.just("q"), queries), max_size=1),
    st.lists(st.tuples(st.sampled_from(FILTERS), filter_values), max_size=2),
    st.lists(st.tuples(st.sampled_from(["page", "per_page"]), st.integers(1, 60).map(str)), max_size=1),
).map(lambda parts: parts[0] + parts[1] + parts[2])
param_lists = st.one_of(
    plausible,
    plausible,
    st.lists(one_param, max_size=6),
    st.tuples(st.lists(one_param, max_size=3), many_values).map(lambda parts: parts[0] + parts[1]),
)
RAW_PIECES = ["q=", "&", "=", ";", "+", "%", "%2", "%ZZ", "%00", "%FF", "%C3%28", "%E2%82", "%F0%9F%98", "%ED%A0%80",
              "%C0%AF", "q", "page=", "per_page=", "sort=", "issuer=", "issuer[]=", "&&", "==", "%26", "%3D", "?", "#"]
raw_query_strings = st.lists(st.one_of(
    st.sampled_from(RAW_PIECES),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="#"), max_size=5),
), max_size=20).map("".join)

HOSTILE_IDS = [
    "..", ".", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "/etc/passwd", "%00", "....//....//etc/passwd",
    "..\\..\\windows", "C:\\Windows\\win.ini", "file:///etc/passwd", "%252e%252e%252f", "~root", "%2e%2e%2f%2e%2e",
    "corpus/000_0f98641f82c5dfd6.txt", "../corpus/000_0f98641f82c5dfd6.txt", "000_0f98641f82c5dfd6.txt",
    "%2F%2F127.0.0.1", "\x00", "\n", "%0A", "%0D%0A",
]
SUFFIXES = ["\n", "%0A", "%0a", "%2F", "%2f", "%2F..%2F..%2Fetc%2Fpasswd", "%00", "\x00", ".txt", "%20", " ",
            "..", "A", ";", "%3B", "/..", "/../..", "%5C..", "\u200b", "\u202e"]


def assert_security_headers(response) -> None:
    """The headers every answer carries, whatever went wrong (see test_hardening_security)."""
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy")
    assert "Server" not in response.headers


def settings_for(name: str):
    return settings(max_examples=EXAMPLES[name], derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example, HealthCheck.filter_too_much])


@pytest.fixture(scope="module")
def tally(request: pytest.FixtureRequest):
    """Cases and answers per test; printed when the module is done."""
    counts = {"cases": Counter(), "status": Counter()}
    yield counts
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    five_xx = sum(n for status, n in counts["status"].items() if status >= 500)
    line = (f"hardening input: {sum(counts['cases'].values())} generated cases "
            f"({', '.join(f'{k} {v}' for k, v in sorted(counts['cases'].items()))}), "
            f"{sum(counts['status'].values())} requests, answers {dict(sorted(counts['status'].items()))}, "
            f"5xx seen: {five_xx}")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{line}")


class _Form(HTMLParser):
    """The value of the search box (input#q) and the text of an error page's message."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.box: list[str] = []
        self.message: list[str] = []
        self._in_error = False
        self._in_message = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("id") == "q":
            self.box.append(attributes.get("value") or "")
        if tag == "section" and "error-page" in (attributes.get("class") or ""):
            self._in_error = True
        if tag == "p" and self._in_error and not self.message:
            self._in_message = True
            self.message.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_message = False
        if tag == "section":
            self._in_error = False

    def handle_data(self, data: str) -> None:
        if self._in_message:
            self.message[-1] += data


def read_form(page: str) -> _Form:
    form = _Form()
    form.feed(page)
    form.close()
    return form


def assert_vietnamese(message: str) -> None:
    """A message for a person: Vietnamese from its first words, no programmer's detail."""
    head = message[:30]  # user input echoed in a message comes later
    assert sum(ch.lower() in VIETNAMESE_LETTERS for ch in head) >= 3, f"not a Vietnamese message: {message!r}"
    assert "Traceback" not in message and "Exception" not in message


def first(pairs: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in pairs if key == name), None)


def check_page(client, pairs: list[tuple[str, str]], tally: dict) -> None:
    response = client.get("/", query_string=pairs)
    tally["status"][response.status_code] += 1
    assert response.status_code in (200, 400), (response.status_code, pairs)
    assert_security_headers(response)
    page = response.get_data(as_text=True)
    form = read_form(page)
    typed = first(pairs, "q") or ""
    assert len(form.box) == 1
    if response.status_code == 200:
        assert form.box[0] == typed.strip(), "the search box must keep the query"
        assert "Traceback" not in page
    else:
        assert form.box[0] == typed[:MAX_QUERY_CHARS], "the error page's box must keep the query"
        assert len(form.message) == 1
        assert_vietnamese(form.message[0])


def check_api(client, pairs: list[tuple[str, str]], tally: dict, path: str = "/api/search") -> None:
    response = client.get(path, query_string=pairs)
    tally["status"][response.status_code] += 1
    assert response.status_code in (200, 400), (response.status_code, pairs)
    assert response.mimetype == "application/json"
    assert_security_headers(response)
    body = json.loads(response.get_data(as_text=True))
    if response.status_code == 200:
        assert isinstance(body["total"], int) and body["total"] >= 0
        assert len(body["hits"]) <= body["per_page"] <= params.MAX_PER_PAGE
    else:
        assert body["status"] == 400
        assert_vietnamese(body["error"])


@pytest.mark.parametrize(("name", "check"), [("page", check_page), ("api", check_api)])
def test_page_and_api_answer_any_parameters_with_results_or_a_vietnamese_400(app, tally, name: str,
                                                                             check) -> None:
    """The page answers HTML, the API JSON: results, or a 400 in Vietnamese."""
    client = app.test_client()

    @settings_for(name)
    @given(param_lists)
    def case(pairs: list[tuple[str, str]]) -> None:
        tally["cases"][name] += 1
        check(client, pairs, tally)

    case()
    assert tally["cases"][name] >= EXAMPLES[name]


def test_broken_query_strings_never_break_the_page_or_the_api(app, tally) -> None:
    client = app.test_client()

    @settings_for("raw")
    @given(raw_query_strings, st.sampled_from(["/", "/api/search"]))
    def case(raw: str, path: str) -> None:
        tally["cases"]["raw"] += 1
        response = client.get(path, query_string=raw)
        tally["status"][response.status_code] += 1
        assert response.status_code in (200, 400), (response.status_code, raw)
        assert_security_headers(response)
        if response.status_code == 400:
            if path == "/":
                assert_vietnamese(read_form(response.get_data(as_text=True)).message[0])
            else:
                assert_vietnamese(response.get_json()["error"])

    case()
    assert tally["cases"]["raw"] >= EXAMPLES["raw"]


@pytest.fixture(scope="module")
def known_ids(app) -> dict[str, bytes]:
    """Every indexed id → the bytes of its corpus file."""
    client = app.test_client()
    hits = client.get("/api/search", query_string={"per_page": params.MAX_PER_PAGE}).get_json()["hits"]
    corpus = Path(app.config["CORPUS_DIR"])
    out = {}
    for hit in hits:
        source = client.get(f"/api/documents/{hit['id']}").get_json()["source"]
        out[hit["id"]] = (corpus / source).read_bytes()
    assert out
    return out


def test_document_urls_accept_only_known_ids(app, tally, known_ids: dict[str, bytes]) -> None:
    """/doc/<id> and /doc/<id>/source: 200 for an indexed id (the file itself), else 404 — never another file."""
    client = app.test_client()
    ids = sorted(known_ids)
    raw_segments = st.one_of(
        st.sampled_from(ids),
        st.builds(str.__add__, st.sampled_from(ids), st.sampled_from(SUFFIXES)),
        st.builds(str.__add__, st.sampled_from(SUFFIXES), st.sampled_from(ids)),
        st.sampled_from(HOSTILE_IDS),
    )
    segments = st.one_of(
        raw_segments.map(lambda s: quote(s, safe="%/\\:~")),  # as an attacker types them, escapes kept
        st.text(max_size=40).map(lambda s: quote(s, safe="")),  # anything, properly encoded
    )

    @settings_for("document")
    @given(segments, st.sampled_from(["", "/source"]), st.one_of(st.just(""), queries))
    def case(segment: str, tail: str, q: str) -> None:
        tally["cases"]["document"] += 1
        response = client.get(f"/doc/{segment}{tail}", query_string={"q": q} if q else None)
        tally["status"][response.status_code] += 1
        assert_security_headers(response)
        body = response.get_data()
        assert b"root:x:0:0" not in body
        wanted = re.fullmatch(r"/doc/([^/]+)(/source)?", unquote(f"/doc/{segment}{tail}"))
        if wanted and wanted[1] in known_ids:
            assert response.status_code == 200, segment
            if wanted[2]:
                assert body == known_ids[wanted[1]], "the source link serves exactly the document's own file"
                assert response.mimetype == "text/plain"
            return
        if response.status_code == 308:  # "//" merged by the router: it stays on this site, under /doc/
            location = response.headers["Location"]
            assert location.startswith("/doc/") or location.startswith("http://localhost/doc/"), location
            return
        assert response.status_code == 404, (segment, tail, response.status_code)
        page = response.get_data(as_text=True)
        assert_vietnamese(read_form(page).message[0])

    case()
    assert tally["cases"]["document"] >= EXAMPLES["document"]


def test_the_cases_add_up_to_at_least_two_thousand(tally) -> None:
    ran = set(tally["cases"])
    if ran != set(EXAMPLES):
        pytest.skip(f"only {sorted(ran)} ran in this session")
    assert sum(tally["cases"].values()) >= MIN_CASES
    assert not any(status >= 500 for status in tally["status"])


@pytest.mark.parametrize("name, value, fragment", [
    ("q", "a" * (MAX_QUERY_CHARS + 1), f"tối đa {MAX_QUERY_CHARS}"),
    ("page", str(params.MAX_PAGE + 1), f"từ 1 đến {params.MAX_PAGE}"),
    ("per_page", str(params.MAX_PER_PAGE + 1), f"từ 1 đến {params.MAX_PER_PAGE}"),
    ("issuer", "ă" * (params.MAX_VALUE_CHARS + 1), f"tối đa {params.MAX_VALUE_CHARS} ký tự"),
])
def test_each_limit_is_enforced_with_a_message_naming_it(client, name: str, value: str, fragment: str) -> None:
    at_limit = {"q": "a" * MAX_QUERY_CHARS, "page": str(params.MAX_PAGE), "per_page": str(params.MAX_PER_PAGE),
                "issuer": "ă" * params.MAX_VALUE_CHARS}[name]
    assert client.get("/api/search", query_string={name: at_limit}).status_code == 200
    response = client.get("/api/search", query_string={name: value})
    assert response.status_code == 400
    assert fragment in response.get_json()["error"]


def test_the_number_of_filter_values_is_limited(client) -> None:
    pairs = [("topic", f"chủ đề {i}") for i in range(params.MAX_VALUES_PER_FILTER)]
    assert client.get("/api/search", query_string=pairs).status_code == 200
    response = client.get("/api/search", query_string=[*pairs, ("topic", "một giá trị nữa")])
    assert response.status_code == 400
    assert f"tối đa {params.MAX_VALUES_PER_FILTER}" in response.get_json()["error"]


def test_the_api_lists_its_limits(client) -> None:
    assert client.get("/api/").get_json()["limits"] == {
        "q_max_chars": MAX_QUERY_CHARS,
        "values_per_filter": params.MAX_VALUES_PER_FILTER,
        "value_max_chars": params.MAX_VALUE_CHARS,
        "page_max": params.MAX_PAGE,
        "per_page_max": params.MAX_PER_PAGE,
        "facet_size_max": params.MAX_FACET_SIZE,
    }


def test_the_search_box_cannot_take_more_than_the_limit(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert f'maxlength="{MAX_QUERY_CHARS}"' in page


@pytest.mark.parametrize("typed", ['"cách ly', "(((", "AND", "-", "*", ":", "issuer:UBND", "\u202ecách\u202c ly",
                                   "🙂 vắc xin", "<b>x</b>"])  # a control character is a 400 (test_inbox_serving)
def test_odd_queries_get_results_and_keep_the_box(client, typed: str) -> None:
    response = client.get("/", query_string={"q": typed})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert read_form(page).box == [typed]
    assert f"«{escape(typed)}»" in page  # the summary line names the query, as text
