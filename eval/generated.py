"""Queries over the generated benchmark corpus, judged from the generator's truth.

bench.generate knows, for every document, its number, issuer, type, date,
subject, topics, signer and the documents it cites. The queries below are
typed the way staff type (no marks, abbreviations, misspellings, questions)
and every judgment is read off that metadata, never off a ranking:

    number         the carrier = 2, documents citing it = 1
    cited-number   a decree only cited here: citers naming it in their subject = 2, other citers = 1
    topic          main topic = 2, secondary topic = 1
    agency-topic   that issuer and main topic = 2, that issuer and secondary topic = 1
    ...            (each builder says what it grades)

    python -m eval.generated [--count 500] [--seed 42]   rewrites eval/queries_generated.json

The file records the corpus fingerprint; eval.run rebuilds the queries when
the generator's output has changed.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from indexer.text import fold

PATH = Path(__file__).with_name("queries_generated.json")
COUNT, SEED = 500, 42
QUERY_SEED = 7  # which documents the builders pick; fixed so the set is stable

Judged = dict[str, int]
Query = dict[str, object]

# How staff type an issuer: abbreviation, no marks (generator name → typed form).
ISSUER_TYPED = {
    "UBND tỉnh Bắc Kạn": "ubnd tinh bac kan",
    "UBND thành phố Bắc Kạn": "ubnd tp bac kan",
    "Sở Y tế tỉnh Bắc Kạn": "so y te bac kan",
    "Văn phòng Chính phủ": "vpcp",
    "UBND tỉnh Đắk Nông": "ubnd dak nong",
    "Bộ Y tế": "bộ y tế",
    "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Bắc Kạn": "bcđ covid bắc kạn",
    "Thủ tướng Chính phủ": "thu tuong",
    "UBND tỉnh Bắc Giang": "ubnd bac giang",
    "UBND thành phố Hà Nội": "ubnd hà nội",
}
# How staff type a topic (generator topic label → typed words).
TOPIC_TYPED = {
    "Cách ly y tế": "cach ly y te",
    "Xét nghiệm": "xét nghiệm",
    "Tiêm vắc xin": "tiem vac xin",
    "Khai báo y tế": "khai báo y tế",
    "An sinh xã hội": "an sinh xa hoi",
    "Khu công nghiệp": "khu cong nghiep",
    "Đất đai": "đất đai",
    "Cải cách hành chính": "thu tuc hanh chinh",
    "Thông điệp 5K": "thông điệp 5K",
    "Giao thông": "van tai hanh khach",
    "Thuế": "thuế",
    "Nông nghiệp": "nông nghiệp",
    "An ninh, trật tự": "an ninh trat tu",
    "Kinh tế - xã hội": "kinh te xa hoi",
    "Phòng, chống dịch Covid-19": "phòng chống dịch covid",
    "Môi trường": "chat thai",
}
# Misspellings staff make (s/x, tr/ch, l/n, i/y, a dropped tone), with the topic meant.
MISSPELLED = [
    ("cach li y te", "Cách ly y tế"),
    ("tiem vac sin", "Tiêm vắc xin"),
    ("set nghiem", "Xét nghiệm"),
    ("an sinh sa hoi", "An sinh xã hội"),
    ("lông nghiệp", "Nông nghiệp"),
]
SYMBOL_TYPED = {"NQ": "nghi quyet", "CT": "chi thi", "CĐ": "cong dien", "TB": "thong bao", "QĐ": "quyet dinh",
                "KH": "ke hoach"}
TYPE_TYPED = {"Công văn": "công văn", "Thông báo": "thông báo", "Kế hoạch": "kế hoạch",
              "Quyết định": "quyết định", "Công điện": "công điện", "Chỉ thị": "chỉ thị"}


def fingerprint(docs: Iterable) -> str:
    digest = hashlib.sha1()
    for doc in docs:
        digest.update(doc.name.encode())
        digest.update(doc.text.encode())
    return digest.hexdigest()[:16]


class Truth:
    """The generated documents and the indexes the builders need over them."""

    def __init__(self, docs: list) -> None:
        self.docs = docs
        self.by_number = Counter(d.number for d in docs)
        self.citers: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.cited_only: dict[str, list] = defaultdict(list)
        keys = {(d.number, d.date, d.issuer) for d in docs}
        for d in docs:
            for cite in d.cites:
                self.citers[tuple(cite)].append(d.id)
                if tuple(cite) not in keys:
                    self.cited_only[cite[0]].append(d)

    def citing(self, doc) -> list[str]:
        return self.citers.get((doc.number, doc.date, doc.issuer), [])

    def grade(self, rule: Callable[[object], int]) -> Judged:
        return {d.id: g for d in self.docs if (g := rule(d)) > 0}


def _number_judgments(truth: Truth, doc) -> Judged:
    judged = {c: 1 for c in truth.citing(doc)}
    judged[doc.id] = 2
    return judged


def _printed(doc) -> bool:
    """The number line survived; the generator drops the header of a few documents, as scans do."""
    return re.search(r"^Số:? \**[0-9]", doc.text, re.M) is not None


def numbers(truth: Truth, rng: random.Random) -> list[Query]:
    """Full numbers typed five ways: the carrier = 2, its citers = 1."""
    unique = [d for d in truth.docs if truth.by_number[d.number] == 1 and _printed(d)]
    cited = [d for d in unique if truth.citing(d)]
    uncited = [d for d in unique if d not in cited]
    picked = _sample(rng, cited, 5) + _sample(rng, uncited, 3)
    forms = [
        lambda d: d.number,
        lambda d: d.number.lower(),
        lambda d: fold(d.number).lower(),
        lambda d: f"số {d.number}",
        lambda d: f"{fold(TYPE_TYPED[d.doc_type])} {fold(d.number).lower()}",
    ]
    return [_query("number", forms[i % len(forms)](d), _number_judgments(truth, d))
            for i, d in enumerate(picked)]


def typed_numbers(truth: Truth, rng: random.Random) -> list[Query]:
    """'thong bao 279': type + leading number, where that pair is unique; carrier = 2, citers = 1."""
    def lead(d) -> str:
        return re.match(r"\d+", d.number).group()

    pairs = Counter((d.doc_type, lead(d)) for d in truth.docs)
    cited_elsewhere = {_type_lead(n) for n in truth.cited_only}  # "chỉ thị 16" also names 16/CT-TTg
    pool = [d for d in truth.docs if d.doc_type != "Công văn" and pairs[(d.doc_type, lead(d))] == 1
            and truth.citing(d) and _type_lead(d.number) not in cited_elsewhere and _printed(d)]
    picked = _sample(rng, pool, 4)
    out = []
    for i, d in enumerate(picked):
        words = TYPE_TYPED[d.doc_type]
        q = f"{fold(words)} {lead(d)}" if i % 2 == 0 else f"{words} số {lead(d)}"
        out.append(_query("number", q, _number_judgments(truth, d)))
    return out


def cited_numbers(truth: Truth, rng: random.Random) -> list[Query]:
    """A number cited but not in the corpus: citers naming it in their subject = 2, others = 1."""
    common = sorted(((n, docs) for n, docs in truth.cited_only.items() if len(docs) >= 3),
                    key=lambda item: (-len(item[1]), item[0]))[:3]
    forms = [
        lambda n: n,
        lambda n: f"so {fold(n).lower()}",
        lambda n: f"{SYMBOL_TYPED.get(n.split('/')[1].split('-')[0], 'so')} {re.match(r'[0-9]+', n).group()}",
    ]
    carried = {_type_lead(d.number) for d in truth.docs}
    out = []
    for i, (number, docs) in enumerate(common):
        judged = {d.id: 2 if number in d.subject else 1 for d in docs}
        form = forms[i % len(forms)]
        if form is forms[2] and _type_lead(number) in carried:  # "chi thi 16" would also name a carried one
            form = forms[0]
        out.append(_query("cited-number", form(number), judged))
    return out


def _type_lead(number: str) -> tuple[str, str]:
    """('CT', '16') for '16/CT-TTg': what 'chỉ thị 16' names."""
    lead = re.match(r"[0-9]+", number).group()
    symbol = re.split(r"[/-]", number)
    code = next((part for part in symbol[1:] if part in SYMBOL_TYPED), "")
    return code, lead.lstrip("0")


def signers(truth: Truth, rng: random.Random) -> list[Query]:
    """A signer's name, with or without marks: every document they signed = 2."""
    names = sorted(Counter(d.signer for d in truth.docs).items(), key=lambda kv: (-kv[1], kv[0]))
    picked = [n for n, _ in names[:4:3]] + _sample(rng, [n for n, k in names if 2 <= k <= 6], 2)
    out = []
    for i, name in enumerate(picked):
        q = name if i % 2 == 0 else fold(name).lower()
        out.append(_query("signer", q, truth.grade(lambda d, name=name: 2 if d.signer == name else 0)))
    return out


def _topic_grade(topic: str, issuer: str | None = None) -> Callable[[object], int]:
    def rule(d) -> int:
        if issuer and d.issuer != issuer:
            return 0
        if d.topics[0] == topic:
            return 2
        return 1 if topic in d.topics else 0
    return rule


def topics(truth: Truth, rng: random.Random) -> list[Query]:
    """Topic words: main topic = 2, secondary topic = 1."""
    picked = rng.sample(sorted(TOPIC_TYPED), 8)
    return [_query("topic", TOPIC_TYPED[t], truth.grade(_topic_grade(t))) for t in picked]


def misspellings(truth: Truth, rng: random.Random) -> list[Query]:
    """Topic words misspelled: judged like the topic."""
    return [_query("misspelling", q, truth.grade(_topic_grade(t))) for q, t in MISSPELLED]


def agency_topics(truth: Truth, rng: random.Random) -> list[Query]:
    """Issuer (abbreviated) + topic: that issuer's main topic = 2, secondary = 1."""
    pairs = Counter((d.issuer, d.topics[0]) for d in truth.docs
                    if d.issuer in ISSUER_TYPED and d.topics[0] in TOPIC_TYPED)
    pool = sorted(p for p, k in pairs.items() if k >= 2)
    picked = _sample(rng, pool, 6)
    out = []
    for issuer, topic in picked:
        q = f"{ISSUER_TYPED[issuer]} {TOPIC_TYPED[topic]}"
        out.append(_query("agency-topic", q, truth.grade(_topic_grade(topic, issuer))))
    return out


def type_issuer_year(truth: Truth, rng: random.Random) -> list[Query]:
    """'ke hoach ubnd tinh bac kan 2021': that type, issuer and year = 2."""
    triples = Counter((d.doc_type, d.issuer, d.date[:4]) for d in truth.docs
                      if d.issuer in ISSUER_TYPED and d.doc_type != "Công văn")
    pool = sorted(t for t, k in triples.items() if 2 <= k <= 10)
    out = []
    for doc_type, issuer, year in _sample(rng, pool, 3):
        q = f"{fold(TYPE_TYPED[doc_type])} {ISSUER_TYPED[issuer]} {year}"
        judged = truth.grade(lambda d, t=doc_type, i=issuer, y=year:
                             2 if (d.doc_type, d.issuer, d.date[:4]) == (t, i, y) else 0)
        out.append(_query("agency-type", q, judged))
    return out


def questions(truth: Truth, rng: random.Random) -> list[Query]:
    """Long natural questions about an issuer's work on a topic in a year.

    That issuer, main topic and year (and type, when asked) = 2; that issuer
    and main topic in another year or type = 1.
    """
    pool = sorted({(d.issuer, d.topics[0], d.date[:4], d.doc_type) for d in truth.docs
                   if d.issuer in ISSUER_TYPED and d.topics[0] in TOPIC_TYPED})
    out = []
    for i, (issuer, topic, year, doc_type) in enumerate(_sample(rng, pool, 4)):
        name = ISSUER_TYPED[issuer]
        words = topic.lower()
        if i % 2 == 0:
            q = f"{TYPE_TYPED[doc_type]} của {name} về {words} năm {year}"
            wanted = doc_type
        else:
            q = f"{name} chỉ đạo những gì về {words} trong năm {year}"
            wanted = None
        if i == 2:
            q = fold(q).lower()

        def rule(d, issuer=issuer, topic=topic, year=year, wanted=wanted) -> int:
            if d.issuer != issuer or d.topics[0] != topic:
                return 0
            exact = d.date[:4] == year and (wanted is None or d.doc_type == wanted)
            return 2 if exact else 1

        out.append(_query("question", q, truth.grade(rule)))
    return out


def subjects(truth: Truth, rng: random.Random) -> list[Query]:
    """The first words of a subject, half without marks: subjects starting so = 2.

    Only prefixes that one subject has, after dropping the "Về việc" every
    other subject starts with: the query names one document.
    """
    def key(text: str) -> str:
        return fold(text).lower()

    def prefix(subject: str) -> str:
        words = re.sub(r"^Về việc (ban hành )?", "", subject).split()[:9]
        while words and words[-1].lower() in _TRAILING:
            words.pop()
        return " ".join(words).rstrip(",;")

    counts = Counter(key(prefix(d.subject)) for d in truth.docs)
    pool = [d for d in truth.docs if counts[key(prefix(d.subject))] == 1 and len(prefix(d.subject).split()) >= 5
            and "/" not in d.subject]
    pool = [d for d in pool if sum(key(x.subject).find(key(prefix(d.subject))) >= 0 for x in truth.docs) == 1]
    out = []
    for i, d in enumerate(_sample(rng, pool, 4)):
        phrase = prefix(d.subject)
        q = key(phrase) if i % 2 == 0 else phrase.lower()
        wanted = key(phrase)
        judged = truth.grade(lambda x, p=wanted: 2 if p in key(x.subject) else 0)
        out.append(_query("subject", q, judged))
    return out


_TRAILING = {"cho", "của", "ngày", "tại", "về", "và", "trong", "các", "với", "đối", "khi"}

BUILDERS = (numbers, typed_numbers, cited_numbers, signers, topics, misspellings,
            agency_topics, type_issuer_year, questions, subjects)


def _sample(rng: random.Random, pool: list, k: int) -> list:
    """Up to k of the pool: a small or changed corpus gives fewer queries, never an error."""
    return rng.sample(pool, min(k, len(pool)))


def _query(cls: str, q: str, judged: Judged) -> Query:
    return {"class": cls, "q": q, "judgments": judged}


def build(count: int = COUNT, seed: int = SEED) -> dict[str, object]:
    """The generated query set for a corpus of `count` documents from `seed`."""
    from bench.generate import iter_records

    docs = list(iter_records(count, seed))
    truth = Truth(docs)
    rng = random.Random(QUERY_SEED)
    queries: list[Query] = []
    for builder in BUILDERS:
        queries.extend(builder(truth, rng))
    for i, q in enumerate(queries, start=1):
        q["id"] = f"g{i:02d}"
    return {
        "_about": __doc__.split("\n\n")[1].replace("\n", " "),
        "corpus": "generated", "count": count, "seed": seed, "fingerprint": fingerprint(docs),
        "queries": [{"id": q["id"], "class": q["class"], "q": q["q"], "judgments": q["judgments"]}
                    for q in queries],
    }


def write(data: dict[str, object], path: Path = PATH) -> None:
    """One query per line, so that a diff shows which judgments moved."""
    head = {k: v for k, v in data.items() if k != "queries"}
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    queries = data["queries"]
    lines.append(' "queries": [')
    lines += ["  " + json.dumps(q, ensure_ascii=False) + ("," if i < len(queries) - 1 else "")
              for i, q in enumerate(queries)]
    lines += [" ]", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def current_fingerprint(count: int, seed: int) -> str:
    from bench.generate import iter_records

    return fingerprint(iter_records(count, seed))


@click.command()
@click.option("--count", type=int, default=COUNT, show_default=True)
@click.option("--seed", type=int, default=SEED, show_default=True)
def main(count: int, seed: int) -> None:
    """Rewrite eval/queries_generated.json from the generator's metadata."""
    data = build(count, seed)
    write(data)
    click.echo(f"{len(data['queries'])} queries over {count} generated documents → {PATH}")


if __name__ == "__main__":
    main()
