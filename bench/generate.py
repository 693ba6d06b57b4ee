"""Generate synthetic Vietnamese official documents shaped like the seeds.

Deterministic for a given (count, seed). Documents come in date order so
that numbers grow through each year and citations point to earlier
documents, as in a real archive. Usage:

    python -m bench.generate --out DIR --count 100000 --seed 42
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

import click

from bench.agencies import (
    ANCHORS,
    COVID,
    ISSUER_WEIGHTS,
    ISSUERS,
    TOPIC_PERIOD,
    TYPE_ABBR,
    TYPE_VOLUME,
    TYPE_WEIGHTS,
    Issuer,
)
from bench.compose import Cite, Writer
from bench.fragments import Fragments, load
from bench.layout import Layout

MIN_CHARS, MAX_CHARS = 2000, 12000  # the seeds' range
START = date(2020, 1, 1)
SPAN_DAYS = (date(2024, 1, 1) - START).days
CITE_WINDOW = 300  # how far back a document looks for something to cite
# The body cites "UBND tỉnh X"; the truth names issuers as their headers do.
FORMAL = {i.name: i.formal or i.name for i in ISSUERS}


@dataclass
class GeneratedDoc:
    """One document: its file name and text, plus the truth about it."""

    name: str
    text: str
    id: str
    number: str
    issuer: str
    doc_type: str
    date: str
    subject: str
    topics: list[str]
    recipients: list[str]
    signer: str
    # (number, ISO date, issuer) of each cited document: unique together
    cites: list[tuple[str, str, str]] = field(default_factory=list)

    def record(self) -> dict:
        """The fields a search engine indexes (the peers' input)."""
        out = asdict(self)
        del out["name"], out["cites"]
        return out


class Numbering:
    """Numbers that grow through the year and never repeat per issuer-year."""

    def __init__(self) -> None:
        self.last: dict[tuple[str, int, str], int] = {}
        self.used: dict[tuple[str, int], set[int]] = defaultdict(set)
        for a in ANCHORS:
            if a.issuer_key:
                self.used[(a.issuer_key, a.when.year)].add(a.number)

    def next(self, rng: random.Random, issuer: Issuer, doc_type: str,
             when: date) -> int:
        volume = max(issuer.annual * TYPE_VOLUME[doc_type], 12.0)
        day = when.timetuple().tm_yday
        target = int(day / 366 * volume * rng.uniform(0.92, 1.0)) + 1
        key = (issuer.key, when.year, doc_type)
        n = max(target, self.last.get(key, 0) + 1)
        used = self.used[(issuer.key, when.year)]
        while n in used:
            n += 1
        used.add(n)
        self.last[key] = n
        return n


def format_number(rng: random.Random, issuer: Issuer, doc_type: str, n: int) -> str:
    """'2973/UBND-VXNV', '116/TB-VPCP', or the party's '45-CV/TU'."""
    abbr = TYPE_ABBR[doc_type]
    num = f"{n:02d}"  # NĐ 30/2020: numbers below 10 take a leading zero
    if issuer.party:
        return f"{num}-{abbr}/{issuer.code}"
    if doc_type == "Công văn":
        return f"{num}/{issuer.code}-{rng.choice(issuer.units)}"
    return f"{num}/{abbr}-{issuer.code}"


def person(rng: random.Random, frags: Fragments) -> str:
    return " ".join((rng.choice(frags["name.family"]),
                     rng.choice(frags["name.middle"]),
                     rng.choice(frags["name.given"])))


class Generator:
    """State shared across one run: numbering, people, what can be cited."""

    def __init__(self, seed: int, frags: Fragments | None = None) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.f = frags or load()
        self.numbers = Numbering()
        self.cum = _cumulative(ISSUER_WEIGHTS)
        self.people = {iss.key: self._staff(iss) for iss in ISSUERS}
        self.recent: dict[str, deque[Cite]] = defaultdict(
            lambda: deque(maxlen=CITE_WINDOW))
        self.anchors = [Cite(a.doc_type, f"{a.number}/{a.symbol}", a.when,
                             a.issuer, a.subject) for a in ANCHORS]
        self.non_covid = [t for t in self.f.labels if t not in COVID]

    def _staff(self, issuer: Issuer) -> tuple[str, ...]:
        """Head first, then deputies; fixed per (seed, issuer)."""
        rng = random.Random(f"{self.seed}/{issuer.key}")
        return tuple(person(rng, self.f) for _ in range(rng.randint(3, 4)))

    def dates(self, count: int) -> list[date]:
        days = sorted(self.rng.randrange(SPAN_DAYS) for _ in range(count))
        return [START + timedelta(days=d) for d in days]

    # -- choices ------------------------------------------------------------

    def pick_type(self, issuer: Issuer) -> str:
        weights = [TYPE_WEIGHTS[t] for t in issuer.types]
        return self.rng.choices(issuer.types, weights)[0]

    def pick_issuer(self, when: date) -> Issuer:
        """Zipf-weighted, among the agencies that existed that day."""
        for _ in range(50):
            issuer = self.rng.choices(ISSUERS, cum_weights=self.cum)[0]
            if issuer.since <= when <= issuer.until:
                return issuer
        return ISSUERS[0]

    def current_topics(self, when: date) -> tuple[str, ...]:
        always = (START, date(2100, 1, 1))
        periods = {t: TOPIC_PERIOD.get(t, always) for t in self.f.labels}
        return tuple(t for t, (a, b) in periods.items() if a <= when <= b)

    def pick_topics(self, issuer: Issuer, current: tuple[str, ...],
                    when: date) -> list[str]:
        r = self.rng
        own = [t for t in issuer.topics if t in current] or list(current)
        first = r.choice(own) if r.random() < 0.8 else r.choice(current)
        if when.year == 2023 and first in COVID and r.random() < 0.6:
            first = r.choice([t for t in self.non_covid if t in current])
        topics = [first]
        for _ in range(r.choice((0, 1, 1, 2))):
            t = r.choice(own)
            if t not in topics:
                topics.append(t)
        return topics

    def pick_cites(self, issuer: Issuer, when: date) -> list[Cite]:
        r = self.rng
        out: list[Cite] = []
        for _ in range(r.choices((0, 1, 2, 3), (35, 40, 18, 7))[0]):
            x = r.random()
            if x < 0.1:
                pool: deque[Cite] | list[Cite] = self.anchors
            elif issuer.province and x < 0.55:
                pool = self.recent[issuer.province]
            else:
                pool = self.recent["central"]
            for _ in range(4 if pool else 0):  # a few draws beat a full scan
                cite = pool[r.randrange(len(pool))]
                if cite.when < when and cite not in out:
                    out.append(cite)
                    break
        return out

    # -- one document -------------------------------------------------------

    def make(self, index: int, when: date) -> GeneratedDoc:
        r = self.rng
        issuer = self.pick_issuer(when)
        doc_type = self.pick_type(issuer)
        current = self.current_topics(when)
        topics = self.pick_topics(issuer, current, when)
        cites = self.pick_cites(issuer, when)
        n = self.numbers.next(r, issuer, doc_type, when)
        number = format_number(r, issuer, doc_type, n)
        staff = self.people[issuer.key]
        writer = Writer(r, self.f, issuer, doc_type, when, topics, cites,
                        staff, number, current)
        subject = writer.subject()
        signer = staff[0] if r.random() < 0.3 else r.choice(staff[1:])
        layout = Layout(r, self.f, issuer, doc_type, when)
        head, recipients = layout.head(number, subject)
        tail = layout.tail(signer, signer == staff[0], bool(recipients))
        target = min(max(math.exp(r.gauss(8.55, 0.45)), 2100.0), 11000.0)
        budget = int(target) - len(head) - len(tail)
        for _ in range(6):  # the body overshoots by up to one item: retry
            blocks, annex = writer.body(budget)
            text = layout.join(head, blocks, tail, annex)
            if len(text) < MIN_CHARS:
                budget += MIN_CHARS - len(text) + 300
            elif len(text) > MAX_CHARS:
                budget -= len(text) - MAX_CHARS + 800
            else:
                break
        name = f"gen_{index:06d}"
        core = writer.core
        self.recent[issuer.province or "central"].append(
            Cite(doc_type, number, when, issuer.name, core))
        return GeneratedDoc(
            name=f"{name}.txt", text=text, id=name, number=number,
            issuer=issuer.formal or issuer.name, doc_type=doc_type, date=when.isoformat(),
            subject=subject, topics=[self.f.labels[t] for t in topics],
            recipients=recipients, signer=signer,
            cites=[(c.number, c.when.isoformat(), FORMAL.get(c.issuer, c.issuer))
                   for c in writer.mentioned],
        )


def _cumulative(weights: tuple[float, ...]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def iter_records(count: int, seed: int = 42) -> Iterator[GeneratedDoc]:
    """Documents with their ground truth, in date order."""
    gen = Generator(seed)
    for i, when in enumerate(gen.dates(count), start=1):
        yield gen.make(i, when)


def iter_documents(count: int, seed: int = 42) -> Iterator[tuple[str, str]]:
    """(file name, text) pairs, for benchmarks that generate in memory."""
    for doc in iter_records(count, seed):
        yield doc.name, doc.text


def generate(out_dir: Path, count: int, seed: int = 42) -> list[Path]:
    """Write count documents as UTF-8 files into out_dir; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in iter_documents(count, seed):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="Folder to write gen_NNNNNN.txt files into.")
@click.option("--count", type=click.IntRange(min=1), default=1000, show_default=True)
@click.option("--seed", type=int, default=42, show_default=True)
def main(out_dir: Path, count: int, seed: int) -> None:
    """Write COUNT synthetic official documents into OUT."""
    started = time.perf_counter()
    paths = generate(out_dir, count, seed)
    size = sum(p.stat().st_size for p in paths)
    took = time.perf_counter() - started
    click.echo(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) to "
               f"{out_dir} in {took:.1f}s")


if __name__ == "__main__":
    main()
