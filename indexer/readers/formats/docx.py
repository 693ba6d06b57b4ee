"""Word 2007+ (.docx): paragraphs and tables in the order they stand in the body.

Real công văn put the header (issuer, Số, quốc hiệu, place and date) and the
signature block with Nơi nhận in borderless tables; python-docx's
`doc.paragraphs` skips tables, so the body is walked in document order and
each table row becomes lines: the left cell's text, then the right cell's,
as a person reads a header block column by column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.formats import zipped
from indexer.readers.registry import Format


def read(path: Path) -> Reading:
    zipped.check(path)  # a 1 MB package may hold 1 GB of XML
    try:
        document = docx.Document(str(path))
    except Exception as err:  # a damaged package raises anything from zipfile, lxml or python-docx
        raise UnreadableFile(f"tệp Word (.docx) hỏng, không mở được: {type(err).__name__}") from err
    lines = list(_body_lines(document))
    return Reading(pages=["\n".join(lines)], method="docx")


def _body_lines(document: Document) -> Iterator[str]:
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document).text
        elif child.tag == qn("w:tbl"):
            yield from _table_lines(Table(child, document))


def _table_lines(table: Table) -> Iterator[str]:
    """Row by row; in a row, each cell (merged cells once) top to bottom, nested tables included."""
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for child in cell._tc.iterchildren():
                if child.tag == qn("w:p"):
                    yield Paragraph(child, cell).text
                elif child.tag == qn("w:tbl"):
                    yield from _table_lines(Table(child, cell))
        yield ""


def _is_docx(path: Path, head: bytes) -> bool:
    return zipped.is_zip(head) and "word/document.xml" in zipped.names(path)


FORMATS = [Format("docx", (".docx",), _is_docx, lambda path, data: read(path), order=30)]
