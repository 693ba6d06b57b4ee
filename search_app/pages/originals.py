"""The original corpus file as it is, and a picture of a scan's first page.

The content type comes from the format the indexer read the file as (by its
bytes, recorded in the record's provenance), not its name: a PDF or an image
opens in the browser, a Word or other office file is downloaded (browsers
cannot show it), a text file is shown as UTF-8 text when it is UTF-8. A
scanned document's page shows its first page as a PNG made by poppler's
pdftoppm, kept for the life of the process: one at a time in a worker, its
longest side at most FIRST_PAGE_PIXELS whatever the page's size (a 14,400-point
page at 80 dpi is 16,000 pixels a side). A file whose bytes no longer are the
format it was indexed as answers 409 (Changed); its download name is cleaned of
control characters (a newline in a name would break the header).
"""

from __future__ import annotations

import functools
import subprocess
import threading
from pathlib import Path

from flask import Response, abort, send_file

from indexer.readers import registry
from indexer.text import without_controls

FIRST_PAGE_DPI = 80  # a readable thumbnail of an A4 page: ~660 × 940 pixels, 100–200 KB
FIRST_PAGE_PIXELS = 940  # the longest side of the picture (an A4 page at 80 dpi), whatever the page size
_RENDERING = threading.Lock()  # one pdftoppm at a time per worker process
_TYPES = {
    "pdf": ("application/pdf", False),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", True),
    "doc": ("application/msword", True),
    "odt": ("application/vnd.oasis.opendocument.text", True),
    "rtf": ("application/rtf", True),
    "html": ("text/html; charset=utf-8", True),  # never rendered from our origin: a saved page may hold scripts
    "zip": ("application/zip", True),
}
PDF_POLICY = "frame-ancestors 'none'"  # never framed by another site; the browser's PDF viewer may run
_IMAGES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff"}


def content_type(path: Path, kind: str | None) -> tuple[str, bool]:
    """(MIME type, as a download?) from the format the indexer found and the first bytes of the file;
    409 when the bytes are no longer that format (the file was replaced since it was indexed)."""
    with open(path, "rb") as handle:
        head = handle.read(8192)
    if kind is not None and registry.sniff(path, head).kind != kind:
        abort(409)
    if kind == "image":
        return next(t for magic, t in _IMAGES.items() if head.startswith(magic)), False
    if kind in _TYPES:
        return _TYPES[kind]
    try:
        head.decode("utf-8")
        return "text/plain; charset=utf-8", False
    except UnicodeDecodeError as err:
        # a multi-byte letter cut by the 8 KB read is still UTF-8; anything else is served as bytes to save
        utf8 = err.start >= len(head) - 3
        return ("text/plain; charset=utf-8", False) if utf8 else ("application/octet-stream", True)


def send_original(path: Path, kind: str | None) -> Response:
    mimetype, download = content_type(path, kind)
    name = " ".join(without_controls(path.name).split()) or "tep-goc"
    response = send_file(path, mimetype=mimetype, as_attachment=download, download_name=name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if mimetype == "application/pdf":
        # Chrome shows a PDF in an <embed> of its own with inline styles: the site's policy
        # (object-src 'none', style-src 'self') would leave a blank page (crbug.com/271452).
        response.headers["Content-Security-Policy"] = PDF_POLICY
    return response


def first_page_png(path: Path, kind: str | None) -> bytes | None:
    """PNG of a PDF's first page (None if it cannot be drawn: not a PDF, poppler missing, damaged)."""
    if kind != "pdf":
        return None
    stat = path.stat()
    return _render(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _render(path: str, size: int, mtime: int) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            if not handle.read(1024).lstrip().startswith(b"%PDF"):
                return None
        with _RENDERING:
            done = subprocess.run(["pdftoppm", "-png", "-r", str(FIRST_PAGE_DPI), "-scale-to", str(FIRST_PAGE_PIXELS),
                                   "-f", "1", "-l", "1", "-singlefile", path], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout.startswith(b"\x89PNG") else None
