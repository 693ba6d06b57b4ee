"""Word 97–2003 (.doc): Debian's catdoc, with antiword when catdoc loses text.

Chosen by measured fidelity on the eleven Word 97 files of
../shared/corpora/office (`python -m eval.office --compare`, figures in
eval/RESULTS_office.md): both keep the Vietnamese marks, but catdoc writes a
table cell by cell (a tab ends a cell), so the header table of a quyết định
reads as a person reads it, issuer and Số, then quốc hiệu, place and date:
number, issuer and date right on 10, 7 and 10 of 11 files, against 10, 3
and 9 for antiword, whose drawn tables (`|a |b |`, one text line a row) put
the two columns on one line. catdoc misses the text of some fast-saved files
(Quy_DTN_2011.doc: half the letters); then antiword's text is used.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from indexer.readers.base import Reading, TransientFailure, UnreadableFile
from indexer.readers.registry import Format

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (and other Office 97 files)
TOOLS = ("catdoc", "antiword")  # in order of preference, by the measure above
LOST_SHARE = 0.8  # catdoc's text with fewer letters than this share of antiword's has lost some


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def read(path: Path, tools: tuple[str, ...] = TOOLS) -> Reading:
    """The text of a Word 97 file with the first of `tools` that is installed."""
    tool = next((t for t in tools if shutil.which(t)), None)
    if tool is None:
        raise TransientFailure("cần catdoc hoặc antiword để đọc tệp Word 97 (.doc) (catdoc not installed)")
    text = _antiword(path) if tool == "antiword" else _catdoc(path)
    if tool == "catdoc" and "antiword" in tools and shutil.which("antiword"):
        other = _antiword(path)
        if _letters(text) < LOST_SHARE * _letters(other):  # catdoc skips the text of some fast-saved files
            text = other
    return Reading(pages=text.split("\f"), method="doc")  # an old TCVN3/VNI font: converted by readers.read


def _catdoc(path: Path) -> str:
    """catdoc ends a table cell with a tab and a row with a newline: cells become lines, left cell first."""
    return _run(["catdoc", "-d", "utf-8", "-w", str(path)]).replace("\t", "\n")


def _antiword(path: Path) -> str:
    return tables_to_columns(_run(["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)]))


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired as err:
        raise UnreadableFile("đọc tệp Word 97 quá thời gian (time limit)") from err
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip() or "?"
        raise UnreadableFile(f"không đọc được tệp Word 97 (.doc): {reason[:200]}")
    return done.stdout.decode("utf-8", errors="replace")


def tables_to_columns(text: str) -> str:
    """antiword's `|a   |b   |` rows (a wrapped cell spans several rows) → cell a's lines, then cell b's.

    Only two-column tables (the header and signature blocks) are read by column; a wider table is
    a list or a form, read row by row with its cells separated by tabs.
    """
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        width = max(len(row) for row in block) if block else 0
        if width > 2:
            out.extend("\t".join(cell.strip() for cell in row).strip() for row in block)
            block.clear()
            return
        for column in range(width):
            out.extend(cell for row in block if column < len(row) and (cell := row[column].strip()))
        block.clear()

    for line in text.split("\n"):
        if line.count("|") >= 2:
            block.append(line.strip().strip("|").split("|"))
            continue
        if block:
            flush()
        out.append(line)
    if block:
        flush()
    return "\n".join(out)


FORMATS = [Format("doc", (".doc",), lambda path, head: head.startswith(OLE), lambda path, data: read(path), order=20)]
