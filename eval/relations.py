"""Relations yardstick: precision and recall of typed relations on a judged sample of real texts.

    python -m eval.relations [--corpus ../shared/corpora/fulltexts] [--show]

The gold (eval/relations_gold.json) lists, per document, every relation a
reader found in the text for the judged directions. A relation is
(type, direction, number key or ISO date). Prints the figures per type and
overall; --show lists the misses and the false relations.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click

from eval.extraction import corpora_dir
from indexer.extract import extract_records
from indexer.text import number_key

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "relations_gold.json"


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _key(kind: str, direction: str, target: str) -> tuple[str, str, str]:
    """A number is compared by its lookup key, a date as written."""
    return kind, direction, target if ISO_DAY.match(target) else number_key(target)


def _found(path: Path, directions: list[str], index: int = 0) -> set[tuple[str, str, str]]:
    record = extract_records(path.read_text(encoding="utf-8"), "x", path.name)[index]
    out = set()
    for rel in record.relations:
        if rel["direction"] in directions:
            target = rel["date"] if rel["number"] is None else number_key(rel["number"])
            out.add((rel["type"], rel["direction"], target))
    return out


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Full texts (default: fulltexts/ of the shared corpora, see eval.extraction).")
@click.option("--show", is_flag=True, help="List misses and false relations.")
def main(corpus: Path | None, show: bool) -> None:
    corpus = corpus or corpora_dir() / "fulltexts"
    gold_doc = json.loads(GOLD.read_text(encoding="utf-8"))
    hits: Counter[str] = Counter()
    gold_n: Counter[str] = Counter()
    found_n: Counter[str] = Counter()
    for doc in gold_doc["documents"]:
        gold = {_key(*r) for r in doc["relations"]}
        path = ROOT / "corpus" / doc["file"].removeprefix("bundled/") if doc["file"].startswith("bundled/") \
            else corpus / doc["file"]
        found = _found(path, doc["directions"], doc.get("record", 0))
        for rel in gold:
            gold_n[rel[0]] += 1
        for rel in found:
            found_n[rel[0]] += 1
        for rel in gold & found:
            hits[rel[0]] += 1
        if show:
            for rel in sorted(gold - found):
                click.echo(f"MISS  {doc['file']}: {rel}")
            for rel in sorted(found - gold):
                click.echo(f"FALSE {doc['file']}: {rel}")
    click.echo(f"{'type':<14}{'gold':>6}{'found':>7}{'right':>7}{'precision':>11}{'recall':>8}")
    for kind in sorted(set(gold_n) | set(found_n)):
        p = hits[kind] / found_n[kind] if found_n[kind] else 1.0
        r = hits[kind] / gold_n[kind] if gold_n[kind] else 1.0
        click.echo(f"{kind:<14}{gold_n[kind]:>6}{found_n[kind]:>7}{hits[kind]:>7}{p:>11.3f}{r:>8.3f}")
    total_h, total_g, total_f = sum(hits.values()), sum(gold_n.values()), sum(found_n.values())
    click.echo(f"{'all':<14}{total_g:>6}{total_f:>7}{total_h:>7}{total_h / max(total_f, 1):>11.3f}"
               f"{total_h / max(total_g, 1):>8.3f}  ({len(gold_doc['documents'])} documents)")


if __name__ == "__main__":
    main()
