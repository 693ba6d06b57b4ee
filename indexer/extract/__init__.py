"""Text → records: the extractor for the NĐ 30/2020/NĐ-CP layout.

`extract_records` is the only entry point; each submodule reads one part of
the layout (header, addressees, signature, citations, the split of a file
holding several documents). The page's paper layout (search_app/pages/paper.py)
reads a text's parts as extraction does: it imports find_body_start,
type_from_title, is_motto, is_upper and is_person_name from here, not from the
submodules.
"""

from __future__ import annotations

import re

from indexer.extract.addressees import find_distribution, find_recipients
from indexer.extract.doctype import type_from_number
from indexer.extract.fixed_parts import fixed_parts
from indexer.extract.header import Header, find_body_start, parse_header, type_from_title
from indexer.extract.issuer import BY_TYPE, infer_issuer
from indexer.extract.layout import clean_lines, is_motto, is_upper
from indexer.extract.links.citations import date_passed, find_citations
from indexer.extract.links.consolidated import consolidated_base, find_certification
from indexer.extract.links.gazette import continued_document
from indexer.extract.links.relations import find_relations
from indexer.extract.numbers.named import named_number
from indexer.extract.numbers.scan import FROM_FILE_NAME, scan_number
from indexer.extract.reflow import reflow_header, reflow_signatures
from indexer.extract.signature import find_signature, is_person_name
from indexer.extract.split import split_documents
from indexer.extract.stamps import without_receipt
from indexer.record import Record
from indexer.topics import tag_topics
from indexer.words.names import canonical_issuer, issuer_level, joint_parts, names_an_agency

__all__ = ["extract_record", "extract_records", "find_body_start", "is_motto", "is_person_name", "is_upper",
           "type_from_title"]

VBHN = "Văn bản hợp nhất"
# A connector or a stray comma left at the end of a name; one at a time, in the name's last characters
# (repeated over the whole name, the pattern backtracked with the square of its length).
_DANGLING = re.compile(r"(?:\s+(?:và|của|các|về|tại|thuộc)|\s*[,;\-–])\s*$")
DANGLING_REACH = 40
RECIPIENTS_REACH = 8  # a 'Kính gửi' this close after the subject is the header's; a form's is further


def _tidy(lines: list[str]) -> str:
    """The document text for display: paragraphs kept, runs of blank lines folded."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def extract_record(lines: list[str], record_id: str, source: str, scanned: bool = False, alone: bool = True) -> Record:
    """One record from the lines of one document; `scanned`: its text is OCR's (numbers checked); `alone`:
    the only document of its file (whose name may then give the number it does not state)."""
    lines, receipt = without_receipt(lines)
    header = parse_header(lines)
    _continuing(header, lines)
    _consolidated(header, lines)
    header.date = header.date or date_passed(lines)
    body_lines = lines[header.body_start:]
    body = _tidy(body_lines)
    full_text = _tidy(lines)
    distribution, _ = find_distribution(lines)
    signature = find_signature(lines, header.end if 0 < header.end < header.body_start else header.body_start)
    issuer = header.issuer if header.issuer and all(names_an_agency(p) for p in joint_parts(header.issuer)) else None
    issuer = _whole(issuer or infer_issuer(signature.authority, header.number, full_text, header.place,
                                                 signature.title)) or BY_TYPE.get(header.doc_type or "")
    recipients = find_recipients(lines, header.body_start + RECIPIENTS_REACH)
    notes: dict[str, str] = {}
    if scanned:
        found = scan_number(header.number, header.number_raw or _unlabelled_number(lines), issuer, source)
        header.number = found.number
        notes = {k: v for k, v in (("number", found.source), ("number_unread", found.unread_code)) if v}
    elif header.number is None and alone:
        header.number = named_number(source, header.doc_type or _type_from_body(body), header.date, full_text)
        notes = {"number": FROM_FILE_NAME} if header.number else {}
    cites = find_citations(full_text, own_number=header.number)
    record = Record(
        id=record_id,
        source=source,
        number=header.number,
        doc_type=header.doc_type or _type_from_body(body),
        issuer=issuer,
        issuers=_issuers(issuer),
        issuer_level=issuer_level(issuer),
        place=header.place,
        date=header.date,
        subject=header.subject,
        recipients=recipients,
        distribution=distribution,
        signer=signature.signer,
        signer_title=signature.title,
        cites=[c.as_dict() for c in cites],
        topics=tag_topics(header.subject, body, issuer),
        text=full_text,
        relations=find_relations(full_text, header.number, header.date, header.doc_type) + _merged(header, lines),
        fixed_parts=fixed_parts(full_text),
        provenance=notes,
        received=receipt.as_dict() if receipt else None,
        date_precision=header.date_precision or ("day" if header.date else None),
    )
    # where the searched text's body starts: the index reads its compound words from there
    record.body_start = find_body_start(record.searchable_text().split("\n"))
    return record


# 'S%6:-L52/TB-VPCP': the 'Số:' label itself misread; a short line ending in a number's code.
_MISREAD_NUMBER_LINE = re.compile(r"^\S{1,8}\s*:?\s*\S{0,10}/[A-ZĐ]+(?:\s*-\s*[A-ZĐ]+)+\s*$")
NUMBER_LINES = 12


def _unlabelled_number(lines: list[str]) -> str | None:
    """The number text of a scan whose 'Số:' OCR could not read, for its printed code."""
    return next((line for line in lines[:NUMBER_LINES] if _MISREAD_NUMBER_LINE.match(line)), None)


def _issuers(issuer: str | None) -> list[str]:
    """Each agency of a joint document on its own ('Bộ Tài chính - Bộ Y tế'), for the facet."""
    return [p for p in (canonical_issuer(part) for part in joint_parts(issuer)) if p] if issuer else []


def _whole(name: str | None) -> str | None:
    """'Ủy ban nhân dân cấp tỉnh và': a name cut off at a connector is completed by nothing; drop the tail."""
    if not name:
        return None
    trimmed = name
    while match := _DANGLING.search(trimmed[-DANGLING_REACH:]):  # one connector at a time, near the end only
        trimmed = trimmed[:len(trimmed) - len(trimmed[-DANGLING_REACH:]) + match.start()]
    return trimmed.strip() or None


def _merged(header: Header, lines: list[str]) -> list[dict]:
    """A consolidated text's relation to the document it consolidates."""
    base = consolidated_base(lines, header.number) if header.doc_type == VBHN else None
    return [base] if base else []


def _continuing(header: Header, lines: list[str]) -> None:
    """A gazette page continuing a document: the line after '(Tiếp theo Công báo số …)' names it."""
    named = continued_document(lines)
    if named is None:
        return
    header.number, header.doc_type, header.issuer = named.number, named.doc_type, named.issuer
    header.date, header.date_precision = named.date, "day" if named.date else None


def _consolidated(header: Header, lines: list[str]) -> None:
    """A consolidated text takes its type, number and date from its certification block
    when its header does not give its own VBHN number."""
    cert = find_certification(lines)
    if cert is None:
        return
    header.doc_type = VBHN
    if header.number and type_from_number(header.number) == VBHN:
        return
    header.number = cert.number  # the header's other number is the base document's
    header.date = cert.date or header.date


def _type_from_body(body: str) -> str | None:
    """'Công văn này …' names the type when the header does not."""
    for name in ("Công văn", "Thông báo", "Kế hoạch", "Chỉ thị", "Kết luận"):
        if f"{name} này" in body:
            return name
    return None


def extract_records(text: str, base_id: str, source: str, scanned: bool = False) -> list[Record]:
    """All records in one file; the second and later get ids '<base>-2', '<base>-3' …
    `scanned`: the text is OCR's, whose numbers are checked before they are shown."""
    lines = reflow_signatures(reflow_header(clean_lines(text)))
    records = []
    parts = split_documents(lines)
    for n, (start, end) in enumerate(parts, start=1):
        record_id = base_id if n == 1 else f"{base_id}-{n}"
        records.append(extract_record(lines[start:end], record_id, source, scanned, alone=len(parts) == 1))
    return records
