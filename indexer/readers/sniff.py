"""A file's format from its first bytes, not its name.

Real folders hold a web page saved by Word as `.doc`, scans named `.PDF`,
Word files without an extension: the name is a hint people got wrong, the
magic bytes are not.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (and other Office 97 files)
IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# Suffixes listed as corpus files; which reader runs is still decided by the content.
SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def kind(path: Path, head: bytes) -> str:
    """'pdf', 'docx', 'odt', 'doc', 'rtf', 'html', 'image', 'zip' or 'text' from the first bytes."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(OLE):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(IMAGES):
        return "image"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"{\\rtf"):
        return "rtf"
    if start.startswith((b"<!doctype html", b"<html")) or (start.startswith(b"<") and b"<html" in head[:4096].lower()):
        return "html"
    return "text"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError):
        pass
    return "zip"
