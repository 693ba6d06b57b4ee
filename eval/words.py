"""Do the documents a word finds contain that word? Word precision and recall, and the questions' share.

    python -m eval.words                 words of 2–3 syllables from the legal questions, over the
                                         shared full texts plus the bundled corpus
    python -m eval.words --sample 300    a random 300 of them (seeded)

Words: every word of two or three syllables pyvi finds in the legal questions
(../shared/corpora/legal-questions) that pyvi also keeps as one word when it
stands alone, and that at least MIN_DOCS documents contain. A document
*contains* a word when its folded syllables stand together in the subject,
the issuer or the body, the layout's fixed parts left out
(Record.searchable_text). Each word is searched as typed with marks and
again without them, through the same plan the page uses (spelling,
fallbacks), and every returned document is judged.

Questions: for QUESTIONS legal questions over their 2,249 articles, the share
of returned documents that hold at least the minimum-should-match share of
the question's words *as words* (each required group: any of its spellings'
syllables standing together).
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from eval.question_systems import article_record
from eval.records_index import build_from_records
from indexer.engine import Engine, SearchSpec
from indexer.pipeline import records_of_file
from indexer.record import PART_SEPARATOR, Record
from indexer.text import fold, tokens
from indexer.words.segment import word_sizes
from search_app.query.plan import make_plan, run
from search_app.query.syllable import tone_variants

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
MIN_DOCS = 5
QUESTIONS = 100
LIMIT = 5000  # more than any collection here: every returned document is judged


def corpus_records() -> list[Record]:
    """The bundled corpus and the shared full texts, as the index stage gets them."""
    records: list[Record] = []
    paths = sorted((ROOT / "corpus").iterdir()) + sorted((SHARED / "fulltexts").rglob("*.txt"))
    for path in paths:
        if path.is_file() and path.name != "README.md":
            records += records_of_file(path, str(path.relative_to(path.parents[1])))[0]
    return records


def as_typed(syllable: str) -> str:
    """A marked syllable with its tone in one agreed place ("hoà" and "hòa" are one spelling)."""
    return min([syllable, *tone_variants(syllable)])


def _stretches(record: Record, key: Callable[[str], str]) -> Iterator[list[str]]:
    """The syllables of each searched stretch (subject, issuer, body between fixed parts), by `key`."""
    for text in (record.subject or "", record.issuer or "", *record.searchable_text().split(PART_SEPARATOR)):
        yield [key(t) for t in tokens(text)]


def pair_index(records: list[Record], longest: int = 3,
               key: Callable[[str], str] = fold) -> dict[str, set[tuple[str, ...]]]:
    """Record id → every run of 1 to `longest` syllables (folded, or by `key`) standing together in it."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for record in records:
        grams: set[tuple[str, ...]] = set()
        for words in _stretches(record, key):
            for size in range(1, longest + 1):
                grams.update(tuple(words[i:i + size]) for i in range(len(words) - size + 1))
        out[record.id] = grams
    return out


def question_words(questions: list[dict]) -> list[str]:
    """Words of 2–3 syllables pyvi finds in the questions and keeps whole when they stand alone."""
    from indexer.words.segment import _tokenizer

    found: dict[str, None] = {}
    for question in questions:
        for chunk in _tokenizer().tokenize(question["q"].lower()).split():
            syllables = tuple(tokens(chunk.replace("_", " ")))
            plain = 2 <= len(syllables) <= 3 and "_" in chunk and not any(c.isdigit() for c in chunk)
            if plain and word_sizes(syllables) == (len(syllables),):
                found[" ".join(syllables)] = None
    return list(found)


def returned(engine: Engine, q: str) -> tuple[set[str], bool]:
    """The ids the page would list for `q` (all pages), and whether it fell back to syllables."""
    plan = make_plan(engine, q)
    outcome = run(plan, lambda spec: engine.search(SearchSpec(query=spec, limit=LIMIT, facets=())))
    return {h.id for h in outcome.result.hits}, getattr(outcome, "syllables", False)


def word_figures(engine: Engine, grams: dict[str, set[tuple[str, ...]]], marked: dict[str, set[tuple[str, ...]]],
                 words: list[str]) -> None:
    """Typed with marks, "contains" is judged folded (the issue's definition) and as typed (what a
    query with marks asks: "hòa giải" is not "hóa giải"); typed without marks, folded."""
    for typed_marks in (True, False):
        hits = kept = holders = found = exact_holders = exact_found = 0
        worst: list[tuple[float, str, int, int]] = []
        left_out: list[tuple[int, str, list[tuple[str, int]]]] = []
        fallbacks = 0
        for word in words:
            key = tuple(fold(w) for w in word.split())
            holding = {doc for doc, g in grams.items() if key in g}
            exact_holding = {doc for doc, g in marked.items() if tuple(map(as_typed, word.split())) in g}
            ids, by_syllable = returned(engine, word if typed_marks else fold(word))
            exact_holders, exact_found = exact_holders + len(exact_holding), exact_found + len(ids & exact_holding)
            if typed_marks and holding - ids:  # what a query typed with marks leaves out: how those documents spell it
                spelled = Counter(" ".join(g) for doc in holding - ids for g in marked[doc]
                                  if len(g) == len(key) and tuple(map(fold, g)) == key)
                left_out.append((len(holding - ids), word, spelled.most_common(2)))
            fallbacks += by_syllable
            good = len(ids & holding)
            hits, kept, holders, found = hits + len(ids), kept + good, holders + len(holding), found + good
            worst.append((good / len(ids) if ids else 1.0, word, len(ids), len(holding)))
        worst.sort()
        how = "typed with marks" if typed_marks else "typed without marks"
        print(f"{how}: precision {kept / max(hits, 1):.1%} ({kept}/{hits} returned documents contain the word), "
              f"recall {found / max(holders, 1):.1%} ({found}/{holders}); syllable fallbacks {fallbacks}")
        if typed_marks:
            print(f"  recall of the documents holding the word with the marks typed: "
                  f"{exact_found / max(exact_holders, 1):.1%} ({exact_found}/{exact_holders})")
            largest = sorted(left_out, reverse=True)[:10]
            print("  left out, as those documents spell it (another word once marked): " + "; ".join(
                f"{w} {n} ({', '.join(f'{s} {c}' for s, c in spelled)})" for n, w, spelled in largest))
        print("  lowest precision: " + "; ".join(f"{w} {p:.0%} ({n} returned, {h} hold it)"
                                                 for p, w, n, h in worst[:8]))


def question_figures(data: Path, tmp: Path, count: int) -> None:
    """The share of returned documents holding the minimum-should-match share of the words as words."""
    articles = [json.loads(line) for line in (data / "articles.jsonl").open(encoding="utf-8")]
    questions = [json.loads(line) for line in (data / "questions.jsonl").open(encoding="utf-8")]
    records = [article_record(a) for a in articles]
    engine = build_from_records(records, tmp / "questions")
    grams = pair_index(records, longest=6)
    chosen = random.Random(18).sample(questions, min(count, len(questions)))
    judged = holding = 0
    for question in chosen:
        plan = make_plan(engine, question["q"])
        outcome = run(plan, lambda spec: engine.search(SearchSpec(query=spec, limit=LIMIT, facets=())))
        spec = outcome.spec
        if spec is None:
            continue
        need = spec.minimum_should_match or len(spec.groups)
        for hit in outcome.result.hits:
            have = sum(any(tuple(fold(t) for t in c.tokens) in grams[hit.id] for c in g)
                       for g in spec.groups)
            judged += 1
            holding += have >= need
    print(f"{len(chosen)} legal questions: {holding}/{judged} returned documents ({holding / max(judged, 1):.1%}) "
          "hold the minimum-should-match share of the question's words as words")


@click.command()
@click.option("--sample", type=int, default=0, help="a random N of the words (0: all)")
@click.option("--questions", "question_count", type=int, default=QUESTIONS)
def main(sample: int, question_count: int) -> None:
    data = SHARED / "legal-questions"
    questions = [json.loads(line) for line in (data / "questions.jsonl").open(encoding="utf-8")]
    records = corpus_records()
    grams = pair_index(records)
    words = [w for w in question_words(questions)
             if sum(tuple(fold(x) for x in w.split()) in g for g in grams.values()) >= MIN_DOCS]
    if sample and sample < len(words):
        words = random.Random(18).sample(words, sample)
    print(f"{len(records)} documents (bundled corpus + shared full texts); {len(words)} words of 2–3 syllables "
          f"from the legal questions held by at least {MIN_DOCS} documents")
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_from_records(records, Path(tmp) / "words")
        for probe in ("hòa giải",):
            key = tuple(fold(w) for w in probe.split())
            ids, _ = returned(engine, probe)
            holding = {doc for doc, g in grams.items() if key in g}
            print(f"«{probe}»: {len(ids)} returned, {len(ids & holding)} contain it "
                  f"({len(ids & holding) / max(len(ids), 1):.0%}), {len(holding)} hold it")
        word_figures(engine, grams, pair_index(records, key=as_typed), words)
        engine.close()
        question_figures(data, Path(tmp), question_count)


if __name__ == "__main__":
    main()
