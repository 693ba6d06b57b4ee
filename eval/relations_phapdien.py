"""Validity claims on law text no rule was written from: the pháp điển articles, judged by a reader.

    python -m eval.relations_phapdien                 precision of the judged claims made now
    python -m eval.relations_phapdien --list          also each judged claim not right, and those not judged
    python -m eval.relations_phapdien --add 60 --seed 7   append 60 claims drawn at random (verdict '?')
    python -m eval.relations_phapdien --recall 50 --seed 50   the other way: 50 sentences that end a text,
                                                  drawn at random, with the claims made on each (to read
                                                  which ended texts would still be shown in force)

eval/relations_claims.py judges every claim on the shared full texts, the text the grammar of
"hết hiệu lực", "thay thế" and "bãi bỏ" was developed on. The 62,323 articles of
../shared/corpora/phapdien were never read for that: their "Hiệu lực thi hành" articles are the
real documents outside the repository the issue asks precision on. Each article is read by the
relation finder as the extractor reads a document, its own number taken from the article's citation
("(Điều 24 Thông tư số 17/2018/TT-BVHTTDL …)"). The whole-document claims (a red badge, hidden by
"Ẩn văn bản đã bị thay thế") are drawn at random in draws of their own (`--seed`), so a draw judged
after a rule changed is a hold-out for that change; the verdicts (eval/relations_phapdien.tsv) say
which draw each claim came from.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path

import click

from eval.extraction import corpora_dir
from indexer.extract.links.relations import find_relations
from indexer.text import number_key

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "eval" / "relations_phapdien.tsv"
COLUMNS = ("draw", "anchor", "document", "type", "number", "verdict", "note", "sentence")
CLAIMS = ("thay_the", "bai_bo")
_OWN_NUMBER = re.compile(r"\bsố\s+(\d[^\s,;()]*/[^\s,;()]+)")
_TYPE = re.compile(r"\b(Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư liên tịch|Thông tư|Quyết định|"
                   r"Chỉ thị)\s+số\b")
_WORDS = ("hết hiệu lực", "thay thế", "bãi bỏ", "hủy bỏ")


def _articles() -> list[dict]:
    with gzip.open(corpora_dir() / "phapdien" / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [a for a in map(json.loads, handle) if any(w in a["text"] for w in _WORDS)]


def claims() -> list[dict[str, str]]:
    """Every whole-document replaced / repealed claim the relation finder makes on the articles."""
    out = []
    for article in _articles():
        citation = article.get("citation") or ""
        own = _OWN_NUMBER.search(citation)
        kind = _TYPE.search(citation)
        for rel in find_relations(article["text"], own.group(1).rstrip(".") if own else None, None,
                                  kind.group(1) if kind else None):
            if rel["type"] in CLAIMS and rel["direction"] == "out" and rel["scope"] == "whole" and rel["number"]:
                out.append({"anchor": article["anchor"], "document": own.group(1) if own else "",
                            "type": rel["type"], "number": rel["number"],
                            "sentence": _sentence(article["text"], rel["text"])})
    return out


def _sentence(text: str, evidence: str) -> str:
    """The claim's sentence whole (the relation keeps its first 300 characters): from where the evidence
    starts to the next full stop or line end."""
    text = " ".join(text.replace("\n", " \u2029 ").split())
    at = max(text.find(evidence[:120]), 0)
    stops = [i for i in (text.find(". ", at + len(evidence) - 2), text.find("\u2029", at)) if i >= 0]
    return text[at:min(stops) + 1 if stops else len(text)].replace("\u2029", "").strip()


def _key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["anchor"], row["type"], number_key(row["number"])


def verdicts() -> dict[tuple[str, str, str], dict[str, str]]:
    if not VERDICTS.exists():
        return {}
    with VERDICTS.open(encoding="utf-8", newline="") as handle:
        return {_key(row): row for row in csv.DictReader(handle, delimiter="\t")}


_ENDING = re.compile(r"[^.\n]*(?:hết hiệu lực(?: thi hành)? (?:kể )?từ ngày[^.\n]*này có hiệu lực|\bthay thế (?:các )?"
                     r"(?:Thông tư|Nghị định|Quyết định|Luật|Pháp lệnh|Nghị quyết|Chỉ thị)[^.\n]*\d+/)[^.\n]*")


def recall_sample(size: int, seed: int) -> list[str]:
    """Sentences that end a text, drawn at random, each with the whole-document claims made on it."""
    found = [(article, m.group(0).strip()) for article in _articles() for m in _ENDING.finditer(article["text"])]
    lines = [f"{len(found)} sentences that end a text; {size} drawn (seed {seed})"]
    for article, sentence in random.Random(seed).sample(found, min(size, len(found))):
        citation = article.get("citation") or ""
        own, kind = _OWN_NUMBER.search(citation), _TYPE.search(citation)
        named = {number_key(n) for n in re.findall(r"\d+(?:/\d{4})?/[^\s,;()]+", sentence)}
        claims = sorted({r["number"] for r in find_relations(article["text"], own.group(1).rstrip(".") if own else None,
                                                             None, kind.group(1) if kind else None)
                         if r["type"] in CLAIMS and r["direction"] == "out" and r["scope"] == "whole"
                         and r["number"] and number_key(r["number"]) in named})
        lines.append(f"- {own.group(1) if own else '?'}: {sentence[:500]}\n  claimed whole: {claims}")
    return lines


@click.command()
@click.option("--list", "show", is_flag=True, help="List each judged claim not right, and those not judged.")
@click.option("--recall", type=int, default=0, help="Print this many sentences that end a text, with the claims.")
@click.option("--add", type=int, default=0, help="Append this many claims not yet judged, drawn at random.")
@click.option("--seed", type=int, default=0, help="The draw's seed (a new draw: a new seed).")
def main(show: bool, add: int, seed: int, recall: int) -> None:
    if recall:
        click.echo("\n".join(recall_sample(recall, seed)))
        return
    judged = verdicts()
    made = claims()
    keys = {_key(row) for row in made}
    if add:
        fresh = [row for row in made if _key(row) not in judged]
        drawn = random.Random(seed).sample(fresh, min(add, len(fresh)))
        with VERDICTS.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS, delimiter="\t")
            if not judged:
                writer.writeheader()
            for row in drawn:
                writer.writerow({**row, "draw": str(seed), "verdict": "?", "note": ""})
        click.echo(f"added {len(drawn)} claims (draw {seed}) to {VERDICTS.name}")
        judged = verdicts()
    tally: Counter[tuple[str, str]] = Counter()
    for key, row in judged.items():
        state = "made" if key in keys else "no longer made"
        tally[(row["draw"], f"{state} {row['verdict']}")] += 1
        if show and (row["verdict"] != "right" or state != "made"):
            click.echo(f"{row['verdict']:6} {state:15} draw {row['draw']} {row['document']} {row['type']} "
                       f"{row['number']}: {row['sentence'][:400]}  [{row['note']}]")
    click.echo(f"whole-document claims made on {len({r['anchor'] for r in made})} articles: {len(made)} "
               f"({sum(r['type'] == 'thay_the' for r in made)} replaced, {sum(r['type'] == 'bai_bo' for r in made)} "
               "repealed)")
    for draw in sorted({d for d, _ in tally}):
        right = tally[(draw, "made right")]
        wrong = tally[(draw, "made wrong")]
        click.echo(f"draw {draw}: judged claims still made {right + wrong}: right {right}, wrong {wrong}, "
                   f"precision {right / max(right + wrong, 1):.3f}; judged wrong and no longer made "
                   f"{tally[(draw, 'no longer made wrong')]}; judged right and no longer made "
                   f"{tally[(draw, 'no longer made right')]}; not judged {tally[(draw, 'made ?')]}")


if __name__ == "__main__":
    main()
