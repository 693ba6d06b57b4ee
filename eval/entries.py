"""One document, one entry (issue 21), measured on the shared corpora plus deliberate copies.

    python -m eval.entries_corpus --out /tmp/entries-eval/corpus          # the corpus and known pairs
    INDEXER_TEXT_CACHE=/tmp/entries-eval/text-cache \\
        python -m indexer build --corpus /tmp/entries-eval/corpus --index /tmp/entries-eval/index
    python -m eval.entries [--index /tmp/entries-eval/index --before OLD_INDEX] [--pairs]

The grouping is measured on the records themselves (read, extracted and grouped as a build does,
scans from the OCR text cache: INDEXER_TEXT_CACHE); --index adds the query set on a built index.

Prints
- id collisions: files whose record ids are the same (over every file of the corpus);
- the near-duplicate threshold: the estimated Jaccard of every known pair against the most similar
  pairs that are not known, and recall/precision of the links at each threshold, fitted on the
  .txt copies, held out on the other known pairs (scans uploaded twice, full text vs office file,
  image-only copies);
- recall on the known pairs (both files in one entry), by kind;
- precision on the grouped pairs judged by hand in eval/entries_judged.tsv (each pair printed
  with --pairs, so a reader can check the judgement);
- the query set eval/entries_queries.txt: queries whose top 10 holds one document twice
  (the same entry id, or two entries holding a known pair), for this index and --before;
- titles: how many are a path, a bare subject of one or two words, or a header line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import click

from indexer.corpus import UnreadableFile, legacy_record_id, list_files, record_id
from indexer.engine import open_engine
from indexer.entries import Member, build_entries, links, member_of
from indexer.entries.copies import _minhash
from indexer.pipeline import records_of_file
from search_app import create_app

HERE = Path(__file__).parent
JUDGED = HERE / "entries_judged.tsv"
QUERIES = HERE / "entries_queries.txt"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_PATH = re.compile(r"[\\/][^\s/]+\.[a-z0-9]{2,4}\b|\.(txt|docx?|pdf)\b", re.I)
_HEADER = re.compile(r"^(cộng hòa|độc lập|số\s*:|ủy ban nhân dân$)", re.I)


def _kind(a: str, b: str) -> str:
    if "copies/txt/" in b:
        return "fitted: office file vs its .txt"
    if "copies/scan/" in b:
        return "held out: office file vs its image-only copy (OCR)"
    if a.startswith("province-scans/"):
        return "held out: scan uploaded twice"
    return "held out: full text vs office file"


def _read(corpus: Path) -> tuple[dict, list[str]]:
    """Every file's records as a build reads them; the names that could not be read."""
    files, unread = {}, []
    for path in list_files(corpus):
        name = path.relative_to(corpus).as_posix()
        try:
            files[name] = records_of_file(path, name)[0]
        except UnreadableFile:
            unread.append(name)
    return files, unread


def _threshold_table(members: dict[str, Member], known: list[tuple[str, str]], ids_of: dict[str, list[str]]) -> None:
    """Links at each threshold against the known pairs: recall per group of pairs, and links not known."""
    hashes = {i: _minhash(m.minhash) for i, m in members.items() if m.minhash}
    bodies = {i: _minhash(m.body) for i, m in members.items() if m.body}
    click.echo("\nEstimated Jaccard (3-word shingles, 64 permutations) of the known pairs, whole texts / bodies:")
    for a, b in known:
        ia, ib = ids_of.get(a, [None])[0], ids_of.get(b, [None])[0]
        sims = [round(h[ia].jaccard(h[ib]), 2) if ia in h and ib in h else None for h in (hashes, bodies)]
        click.echo(f"  {sims[0]!s:>5} / {sims[1]!s:<5}  {a}  ~  {b}")
    pairs = sorted(((hashes[a].jaccard(hashes[b]), a, b) for a, b in combinations(sorted(hashes), 2)), reverse=True)
    known_ids = {frozenset((ids_of[a][0], ids_of[b][0])) for a, b in known if a in ids_of and b in ids_of}
    click.echo("\nThe most similar pairs that are not known pairs (are they copies, versions or neither?):")
    for sim, a, b in [p for p in pairs if frozenset(p[1:]) not in known_ids][:15]:
        click.echo(f"  {sim:.2f}  {a}  ~  {b}")
    click.echo("\nthreshold | near links | known pairs linked (any way) fitted / held out | links not known")
    for t in THRESHOLDS:
        found = {frozenset((a, b)) for a, b, _, _ in links(list(members.values()), t)}
        kinds: dict[str, list[int]] = {}
        for a, b in known:
            if a in ids_of and b in ids_of:
                hit = int(frozenset((ids_of[a][0], ids_of[b][0])) in found)
                kinds.setdefault(_kind(a, b).split(":")[0], []).append(hit)
        fitted, held = kinds.get("fitted", []), kinds.get("held out", [])
        click.echo(f"  {t:.1f}     | {len(found):>5}      | {sum(fitted)}/{len(fitted)}  /  {sum(held)}/{len(held)}"
                   f"         | {len(found - known_ids)}")


def _entry_pairs(entries: list[dict]) -> list[tuple[dict, dict, dict]]:
    """Every pair of files grouped into one entry (versions of a family are not grouped pairs)."""
    return [(e, a, b) for e in entries for a, b in combinations(e.get("files") or [], 2)]


def _top10_doubles(index: Path, corpus: Path, queries: list[str], known: set[frozenset[str]]) -> tuple[int, list]:
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    engine = open_engine(index)
    doubles = []
    for q in queries:
        hits = client.get("/api/search", query_string={"q": q, "per_page": 10}).get_json()["hits"]
        sources = {}
        for h in hits:
            record = engine.record(h["id"]) or {}
            sources[h["id"]] = {f["source"] for f in record.get("files") or []} or {record.get("source")}
        ids = [h["id"] for h in hits]
        twice = [i for i, n in Counter(ids).items() if n > 1]
        for a, b in combinations(dict.fromkeys(ids), 2):
            if any(frozenset((x, y)) in known for x in sources[a] for y in sources[b]):
                twice.append(f"{a}+{b}")
        if twice:
            doubles.append((q, twice))
    return len(doubles), doubles


@click.command()
@click.option("--index", type=click.Path(path_type=Path), default=None, help="a built index, for the query set")
@click.option("--corpus", type=click.Path(path_type=Path), default=Path("/tmp/entries-eval/corpus"))
@click.option("--before", type=click.Path(path_type=Path), default=None, help="an index built before entries")
@click.option("--pairs", is_flag=True, help="print every grouped pair with its judgement")
def main(index: Path, corpus: Path, before: Path | None, pairs: bool) -> None:
    names = [p.relative_to(corpus).as_posix() for p in list_files(corpus)]
    ids = Counter(record_id(n) for n in names)
    old = Counter(legacy_record_id(n) for n in names)
    click.echo(f"files: {len(names)}; id collisions: {sum(n - 1 for n in ids.values() if n > 1)} "
               f"(before: {sum(n - 1 for n in old.values() if n > 1)})")
    known = [tuple(p) for p in json.loads((corpus.parent / "known_pairs.json").read_text())]
    files, unread = _read(corpus)
    click.echo(f"read {len(files)} files; not read (a scan not in the OCR cache, an archive): {len(unread)}")
    entries = [e.as_dict() for e in build_entries(files)[0]]
    members = {r.id: member_of(r) for recs in files.values() for r in recs}
    ids_of = {name: [r.id for r in recs] for name, recs in files.items()}
    _threshold_table(members, known, ids_of)

    entry_of = {f["source"]: e["id"] for e in entries for f in e.get("files") or []}
    entry_of |= {f["source"]: e["id"] for e in entries for v in e.get("versions") or [] for f in v["record"]["files"]}
    click.echo("\nRecall on the known pairs (both files in one entry):")
    by_kind: dict[str, list[int]] = {}
    for a, b in known:
        same = a in entry_of and entry_of.get(a) == entry_of.get(b)
        by_kind.setdefault(_kind(a, b), []).append(int(same))
        if not same:
            click.echo(f"  MISSED {a} ~ {b} ({'not indexed' if a not in entry_of or b not in entry_of else 'apart'})")
    for kind, hits in sorted(by_kind.items()):
        click.echo(f"  {kind}: {sum(hits)}/{len(hits)}")
    total = [h for hs in by_kind.values() for h in hs]
    click.echo(f"  all: {sum(total)}/{len(total)} = {sum(total) / len(total):.3f}")

    judged = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines()[1:]:
            a, b, verdict, *note = line.split("\t")
            judged[frozenset((a, b))] = (verdict, note[0] if note else "")
    grouped = _entry_pairs(entries)
    verdicts = Counter()
    click.echo(f"\nGrouped pairs: {len(grouped)} in {sum(1 for e in entries if len(e.get('files') or []) > 1)} "
               f"entries of several files; {len(entries)} entries for {len(members)} records")
    for entry, a, b in grouped:
        verdict, note = judged.get(frozenset((a["source"], b["source"])), ("?", ""))
        verdicts[verdict] += 1
        if pairs:
            click.echo(f"  [{verdict}] {b.get('joined')}: {a['source']} ({a.get('number')}, {a.get('date')})"
                       f"  ~  {b['source']} ({b.get('number')}, {b.get('date')}) — {entry.get('title', '')[:60]}"
                       f"{'  # ' + note if note else ''}")
    right, wrong = verdicts["1"], verdicts["0"]
    click.echo(f"  judged {right + wrong} (unjudged {verdicts['?']}): precision {right}/{right + wrong}"
               f" = {right / max(1, right + wrong):.3f}")
    families = [e for e in entries if e.get("versions")]
    click.echo(f"\nFamilies of versions: {len(families)}")
    for e in families:
        click.echo(f"  {e['title'][:70]} ← " + "; ".join(f"{v['number']} ({v['role']})" for v in e["versions"]))

    queries = [q for q in QUERIES.read_text(encoding="utf-8").splitlines() if q.strip() and not q.startswith("#")]
    known_set = {frozenset(p) for p in known}
    for label, where in (("before", before), ("after", index)):
        if where is None or index is None:
            continue
        count, doubles = _top10_doubles(where, corpus, queries, known_set)
        click.echo(f"\nQueries ({len(queries)}) whose top 10 holds one document twice, {label}: {count}")
        for q, twice in doubles[:8]:
            click.echo(f"  {q!r}: {twice[:3]}")

    titles = [(e.get("title") or "", e) for e in entries]
    paths = [t for t, e in titles if _PATH.search(t) or t == e["source"]]
    bare = [t for t, _ in titles if len(t.split()) <= 2]
    header = [t for t, _ in titles if _HEADER.search(t)]
    click.echo(f"\nTitles: {len(titles)}; paths {len(paths)}; one or two words {len(bare)}; header lines {len(header)}")
    for t in (paths + bare + header)[:10]:
        click.echo(f"  {t!r}")
    if before is not None:
        old = list(open_engine(before).records())
        shown = [r.get("subject") or r.get("source") for r in old]
        click.echo(f"  before (subject, else the file's path, as results showed): paths "
                   f"{sum(1 for t in shown if _PATH.search(t or ''))}, one or two words "
                   f"{sum(1 for t in shown if len((t or '').split()) <= 2)} of {len(old)}")


if __name__ == "__main__":
    main()
