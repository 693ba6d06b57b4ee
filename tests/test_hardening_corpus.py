"""Odd corpus files (issue 6): empty, binary, UTF-16 with and without BOM, Windows-1258,
8-bit junk, 20 MB long, Windows line endings. Each is indexed exactly like the
UTF-8 seed it was made from, or reported by name with its reason; the other
files are all indexed.

The fixture files are in tests/fixtures/encodings (regenerate.py says how each
was made); the 20 MB file is written by the test.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from indexer import corpus as corpus_module
from indexer import pipeline
from indexer.corpus import MAX_TEXT_CHARS, UnreadableFile, decode, read_text
from search_app import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"
ENCODINGS = Path(__file__).resolve().parent / "fixtures" / "encodings"

SAME_AS_SEED = {
    "utf16le_bom": "004_75835d91483e78d7",
    "utf16le_no_bom": "004_75835d91483e78d7",
    "utf16be_bom": "002_c04e52781ff4fa00",
    "utf8_bom_crlf": "001_ddf291199ab0edd6",
    "cp1258_crlf": "000_0f98641f82c5dfd6",
    "windows_crlf": "003_c722c5a340bb8371",
    "windows_crlf-2": "003_c722c5a340bb8371-2",
}
REPORTED = {
    "empty.txt": "tệp rỗng",
    "blank.txt": "tệp rỗng",
    "binary.txt": "tệp nhị phân",
    "junk_8bit.txt": "không đọc được bảng mã",
    "utf16_broken.txt": "tệp UTF-16-LE hỏng",
}
LONG = "long_20mb.txt"


def write_long_file(path: Path, size: int = 20 * 1024 * 1024) -> None:
    """A seed's header and first paragraph, then its body paragraphs over and over, to `size` bytes.

    'đầuvănbản' stands in the first paragraph, 'cuốivănbản' at the very end.
    """
    # another number than the seed's: the same number, issuer and date would make it the seed's own entry
    seed = (SEEDS / "004_75835d91483e78d7.txt").read_text(encoding="utf-8").replace("**756**", "**9756**", 1)
    head, body = seed.split("Kính gửi", 1)
    paragraphs = body.split("\n\n")
    repeated = ("\n\n".join(paragraphs[3:10]) + "\n\n").encode("utf-8")
    start = (head + "Kính gửi" + paragraphs[0] + "\n\nMở đầu đầuvănbản.\n\n").encode("utf-8")
    end = "\n\nKết thúc cuốivănbản.".encode()
    with open(path, "wb") as handle:
        handle.write(start)
        handle.write(repeated * ((size - len(start) - len(end)) // len(repeated)))
        handle.write(end)


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds, the fixture files and a 20 MB file in one corpus, built once."""
    base = tmp_path_factory.mktemp("odd")
    folder = base / "corpus"
    shutil.copytree(SEEDS, folder)
    for path in ENCODINGS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    write_long_file(folder / LONG)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    report = pipeline.build(folder, base / "index")
    seconds = time.monotonic() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    # each file read alone (the same text in other encodings is one entry: its files, issue 21)
    records = {r.id: r.as_dict() for path in folder.glob("*.txt") if path.name not in REPORTED
               for r in pipeline.records_of_file(path, path.name)[0]}
    entries = list(pipeline.export_records(base / "index"))
    app = create_app({"INDEX_DIR": str(base / "index"), "CORPUS_DIR": str(folder), "TESTING": True})
    return {"corpus": folder, "report": report, "records": records, "entries": entries, "seconds": seconds,
            "grown_mb": grown_mb,
            "client": app.test_client()}


@pytest.mark.slow
def test_unreadable_files_are_reported_by_name_with_their_reason(odd: dict) -> None:
    errors = {f.name: f.error for f in odd["report"].errors}
    assert set(errors) == set(REPORTED)
    for name, reason in REPORTED.items():
        assert reason in errors[name], (name, errors[name])


@pytest.mark.slow
def test_every_other_file_is_indexed(odd: dict) -> None:
    names = {p.name for p in odd["corpus"].glob("*.txt")}
    indexed = {f.name for f in odd["report"].files if f.error is None and f.records > 0}
    assert indexed == names - set(REPORTED)
    assert {f["source"] for entry in odd["entries"] for f in entry["files"]} == indexed


@pytest.mark.slow
@pytest.mark.parametrize("record_id, seed_id", sorted(SAME_AS_SEED.items()))
def test_each_encoding_gives_the_seeds_own_record(odd: dict, record_id: str, seed_id: str) -> None:
    got, seed = odd["records"][record_id], odd["records"][seed_id]
    for name in seed:
        if name not in ("id", "source", "cites", "text", "added"):  # added: when each file came in
            assert got[name] == seed[name], name
    assert got["text"] == seed["text"]  # line endings, BOM and encoding leave no trace
    assert unicodedata.is_normalized("NFC", got["text"])


@pytest.mark.slow
def test_a_windows_1258_file_matches_accented_and_unaccented_queries_like_utf8(odd: dict) -> None:
    for q in ("cách ly", "cach ly", "Bắc Kạn"):
        hits = odd["client"].get("/api/search", query_string={"q": q, "per_page": 50}).get_json()["hits"]
        # the Windows-1258 file is the seed's text: one entry holding both files, found by every spelling
        held = [h for h in hits if {"cp1258_crlf", "000_0f98641f82c5dfd6"} <= {h["id"], *(c["id"] for c in h["copies"])}]
        assert len(held) == 1, q


@pytest.mark.slow
def test_a_20_mb_file_is_indexed_up_to_the_limit_and_reported(odd: dict) -> None:
    warnings = {f.name: f.warning for f in odd["report"].warnings}
    assert set(warnings) == {LONG}
    assert "500.000" in warnings[LONG] and "truncated" in warnings[LONG]
    record = odd["records"]["long_20mb"]
    assert len(record["text"]) <= MAX_TEXT_CHARS
    client = odd["client"]
    assert [h["id"] for h in client.get("/api/search?q=%C4%91%E1%BA%A7uv%C4%83nb%E1%BA%A3n").get_json()["hits"]] \
        == ["long_20mb"]  # đầuvănbản, in the first paragraph
    tail = client.get("/api/search?q=cu%E1%BB%91iv%C4%83nb%E1%BA%A3n").get_json()  # cuốivănbản, past the limit
    assert "long_20mb" not in [h["id"] for h in tail["hits"]]
    assert client.get("/doc/long_20mb").status_code == 200
    assert odd["seconds"] < 90, "the whole collection, 20 MB file included, builds in well under a minute"
    assert odd["grown_mb"] < 600


def test_the_cli_names_each_skipped_file_and_still_indexes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in REPORTED:
        shutil.copy(ENCODINGS / name, folder / name)
    shutil.copy(SEEDS / "004_75835d91483e78d7.txt", folder / "good.txt")
    result = subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(folder), "--index",
                             str(tmp_path / "index")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Đã lập chỉ mục: 1 tệp, 1 văn bản" in result.stdout
    for name, reason in REPORTED.items():
        assert f"BỎ QUA {name}: {reason}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_cli_names_a_file_whose_text_was_cut(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed = (SEEDS / "004_75835d91483e78d7.txt").read_text(encoding="utf-8")
    (folder / "dai.txt").write_text(seed + "\n\nPhụ lục. " * (MAX_TEXT_CHARS // 10 + 10), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(folder), "--index",
                             str(tmp_path / "index")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "CẮT BỚT dai.txt:" in result.stderr


def test_a_file_that_turns_unreadable_is_reported_by_update_and_its_old_records_go(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    root = tmp_path / "index"
    pipeline.build(folder, root)
    (folder / "004_75835d91483e78d7.txt").write_bytes((ENCODINGS / "binary.txt").read_bytes())
    report = pipeline.update(folder, root)
    assert [(f.name, "nhị phân" in (f.error or "")) for f in report.errors] == [("004_75835d91483e78d7.txt", True)]
    ids = {r["id"] for r in pipeline.export_records(root)}
    assert "004_75835d91483e78d7" not in ids and len(ids) == 5


@pytest.mark.parametrize("data, expected", [
    ("Công văn".encode("utf-32"), "Công văn"),
    (b"\xef\xbb\xbf" + "Công văn".encode(), "Công văn"),
    ("Công văn".encode("utf-16-be"), "Công văn"),
    ("Co\u0302ng va\u0306n".encode(), "Công văn"),  # NFD in UTF-8 comes out NFC
    (b"Ti\xd2nh B\xe3\xecc Ka\xf2n", "Tỉnh Bắc Kạn"),  # Windows-1258: tone marks follow the letter
])
def test_decoding_gives_nfc_text(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize("data, reason", [
    (b"", "tệp rỗng"),
    (b"\xff\xfe" + " \r\n".encode("utf-16-le"), "tệp rỗng"),
    (b"\xff\xfeC\x00\xf4", "hỏng"),
    (bytes(range(0, 32)) * 20, "nhị phân"),  # a stray NUL in a text is dropped (issue 12): control bytes only
    (bytes(range(0x80, 0xA0)) * 10, "bảng mã"),
])
def test_undecodable_bytes_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        decode(data)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(corpus_module, "MAX_BYTES", 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(UnreadableFile, match="tệp quá lớn"):
        read_text(big)


def test_a_link_to_a_file_outside_the_corpus_is_not_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("Mật khẩu máy chủ: hoa-sen-2024. " * 20, encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    pipeline.build(folder, tmp_path / "index")
    texts = " ".join(r["text"] for r in pipeline.export_records(tmp_path / "index"))
    assert "hoa-sen-2024" not in texts
