"""The index through its CLI and store: build, update, export, and search
behaviour a user would notice."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.engine import Engine, open_engine
from indexer.engine.whoosh import generations as disk
from indexer.record import FIELD_NAMES
from search_app.answer.service import search
from search_app.query.params import SearchRequest

ROOT = Path(__file__).resolve().parent.parent


def ids_for(view: Engine, q: str) -> list[str]:
    return [hit["id"] for hit in search(view, SearchRequest(q=q, per_page=50))["hits"]]


@pytest.fixture(scope="module")
def view(corpus_index: Path) -> Engine:
    return open_engine(corpus_index)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_build_prints_a_summary_and_export_prints_one_record_per_document(tmp_path: Path) -> None:
    built = run_cli("build", "--corpus", "corpus", "--index", str(tmp_path / "ix"))
    assert built.returncode == 0, built.stderr
    assert "5 tệp, 6 văn bản" in built.stdout
    assert "thiếu trường ở 001_ddf291199ab0edd6.txt" in built.stdout  # no number, no date: reported
    exported = run_cli("export", "--index", str(tmp_path / "ix"))
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 6
    assert all(tuple(r) == FIELD_NAMES for r in records)


def test_ids_are_stable_across_rebuilds(tmp_path: Path) -> None:
    first = [r["id"] for r in (pipeline.build(ROOT / "corpus", tmp_path / "a"), pipeline.export_records(tmp_path / "a"))[1]]
    second = [r["id"] for r in (pipeline.build(ROOT / "corpus", tmp_path / "b"), pipeline.export_records(tmp_path / "b"))[1]]
    assert first == second


@pytest.mark.parametrize("query, expected", [
    ("cach ly", {"000_0f98641f82c5dfd6", "001_ddf291199ab0edd6", "003_c722c5a340bb8371", "003_c722c5a340bb8371-2"}),
    ("dak nong", {"003_c722c5a340bb8371"}),
    ("116/TB-VPCP", {"000_0f98641f82c5dfd6"}),
    ("116/tb-vpcp", {"000_0f98641f82c5dfd6"}),
    ("570/CD-TTg", {"004_75835d91483e78d7"}),
    ("07-KL/TW", {"001_ddf291199ab0edd6"}),
])
def test_folded_queries_and_numbers_find_exactly_their_documents(view: Engine, query: str, expected: set) -> None:
    assert set(ids_for(view, query)) == expected


def test_vac_xin_finds_every_document_about_vaccines(view: Engine) -> None:
    found = set(ids_for(view, "vac xin"))
    assert {"000_0f98641f82c5dfd6", "002_c04e52781ff4fa00", "003_c722c5a340bb8371"} <= found
    assert "004_75835d91483e78d7" not in found  # 004 never mentions vắc xin


def test_a_number_finds_the_document_carrying_it_first(view: Engine) -> None:
    assert ids_for(view, "285/TB-VPCP")[:2] == ["003_c722c5a340bb8371-2", "003_c722c5a340bb8371"]


def test_full_name_query_finds_the_city_letter_written_with_an_abbreviation(view: Engine) -> None:
    # 756/UBND-VXNV writes "UBND thành phố"; its header says "ỦY BAN NHÂN DÂN THÀNH PHỐ BẮC KẠN".
    assert ids_for(view, "ủy ban nhân dân thành phố bắc kạn")[0] == "004_75835d91483e78d7"


def test_a_phrase_requires_the_words_together(view: Engine) -> None:
    together = set(ids_for(view, '"khai báo y tế"'))
    apart = set(ids_for(view, "khai báo y tế"))
    assert together == {"001_ddf291199ab0edd6", "002_c04e52781ff4fa00"}
    assert together <= apart


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_nfd_and_nfc_queries_match_the_same(view: Engine, form: str) -> None:
    assert ids_for(view, unicodedata.normalize(form, "Đắk Nông")) == ["003_c722c5a340bb8371"]


def test_an_nfd_corpus_indexes_like_the_nfc_one(tmp_path: Path, view: Engine) -> None:
    corpus = tmp_path / "nfd"
    corpus.mkdir()
    for path in (ROOT / "corpus").glob("*.txt"):
        (corpus / path.name).write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    pipeline.build(corpus, tmp_path / "ix")
    nfd_view = open_engine(tmp_path / "ix")
    for q in ("cách ly", "dak nong", "570/CĐ-TTg"):
        assert ids_for(nfd_view, q) == ids_for(view, q)
    exported = {r["id"]: r for r in pipeline.export_records(tmp_path / "ix")}
    assert exported["003_c722c5a340bb8371"]["issuer"] == "Ủy ban nhân dân tỉnh Đắk Nông"


def test_update_adds_changed_and_removes_deleted_files_only(corpus_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    pipeline.build(corpus_copy, root)
    (corpus_copy / "001_ddf291199ab0edd6.txt").unlink()
    path = corpus_copy / "004_75835d91483e78d7.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Nguyễn Thị Huệ", "Nguyễn Văn Bình"), encoding="utf-8")
    report = pipeline.update(corpus_copy, root)
    assert (report.added, report.removed, report.unchanged) == (1, 2, 3)
    records = {r["id"]: r for r in pipeline.export_records(root)}
    assert "001_ddf291199ab0edd6" not in records
    assert records["004_75835d91483e78d7"]["signer"] == "Nguyễn Văn Bình"
    assert len(records) == 5
    again = pipeline.update(corpus_copy, root)
    assert (again.added, again.removed) == (0, 0)


def test_update_is_visible_to_an_open_view(corpus_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "ix"
    pipeline.build(corpus_copy, root)
    before = open_engine(root)
    assert before.is_current()
    (corpus_copy / "new.txt").write_text("V/v kiểm tra phòng cháy chữa cháy tại chợ Đồng Xuân\n\n" + "Nội dung. " * 30,
                                         encoding="utf-8")
    pipeline.update(corpus_copy, root)
    assert not before.is_current()
    assert ids_for(open_engine(root), "dong xuan") == ["new"]


def test_unreadable_files_are_reported_and_the_rest_indexed(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    report = pipeline.build(corpus_copy, tmp_path / "ix")
    errors = {f.name: f.error for f in report.errors}
    assert set(errors) == {"empty.txt", "binary.txt"}
    assert "rỗng" in errors["empty.txt"] and "nhị phân" in errors["binary.txt"]
    assert report.records == 6


def test_a_failed_build_leaves_the_previous_index_searchable(corpus_copy: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ix"
    pipeline.build(corpus_copy, root)
    live = disk.current_generation(root)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    # One file's failure is that file's (read in isolation, issue 19): fail the build's writing instead.
    monkeypatch.setattr(pipeline, "_parallel", explode)
    with pytest.raises(RuntimeError):
        pipeline.build(corpus_copy, root)
    assert disk.current_generation(root) == live
    assert sorted(p.name for p in root.glob("gen-*")) == [live.name]
    assert len(list(pipeline.export_records(root))) == 6


def test_a_second_indexer_stops_with_a_clear_message(tmp_path: Path) -> None:
    root = tmp_path / "ix"
    with disk.write_lock(root):
        result = run_cli("build", "--corpus", "corpus", "--index", str(root))
    assert result.returncode == 1
    assert "another indexer is writing" in result.stderr
