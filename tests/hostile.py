"""The hostile collection's fixtures data and the checks the hardening tests share (not a test module)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "900_markup.txt"
HOSTILE_ID = "900_markup"
CHROMIUM = Path("/usr/bin/chromium")
REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}

ISSUER = 'Ủy ban nhân dân <script>alert(1)</script> sở "><img src=x onerror=alert(2)>'
SUBJECT_PAYLOADS = ("<script>window.xss=3</script>", '"><img src=x onerror=window.xss=4>',
                    '<a href="javascript:window.xss=5">liên kết</a>')
TEXT_PAYLOADS = ("<script>window.xss=8</script>", '"><img src=x onerror=alert(9)>',
                 '<a href="javascript:alert(10)">bấm vào đây</a>', "javascript:alert(11)")
QUERY_PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                  "'><svg onload=alert(1)>")


def assert_security_headers(response) -> None:
    """The headers every answer must carry; also used by test_hardening_input on every generated case."""
    headers = response.headers
    csp = {part.split()[0]: " ".join(part.split()) for part in headers.get("Content-Security-Policy", "").split(";")
           if part.strip()}
    assert csp.get("script-src") == "script-src 'self'", "scripts only from this site, none inline"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]
    assert csp.get("frame-ancestors") == "frame-ancestors 'none'"
    assert csp.get("object-src") == "object-src 'none'"
    assert "default-src" in csp and "base-uri" in csp
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") in REFERRER_POLICIES
    assert "Server" not in headers and "X-Powered-By" not in headers



HOSTILE_PAGES = [
    "/",
    "/?q=ki%E1%BB%83m+th%E1%BB%AD",  # kiểm thử: the subject and the snippet
    "/?q=script+onerror+javascript+img",  # highlights fall inside the markup
    "/?q=ch%C3%A8n+m%C3%A3",
    "/?q=999%2FUBND-XSS",
    f"/doc/{HOSTILE_ID}",
    f"/doc/{HOSTILE_ID}?q=script+img+onerror+javascript+alert",
    "/doc/000_0f98641f82c5dfd6",  # cited by the hostile document: its subject in "Được dẫn chiếu bởi"
]


class DomAudit(HTMLParser):
    """What a browser would build from a page: elements, attributes, links and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.event_attributes: list[str] = []
        self.style_attributes = 0
        self.urls: list[str] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
            self._in_script = True
        self.event_attributes += [name for name, _ in attrs if name.startswith("on")]
        self.style_attributes += "style" in attributes
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_bodies if self._in_script else self.text).append(data)


def audit(page: str) -> DomAudit:
    dom = DomAudit()
    dom.feed(page)
    dom.close()
    return dom


def assert_inert(page: str) -> DomAudit:
    """Only our own script, no injected element, handler, style or javascript: URL."""
    dom = audit(page)
    assert dom.scripts == [{"src": "/static/app.js", "defer": None}], dom.scripts
    assert not "".join(dom.script_bodies).strip()
    assert not {"img", "svg", "iframe", "object", "embed", "style", "base", "frame", "math"} & set(dom.tags)
    assert dom.event_attributes == []
    assert dom.style_attributes == 0
    for url in dom.urls:
        if url == "data:,":  # the empty favicon, so that the browser asks for none
            continue
        cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
        assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), url
        assert url.startswith(("/", "#", "?")) and not url.startswith("//"), f"link off the site: {url!r}"
    return dom


def text_of(dom: DomAudit) -> str:
    return " ".join("".join(dom.text).split())


def get_ok(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    assert_security_headers(response)
    return response.get_data(as_text=True)

