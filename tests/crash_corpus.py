"""The generated collection of the crash tests: bundled seeds, each with a marker word of its own (not a test module)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from indexer import pipeline
from indexer.engine import open_engine
from search_app.answer.service import search
from search_app.query.params import SearchRequest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
BIG = 400  # files the kill tests build: at least indexer.pipeline.PARALLEL_MIN_FILES, so builds fork workers
KILL_SEED = 6
LOCKED = "một tiến trình lập chỉ mục khác đang ghi vào"  # the message of a second indexer


def marker(i: int) -> str:
    """A word found in file i only: 'zq' and the file number as letters (no digits, so not a code)."""
    return "zq" + "".join(chr(ord("a") + int(d)) for d in f"{i:04d}")


def write_file(corpus: Path, i: int, extra: str = "") -> None:
    """File i: a seed made a document of its own by its number (copies of one document would be one
    entry, indexer/entries/), with its marker word in the first paragraph."""
    text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")
    numbered = re.sub(r"(Số:\s*\**\s*)(\d+)", rf"\g<1>{i + 1}", text)
    lines = (numbered if numbered != text else f"Số: {i + 1}/KT-GEN\n{text}").split("\n")
    first_paragraph = next(k for k, line in enumerate(lines) if len(line) >= 160)
    lines[first_paragraph] = f"Mã kiểm thử {marker(i)}.{extra} " + lines[first_paragraph]
    (corpus / f"gen_{i:04d}.txt").write_text("\n".join(lines), encoding="utf-8")


def ids_of(i: int) -> set[str]:
    """The ids of file i's documents: the fourth seed holds a second document after its signature."""
    return {f"gen_{i:04d}", f"gen_{i:04d}-2"} if i % len(SEEDS) == 3 else {f"gen_{i:04d}"}


def make_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        write_file(folder, i)
    return folder


def ids_in(root: Path) -> set[str]:
    return {record["id"] for record in pipeline.export_records(root)}


def finds(root: Path, i: int) -> list[str]:
    view = open_engine(root)
    try:
        return [hit["id"] for hit in search(view, SearchRequest(q=marker(i)))["hits"]]
    finally:
        view.close()


def generations(root: Path) -> set[str]:
    return {p.name for p in root.glob("gen-*")}


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def start_cli(*args: str, workers: int | None = None) -> subprocess.Popen:
    env = dict(os.environ, INDEX_WORKERS=str(workers)) if workers else None
    return subprocess.Popen([sys.executable, "-m", "indexer", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


