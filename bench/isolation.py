"""What reading each file in isolation costs: full builds of the same corpus by the code before and after, side by side.

    python -m bench.isolation [--count 10000] [--before REF] [--rounds 2]

The corpus is `count` small generated letters (bench.generate). The code
before is REF of this repository (default: the commit issue 19 started from),
laid out by `git archive` in a temporary folder; both trees build with the
same Python, the same INDEX_WORKERS, one after the other, `rounds` times
alternately. Prints each build's seconds and files per second, and the ratio
(after / before) of the best rounds. A script, not a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
START = "b5631d8"  # main when issue 19 began


def _build(tree: Path, corpus: Path, index: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(corpus), "--index", str(index)],
                   cwd=tree, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(tree)})
    return time.perf_counter() - started


@click.command()
@click.option("--count", type=int, default=10_000, show_default=True)
@click.option("--before", "ref", default=START, show_default=True, help="git ref of the code before")
@click.option("--rounds", type=int, default=2, show_default=True)
@click.option("--work", type=click.Path(path_type=Path), default=None, help="folder for the corpus and indexes")
def main(count: int, ref: str, rounds: int, work: Path | None) -> None:
    work = work or Path(tempfile.mkdtemp(prefix="bench-isolation-"))
    corpus = work / f"corpus-{count}"
    if not corpus.is_dir():
        subprocess.run([sys.executable, "-m", "bench.generate", "--out", str(corpus), "--count", str(count)],
                       cwd=ROOT, check=True, capture_output=True)
    before = work / f"tree-{ref}"
    if not before.is_dir():
        before.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
    files = sum(1 for _ in corpus.iterdir())
    best = {"before": float("inf"), "after": float("inf")}
    for round_ in range(1, rounds + 1):
        for label, tree in (("before", before), ("after", ROOT)):
            seconds = _build(tree, corpus, work / f"index-{label}-{round_}")
            best[label] = min(best[label], seconds)
            click.echo(f"round {round_} {label:6}: {seconds:7.1f} s, {files / seconds:7.1f} files/s")
    click.echo(f"{files} files, best of {rounds}: before {files / best['before']:.1f} files/s, "
               f"after {files / best['after']:.1f} files/s, after/before time {best['after'] / best['before']:.3f}")


if __name__ == "__main__":
    main()
