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

Each entry also has a term of its own (``concept_term``) that the database
engines write into every indexed text holding one of its expressions
(``glossary_terms``): a query then matches by that one term instead of each of
the entry's expressions as a phrase, which the full-text indexes check
position by position in every entry with the phrase's words. Each occurrence of
an expression of several words brings its own term too (``expression_term``),
for the scoring that weighs each expression by how rare it is.
"""

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
    # The concept terms of the glossary entries the run is an expression of.
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    """The glossary as a search uses it: every entry's expressions (``sets``), and those of the
    entries that name places (``places``), read together."""

    sets: Sets
    places: Sets

    @cached_property
    def digest(self) -> str:
        """Names the entries' expressions: indexed concept terms hold while it stays the same."""
        return hashlib.blake2b(repr(self.sets).encode(), digest_size=16).hexdigest()


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
        sets=_HashedOnce(expressions for _place, expressions in entries if len(expressions) > 1),
        places=_HashedOnce(expressions for place, expressions in entries if place and expressions),
    )


class _HashedOnce(tuple):
    """Sets that keep their hash: the analysed glossary is cached by them (``_compiled``), and
    hashing hundreds of tuples again took longer than finding the expressions in an entry."""

    def __hash__(self) -> int:
        if not hasattr(self, "_hash"):
            self._hash = super().__hash__()
        return self._hash


def words_of_expressions(significant: list[str], language: str, sets: Sets, least_terms: int = 1) -> set[str]:
    """The ``significant`` words (folded, in typed order) that are part of an expression of
    ``sets`` of at least ``least_terms`` terms: "sao" and "paulo" of "hotels in Sao Paulo" among
    the places' names."""
    analysed = [(word, terms[0]) for word in significant if (terms := analyze(word, language))]
    return {
        word
        for expansion in expand([term for _word, term in analysed], language, sets)
        if expansion.end - expansion.start >= least_terms
        for word, _term in analysed[expansion.start : expansion.end]
    }


def concept_term(expressions: tuple[str, ...], language: str) -> str:
    """The index term that stands for a glossary entry's expressions as ``language`` analyses them:
    letters no word has, derived from the entry's expressions (an edited entry gets another)."""
    digest = hashlib.blake2b("\n".join((language, *expressions)).encode(), digest_size=8).hexdigest()
    return TERM_PREFIX + digest.translate(_HEX_AS_LETTERS)


def expression_term(terms: tuple[str, ...]) -> str:
    """The index term of an expression of several analysed terms, written wherever they follow each
    other: scoring asks for it as for the phrase (as many occurrences, as rare), in one term."""
    digest = hashlib.blake2b(" ".join(("phrase", *terms)).encode(), digest_size=8).hexdigest()
    return TERM_PREFIX + digest.translate(_HEX_AS_LETTERS)


def is_glossary_term(term: str) -> bool:
    return term.startswith(TERM_PREFIX)


TERM_PREFIX = "zzglossary"


# Letters only: PostgreSQL's parser would cut a term of letters and digits into several.
_HEX_AS_LETTERS = str.maketrans("0123456789", "ghijklmnop")


@dataclass(frozen=True)
class _Compiled:
    """One language's analysed glossary: what a query's expression brings, and what to look for in
    indexed text."""

    # An expression's terms (``_key``) → the terms of every expression of its entries, and their concepts.
    expansions: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]]
    # The concepts of the expressions of one term, by term; those of longer expressions by their
    # first two terms, with the rest of their terms.
    single: dict[str, tuple[str, ...]]
    by_pair: dict[tuple[str, ...], list[tuple[tuple[str, ...], tuple[str, ...]]]]


@lru_cache(maxsize=8)
def _compiled(sets: Sets, language: str) -> _Compiled:
    alternatives: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    concepts: dict[tuple[str, ...], list[str]] = {}
    exact: dict[tuple[str, ...], list[str]] = {}
    for expressions in sets:
        concept = concept_term(expressions, language)
        analysed = [
            terms
            for text in expressions
            for spelling in spellings(text)
            if (terms := tuple(analyze(spelling, language)))
        ]
        analysed = list(dict.fromkeys(analysed))
        for terms in analysed:
            exact.setdefault(terms, []).append(concept)
            if len(terms) <= MAX_EXPRESSION_TERMS:
                known = alternatives.setdefault(_key(terms), [])
                known.extend(other for other in analysed if other not in known)
                concepts.setdefault(_key(terms), []).append(concept)
    single, by_pair = {}, {}
    for terms, expression_concepts in exact.items():
        if len(terms) == 1:
            single[terms[0]] = tuple(dict.fromkeys(expression_concepts))
        else:
            by_pair.setdefault(terms[:2], []).append((terms[2:], tuple(dict.fromkeys(expression_concepts))))
    return _Compiled(
        {
            terms: (tuple(others), tuple(dict.fromkeys(concepts[terms])))
            for terms, others in alternatives.items()
        },
        single,
        by_pair,
    )


def expand(terms: list[str], language: str, sets: Sets) -> list[Expansion]:
    """The glossary expressions in ``terms`` (analysed in ``language``), not overlapping: those that
    cover the most terms, then the fewest and longest, the earliest first.

    Taking the longest expression at each position left words out: "normativa de compras
    estatales" read as "normativa de compras" (legal framework) and a loose "estatales", where
    "normativa" and "compras estatales" are an expression each, and every word is understood.
    """
    table = _compiled(sets, language).expansions
    if not table:
        return []
    # For the terms from each position on: (terms covered, minus expressions used), and where the
    # expression chosen at that position ends (None: none starts there).
    best: list[tuple[int, int]] = [(0, 0)] * (len(terms) + 1)
    ends: list[int | None] = [None] * (len(terms) + 1)
    for start in range(len(terms) - 1, -1, -1):
        best[start] = (-1, 0)
        for end in range(min(len(terms), start + MAX_EXPRESSION_TERMS), start, -1):
            if _key(terms[start:end]) in table:
                covered, fewer = best[end]
                if (covered + end - start, fewer - 1) > best[start]:
                    best[start], ends[start] = (covered + end - start, fewer - 1), end
        if best[start + 1] > best[start]:
            best[start], ends[start] = best[start + 1], None
    found, start = [], 0
    while start < len(terms):
        end = ends[start]
        if end is None:
            start += 1
            continue
        found.append(Expansion(start, end, *table[_key(terms[start:end])]))
        start = end
    return found


def glossary_terms(terms: list[str], sets: Sets, languages: Iterable[str]) -> list[str]:
    """The glossary's terms for an indexed text's ``terms`` (analysed in its own language).

    For matching, the concept term of each glossary entry that has an expression in the text,
    overlapping ones included, for a query analysed in each of ``languages`` (where the query's
    expression would match the text as a phrase, its concept term matches it), once each. For
    scoring, the ``expression_term`` of each occurrence of an expression of several terms.
    """
    concepts, expressions, seen = [], [], set()
    for language in languages:
        compiled = _compiled(sets, language)
        for term in terms:
            concepts.extend(compiled.single.get(term, ()))
        for start, pair in enumerate(itertools.pairwise(terms)):
            for rest, expression_concepts in compiled.by_pair.get(pair, ()):
                if not rest or tuple(terms[start + 2 : start + 2 + len(rest)]) == rest:
                    concepts.extend(expression_concepts)
                    if (start, rest, pair) not in seen:
                        seen.add((start, rest, pair))
                        expressions.append(expression_term((*pair, *rest)))
    return [*dict.fromkeys(concepts), *expressions]


def spellings(expression: str) -> tuple[str, ...]:
    """An expression as written and, when a hyphen joins two of its words, run together.

    Readers write "anticorrupción", "prenegotiated", "ebanking" for the glossary's
    "anti-corrupción", "pre-negotiated", "e-banking": written as one word, it is one term, which
    the hyphenated expression's two terms never matched.
    """
    joined = _INNER_HYPHEN.sub("", expression)
    return (expression, joined) if joined != expression else (expression,)


_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


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
        cleaned = list(
            dict.fromkeys(" ".join(words(spelling)) for text in expressions for spelling in spellings(text))
        )
        cleaned = [text for text in cleaned if text]
        if len(cleaned) > 1:
            rules.append(", ".join(cleaned))
    return rules
