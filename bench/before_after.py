"""Search timings of two revisions side by side in one run: is a refactoring within 10 %?

    python -m bench.before_after --before 997d505 --corpus ../shared/corpora/fulltexts

Each revision is checked out in a temporary git worktree, builds its own
index of the same corpus, and serves it (one worker, one thread) on a port of
its own. The same staff-style queries then go to both servers over HTTP,
interleaved (before, after, before, after …) so that a noisy moment of the
shared machine weighs on both alike; the medians per query and in total are
printed with their ratio, and each side's p50 and p95 over every answer.
HTTP is the one interface both trees share whatever their module layout.
Answers are compared too: a refactoring that changed a total or the first
hits is named.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import click

from bench.run import free_port

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [  # words with and without marks, phrases, numbers as staff type them, filters, browsing
    {"q": "cách ly"}, {"q": "cach ly tai nha"}, {"q": "tiêm vắc xin"}, {"q": "phòng chống dịch"},
    {"q": '"ủy ban nhân dân"'}, {"q": "bảo hiểm xã hội"}, {"q": "xu ly vi pham hanh chinh"},
    {"q": "đất đai thu hồi bồi thường"}, {"q": "công văn 285"}, {"q": "số 756"}, {"q": "nghị định 123/2024"},
    {"q": "102/2017/NĐ-CP"}, {"q": "nđ 19/2019"}, {"q": "luat so huu tri tue"}, {"q": "thuế giá trị gia tăng"},
    {"q": "-covid công văn"}, {"q": "hợp đồng lao động thời hạn"}, {"q": "kế hoạch tháng 10/2021"},
    {"q": "quyền và nghĩa vụ của người sử dụng đất"}, {"q": ""}, {"q": "", "sort": "oldest"},
    {"q": "quy định", "doc_type": "Nghị định"}, {"q": "", "doc_type": "Luật"}, {"q": "an toàn", "sort": "newest"},
]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=300) as response:
        return json.loads(response.read())


def _serve(tree: Path, corpus: Path, index: Path, stack: ExitStack) -> str:
    """The tree's server on a free port, once its index is built and it answers."""
    port = free_port()
    log = (index.parent / f"{tree.name}.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "search_app", "--corpus", str(corpus), "--index", str(index),
                                "--port", str(port), "--workers", "1", "--threads", "1"],
                               cwd=tree, stdout=log, stderr=subprocess.STDOUT)
    stack.callback(process.terminate)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise click.ClickException(f"{tree.name}: the server stopped (log: {log.name})")
        try:
            _get(f"{base}/api/search?q=")
            return base
        except OSError:
            time.sleep(1)
    raise click.ClickException(f"{tree.name}: no answer after 30 minutes")


def _url(base: str, query: dict) -> str:
    return f"{base}/api/search?{urllib.parse.urlencode(query)}"


def _timed(base: str, query: dict) -> tuple[float, tuple]:
    start = time.perf_counter()
    answer = _get(_url(base, query))
    took = time.perf_counter() - start
    return took, (answer.get("total"), tuple(h.get("id") for h in answer.get("hits", [])[:10]))


@click.command()
@click.option("--before", required=True, help="The revision to compare with (a commit, branch or tag).")
@click.option("--after", default=None, help="The revision measured (default: the working tree as it is).")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=ROOT / "corpus", show_default=True)
@click.option("--rounds", default=7, show_default=True, help="Times each query is asked of each server.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build the indexes in this folder (index-before, index-after) and keep them: a second run "
                   "with the same folder only checks them against the corpus instead of building again.")
def main(before: str, after: str | None, corpus: Path, rounds: int, keep: Path | None) -> None:
    work = keep.resolve() if keep else Path(tempfile.mkdtemp(prefix="before-after-"))
    work.mkdir(parents=True, exist_ok=True)
    trees: dict[str, Path] = {}
    try:
        with ExitStack() as stack:
            for label, revision in (("before", before), ("after", after)):
                if revision is None:
                    trees[label] = ROOT
                    continue
                tree = work / label
                if tree.exists():  # a kept folder's tree from an earlier run
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
                subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), revision], cwd=ROOT, check=True)
                trees[label] = tree
            bases = {label: _serve(tree, corpus.resolve(), work / f"index-{label}", stack)
                     for label, tree in trees.items()}
            times: dict[str, dict[int, list[float]]] = {label: {i: [] for i in range(len(QUERIES))} for label in bases}
            answers: dict[str, dict[int, tuple]] = {label: {} for label in bases}
            for base in bases.values():  # warm: first reads of the index and the caches
                for query in QUERIES:
                    _get(_url(base, query))
            for round_number in range(rounds):
                order = list(bases) if round_number % 2 == 0 else list(reversed(bases))
                for i, query in enumerate(QUERIES):
                    for label in order:
                        # a new parameter each round: the servers' kept answers are not what is timed
                        took, answer = _timed(bases[label], {**query, "per_page": str(10 + round_number)})
                        times[label][i].append(took)
                        answers[label].setdefault(i, answer)
            print(f"{len(QUERIES)} queries × {rounds} rounds on {corpus}; medians in ms (before → after)")
            total = {label: 0.0 for label in bases}
            for i, query in enumerate(QUERIES):
                medians = {label: statistics.median(times[label][i]) * 1000 for label in bases}
                for label in bases:
                    total[label] += medians[label]
                same = "" if answers["before"][i][0] == answers["after"][i][0] else "  (totals differ)"
                print(f"  {json.dumps(query, ensure_ascii=False):60} {medians['before']:8.1f} → "
                      f"{medians['after']:8.1f}  ×{medians['after'] / medians['before']:.2f}{same}")
            print(f"sum of medians: {total['before']:.0f} ms → {total['after']:.0f} ms, "
                  f"×{total['after'] / total['before']:.3f}")
            for label in bases:
                every = sorted(t for ts in times[label].values() for t in ts)
                print(f"{label}: p50 {every[len(every) // 2] * 1000:.1f} ms, "
                      f"p95 {every[min(len(every) - 1, round(0.95 * (len(every) - 1)))] * 1000:.1f} ms "
                      f"over {len(every)} answers")
            differ = [i for i in range(len(QUERIES)) if answers["before"][i] != answers["after"][i]]
            print(f"answers (total and first ten ids) that differ: {len(differ)} of {len(QUERIES)}")
    finally:
        for tree in trees.values():
            if tree != ROOT:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
