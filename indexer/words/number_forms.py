"""A document number as staff type it: the forms a held number can be typed in, and a typed one read.

"123/2024/NĐ-CP" is typed `123/2024`, `nghị định 123/2024`, `NĐ 123/2024`,
`nđ123/2024`, `123/NĐ-CP`, `số 123/2024/NĐ-CP`, `nghị định 123 năm 2024`,
with leading zeros, Đ or D, any separator. Both sides meet in one small set of
canonical forms (folded, lower case, zeros dropped):

    123/2024            number and year
    123/nd, 123/nd-cp   number and symbol, and each leading part of the symbol (a prefix: 2973/ubnd)
    123/2024/nd-cp      the whole number (and its symbol's leading parts)
    t:nd 123/2024       a type and the number, with and without the year (t:cv 2973 for a Công văn)
    t:nd 123

`held_forms` gives a record's forms (indexed as keywords by both engines);
`typed_forms` reads a query that is a number, and gives the forms to look up.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.text import fold, nfc
from indexer.words import vocab

_YEAR = r"(?:19|20)\d\d"
_SEP = r"[\s/\-._]+"
_SYMBOL = r"[a-z][a-z0-9&]*(?:[/\-.][a-z0-9&]+)*"


def _key(text: str) -> str:
    return fold(nfc(text)).lower().replace("\u2013", "-").replace("\u2011", "-")


def _digits(text: str) -> str:
    """'07' → '7', '66.16' stays, '0' stays."""
    return text.lstrip("0") or "0" if text.isdigit() else text


@lru_cache(maxsize=1)
def type_codes() -> dict[str, tuple[str, ...]]:
    """Folded type name ('nghi dinh') or code ('nd') → the type codes it stands for."""
    data = vocab.doc_types()
    by_name: dict[str, list[str]] = {}
    for code, name in data["codes"].items():
        by_name.setdefault(name, []).append(_key(code))
    out: dict[str, tuple[str, ...]] = {}
    for title, name in data["titles"].items():
        if name in by_name:
            out[_key(title)] = tuple(by_name[name])
    for code in data["codes"]:
        out.setdefault(_key(code), (_key(code),))
    return out


@lru_cache(maxsize=1)
def _typed_re() -> re.Pattern[str]:
    kinds = "|".join(re.escape(k) for k in sorted(type_codes(), key=len, reverse=True))
    return re.compile(
        rf"^(?:so\s+)?(?:(?P<kind>{kinds})[\s\-.]*(?:so\s*)?)?(?:so\s*)?"
        rf"(?P<n>\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?)"
        rf"(?:(?:{_SEP}|\s+nam\s+)(?P<y>{_YEAR}))?"
        rf"(?:{_SEP}(?P<s>{_SYMBOL}))?$")


def _joined(symbol: str) -> str:
    """'kl/tw', 'kl.tw' → 'kl-tw': a symbol's parts joined one way on both sides."""
    return re.sub(r"[/.]", "-", symbol)


def _symbol_prefixes(symbol: str) -> list[str]:
    """'ubnd-vxnv' → ['ubnd', 'ubnd-vxnv']: a symbol typed short still finds its document."""
    parts = re.split(r"(-)", symbol)
    return ["".join(parts[:i + 1]) for i in range(0, len(parts), 2)]


def _split(number: str) -> tuple[str, str | None, str | None] | None:
    """'123/2024/NĐ-CP' → ('123', '2024', 'nd-cp'); '2973/UBND-VXNV' → ('2973', None, 'ubnd-vxnv')."""
    found = re.fullmatch(rf"(\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?)(?:[/\-]({_YEAR}))?(?:[/\-]({_SYMBOL}))?",
                         re.sub(r"\s+", "", _key(number)))
    if not found:
        return None
    return _digits(found.group(1)), found.group(2), found.group(3)


def held_forms(number: str | None, doc_type: str | None = None) -> list[str]:
    """Every canonical form a record's own number can be typed in (empty without a number)."""
    parts = _split(number) if number else None
    if parts is None:
        return []
    n, year, symbol = parts
    symbol = _joined(symbol) if symbol else None
    forms = {f"{n}/{year}"} if year else set()
    kinds = set()
    for prefix in _symbol_prefixes(symbol) if symbol else []:
        forms.add(f"{n}/{prefix}")
        if year:
            forms.add(f"{n}/{year}/{prefix}")
    coded = bool(symbol) and symbol.split("-")[0] in {c for codes in type_codes().values() for c in codes}
    if coded:
        kinds.add(symbol.split("-")[0])
    if doc_type:
        kinds.update(type_codes().get(_key(doc_type), ()))
    elif symbol and not coded:  # a cited number/AGENCY-UNIT with no type code: a Công văn (NĐ 30/2020)
        kinds.add("cv")
    for kind in kinds:
        forms.add(f"t:{kind} {n}")
        if year:
            forms.add(f"t:{kind} {n}/{year}")
    return sorted(forms)


@lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    """Folded code ('nd') → type name ('Nghị định'); the first code listed for a name wins."""
    return {_key(code): name for code, name in reversed(list(vocab.doc_types()["codes"].items()))}


def shown_form(form: str) -> str | None:
    """A typed form as staff read it: 't:nd 124/2024' → 'Nghị định 124/2024'; None for a form that is a number."""
    match = re.match(r"^t:(\S+) (.+)$", form)
    if not match:
        return None
    name = _type_names().get(match.group(1))
    return f"{name} {match.group(2)}" if name else None


def typed_forms(text: str) -> list[str] | None:
    """The forms a query that is one document number asks for; None when it is not one.

    A bare number ('2973') is not read here (it may be a count or a year): only a number with
    its year, its symbol or its type.
    """
    key = re.sub(r"\s+", " ", _key(text)).strip(" .,;:")
    found = _typed_re().match(key)
    if not found:
        glued = re.match(r"^([a-z]{1,6})(\d.*)$", key)  # 'nd123/2024'
        found = _typed_re().match(f"{glued.group(1)} {glued.group(2)}") if glued else None
    if not found:
        return None
    n, year, symbol, kind = _digits(found["n"]), found["y"], found["s"], found["kind"]
    if symbol:
        return [f"{n}/{year}/{_joined(symbol)}" if year else f"{n}/{_joined(symbol)}"]
    if kind:
        return [f"t:{code} {n}/{year}" if year else f"t:{code} {n}" for code in type_codes()[kind]]
    return [f"{n}/{year}"] if year else None
