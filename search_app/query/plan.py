"""From what was typed to a result that is never silently empty, and what to say about it.

The steps, each told to the user in Vietnamese when it happens:
1. spelling: impossible words corrected (and a link to search exactly as
   typed), slips of real words searched beside them;
2. the query understood (search_app.query.understand), dates and agencies it names
   turned into boosts and suggested filters (search_app.query.hints);
3. run; a query typed with marks matches them exactly, and only when
   nothing matches exactly are the matches without marks shown, labelled;
4. a query whose words the collection holds but never all together gets
   the documents holding any of them, best first, marked relaxed;
5. a word of several syllables matches only where they stand together; when
   no document holds the words so, the syllables are searched one by one,
   and the page says so;
6. an exclusion that removed every result is named, with its quoted form.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from cachetools import LRUCache, cached
from werkzeug.datastructures import MultiDict

from indexer.engine import Engine, QuerySpec, SearchResult, SearchSpec
from indexer.text import has_marks
from search_app.query.hints import Hints, find_hints
from search_app.query.params import url_with
from search_app.query.spelling import Spelling, check
from search_app.query.understand import Understood, understand

ACCENT_LABEL = "khớp khi bỏ dấu"
SYLLABLE_NOTE = ("Không có văn bản nào chứa {words} (các âm tiết đứng liền nhau); "
                 "các kết quả dưới đây khớp từng âm tiết riêng lẻ.")
# A query typed with marks matches them exactly; "fold" would list fold-only matches after the exact ones.
# Exact: on eval.questions both score alike (eval/RESULTS.md), and exact is what the count honestly reports.
MARKED_ACCENTS: Literal["exact", "fold"] = "exact"
QUERY_FIELDS = ("relaxed", "minimum_should_match", "required_words", "not_required", "accents", "accent_fallback",
                "excluded", "exclusion_emptied", "corrected", "exact_url", "filter_suggestions", "query_notes",
                "syllable_fallback")


@dataclass
class Plan:
    typed: str
    understood: Understood
    spelling: Spelling = field(default_factory=Spelling)
    hints: Hints = field(default_factory=Hints)
    syllables: Understood | None = None  # the query syllable by syllable, when it has words of several

    @property
    def spec(self) -> QuerySpec | None:
        return self._boosted(self.understood.spec)

    @property
    def syllable_spec(self) -> QuerySpec | None:
        return self._boosted(self.syllables.spec) if self.syllables is not None else None

    def _boosted(self, spec: QuerySpec) -> QuerySpec | None:
        if spec.is_empty:
            return None
        return replace(spec, boost_issuers=self.hints.issuers, boost_dates=self.hints.dates)


@dataclass
class Outcome:
    result: SearchResult
    spec: QuerySpec | None
    relaxed: bool = False
    folded: bool = False  # marks typed, but only matches without them
    emptied_by: tuple[str, ...] = ()  # exclusions that removed every result
    syllables: bool = False  # no document holds the words whole: matched syllable by syllable

    def understood(self, plan: Plan) -> Understood:
        """What the listed documents were matched on (the highlights follow it)."""
        return plan.syllables if self.syllables and plan.syllables is not None else plan.understood


@cached(LRUCache(maxsize=4), key=lambda engine: engine.generation, lock=threading.Lock())
def issuers(engine: Engine) -> tuple[str, ...]:
    """Every issuer of the collection (facet values), read once per generation."""
    result = engine.search(SearchSpec(limit=0, facets=("issuer",), facet_size=None))
    return tuple(value for value, _ in result.facets.get("issuer", []))


def make_plan(engine: Engine | None, typed: str, correct: bool = True) -> Plan:
    """Spelling (unless `correct` is False or there is no collection), meaning, hints."""
    spelling = check(typed, engine) if engine is not None and correct else Spelling()
    text = spelling.corrected(typed)
    hints = find_hints(text, issuers(engine) if engine is not None else ())
    accents = MARKED_ACCENTS if has_marks(text) else "fold"
    understood = understand(text, engine, accents=accents, alternatives=spelling.alternatives, named=hints.words)
    syllables = understand(text, engine, accents=accents, alternatives=spelling.alternatives, named=hints.words,
                           words=False)
    return Plan(typed, understood, spelling, hints, syllables if syllables.spec != understood.spec else None)


def run(plan: Plan, search: Callable[[QuerySpec | None], SearchResult]) -> Outcome:
    """Search, then the fallbacks that keep a page from being empty for a good reason."""
    spec = plan.spec
    outcome = Outcome(search(spec), spec, relaxed=plan.understood.relaxed)
    if spec is None or outcome.result.total:
        return outcome
    if spec.exclude and search(replace(spec, exclude=())).total:
        outcome.emptied_by = plan.understood.excluded
        return outcome
    # the words as typed, then without marks, then some of them; only then syllable by syllable
    tries = [(attempt, False) for attempt in _loosened(spec)][1:]
    if plan.syllables is not None and (syllables := plan.syllable_spec) is not None:
        tries += [(attempt, True) for attempt in _loosened(syllables)]
    for attempt, by_syllable in tries:
        result = search(attempt)
        if result.total:
            relaxed = attempt.minimum_should_match is not None and attempt.minimum_should_match < len(attempt.groups)
            return Outcome(result, attempt, relaxed=relaxed, folded=attempt.accents != spec.accents,
                           syllables=by_syllable)
    return outcome


def _loosened(spec: QuerySpec) -> list[QuerySpec]:
    """The spec, then without marks (when typed with them), then needing one word, then one without marks."""
    tries = [spec, replace(spec, minimum_should_match=1)] if len(spec.groups) > 1 else [spec]
    if spec.accents == "exact":
        tries = [replace(attempt, accents=accents) for attempt in tries for accents in ("exact", "fold")]
    return tries


def _url(base: str, args: MultiDict, **changes: str | None) -> str:
    out = MultiDict(args)
    for name, value in changes.items():
        if value:
            if name == "issuer":
                out.add(name, value)
            else:
                out.setlist(name, [value])
    return url_with(base, out)


def notes(plan: Plan, outcome: Outcome, base: str, args: MultiDict) -> dict[str, Any]:
    """The answer's fields about the query: for the API as data, for the page as sentences."""
    understood, spec = plan.understood, outcome.spec
    lines: list[str] = []
    minimum = spec.minimum_should_match if spec else None
    if outcome.relaxed and spec is not None:
        lines.append(f"Không bắt buộc có đủ mọi từ: kết quả chứa ít nhất {minimum or 1} trong "
                     f"{len(spec.groups)} từ chính, văn bản chứa nhiều từ hơn (và từ hiếm hơn) xếp trước.")
    if understood.fillers:
        lines.append("Các từ không bắt buộc: " + ", ".join(f"«{f}»" for f in understood.fillers) + ".")
    if outcome.syllables:
        whole = [w for w in understood.words if " " in w]
        lines.append(SYLLABLE_NOTE.format(words=", ".join(f"«{w}»" for w in whole) or "các từ đã gõ"))
    if outcome.folded:
        lines.append(f"Không có văn bản nào khớp đúng dấu như đã gõ; các kết quả dưới đây {ACCENT_LABEL}.")
    if outcome.emptied_by:
        quoted = " ".join(understood.quoted_exclusions or [f'-"{e}"' for e in outcome.emptied_by])
        lines.append("Phần loại trừ " + ", ".join(f"«{e}»" for e in outcome.emptied_by)
                     + " đã loại hết kết quả. Muốn loại trừ đúng một cụm từ, hãy đặt nó trong ngoặc kép: "
                     + quoted + ".")
    corrected = plan.spelling.corrected(plan.typed) if plan.spelling.corrections else None
    return {
        "relaxed": outcome.relaxed,
        "minimum_should_match": minimum if outcome.relaxed else None,
        "required_words": list(understood.words),
        "not_required": list(understood.fillers),
        "accents": "fold" if spec is None or spec.accents == "fold" else "exact",
        "accent_fallback": outcome.folded,
        "excluded": list(understood.excluded),
        "exclusion_emptied": bool(outcome.emptied_by),
        "corrected": corrected,
        "exact_url": _url(base, args, exact="1") if corrected else None,
        "filter_suggestions": [{"label": chip["label"],
                                "url": _url(base, args, issuer=chip["issuer"], date_from=chip["date_from"],
                                            date_to=chip["date_to"])} for chip in plan.hints.chips],
        "query_notes": lines,
        "syllable_fallback": outcome.syllables,
    }
