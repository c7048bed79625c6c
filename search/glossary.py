"""The bilingual domain glossary, as the query and the engines use it.

Editors keep ``GlossaryEntry`` rows (seeded from search/data/glossary.yaml).
Each entry is a set of equivalent expressions in either language ("licitación",
"tender", "bidding"), and an expression found in a query stands for all of
them: the database engines expand the query here (``expand``), Elasticsearch
gets the same sets as a synonym graph filter (``synonym_rules``). Because both
languages' expressions are in one set, a Spanish query also matches English
text, and the reverse: that is how the search crosses languages.

Matching is on analysed terms, so "licitaciones" finds the entry of
"licitación", and the longest expression wins ("compras públicas" before
"compras").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db.models import Count, Max

from search.analysis import analyze, words
from search.models import GlossaryEntry

DATA_FILE = Path(__file__).resolve().parent / "data" / "glossary.yaml"
# Expressions longer than this (in terms) are never looked for in queries.
MAX_EXPRESSION_TERMS = 6

Sets = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Expansion:
    """A run of query terms (``start`` to ``end``, exclusive) and the term sequences equivalent to it."""

    start: int
    end: int
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Glossary:
    """The glossary as a search uses it: every entry's expressions (``sets``), and those of the
    entries that name places (``places``), read together."""

    sets: Sets
    places: Sets


def current_glossary() -> Glossary:
    """The glossary, read again whenever an editor has changed it.

    The cache is keyed by a fingerprint of the table (one small query), so every
    process sees an edit at once without signals, and a rolled-back change is
    forgotten with it.
    """
    return glossary_for(_fingerprint())


def _fingerprint() -> tuple:
    """The glossary table's state: its count, last id and last change."""
    return tuple(
        GlossaryEntry.objects.aggregate(count=Count("pk"), last=Max("pk"), changed=Max("updated_at")).values()
    )


# What ``current_glossary`` reads of the table, as SQL for a caller that reads it with other figures.
FINGERPRINT_COLUMNS = "COUNT(id), MAX(id), MAX(updated_at)"


@lru_cache(maxsize=1)
def glossary_for(fingerprint: tuple) -> Glossary:
    """The glossary whose state ``fingerprint`` names (its count, last id and last change, however
    the caller read them in one query with something else: ``FINGERPRINT_COLUMNS``)."""
    entries = [
        (entry.place, tuple(entry.expressions()))
        for entry in GlossaryEntry.objects.only("spanish", "english", "place")
    ]
    return Glossary(
        sets=tuple(expressions for _place, expressions in entries if len(expressions) > 1),
        places=tuple(expressions for place, expressions in entries if place and expressions),
    )


def place_words(significant: list[str], language: str, places: Sets) -> set[str]:
    """The ``significant`` words (folded, in typed order) that are part of a place's name in
    ``places``: "sao" and "paulo" of "hotels in Sao Paulo"."""
    analysed = [(word, terms[0]) for word in significant if (terms := analyze(word, language))]
    return {
        word
        for expansion in expand([term for _word, term in analysed], language, places)
        for word, _term in analysed[expansion.start : expansion.end]
    }


@lru_cache(maxsize=8)
def _compiled(sets: Sets, language: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Each expression's terms in ``language`` mapped to the terms of all expressions of its sets."""
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for expressions in sets:
        analysed = [terms for text in expressions if (terms := tuple(analyze(text, language)))]
        analysed = list(dict.fromkeys(analysed))
        for terms in analysed:
            if len(terms) <= MAX_EXPRESSION_TERMS:
                known = table.setdefault(_key(terms), [])
                known.extend(other for other in analysed if other not in known)
    return {terms: tuple(others) for terms, others in table.items()}


def expand(terms: list[str], language: str, sets: Sets) -> list[Expansion]:
    """The glossary expressions in ``terms`` (analysed in ``language``), longest first, not overlapping."""
    table = _compiled(sets, language)
    if not table:
        return []
    found, start = [], 0
    while start < len(terms):
        for end in range(min(len(terms), start + MAX_EXPRESSION_TERMS), start, -1):
            alternatives = table.get(_key(terms[start:end]))
            if alternatives:
                found.append(Expansion(start, end, alternatives))
                start = end
                break
        else:
            start += 1
    return found


def _key(terms: Iterable[str]) -> tuple[str, ...]:
    """Terms as the glossary compares them: without a final "s".

    A language's stemmer leaves the other language's plurals alone ("agreements"
    stays whole in Spanish terms), and readers type either language anywhere.
    """
    return tuple(term[:-1] if len(term) > 3 and term.endswith("s") else term for term in terms)


def synonym_rules(sets: Iterable[tuple[str, ...]]) -> list[str]:
    """Elasticsearch ``synonym_graph`` rules: one line of equivalent expressions per entry.

    Expressions are reduced to their words, so no editor's text can be read as
    rule syntax ("=>", commas).
    """
    rules = []
    for expressions in sets:
        cleaned = list(dict.fromkeys(" ".join(words(text)) for text in expressions))
        cleaned = [text for text in cleaned if text]
        if len(cleaned) > 1:
            rules.append(", ".join(cleaned))
    return rules
