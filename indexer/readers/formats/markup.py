"""HTML (a web page saved by Word under a .doc name), OpenDocument text (.odt) and RTF.

lxml (already installed with python-docx) parses the first two: block
elements become lines, scripts, styles and Word's conditional comments are
dropped. An HTML page's encoding comes from its byte-order mark, then its
<meta charset>, then UTF-8, then charset-normalizer's detection (a page saved
without a meta is read as Latin-1 by lxml: mojibake). Control characters a
page holds, as bytes or as entities (&#1;, &#12;), are dropped. striprtf reads
RTF; an RTF of the 1990s typed in a TCVN3 or VNI font holds the font's bytes
as Windows-1252 letters, which readers.read converts.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree, html

from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.formats import zipped
from indexer.readers.registry import Format
from indexer.text import without_controls

_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title", "td", "th"}
_DROPPED = {"script", "style", "head"}
ODT_MIME = b"application/vnd.oasis.opendocument.text"
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_META = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")


def html_encoding(data: bytes) -> str:
    """The page's encoding: byte-order mark, <meta charset>, UTF-8, then charset-normalizer's guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    meta = _META.search(data[:8192])
    if meta:
        try:
            return codecs.lookup(meta.group(1).decode("ascii")).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else "cp1258"


def read_html(data: bytes) -> Reading:
    encoding = html_encoding(data)
    source = data.decode(encoding, errors="replace").lstrip("\ufeff")
    source = _XML_DECLARATION.sub("", without_controls(source), count=1)
    try:
        root = html.document_fromstring(source or "<html></html>")
    except (etree.ParserError, ValueError) as err:
        raise UnreadableFile(f"trang HTML hỏng, không đọc được: {err}") from err
    text = "".join(_text(root)).replace("\xa0", " ")
    return Reading(pages=[_tidy(without_controls(text))], method="html")


def _text(root: etree._Element) -> list[str]:
    """The text in document order, a line break around each block element; no recursion (a page may nest deep)."""
    out: list[str] = []
    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        dropped = tag in _DROPPED or not tag  # comments and processing instructions
        if event == "start":
            skipping += dropped
            if not skipping:
                out.append("\n" if tag in _BLOCKS else "")
                out.append(element.text or "")
            continue
        skipping -= dropped
        if not skipping:
            out.append("\n" if tag in _BLOCKS else "")
        if skipping == 0 and element.tail and element is not root:
            out.append(element.tail)
    return out


def read_odt(path: Path) -> Reading:
    zipped.check(path)
    try:
        root = etree.fromstring(zipped.member(path, "content.xml"), etree.XMLParser(huge_tree=False))
    except (KeyError, etree.XMLSyntaxError) as err:
        raise UnreadableFile(f"tệp OpenDocument hỏng, không đọc được: {err}") from err
    lines = ["".join(p.itertext()) for p in root.iter(f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h")]
    return Reading(pages=["\n".join(lines)], method="odt")


def read_rtf(data: bytes) -> Reading:
    from striprtf.striprtf import rtf_to_text

    source = data.decode("latin-1")  # RTF is 7-bit text; other bytes come as \'xx or \uN escapes
    codepage = re.search(r"\\ansicpg(\d+)", source[:2000])
    encoding = f"cp{codepage.group(1)}" if codepage else "cp1252"
    try:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
    except (LookupError, ValueError, IndexError) as err:
        raise UnreadableFile(f"tệp RTF hỏng, không đọc được: {err}") from err
    return Reading(pages=[text], method="rtf")  # an old TCVN3/VNI font: converted by readers.read


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\r]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _is_odt(path: Path, head: bytes) -> bool:
    return zipped.is_zip(head) and (zipped.head(path, "mimetype") or b"").startswith(ODT_MIME)


def _start(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def _is_html(path: Path, head: bytes) -> bool:
    start = _start(head)
    if start.startswith((b"<!doctype html", b"<html")):
        return True
    return start.startswith(b"<") and b"<html" in head[:4096].lower()


FORMATS = [
    Format("odt", (".odt",), _is_odt, lambda path, data: read_odt(path), order=31),
    Format("rtf", (".rtf",), lambda path, head: _start(head).startswith(b"{\\rtf"), lambda path, data: read_rtf(data),
           order=50),
    Format("html", (".html", ".htm"), _is_html, lambda path, data: read_html(data), order=60),
]
