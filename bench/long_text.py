"""Extraction time of a 500,000-character text, the code before and after issue 19, side by side.

    python -m bench.long_text [--before REF]

Three texts of 500,000 characters: a real law (the longest full text of
../shared, repeated to the length), the same with its first line 100,000
characters long, and a first line of 500,000 characters ("cách ly " repeated),
the shape that took minutes. Each is extracted by this tree and by REF's
(git archive into a temporary folder) in a subprocess with a 600 s limit.
Prints seconds for each. A script, not a test.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
START = "b5631d8"
CHARS = 500_000
TIMER = """
import sys, time
from indexer.extract import extract_records
text = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
extract_records(text, "x", "x.txt")
print(f"{time.perf_counter() - started:.2f}")
"""


def _texts(folder: Path) -> dict[str, Path]:
    fulltexts = ROOT.parent / "shared" / "corpora" / "fulltexts"
    if not fulltexts.is_dir():
        fulltexts = ROOT.parent.parent / "shared" / "corpora" / "fulltexts"
    law = max(fulltexts.rglob("*.txt"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    law = (law * (CHARS // len(law) + 1))[:CHARS]
    out = {"law": law, "law, first line 100,000": "Trích yếu " + "cách ly " * 12_500 + "\n" + law[:CHARS - 100_010],
           "one line of 500,000": ("cách ly " * (CHARS // 8))[:CHARS]}
    paths = {}
    for i, (name, text) in enumerate(out.items()):
        paths[name] = folder / f"text-{i}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _time(tree: Path, path: Path) -> str:
    try:
        done = subprocess.run([sys.executable, "-c", TIMER, str(path)], cwd=tree, capture_output=True, text=True,
                              timeout=600, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return "> 600 s"
    return f"{done.stdout.strip()} s" if done.returncode == 0 else f"error {done.stderr.strip()[-80:]}"


@click.command()
@click.option("--before", "ref", default=START, show_default=True)
def main(ref: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-long-"))
    before = work / "before"
    before.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
    for name, path in _texts(work).items():
        click.echo(f"{name:28} before {_time(before, path):>10}   after {_time(ROOT, path):>10}")


if __name__ == "__main__":
    main()
