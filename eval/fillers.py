"""Candidates for indexer/data/fillers.json, from the `fit` half of the question set only.

    python -m eval.fillers [--top 80]

A filler is a phrase people put around a question ("đúng hay sai",
"theo quy định", "như thế nào") that the answering text does not contain:
frequent in questions, rare in the articles. This prints the 1–4 syllable
phrases by how much more often questions use them than articles do; a
person picks the general ones (no subject words, no law names) into the
data file. The held-out half is never read here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from eval.questions import default_data, half, load_jsonl
from indexer.text import tokens


def phrases(text: str, longest: int = 4) -> set[tuple[str, ...]]:
    words = [w.lower() for w in tokens(text)]
    return {tuple(words[i:i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}


def candidates(data: Path, floor: float = 0.02) -> list[tuple[str, float, float]]:
    """(phrase, share of fit questions, share of articles), most question-like first."""
    questions = [q["q"] for q in load_jsonl(data / "questions.jsonl") if half(q["id"]) == "fit"]
    in_questions = Counter(p for q in questions for p in phrases(q))
    wanted = {p for p, c in in_questions.items() if c / len(questions) >= floor}
    articles = load_jsonl(data / "articles.jsonl")
    in_articles = Counter(p for a in articles for p in phrases(a["text"]) if p in wanted)
    out = []
    for p in wanted:
        q_share, a_share = in_questions[p] / len(questions), in_articles[p] / len(articles)
        out.append((" ".join(p), q_share, a_share))
    return sorted(out, key=lambda row: -row[1] / (row[2] + 0.01))


@click.command()
@click.option("--top", type=int, default=80, show_default=True)
def main(top: int) -> None:
    for phrase, q_share, a_share in candidates(default_data())[:top]:
        click.echo(f"{q_share:6.1%} {a_share:6.1%}  {phrase}")


if __name__ == "__main__":
    main()
