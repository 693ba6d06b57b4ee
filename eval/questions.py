"""Relevance on real legal questions: ours against fixed BM25 baselines, in one run.

    python -m eval.questions                 all systems, writes its section of eval/RESULTS.md
    python -m eval.questions --only ours     ours alone (quick), nothing written
    python -m eval.questions --show ours     also the questions where ours finds nothing relevant

Data: ../shared/corpora/legal-questions (430 questions, judged articles among
2,249; see its README). The questions are split in two halves by a hash of
their id: anything fitted on questions (indexer/data/fillers.json) is built
on the `fit` half (eval/fillers.py) and judged on the `held-out` half, which
the headline figures are.

Metrics over the first 10 results (relevance is binary here): MRR@10,
nDCG@10, recall@10 (found / min(10, relevant)), and the zero-result rate
(questions answered by an empty list).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import click

from eval.metrics import ndcg, recall, reciprocal_rank
from eval.question_systems import System, article_record, build_all

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent.parent / "shared" / "corpora" / "legal-questions"
RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## Legal questions (eval/questions.py)"
K = 10
DECISIONS = [
    "What these figures decided (on the fit half; the held-out half is the report):",
    "",
    "- minimum_should_match: all content words up to four, then 40 % of them (search_app/query/understand.py).",
    "  On the fit half 0.4 gave MRR 0.824 / recall 0.916, 0.5 gave 0.818 / 0.902, 0.6 0.813 / 0.902;",
    "  75 % (Elasticsearch's usual) lost recall in a first trial (held-out recall 0.905 against 0.951 for a plain OR).",
    "- fillers (indexer/data/fillers.json) from `python -m eval.fillers` over the fit half only: general",
    "  question wording, no subject words. They change little here (BM25's idf already discounts them) but",
    "  keep them out of the words a result must hold.",
    "- accents: `ours` lists only exact matches for a query typed with marks, `ours-fold` lists fold-only",
    "  matches after them. They score alike, so the count stays honest: exact only, folded matches shown",
    "  (labelled \"khớp khi bỏ dấu\") only when nothing matches as typed.",
    "- before this work (main at 9e25cae, every word required, 70 % when nothing matched): held-out MRR@10",
    "  0.428, recall@10 0.432, zero results 32.2 %.",
]


def default_data() -> Path:
    for candidate in (DATA, Path("/work/shared/corpora/legal-questions")):
        if (candidate / "questions.jsonl").exists():
            return candidate
    return DATA


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def half(question_id: str) -> str:
    """'fit' or 'held-out', fixed by the id alone (the same split on every run and machine)."""
    return "fit" if hashlib.sha1(question_id.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def score(system: System, questions: list[dict]) -> list[dict]:
    rows = []
    for question in questions:
        ranked = system.ranked(question["q"], K)
        judged = dict.fromkeys(question["relevant"], 1)
        rows.append({"id": question["id"], "half": half(question["id"]), "q": question["q"], "ranked": ranked,
                     "MRR@10": reciprocal_rank(ranked, judged), "nDCG@10": ndcg(ranked, judged),
                     "R@10": recall(ranked, judged), "zero": 0.0 if ranked else 1.0})
    return rows


METRICS = ("MRR@10", "nDCG@10", "R@10", "zero")


def mean(rows: list[dict], metric: str, keep: Callable[[dict], bool]) -> float:
    values = [r[metric] for r in rows if keep(r)]
    return sum(values) / len(values) if values else 0.0


def table(results: dict[str, list[dict]]) -> list[str]:
    groups = [("held-out", lambda r: r["half"] == "held-out"), ("fit", lambda r: r["half"] == "fit"),
              ("all", lambda r: True)]
    lines = ["| half | n | system | MRR@10 | nDCG@10 | recall@10 | zero results |", "|---|---|---|---|---|---|---|"]
    for label, keep in groups:
        n = sum(1 for r in next(iter(results.values())) if keep(r))
        for name, rows in results.items():
            cells = [f"{mean(rows, m, keep):.3f}" for m in METRICS[:3]] + [f"{mean(rows, 'zero', keep):.1%}"]
            lines.append(f"| {label} | {n} | {name} | " + " | ".join(cells) + " |")
    return lines


def checks(results: dict[str, list[dict]]) -> list[str]:
    held = lambda r: r["half"] == "held-out"  # noqa: E731
    ours = results.get("ours")
    if ours is None or len(results) < 2:
        return []
    base = {name: rows for name, rows in results.items() if not name.startswith("ours")}
    best_mrr = max(base, key=lambda s: mean(base[s], "MRR@10", held))
    best_recall = max(base, key=lambda s: mean(base[s], "R@10", held))
    mrr, recall_ = mean(ours, "MRR@10", held), mean(ours, "R@10", held)
    return [
        f"- held-out zero-result rate: {mean(ours, 'zero', held):.1%} (target 0 %)",
        f"- held-out MRR@10: {mrr:.3f} vs best baseline {best_mrr} {mean(base[best_mrr], 'MRR@10', held):.3f}: "
        f"{mrr - mean(base[best_mrr], 'MRR@10', held):+.3f} (target ≥ +0.05)",
        f"- held-out recall@10: {recall_:.3f} vs best baseline {best_recall} "
        f"{mean(base[best_recall], 'R@10', held):.3f} (target ≥ it)",
    ]


def write_section(text: str) -> None:
    """Replace (or append) this script's section of eval/RESULTS.md, leaving eval.run's part alone."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head = current.split(SECTION)[0].rstrip("\n")
    RESULTS.write_text((head + "\n\n" if head else "") + text, encoding="utf-8")


@click.command()
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--only", multiple=True, help="Systems to run (default: all).")
@click.option("--show", "show_system", default=None, help="List the questions this system misses.")
@click.option("--write/--no-write", default=None, help="Write eval/RESULTS.md (default: when all systems ran).")
def main(data: Path | None, only: tuple[str, ...], show_system: str | None, write: bool | None) -> None:
    """MRR@10, nDCG@10, recall@10 and zero-result rate on the legal question set."""
    started = time.perf_counter()
    data = data or default_data()
    if not (data / "questions.jsonl").exists():
        click.echo(f"no question set in {data} (../shared/corpora/legal-questions): nothing measured", err=True)
        return
    records = [article_record(a) for a in load_jsonl(data / "articles.jsonl")]
    questions = load_jsonl(data / "questions.jsonl")
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="vn-questions-") as work:
        for system in build_all(records, Path(work), only):
            click.echo(f"running {system.name} …", err=True)
            results[system.name] = score(system, questions)
            system.close()
    settings = (f"{dt.date.today().isoformat()}, {len(questions)} questions over {len(records)} articles "
                f"({sum(half(q['id']) == 'held-out' for q in questions)} held out), "
                f"{time.perf_counter() - started:.0f} s")
    lines = [SECTION, "", f"`python -m eval.questions` — {settings}", ""] + table(results) + [""]
    lines += checks(results) + [""] + DECISIONS
    text = "\n".join(lines) + "\n"
    click.echo(text)
    if show_system in results:
        for r in results[show_system]:
            if r["MRR@10"] == 0:
                line = re.sub(r"\s+", " ", r["q"])[:110]
                click.echo(f"{r['id']:>10} {r['half']:<8} {line}")
    if write or (write is None and not only):
        write_section(text)
        click.echo(f"written to {RESULTS}", err=True)


if __name__ == "__main__":
    main()
