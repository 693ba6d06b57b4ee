"""Office files in (issue 14): Word, RTF, OpenDocument, old encodings, stray NUL bytes (issue 12, point 6).

Fixtures are built here (a .docx with python-docx) or read in place from
../shared/corpora/office, which CI has beside the clone. PDF and OCR: test_readers_ocr.py.
"""

from __future__ import annotations

import shutil
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest

from indexer.corpus import UnreadableFile, read_document
from indexer.readers import legacy
from tests.office_fixtures import FULLTEXTS, OFFICE, build, congvan_docx, need, need_office, records_by_source

# --- Word -----------------------------------------------------------------------------------------


def test_a_docx_is_indexed_with_its_header_and_signature_tables_in_reading_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    congvan_docx(corpus / "cong-van.docx")
    report = build(corpus, tmp_path / "index")
    assert report.errors == []
    record = records_by_source(tmp_path / "index")["cong-van.docx"]
    assert record["number"] == "1234/UBND-VXNV"
    assert record["date"] == "2024-03-12"
    assert record["issuer"] == "Ủy ban nhân dân tỉnh Bắc Kạn"
    assert record["provenance"]["method"] == "docx"
    text = record["text"]
    assert text.index("TỈNH BẮC KẠN") < text.index("CỘNG HÒA") < text.index("Kính gửi") < text.index("Nguyễn Đăng Bình")


def test_the_reader_follows_the_content_not_the_name(tmp_path: Path) -> None:
    """A web page saved by Word as .doc is read as HTML; a .docx named .doc is read as Word."""
    page = tmp_path / "ke-hoach.doc"
    page.write_bytes("\ufeff<html><head><style>p{}</style></head><body><p>KẾ HOẠCH tập huấn</p>"
                     "<p>Sở Thông tin và Truyền thông</p></body></html>".encode())
    text, _, provenance = read_document(page)
    assert provenance["method"] == "html"
    assert "KẾ HOẠCH tập huấn\n" in text and "<p>" not in text and "p{}" not in text
    renamed = congvan_docx(tmp_path / "cong-van.doc")
    assert read_document(renamed)[2]["method"] == "docx"


def test_a_damaged_word_file_is_reported_and_the_others_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    congvan_docx(corpus / "tot.docx")
    (corpus / "hong.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    report = build(corpus, tmp_path / "index")
    assert [f.name for f in report.errors] == ["hong.docx"]
    assert "tot.docx" in records_by_source(tmp_path / "index")


def test_a_word_97_file_is_read_with_its_header_table_by_columns() -> None:
    need_office()
    need(bool(shutil.which("catdoc") or shutil.which("antiword")), "catdoc/antiword")
    text, _, provenance = read_document(OFFICE / "04-quanly-vanban-quanhuyen" / "QD15UB.DOC")
    assert provenance["method"] == "doc"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines.index("THÀNH PHỐ HÀ NỘI") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Số: 15/2010/QĐ-UBND" in lines


# --- Old encodings and stray control bytes --------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
EVERY_LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
EVERY_LETTER = EVERY_LOWER + [letter.upper() for letter in EVERY_LOWER]


def _real_text() -> str:
    if not FULLTEXTS.is_dir():
        pytest.skip(f"{FULLTEXTS} không có: the real texts sit beside the clone in CI")
    path = sorted(FULLTEXTS.rglob("*.txt"))[0]
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))[:20_000]


def _tcvn3_expected(text: str) -> str:
    """TCVN3 keeps the case of Ă Â Đ Ê Ô Ơ Ư only; other capitals with marks were a font, not a code."""
    return "".join(ch.lower() if ch.isupper() and not ch.isascii() and ch not in "ĂÂĐÊÔƠƯ" else ch for ch in text)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_every_letter_with_every_tone_comes_back_from_vni_and_tcvn3(tmp_path: Path) -> None:
    words = " ".join(f"ng{letter}" if letter.islower() else f"NG{letter}" for letter in EVERY_LETTER)
    sentence = f"Quyết định của Ủy ban nhân dân tỉnh về việc {words}"
    vni = _write(tmp_path, "vni.txt", legacy.to_vni(sentence).encode("cp1252"))
    text, _, provenance = read_document(vni)
    assert text == sentence and provenance["encoding"] == "VNI"
    tcvn3 = _write(tmp_path, "tcvn3.txt", legacy.to_tcvn3(sentence).encode("latin-1"))
    text, _, provenance = read_document(tcvn3)
    assert text == _tcvn3_expected(sentence) and provenance["encoding"] == "TCVN3"


def test_real_texts_converted_to_old_encodings_come_back_as_they_were(tmp_path: Path) -> None:
    original = _real_text()
    vni = _write(tmp_path, "vni.txt", legacy.to_vni(original).encode("cp1252"))
    assert read_document(vni)[0].strip() == original.strip()
    tcvn3 = _write(tmp_path, "tcvn3.txt", legacy.to_tcvn3(original).encode("latin-1"))
    assert read_document(tcvn3)[0].strip() == _tcvn3_expected(original).strip()


def _as_windows_1258(text: str) -> bytes:
    """As Windows wrote Vietnamese: ô, ơ, ă… precomposed, the tone as a combining mark after them."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258", errors="replace")


def test_genuine_windows_1258_and_utf8_texts_are_left_alone(tmp_path: Path) -> None:
    original = _real_text()
    cp1258 = _write(tmp_path, "cp1258.txt", _as_windows_1258(original))
    text, _, provenance = read_document(cp1258)
    assert "encoding" not in provenance
    assert legacy.syllable_share(text) > 0.95 and text[:2000] == original[:2000]
    utf8 = _write(tmp_path, "utf8.txt", original.encode())
    assert read_document(utf8)[2] == {"method": "text", "pages": 1, "format": "text"}


def test_a_converted_file_is_reported_in_the_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letter = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 12/UBND-VP\nBắc Kạn, ngày 5 tháng 6 năm 1999\n"
              "V/v báo cáo tình hình thực hiện kế hoạch năm\nKính gửi: Sở Kế hoạch và Đầu tư\n")
    (corpus / "cu.txt").write_bytes(legacy.to_vni(letter).encode("cp1252"))
    report = build(corpus, tmp_path / "index")
    assert "VNI" in (report.files[0].warning or "")
    record = records_by_source(tmp_path / "index")["cu.txt"]
    assert record["number"] == "12/UBND-VP" and "Kế hoạch và Đầu tư" in record["text"]


def test_a_few_nul_bytes_in_a_utf8_text_are_dropped_and_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letter = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 12/UBND-VP\nBắc Kạn, ngày 5 tháng 6 năm 2020\nKính gửi: Sở Y tế\n" * 3
    data = letter.encode()
    (corpus / "nul.txt").write_bytes(data[:40] + b"\x00\x00" + data[40:90] + b"\x00\x01" + data[90:])
    report = build(corpus, tmp_path / "index")
    assert report.errors == []
    assert "NUL" in report.files[0].warning
    text = records_by_source(tmp_path / "index")["nul.txt"]["text"]
    assert "\x00" not in text and "\x01" not in text and "Sở Y tế" in text


def test_a_binary_file_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="nhị phân"):
        read_document(_write(tmp_path, "x.txt", bytes(range(256)) * 8))



def test_rtf_and_opendocument_files_are_read(tmp_path: Path) -> None:
    """An RTF with Unicode escapes, an RTF of the 1990s typed in a VNI font, and an .odt."""
    escaped = "".join(ch if ch.isascii() else f"\\u{ord(ch)}?" for ch in "Số: 12/UBND-VP\\par Kính gửi: Sở Y tế")
    rtf = _write(tmp_path, "moi.rtf", ("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Times New Roman;}}\\f0 "
                                       + escaped + "\\par}").encode())
    text, _, provenance = read_document(rtf)
    assert provenance["method"] == "rtf" and "Số: 12/UBND-VP\nKính gửi: Sở Y tế" in text
    vni = legacy.to_vni("Quyết định về việc thành lập Ban chỉ đạo phòng chống lụt bão của huyện").encode("cp1252")
    old = _write(tmp_path, "cu.rtf", b"{\\rtf1\\ansi{\\fonttbl{\\f0 VNI-Times;}}\\f0 "
                 + b"".join(bytes([b]) if b < 128 else f"\\'{b:02x}".encode() for b in vni) + b"\\par}")
    text, _, provenance = read_document(old)
    assert provenance["encoding"] == "VNI" and "Quyết định về việc thành lập Ban chỉ đạo" in text
    odt = tmp_path / "van-ban.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                         'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                         "<office:body><office:text><text:h>QUYẾT ĐỊNH</text:h><text:p>Số: 5/QĐ-UBND</text:p>"
                         "</office:text></office:body></office:document-content>")
    text, _, provenance = read_document(odt)
    assert provenance["method"] == "odt" and text == "QUYẾT ĐỊNH\nSố: 5/QĐ-UBND"


def test_a_word_file_typed_in_a_tcvn3_font_is_converted(tmp_path: Path) -> None:
    document = docx.Document()
    sentence = "quyết định về việc thành lập ban chỉ đạo phòng chống lụt bão của huyện"
    document.add_paragraph(legacy.to_tcvn3(sentence))  # .VnTime letters, as Word stored them
    document.save(tmp_path / "cu.docx")
    text, _, provenance = read_document(tmp_path / "cu.docx")
    assert text == sentence and provenance["encoding"] == "TCVN3" and provenance["method"] == "docx"


def test_the_command_line_names_a_repaired_file_apart_from_a_cut_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from indexer.__main__ import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nul.txt").write_bytes("Số: 12/UBND-VP\nKính gửi: Sở Y tế\n".encode() + b"\x00\x00" + b"Noi dung.\n")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "LƯU Ý nul.txt: đã bỏ 2 byte NUL" in result.output and "CẮT BỚT" not in result.output
