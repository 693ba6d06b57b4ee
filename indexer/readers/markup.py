"""HTML (a web page saved by Word under a .doc name), OpenDocument text (.odt) and RTF.

lxml (already installed with python-docx) parses the first two: block
elements become lines, scripts, styles and Word's conditional comments are
dropped. striprtf reads RTF; an RTF of the 1990s typed in a TCVN3 or VNI
font holds the font's bytes as Windows-1252 letters, which readers.read converts.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree, html

from indexer.readers.base import Reading, UnreadableFile

_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "title", "td", "th"}
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def read_html(data: bytes) -> Reading:
    try:
        root = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as err:
        raise UnreadableFile(f"trang HTML hỏng, không đọc được: {err}") from err
    for bad in root.xpath("//script|//style|//head|//comment()"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() == "br":
                continue
            element.text = "\n" + (element.text or "")
    text = root.text_content().replace("\xa0", " ")
    return Reading(pages=[_tidy(text)], method="html")


def read_odt(path: Path) -> Reading:
    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as err:
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
