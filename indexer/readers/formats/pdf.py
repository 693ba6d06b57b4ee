"""PDF: the text layer page by page, and OCR for the pages whose layer does not hold their text.

Library chosen by measured fidelity on the 8 born-digital nghị định of
../shared/corpora/office (`python -m eval.office --compare`, figures in
eval/RESULTS_office.md): pdftotext, pdfminer.six and pypdf all keep the
marks (99.4 % of non-ASCII words are Vietnamese syllables with each); pypdf
puts the place and date on the Số line (date right 0/8); pdfminer.six and
pdftotext read the header column by column (number, issuer, date right 8/8
for pdfminer.six; 7/8 numbers for pdftotext until the glued rule below is
cut, then 8/8), and pdftotext is 30 times faster (1.8 s against 59 s for
the 8 files): poppler's pdftotext, which also draws the pages for OCR.

A page's text layer is trusted only when it holds the page's text: the
signed scans carry a layer of ~175 characters (the digital-signature panel:
Người ký, Thời gian ký) over an image page. A page an image covers (a scan)
whose layer has less than MIN_LAYER_CHARS characters, or is not Vietnamese
words, is OCRed (the OCR text holds the panel too); a page without such an
image keeps its layer, however short (a last page with only the signature).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from indexer import limits
from indexer.readers import legacy
from indexer.readers.base import Reading, TransientFailure, UnreadableFile
from indexer.readers.formats import ocr
from indexer.readers.registry import Format

MIN_LAYER_CHARS = 400  # a typed A4 page holds 1,500–3,500; a signature panel ~175; a scan's stray layer less
MIN_SYLLABLE_SHARE = 0.6  # a layer of broken font mappings is no text either
# The rule drawn under a header field ("-------", "*****") as text: pdftotext glues it to the next
# field ("-------Số: 82/2020/NĐ-CP"), which then starts no line; the rule gets a line of its own.
_RULE_GLUED = re.compile(r"^([-_*=–—]{3,})(?=\S)", re.MULTILINE)
MIN_IMAGE_COVER = 0.4  # an image over this share of the page is a scan (a logo or a stamp is smaller)


def read(path: Path) -> Reading:
    layer = text_layer(path)
    scans = scanned_pages(path, len(layer))
    deadline = ocr.Deadline()
    pages: list[str] = []
    ocr_pages: list[int] = []
    confidences: list[float] = []
    for number, text in enumerate(layer, start=1):
        if number not in scans or holds_page_text(text):
            pages.append(text)
            continue
        ocr.require()
        scanned, confidence = ocr.pdf_page(path, number, deadline)
        pages.append(scanned)  # the layer of a scan (a signature panel) is in the OCR text too
        ocr_pages.append(number)
        if confidence is not None:
            confidences.append(confidence)
    method = "pdf_text" if not ocr_pages else "ocr" if len(ocr_pages) == len(layer) else "pdf_mixed"
    confidence = sum(confidences) / len(confidences) if confidences else None
    return Reading(pages=pages, method=method, confidence=confidence, ocr_pages=ocr_pages)


def holds_page_text(text: str) -> bool:
    stripped = "".join(text.split())
    return len(stripped) >= MIN_LAYER_CHARS and legacy.syllable_share(text) >= MIN_SYLLABLE_SHARE


def scanned_pages(path: Path, count: int) -> set[int]:
    """Pages (1-based) that an image covers for the most part: what a scanner or a fax makes.

    pdfimages prints a picture's resolution with decimals when it is under 1 ppi (a 1×1 px
    background stretched over a page, as Word exports make): read as a float, such a page is not a scan.
    """
    try:
        sizes = _run(["pdfinfo", "-f", "1", "-l", str(count), str(path)], 60)
        images = _run(["pdfimages", "-list", str(path)], 120)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return set(range(1, count + 1))  # cannot tell: a page without a text layer is worth OCR
    area = {number: w * h for number, (w, h) in ocr.page_sizes(sizes).items()}
    covered: dict[int, float] = {}
    for line in images.splitlines()[2:]:
        parts = line.split()
        if len(parts) < 14 or parts[2] != "image" or not parts[0].isdigit():
            continue
        try:
            page, width, height = int(parts[0]), float(parts[3]), float(parts[4])
            xppi, yppi = float(parts[12]), float(parts[13])
        except ValueError:
            continue
        if xppi > 0 and yppi > 0:
            covered[page] = covered.get(page, 0.0) + width / xppi * height / yppi
    return {page for page, inches in covered.items() if inches >= MIN_IMAGE_COVER * area.get(page, 93.5)}


def page_count(path: Path) -> int:
    """The pages of a PDF (pdfinfo); UnreadableFile past limits.MAX_PAGES or with a password."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, timeout=60)
    _refuse_password(info.stderr)
    pages = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    count = int(pages.group(1)) if pages else 0
    most = int(limits.current().MAX_PAGES)
    if count > most:
        raise UnreadableFile(f"tệp PDF có {count} trang, quá giới hạn {most} trang (page limit)")
    return count


def _refuse_password(stderr: bytes) -> None:
    if b"password" in stderr.lower():
        raise UnreadableFile("tệp PDF có mật khẩu, không đọc được (password-protected)")


def _run(command: list[str], timeout: float) -> str:
    return subprocess.run(command, capture_output=True, timeout=timeout).stdout.decode(errors="replace")


def text_layer(path: Path) -> list[str]:
    """Each page's text layer (pdftotext, reading order), one string per page."""
    try:
        page_count(path)
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300)
    except FileNotFoundError as err:
        raise TransientFailure("cần poppler-utils (pdftotext) để đọc tệp PDF (poppler-utils not installed)") from err
    except subprocess.TimeoutExpired as err:
        raise UnreadableFile("đọc lớp chữ của tệp PDF quá thời gian (PDF time limit)") from err
    if done.returncode != 0:
        _refuse_password(done.stderr)
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise UnreadableFile(f"tệp PDF hỏng, không đọc được: {(reason or ['?'])[-1][:200]}")
    pages = done.stdout.decode("utf-8", errors="replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last included, with a form feed
    return [_RULE_GLUED.sub(r"\1\n", page) for page in pages]


FORMATS = [Format("pdf", (".pdf",), lambda path, head: b"%PDF-" in head[:1024], lambda path, data: read(path),
                  order=10, slow=True)]
