"""What grouping into entries costs a full build at scale: the code before entries and after, side by side.

    python -m bench.entries_scale [--letters 10000] [--phapdien 20000] [--rev 75305fe --rev .] [--rounds 2]

Two corpora: `letters` small generated letters (bench.generate, alike by template) and the first
`phapdien` articles of the Bộ pháp điển (bench.phapdien, written as files). Each `--rev` is a git
ref laid out by `git archive` in the work folder ('.' is the working tree; default: main just before
issue 21's entries, and the working tree); every tree runs `python -m indexer build` with the same
Python and INDEX_WORKERS, in turn, `rounds` times, the order reversed each round.
For each build: seconds, files per second, the peak PSS of the whole process tree and of
its largest process (the parent, which holds every record while grouping), sampled every 0.5 s
(bench.memory). Then, from the export of the last tree's build: index documents against files,
and how the grouped entries were joined (same number, issuer and date; same text; near-duplicate).
A script, not a test.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from bench.memory import Sampler

ROOT = Path(__file__).resolve().parent.parent
START = "75305fe"  # main before issue 21's entries were merged


def _build(tree: Path, corpus: Path, index: Path) -> tuple[float, float, float, float]:
    """Seconds, CPU seconds of the whole tree (steadier than seconds on a shared machine), peak PSS
    of the tree of processes and of its largest process (MB)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENSEARCH_URL"}  # the Whoosh engine on both sides
    started, cpu = time.perf_counter(), _children_cpu()
    process = subprocess.Popen([sys.executable, "-m", "indexer", "build", "--corpus", str(corpus),
                                "--index", str(index)], cwd=tree, env={**env, "PYTHONPATH": str(tree)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(process.pid)
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    if process.returncode:
        raise click.ClickException(f"build in {tree} failed: {err.decode()[-2000:]}")
    return seconds, _children_cpu() - cpu, sampler.peak, sampler.peak_one


def _children_cpu() -> float:
    """User and system seconds of every finished child process and its descendants (reaped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _entries(index: Path) -> tuple[int, collections.Counter, list[list[str]]]:
    """Index documents of the built collection, how their files joined, and a few grouped entries."""
    out = subprocess.run([sys.executable, "-m", "indexer", "export", "--index", str(index)], cwd=ROOT,
                         check=True, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "OPENSEARCH_URL"}).stdout
    documents, joined, samples = 0, collections.Counter(), []
    for line in out.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        documents += 1
        files = record.get("files") or []
        joined.update(f.get("joined") or "best" for f in files[1:])
        joined["versions"] += len(record.get("versions") or [])
        if len(files) > 1 and len(samples) < 5:
            samples.append([f"{f['source']} ({f.get('joined') or 'best'})" for f in files[:4]])
    return documents, joined, samples


def _tree(work: Path, ref: str) -> Path:
    """The repository at `ref`, laid out once by `git archive` under `work`."""
    tree = work / f"tree-{ref}"
    if not tree.is_dir():
        tree.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _grouping_times(index: Path) -> list[tuple[int, float, int]]:
    """(members, seconds, index documents) of the grouping step alone (indexer.entries.units, in this
    process) over the first quarter, half and whole of the members a build kept in its sources."""
    from indexer.engine import open_engine
    from indexer.entries import Member, units

    engine = open_engine(index)
    try:
        members = [Member.from_dict(m) for note in engine.sources().values() for m in note["members"]]
    finally:
        engine.close()
    out = []
    for count in (len(members) // 4, len(members) // 2, len(members)):
        started = time.perf_counter()
        made = units(members[:count])
        out.append((count, time.perf_counter() - started, len(made)))
    return out


def _corpora(work: Path, letters: int, phapdien: int) -> list[Path]:
    out = []
    if letters:
        corpus = work / f"letters-{letters}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, "-m", "bench.generate", "--out", str(corpus), "--count", str(letters)],
                           cwd=ROOT, check=True, capture_output=True)
        out.append(corpus)
    if phapdien:
        from bench.run import phapdien_corpus

        corpus = work / f"phapdien-{phapdien}"
        if not corpus.is_dir():
            phapdien_corpus(corpus, phapdien)
        out.append(corpus)
    return out


@click.command()
@click.option("--letters", type=int, default=10_000, show_default=True, help="generated letters (0: none)")
@click.option("--phapdien", type=int, default=20_000, show_default=True, help="pháp điển articles (0: none)")
@click.option("--rev", "revs", multiple=True, default=(START, "."), show_default=True,
              help="git refs to build with, in turn ('.': the working tree)")
@click.option("--rounds", type=int, default=2, show_default=True)
@click.option("--work", type=click.Path(path_type=Path), default=None, help="folder for the corpora and indexes")
def main(letters: int, phapdien: int, revs: tuple[str, ...], rounds: int, work: Path | None) -> None:
    work = work or Path(tempfile.mkdtemp(prefix="bench-entries-"))
    work.mkdir(parents=True, exist_ok=True)
    trees = {rev: ROOT if rev == "." else _tree(work, rev) for rev in revs}
    click.echo(f"INDEX_WORKERS={os.environ.get('INDEX_WORKERS', 'cores')}, revisions {', '.join(revs)} "
               "('.': the working tree)")
    for corpus in _corpora(work, letters, phapdien):
        files = sum(1 for _ in corpus.iterdir())
        click.echo(f"\n{corpus.name}: {files} files")
        best = {rev: float("inf") for rev in trees}
        peak = {rev: 0.0 for rev in trees}
        for round_ in range(1, rounds + 1):
            for rev in list(trees) if round_ % 2 else list(reversed(trees)):
                seconds, cpu, tree_mb, one_mb = _build(trees[rev], corpus, work / f"index-{corpus.name}-{rev}")
                best[rev], peak[rev] = min(best[rev], seconds), max(peak[rev], tree_mb)
                click.echo(f"  round {round_} {rev:8}: {seconds:7.1f} s, {files / seconds:6.1f} files/s, "
                           f"{cpu:7.1f} s CPU, peak PSS {tree_mb:6.0f} MB (tree), {one_mb:6.0f} MB (largest process)")
        first = revs[0]
        for rev in trees if rounds else []:
            click.echo(f"  {rev:8} best of {rounds}: {files / best[rev]:6.1f} files/s, "
                       f"time ×{best[rev] / best[first]:.3f} of {first}; peak PSS {peak[rev]:.0f} MB")
        documents, joined, samples = _entries(work / f"index-{corpus.name}-{revs[-1]}")
        click.echo(f"  {revs[-1]}: {documents} index documents for {files} files; files joined to another: "
                   + (", ".join(f"{why} {n}" for why, n in joined.most_common()) or "none"))
        for sample in samples:
            click.echo(f"    e.g. {' + '.join(sample)}")
        for count, seconds, made in _grouping_times(work / f"index-{corpus.name}-{revs[-1]}"):
            click.echo(f"  grouping alone (this tree's code): {count:6} members → {made:6} index documents "
                       f"in {seconds:6.2f} s")


if __name__ == "__main__":
    main()
