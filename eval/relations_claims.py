"""Every replaced / repealed claim on the shared collection, against a reader's verdict.

    python -m eval.relations_claims            claims made now: right, wrong, not yet judged
    python -m eval.relations_claims --list     also each claim not judged right
    python -m eval.relations_claims --add      append the claims not yet in the verdict file (verdict '?')

A wrong validity status is the worst error the service can show: a document wholly
replaced or repealed is hidden by "Ẩn văn bản đã bị thay thế" and badged red; a
partial one reads "được sửa đổi, bổ sung (một phần)". The verdicts
(eval/relations_claims.tsv, read by a person from each sentence in the text) cover the
claims of the code before issue 20 too, so running this on that code counts its errors.
Texts: ../shared/corpora/fulltexts and the bundled corpus/ (the scans state none).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import click

from eval.extraction import corpora_dir
from indexer.extract import extract_records
from indexer.text import number_key

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "eval" / "relations_claims.tsv"
COLUMNS = ("file", "document", "type", "scope", "number", "verdict", "note", "sentence")
CLAIMS = ("thay_the", "bai_bo")


def _texts() -> list[tuple[str, Path]]:
    full = corpora_dir() / "fulltexts"
    return ([(str(p.relative_to(full)), p) for p in sorted(full.rglob("*.txt"))]
            + [(f"bundled/{p.name}", p) for p in sorted((ROOT / "corpus").glob("*.txt"))])


def claims() -> list[dict[str, str]]:
    out = []
    for name, path in _texts():
        for record in extract_records(path.read_text(encoding="utf-8", errors="replace"), "x", name):
            for rel in record.relations:
                if rel["type"] in CLAIMS and rel["direction"] == "out" and rel["number"]:
                    out.append({"file": name, "document": record.number or "", "type": rel["type"],
                                "scope": rel["scope"], "number": rel["number"], "sentence": rel["text"][:300]})
    return out


def _key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return row["file"], row["type"], row["scope"], number_key(row["number"])


def verdicts() -> dict[tuple[str, str, str, str], dict[str, str]]:
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        return {_key(row): row for row in csv.DictReader(handle, delimiter="\t")}


@click.command()
@click.option("--list", "show", is_flag=True, help="List each claim not judged right.")
@click.option("--add", is_flag=True, help="Append the claims not yet judged, with verdict '?'.")
def main(show: bool, add: bool) -> None:
    judged = verdicts()
    made = claims()
    tally: Counter[tuple[str, str]] = Counter()
    for row in made:
        verdict = judged.get(_key(row), {}).get("verdict", "?")
        tally[(row["scope"], verdict)] += 1
        if show and verdict != "right":
            click.echo(f"{verdict:6} {row['file']}: {row['type']} {row['scope']} {row['number']} — "
                       f"{row['sentence'][:160]}")
    if add:
        new = [row for row in made if _key(row) not in judged]
        with VERDICTS.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS, delimiter="\t")
            if not judged:
                writer.writeheader()
            for row in new:
                writer.writerow({**row, "verdict": "?", "note": ""})
        click.echo(f"added {len(new)} claims to {VERDICTS.name}")
    keys = {_key(row) for row in made}
    gone = Counter((row["scope"], row["verdict"]) for key, row in judged.items() if key not in keys)
    for scope, label in (("whole", "replaced / repealed as a whole (badge, hidden by the filter)"),
                         ("part", "partly replaced / repealed (shown as amended)")):
        total = sum(n for (s, _), n in tally.items() if s == scope)
        click.echo(f"{label}: {total} claims — right {tally[(scope, 'right')]}, wrong {tally[(scope, 'wrong')]}, "
                   f"not judged {tally[(scope, '?')]}; judged and no longer made: wrong {gone[(scope, 'wrong')]}, "
                   f"right {gone[(scope, 'right')]}")


if __name__ == "__main__":
    main()
