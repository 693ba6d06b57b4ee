"""The engine boundary: what the rest of the code may ask of an index, in plain Python types.

Only implementations under `indexer/engine/<name>/` talk to a search library
(Whoosh today, OpenSearch for collections past one machine). Everything else —
the indexer's pipeline, the web app, bench/ and eval/ — builds a `SearchSpec`,
reads a `SearchResult` and records as dicts, and adds documents through a
`Writer`. The contract tests in tests/engine/ run against every
implementation: a second engine is done when it passes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol, Self

from indexer.facets import NAMES
from indexer.record import Record

# Facet names, as in URLs and the API: the facet table (indexer/facets.py) says what each one is.
FACETS = NAMES
SORTS = ("relevance", "newest", "oldest", "added")

Sort = Literal["relevance", "newest", "oldest", "added"]
CONG_VAN = "Công văn"  # the type whose numbers carry no type code: QuerySpec.numbers' "" code
ClauseKind = Literal["word", "phrase", "number"]


@dataclass(frozen=True)
class Clause:
    """One thing to match, as the user typed it (marks kept; the engine folds).

    word: one syllable or code ("cách", "covid-19", "5k"); phrase: syllables
    that must stand together in this order; number: a document number
    ("2973/UBND-VXNV", "570/CĐ-TTg"), matched through `indexer.text.number_key`.
    """

    kind: ClauseKind
    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


# A group matches when any one of its clauses does: a word with its synonyms
# ("UBND" | "ủy ban nhân dân"), a whole Vietnamese word ("phong tỏa" as a
# phrase), or the alternatives of an OR.
Group = tuple[Clause, ...]


@dataclass(frozen=True)
class QuerySpec:
    """What the user's query asks, parsed by search_app/query/understand.py.

    `groups` are the content words; all must match unless
    `minimum_should_match` says how many (Elasticsearch's meaning: at least
    that many groups). `optional` groups (question and filler words) only add
    to the score. No document matching any `exclude` group is returned.
    `runs` are the words typed next to each other, for proximity scoring.
    With `accents="exact"`, a token typed with marks matches only the same
    marks ("vé số" does not match "về sở"); with "fold" marks are ignored for
    matching and only weigh in scoring (exact marks rank first).
    `boost_issuers` (canonical issuer names) and `boost_dates` ((from, to) ISO
    ranges) come from agencies and dates named in the query: they raise
    documents that match them, never filter. `number_forms` (indexer.words.number_forms): a query that
    is one document number typed as staff type it ("NĐ 123/2024"); required: the documents
    carrying one of the forms first, then those citing it.
    What the words around the query's items say is read once, by the query
    stage (search_app/query/hints.py), never again by an engine: `numbers`
    maps a bare number typed as a document number ("công văn 285", "số 756",
    a query that is only "285") to the number codes of the type named before
    it ("" stands for a Công văn: number/AGENCY-UNIT), or None for any type;
    `types` are the document types the query names (a bonus); `leads` are the
    folded words before such a number ("công văn", "số"): scored, not required.
    """

    groups: tuple[Group, ...] = ()
    minimum_should_match: int | None = None
    optional: tuple[Group, ...] = ()
    exclude: tuple[Group, ...] = ()
    runs: tuple[tuple[str, ...], ...] = ()
    accents: Literal["fold", "exact"] = "fold"
    boost_issuers: tuple[str, ...] = ()
    boost_dates: tuple[tuple[str, str], ...] = ()
    number_forms: tuple[str, ...] = ()
    numbers: tuple[tuple[str, tuple[str, ...] | None], ...] = ()
    types: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()

    def number_codes(self, digits: str) -> tuple[str, ...] | None | bool:
        """A bare number's type codes (None: any type); False: the digits are not a document number."""
        return dict(self.numbers).get(digits, False)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.optional and not self.number_forms


@dataclass(frozen=True)
class SearchSpec:
    """One search: a query (None browses everything), filters, order and a page.

    `filters`: facet name → selected values, OR within a facet and AND across
    facets; `date_from`/`date_to` are inclusive ISO days. Each facet's counts
    are over the documents matching the query and every filter except that
    facet's own, so other values of it can still be added. `facet_size`
    bounds the values returned per facet (None: all, most frequent first);
    the `date` facet (months) is never cut. Documents whose id is in
    `exclude_ids` are left out as if absent: of the hits, the total and
    every facet count (hiding superseded documents); unknown ids are ignored.
    `undated` keeps only documents that state no date ("Không ghi ngày"),
    a choice of the date facet like a date range.
    `sort`: "relevance" (needs a query), "newest"/"oldest" by issue date, or
    "added": the time the document's file was first indexed (Record.added),
    latest first, then issue date latest first, then id; documents without
    that time or without a date last in their turn (a followed search).
    """

    query: QuerySpec | None = None
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 10
    facets: tuple[str, ...] = FACETS
    facet_size: int | None = None
    exclude_ids: frozenset[str] = frozenset()
    undated: bool = False


@dataclass(frozen=True)
class Hit:
    id: str
    score: float | None  # None when the order is by date


@dataclass(frozen=True)
class SearchResult:
    """Total matching documents, one page of hits in order, and facet counts.

    `facets`: facet name → [(value, count)], highest count first, ties in
    value order; only values with a count. The `date` facet counts months.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]


class NoIndex(FileNotFoundError):
    """No collection at this location yet (never built)."""


class Unavailable(ConnectionError):
    """The collection's server cannot answer now (down, unreachable, refusing our certificate or
    credentials). The message says why, for an operator; a user is told to try again."""


class IndexLocked(RuntimeError):
    """Another writer holds the collection; the message says so in Vietnamese."""


class Engine(Protocol):
    """A searchable collection, opened for reading. Safe to share between threads."""

    @property
    def generation(self) -> str:
        """Changes whenever what searches see changes (a commit, a swapped build)."""

    def search(self, spec: SearchSpec) -> SearchResult: ...

    def count(self) -> int:
        """Documents in the collection."""

    def record(self, doc_id: str) -> dict[str, Any] | None:
        """The stored record (Record.as_dict()), or None for an unknown id."""

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record, in id order (the export)."""

    def sources(self) -> dict[str, dict[str, Any]]:
        """What the pipeline noted per corpus file at the last commit (see Writer.set_sources)."""

    def similar(self, doc_id: str, k: int) -> list[str]:
        """Ids of up to k documents sharing this one's most distinctive words."""

    def carriers(self, number: str) -> list[str]:
        """Ids of the documents whose own number is `number` (any spelling)."""

    def cited_by(self, number: str) -> list[str]:
        """Ids of the documents citing `number`, newest first."""

    def doc_frequency(self, word: str) -> int:
        """Documents containing the folded syllable `word` in any text field."""

    def pair_frequency(self, first: str, second: str) -> int:
        """Documents where the folded syllables `first second` stand together."""

    def written_pair_frequency(self, first: str, second: str) -> int:
        """Documents where the syllables stand together as written, marks and all ("lời nói", not
        "lối nói"); syllables without marks are compared folded, as in pair_frequency."""

    def word_frequency(self, first: str, second: str) -> int:
        """Documents where pyvi read the folded syllables `first second` as one word (the opening
        of the text, indexer.words.segment): beside pair_frequency, how often the pair is a word."""

    def near_terms(self, word: str, max_edits: int) -> list[str]:
        """Indexed folded syllables within `max_edits` edits of `word`."""

    def spellings(self, word: str) -> list[tuple[str, int]]:
        """The marked spellings of the folded syllable `word` in the texts, with document counts, commonest first."""

    def is_current(self) -> bool:
        """False once the collection changed since this engine was opened (a cluster engine may
        take a second to notice another process's change, and raises Unavailable when it cannot ask)."""

    def warm(self) -> None:
        """Read ahead, blocking, what the first queries would otherwise pay for (a server calls
        this before it opens its port); may do nothing."""

    def reopen(self) -> Engine:
        """An engine on the collection as it is now (self if unchanged)."""

    def close(self) -> None: ...


class Writer(Protocol):
    """Changes to a collection, seen by searches only after `commit`.

    A writer made for a full build (`fresh=True`) writes a new collection
    beside the live one and swaps it in at commit; `cancel` (or an exception
    inside `with`) leaves the live collection exactly as it was.
    """

    def add(self, records: Iterable[Record]) -> None:
        """Add documents, replacing any with the same id."""

    def delete(self, doc_ids: Iterable[str]) -> None: ...

    def sources(self) -> dict[str, dict[str, Any]]:
        """The live collection's notes per corpus file when this writer opened (empty for a fresh build)."""

    def set_sources(self, sources: Mapping[str, Mapping[str, Any]]) -> None:
        """The pipeline's notes per corpus file (digest, ids, stat), committed with the documents.

        Plain JSON data; `Engine.sources()` returns what the last commit saved,
        so an update knows what is indexed without a second store to keep in step.
        """

    def part(self) -> PartWriter:
        """A writer for one worker process of a parallel build (made in the parent before fork).

        Each worker adds its share through its own part and returns
        `part.finish()` (picklable) to the parent, which passes them all to
        `adopt`. An engine any process can write to may return a part that
        writes directly, with `finish()` returning None.
        """

    def adopt(self, parts: Iterable[Any]) -> None:
        """Take in what the parts' `finish()` returned (before `commit`)."""

    def commit(self) -> None: ...

    def cancel(self) -> None: ...

    def __enter__(self) -> Writer: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Commit when the block ends normally, cancel when it raises."""


class PartWriter(Protocol):
    """One worker's share of a parallel build (see Writer.part)."""

    def add(self, records: Iterable[Record]) -> None: ...

    def finish(self) -> Any:
        """Close this share; what it returns goes, pickled, to `Writer.adopt`."""


class CommitOnExit:
    """A writer used in `with`: commit when the block ends normally, cancel when it raises."""

    def commit(self) -> None:
        raise NotImplementedError

    def cancel(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.cancel()
