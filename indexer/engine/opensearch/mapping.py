"""The OpenSearch index: its analyzers and mapping, and a Record as an index document.

The same views as the Whoosh schema, so both engines match and rank alike:

    subject/issuer_t/body        exact: the words as written, lower-cased (marks kept)
    subject.f/issuer_t.f/body.f  folded: lowercase + asciifolding (đ → d, every tone mark)
    pairs                        adjacent syllables, folded, as shingles "cach_ly", within subject, issuer
                                 and body (an array: shingles never cross values)
    pairs_x                      the same as written ("cách_ly"), for words typed with marks
    words                        pyvi's compound words, folded (indexer.words.segment)
    number, cites                document numbers as keywords, as printed and as number_key
    issuer, doc_type, …          facet values as keywords; `month` counts the date facet

Words are cut by indexer.text.tokens here, in Python, and joined by spaces, so
a code such as 2973/UBND-VXNV stays one token as it does in every other part
of the service; OpenSearch then lower-cases, folds and pairs them.
"""

from __future__ import annotations

from typing import Any

from indexer.facets import BY_NAME, TABLE
from indexer.record import PART_SEPARATOR, Record
from indexer.text import code_parts, fold_word, has_marks, is_code, number_key, tokens
from indexer.words.number_forms import held_forms
from indexer.words.segment import compounds

# Field → weight, as the Whoosh engine weighs subject > issuer > body (eval/RESULTS.md).
TEXT_FIELDS = (("subject", 3.0), ("issuer_t", 4.0), ("body", 1.0))
# Facet name (indexer/facets.py) → keyword field; dates are counted by `month`.
FACET_FIELDS = {facet.name: "month" if facet.name == "date" else facet.name for facet in TABLE}

SETTINGS: dict[str, Any] = {
    "analysis": {
        "filter": {
            "pair": {"type": "shingle", "min_shingle_size": 2, "max_shingle_size": 2,
                     "output_unigrams": False, "token_separator": "_"},
        },
        "analyzer": {
            "exact": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
            "folded": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "asciifolding"]},
            "pairs": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "asciifolding", "pair"]},
            "pairs_x": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "pair"]},
        },
    },
}


def _text(analyzer: str = "exact", folded: bool = True) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": "text", "analyzer": analyzer, "norms": True}
    if folded:
        spec["fields"] = {"f": {"type": "text", "analyzer": "folded"}}
    return spec


KEYWORD = {"type": "keyword"}
# Facets are counted on every search: their global ordinals are built at refresh, not by the
# first search after it.
FACET_KEYWORD = {"type": "keyword", "eager_global_ordinals": True}
SOURCES_MAPPINGS: dict[str, Any] = {"dynamic": False, "properties": {"path": KEYWORD}}
MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": KEYWORD,
        "record": {"type": "object", "enabled": False},
        "source": KEYWORD,
        "subject": _text(),
        "issuer_t": _text(),
        "body": _text(),
        "pairs": {"type": "text", "analyzer": "pairs", "index_options": "freqs"},
        "pairs_x": {"type": "text", "analyzer": "pairs_x", "index_options": "freqs"},
        "words": {"type": "text", "analyzer": "exact", "index_options": "freqs"},
        "number": KEYWORD,
        "number_printed": KEYWORD,
        "cites": KEYWORD,
        "number_forms": KEYWORD,
        "cite_forms": KEYWORD,
        "marks": KEYWORD,
        "date": KEYWORD,
        "added": KEYWORD,  # when the file was first indexed (ISO UTC): the order of a followed search
        **{field: FACET_KEYWORD for field in FACET_FIELDS.values()},
    },
}


def _with_parts(words: list[str]) -> str:
    """Words, each code followed by its parts, so '2973' or 'covid 19' still find it."""
    out: list[str] = []
    for word in words:
        out.append(word)
        if is_code(word):
            out.extend(code_parts(word))
    return " ".join(out)


def _marks(words: list[str]) -> list[str]:
    """'cach:cách' for every marked word: the spellings behind a folded syllable, countable by aggregation."""
    return sorted({f"{fold_word(w)}:{w}" for w in words if has_marks(w)})


def to_source(record: Record) -> dict[str, Any]:
    """The document OpenSearch stores and indexes for one record."""
    searched = record.searchable_text()
    subject, issuer, body = (tokens(record.subject or ""), tokens(record.issuer or ""), tokens(searched))
    # the body's stretches between fixed parts, each its own array value: no pair across a fixed part
    stretches = [" ".join(subject), " ".join(issuer)] + [" ".join(tokens(s)) for s in searched.split(PART_SEPARATOR)]
    return {
        "id": record.id,
        "record": record.as_dict(),
        "source": record.source,
        "subject": _with_parts(subject),
        "issuer_t": _with_parts(issuer),
        "body": _with_parts(body),
        "pairs": stretches,
        "pairs_x": stretches,
        "words": " ".join(compounds(f"{record.subject or ''}\n{record.body}")),
        "number": sorted({number_key(n) for n in record.numbers()}),  # its files' and versions' too
        "number_printed": record.number,
        "cites": sorted({number_key(c["number"]) for c in record.cites if c.get("number")}),
        "number_forms": sorted({f for n in record.numbers() for f in held_forms(n, record.doc_type)}),
        "cite_forms": sorted({f for c in record.cites for f in held_forms(c.get("number"))}),
        "marks": _marks(subject + issuer + body),
        **{FACET_FIELDS[facet.name]: facet.of(record) for facet in TABLE if facet.name != "date"},
        "date": record.date or None,
        "added": record.added or None,
        "month": _month(record),
    }


def _month(record: Record) -> str | None:
    """The date facet's value as counted: the month of the record's day."""
    days = BY_NAME["date"].of(record)
    return days[0][:7] if days else None
