"""Relevance yardstick: judged queries → MRR, nDCG@10, recall@10 for three systems.

    python -m eval.run                      bundled + generated (500 docs, seed 42), writes eval/RESULTS.md
    python -m eval.run --part bundled       the hand-judged bundled-corpus queries only (seconds)
    python -m eval.run --work /tmp/ev       keep the indexes there and reuse them next time
    python -m eval.run --show ours          also list, per query, where our first relevant hit ranks

Query sets (grades: 2 = the answer, 1 = relevant, unlisted = not relevant):
    eval/queries.json            over corpus/, judged by hand from reading the five files
    eval/queries_generated.json  over bench.generate's corpus, judged from the generator's
                                 metadata (eval/generated.py says how); rebuilt automatically
                                 when the generator's output changes

Systems (eval/systems.py): ours = search_app.answer.service.search over an index built by
indexer.pipeline; whoosh = plain Whoosh, StandardAnalyzer + BM25F; fts5 = SQLite FTS5 with
unicode61 remove_diacritics 2 and bm25(). Each is built from the same extracted records
into a temporary folder; generated corpora never land in the repository.

Metrics (eval/metrics.py), first 10 results: MRR, nDCG@10 with gain 2^g − 1, recall@10
as found / min(10, relevant). A 'number' query names a document in the corpus; the
target is that document at rank 1 for every one of them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import click

from eval import generated
from eval.metrics import METRICS, first_rank
from eval.questions import SECTION as QUESTIONS_SECTION
from eval.systems import Fts5, Ours, PlainWhoosh, System, load_records

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "corpus"
QUERIES = Path(__file__).with_name("queries.json")
RESULTS = Path(__file__).with_name("RESULTS.md")
SYSTEMS = ("ours", "whoosh", "fts5")
K = 10
_PART_SUFFIX = re.compile(r"-\d+$")


@dataclass
class Part:
    """One corpus and the queries judged over it."""

    name: str
    corpus: Path
    queries: list[dict]
    collapse: bool = False  # generated: a split-off annex counts as its document


@dataclass
class Scores:
    """Per-query metric values of one system, kept for any grouping."""

    rows: list[dict] = field(default_factory=list)

    def mean(self, metric: str, keep: Callable[[dict], bool] = lambda r: True) -> float:
        values = [r[metric] for r in self.rows if keep(r)]
        return sum(values) / len(values) if values else 0.0


def load_queries(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def generated_queries(count: int, seed: int) -> tuple[list[dict], str, str]:
    """The generated query set, rebuilt (and rewritten) when the generator changed; a note; the fingerprint."""
    note = ""
    data = json.loads(generated.PATH.read_text(encoding="utf-8")) if generated.PATH.exists() else {}
    wanted = (count, seed, generated.current_fingerprint(count, seed))
    if (data.get("count"), data.get("seed"), data.get("fingerprint")) != wanted:
        data = generated.build(count, seed)
        if (count, seed) == (generated.COUNT, generated.SEED):
            generated.write(data)
            note = "generator output changed: eval/queries_generated.json rebuilt from its metadata"
        else:
            note = f"queries built in memory for count={count} seed={seed}"
    return data["queries"], note, wanted[2]


def generated_corpus(work: Path, count: int, seed: int, fingerprint: str, reuse: bool) -> tuple[Path, bool]:
    """The generated corpus in `work`, written afresh unless reusable; True when it was (re)written."""
    from bench.generate import generate

    corpus = work / f"generated-{count}-{seed}"
    stamp = corpus / ".fingerprint"  # hidden: the indexer skips it
    if reuse and stamp.exists() and stamp.read_text() == fingerprint:
        return corpus, False
    shutil.rmtree(corpus, ignore_errors=True)
    generate(corpus, count, seed)
    stamp.write_text(fingerprint)
    return corpus, True


def _ids(ranked: Sequence[str], collapse: bool) -> list[str]:
    if not collapse:
        return list(ranked)
    return list(dict.fromkeys(_PART_SUFFIX.sub("", r) for r in ranked))


def evaluate(part: Part, systems: dict[str, System]) -> dict[str, Scores]:
    out: dict[str, Scores] = {}
    for name, system in systems.items():
        scores = Scores()
        for query in part.queries:
            ranked = _ids(system.ranked(query["q"], K), part.collapse)
            judged = query["judgments"]
            row = {"id": query["id"], "part": part.name, "class": query["class"], "q": query["q"],
                   "ranked": ranked, "judged": judged}
            row.update({m: fn(ranked, judged) for m, fn in METRICS.items()})
            answers = [d for d, g in judged.items() if g == 2]
            row["answer_rank"] = first_rank(ranked, answers[0]) if len(answers) == 1 else None
            scores.rows.append(row)
        out[name] = scores
    return out


def build_systems(part: Part, work: Path, stack: ExitStack, reuse: bool) -> dict[str, System]:
    records = load_records(part.corpus)
    ours = Ours(part.corpus, work / part.name / "ours", rebuild=not reuse)
    stack.callback(ours.close)
    plain = PlainWhoosh(records, Path(tempfile.mkdtemp(dir=work, prefix=f"{part.name}-whoosh-")))
    stack.callback(plain.close)
    fts = Fts5(records)
    stack.callback(fts.close)
    return {"ours": ours, "whoosh": plain, "fts5": fts}


def _table(title: str, groups: list[tuple[str, Callable[[dict], bool]]], results: dict[str, Scores]) -> list[str]:
    metrics = list(METRICS)
    head = "| " + title + " | n | " + " | ".join(f"{s} {m}" for m in metrics for s in SYSTEMS) + " |"
    lines = [head, "|" + "---|" * (2 + len(metrics) * len(SYSTEMS))]
    for label, keep in groups:
        n = sum(1 for r in results["ours"].rows if keep(r))
        if not n:
            continue
        cells = []
        for m in metrics:
            values = {s: results[s].mean(m, keep) for s in SYSTEMS}
            best = max(values.values())
            cells += [f"**{values[s]:.3f}**" if values[s] == best else f"{values[s]:.3f}" for s in SYSTEMS]
        lines.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return lines


def report(results: dict[str, Scores], settings: str, notes: list[str]) -> str:
    rows = results["ours"].rows
    parts = sorted({r["part"] for r in rows}, key=lambda p: p != "bundled")
    classes = sorted({r["class"] for r in rows})
    overall = [("all", lambda r: True)] + [(p, lambda r, p=p: r["part"] == p) for p in parts]
    per_class = [(c, lambda r, c=c: r["class"] == c) for c in classes]
    ours_ndcg = results["ours"].mean("nDCG@10")
    best_base = max(results["whoosh"].mean("nDCG@10"), results["fts5"].mean("nDCG@10"))
    numbers = [r for r in rows if r["class"] == "number"]
    misses = [r for r in numbers if r["answer_rank"] != 1]
    checks = [
        f"- nDCG@10 margin over the better baseline: {ours_ndcg - best_base:+.3f} (target ≥ +0.10)",
        f"- MRR: {results['ours'].mean('MRR'):.3f} (target ≥ 0.85)",
        f"- document-number queries with their document at rank 1: {len(numbers) - len(misses)}/{len(numbers)}"
        + ("" if not misses else " — missed: " + ", ".join(f"{r['id']} {r['q']!r} (rank {r['answer_rank']})"
                                                          for r in misses)),
    ]
    out = ["# Relevance results", "", f"`python -m eval.run` — {settings}", ""]
    out += [f"> {n}" for n in notes] + ([""] if notes else [])
    out += _table("set", overall, results) + [""]
    out += checks + ["", "## By query class", ""]
    out += _table("class", per_class, results) + [""]
    out += ["## Where ours misses (first relevant rank > 1, or nDCG@10 < 0.5)", ""]
    weak = [r for r in rows if r["MRR"] < 1 or r["nDCG@10"] < 0.5]
    out += [f"- {r['id']} [{r['class']}] `{r['q']}`: MRR {r['MRR']:.2f}, nDCG@10 {r['nDCG@10']:.2f}"
            for r in weak] or ["- none"]
    return "\n".join(out) + "\n"


def show(scores: Scores) -> None:
    for r in scores.rows:
        top = " ".join(f"{d}{'*' * r['judged'].get(d, 0)}" for d in r["ranked"][:5])
        click.echo(f"{r['id']:>4} {r['class']:<13} MRR {r['MRR']:.2f} nDCG {r['nDCG@10']:.2f} "
                   f"R {r['R@10']:.2f}  {r['q'][:50]!r:<52} {top}")


@click.command()
@click.option("--part", type=click.Choice(["all", "bundled", "generated"]), default="all", show_default=True)
@click.option("--count", type=int, default=generated.COUNT, show_default=True, help="Generated documents.")
@click.option("--seed", type=int, default=generated.SEED, show_default=True)
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the indexes (default: a fresh temp folder, removed afterwards).")
@click.option("--reuse/--rebuild", default=False, help="With --work: reuse our index if it is there.")
@click.option("--show", "show_system", type=click.Choice(SYSTEMS), default=None, help="Per-query lines.")
@click.option("--write/--no-write", default=None, help="Write eval/RESULTS.md (default: only for --part all).")
@click.option("--check", "margin", type=float, default=None,
              help="Exit 1 unless ours meets the targets: MRR ≥ 0.85 and above both baselines, every "
                   "number's document first, nDCG@10 ≥ the better baseline + MARGIN.")
def main(part: str, count: int, seed: int, work: Path | None, reuse: bool, show_system: str | None,
         write: bool | None, margin: float | None) -> None:
    """Compute MRR, nDCG@10 and recall@10 for ours, plain Whoosh and SQLite FTS5."""
    started = time.perf_counter()
    notes: list[str] = []
    with ExitStack() as stack:
        if work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vn-eval-")))
        work.mkdir(parents=True, exist_ok=True)
        parts: list[Part] = []
        if part in ("all", "bundled"):
            parts.append(Part("bundled", BUNDLED, load_queries(QUERIES)))
        fresh = False
        if part in ("all", "generated"):
            queries, note, fingerprint = generated_queries(count, seed)
            if note:
                notes.append(note)
            corpus, fresh = generated_corpus(work, count, seed, fingerprint, reuse)
            parts.append(Part("generated", corpus, queries, collapse=True))
        results: dict[str, Scores] = defaultdict(Scores)
        for p in parts:
            click.echo(f"building {p.name} ({p.corpus}) …", err=True)
            systems = build_systems(p, work, stack, reuse and not (fresh and p.name == "generated"))
            for name, scores in evaluate(p, systems).items():
                results[name].rows.extend(scores.rows)
    settings = (f"{dt.date.today().isoformat()}, parts: {', '.join(p.name for p in parts)}"
                + (f", generated corpus: {count} documents, seed {seed}" if part != "bundled" else "")
                + f", {time.perf_counter() - started:.0f} s")
    text = report(results, settings, notes)
    if show_system:
        show(results[show_system])
    click.echo(text)
    if write or (write is None and part == "all"):
        kept = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        questions = kept[kept.index(QUESTIONS_SECTION):] if QUESTIONS_SECTION in kept else ""  # eval.questions'
        RESULTS.write_text(text + ("\n" + questions if questions else ""), encoding="utf-8")
        click.echo(f"written to {RESULTS}", err=True)
    if margin is not None:
        missed = missed_targets(results, margin)
        if missed:
            raise click.ClickException("targets missed: " + "; ".join(missed))


def missed_targets(results: dict[str, Scores], margin: float) -> list[str]:
    """The targets ours misses (empty: all met)."""
    ndcg = {name: scores.mean("nDCG@10") for name, scores in results.items()}
    mrr = {name: scores.mean("MRR") for name, scores in results.items()}
    missed = []
    if ndcg["ours"] < max(ndcg["whoosh"], ndcg["fts5"]) + margin:
        missed.append(f"nDCG@10 {ndcg}")
    if mrr["ours"] < 0.85 or mrr["ours"] <= max(mrr["whoosh"], mrr["fts5"]):
        missed.append(f"MRR {mrr}")
    late = [r["q"] for r in results["ours"].rows if r["class"] == "number" and r["answer_rank"] != 1]
    if late or not any(r["class"] == "number" for r in results["ours"].rows):
        missed.append(f"numbers not first: {late}")
    return missed


if __name__ == "__main__":
    main()
