"""Odd files of an inbox (issue 19, points 1, 2, 4, 6 and 8), each alone: what it is read as, or why not."""

from __future__ import annotations

import errno
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.__main__ import cli
from indexer.corpus import read_document
from indexer.engine import open_engine
from indexer.engine.whoosh.writer import WhooshWriter
from indexer.readers import UnreadableFile
from indexer.readers.formats.markup import read_html
from tests import hostile_files
from tests.office_fixtures import need


def _one(tmp_path: Path, name: str) -> Path:
    return tmp_path / next(iter(hostile_files.write(tmp_path, [name])))


def test_utf8_html_without_a_meta_charset_is_not_mojibake() -> None:
    page = "<html><body><p>Về việc phòng chống lụt bão năm 2024</p></body></html>".encode()
    assert "phòng chống lụt bão" in read_html(page).text


def test_a_meta_charset_is_obeyed_and_windows_1258_read() -> None:
    # Windows-1258 writes ố as ô and a combining acute
    page = '<html><head><meta charset="windows-1258"></head><body><p>Sô\u0301 12</p></body></html>'.encode("cp1258")
    assert "Số 12" in unicodedata.normalize("NFC", read_html(page).text)


@pytest.mark.parametrize("name", ["html/form-feed.html", "html/entities.html"])
def test_html_with_control_characters_is_read_without_them(tmp_path: Path, name: str) -> None:
    text, _, _ = read_document(_one(tmp_path, name))
    assert "Trang 1" in text or "abcd" in text.replace("\n", "")
    assert not any(ord(c) < 32 and c not in "\n\t" for c in text)


def test_a_pdf_with_an_image_under_one_ppi_is_read(tmp_path: Path) -> None:
    need(bool(shutil.which("pdfimages")), "poppler-utils")
    text, _, provenance = read_document(_one(tmp_path, "pdf/under-1-ppi.pdf"))
    assert "UBND-VP" in text and provenance["method"] == "pdf_text"


def test_a_password_protected_pdf_is_reported_as_such(tmp_path: Path) -> None:
    need(bool(shutil.which("pdftotext")), "poppler-utils")
    with pytest.raises(UnreadableFile, match="có mật khẩu"):
        read_document(_one(tmp_path, "pdf/password.pdf"))


def test_a_pdf_of_100000_pages_is_refused_at_once(tmp_path: Path) -> None:
    need(bool(shutil.which("pdfinfo")), "poppler-utils")
    with pytest.raises(UnreadableFile, match="100000 trang"):
        read_document(_one(tmp_path, "pdf/100000-pages.pdf"))


@pytest.mark.parametrize("name", ["zip/bomb.docx", "zip/mimetype-bomb.odt"])
def test_a_zip_bomb_is_refused_while_inflating(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnreadableFile, match="giải nén ra quá"):
        read_document(_one(tmp_path, name))


def test_a_full_disk_gives_a_vietnamese_message_and_leaves_the_index_searchable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    (corpus / "mot.txt").write_text(hostile_files.letter(1, "việc một"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)]).exit_code == 0
    (corpus / "hai.txt").write_text(hostile_files.letter(2, "việc hai"), encoding="utf-8")
    def full(self, sources):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WhooshWriter, "set_sources", full)  # the disk fills as the build ends
    result = runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 1
    assert "Hết chỗ trống trên đĩa" in result.output and "Traceback" not in result.output
    engine = open_engine(index)
    try:
        assert engine.record("mot") is not None
    finally:
        engine.close()
