"""What every reader returns, and the one error they raise.

Kept apart from the readers so that corpus.py, the cache and each format can
import them without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class UnreadableFile(ValueError):
    """A corpus file that cannot be indexed; the message says why, in Vietnamese."""


class TransientFailure(UnreadableFile):
    """A failure that may pass without the file changing (a tool not installed yet): not remembered."""


@dataclass
class Reading:
    """A file's text page by page, and how it was obtained."""

    pages: list[str]
    method: str  # text, docx, doc, odt, rtf, html, pdf_text, ocr, pdf_mixed (README "Office files and OCR")
    confidence: float | None = None  # mean OCR word confidence, 0–100, over the OCR pages
    ocr_pages: list[int] = field(default_factory=list)  # 1-based
    encoding: str | None = None  # an old font encoding converted to Unicode (TCVN3, VNI)
    notes: list[str] = field(default_factory=list)  # what was repaired, for the build report

    @property
    def text(self) -> str:
        return "\n\n".join(p.strip("\n") for p in self.pages if p.strip())

    def provenance(self) -> dict[str, Any]:
        """The Record's `provenance` field (JSON): method, pages, OCR pages and confidence, encoding, notes."""
        out: dict[str, Any] = {"method": self.method, "pages": len(self.pages)}
        if self.ocr_pages:
            out["ocr_pages"] = self.ocr_pages
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 1)
        if self.encoding:
            out["encoding"] = self.encoding
        if self.notes:
            out["notes"] = self.notes
        return out


def stat_key(path: Path) -> list[int] | None:
    """(size, mtime in ns), None when gone: a file whose key is unchanged need not be read again."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]
