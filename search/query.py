"""Reading what the reader typed: words and "quoted phrases", nothing else.

No engine ever sees the raw text: operators (AND, OR, NOT, NEAR, *, ^, :), stray
quotes and control characters are just text here, and engines receive only the
folded words this module keeps, so no input can break an engine's query syntax.

Loose words are grouped: each significant word is a group, and so is each
expression of the search glossary (``search.glossary``), which brings its
equivalents in both languages with it. A result needs every group (or, as a
partial match, most of them); quoted phrases are taken as typed.
"""

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from itertools import chain

from search.analysis import (
    GENERIC_WORDS,
    QUESTION_STARTS,
    QUESTION_WORDS,
    action_stem,
    analyze,
    fold,
    is_stop_word,
    stem,
    words,
)
from search.glossary import Sets, expand, expression_term, words_of_expressions

MAX_QUERY_LENGTH = 500
MAX_WORDS = 32
# Partial matches need more than half of the groups, and only queries of this many groups have them.
PARTIAL_MINIMUM_GROUPS = 3
_QUOTED = re.compile(r'"([^"]*)"?')
# An ordinal written with digits, as analysed: "3rd", "2do", "4to".
_ORDINAL = re.compile(r"[0-9]+[a-z]{1,2}")
_WORD = re.compile(r"\w+")
# A word written in capitals is an acronym when it is this long: "EU", "CITT", "SERCOP". Longer,
# it is a word typed in capitals, which a misspelling may be.
ACRONYM_LENGTH = range(2, 7)


@dataclass(frozen=True)
class TermGroup:
    """One significant word or glossary expression of a query, in one language's terms.

    An entry matches the group when it has every term of ``terms`` (anywhere) or
    one of the ``alternatives`` (each a term sequence, matched as a phrase). A
    database engine whose index holds the glossary's concept terms asks for the
    ``concepts`` instead of the glossary's alternatives: the same entries match.
    When ``terms`` is one term that is itself one of the expressions, every entry
    of the query's language with it holds a concept too (``concepts_hold_terms``):
    the engines then ask for the concepts alone, one term's entries instead of two.
    An agent noun also matches the stems of its verb (``verbs``), beside whatever
    else the group is asked by, a glossary word's concepts included.
    """

    terms: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    concepts: tuple[str, ...] = ()
    concepts_hold_terms: bool = False
    # Whether the group is a word of ``GENERIC_WORDS``, as typed.
    generic: bool = False
    verbs: tuple[str, ...] = ()

    @property
    def is_expression(self) -> bool:
        """Whether the group is a glossary expression of several words ("compras públicas")."""
        return len(self.terms) > 1 and bool(self.alternatives)

    @property
    def is_ordinal(self) -> bool:
        """Whether the group is an ordinal of the glossary's ("III", "tercer", "third"): an
        equivalent of it is written with digits ("3rd", "3er")."""
        return any(_ORDINAL.fullmatch(term) for other in self.alternatives for term in other)


@dataclass(frozen=True)
class AnalyzedQuery:
    """A query's terms in one language: every group required, phrases as term sequences."""

    groups: tuple[TermGroup, ...]
    phrases: tuple[tuple[str, ...], ...]
    # The loose words' terms in the typed order, repeats kept: entries that have them in this
    # order (stop words aside) rank higher.
    sequence: tuple[str, ...] = ()
    # Groups that add to an entry's score without being required (``with_optional``).
    optional: tuple[TermGroup, ...] = ()

    def is_empty(self) -> bool:
        return not self.groups and not self.phrases

    def clause_count(self) -> int:
        return len(self.groups) + len(self.phrases)

    def partial_minimum(self) -> int | None:
        """How many clauses a partial match needs ("most of the significant words"), or None for none.

        Two loose words have none: a page with one of them is no answer ("colusión plataforma").
        Two clauses one of which is a glossary expression of several words (``names_two_concepts``)
        need such an expression: "pequeña empresa proveedora del Estado" names two things the
        site's vocabulary knows, and a page about either answers part of what was asked; "pagos en
        línea a proveedores" and "data protection policy" need "pagos en línea" and "data
        protection", most of the words (``partial_clauses``), as a page with "proveedores" or
        "policy" alone is no answer.
        """
        count = self.clause_count()
        if count >= PARTIAL_MINIMUM_GROUPS:
            return count // 2 + 1
        return 1 if self.names_two_concepts() else None

    def partial_clauses(self) -> list[int]:
        """The positions of the clauses (groups, then phrases) that count towards a partial match:
        every one, but of a query that names two concepts only its glossary expressions of several
        words."""
        if self.names_two_concepts():
            return [position for position, group in enumerate(self.groups) if group.is_expression]
        return list(range(self.clause_count()))

    def partial_required(self) -> list[int]:
        """The positions of the groups a partial match must have all the same: the ordinals. The
        numeral says which one was asked for: the II and III seminars are no part of an answer
        about the fourth, nor the II of one about the third."""
        return [position for position, group in enumerate(self.groups) if group.is_ordinal]

    def names_two_concepts(self) -> bool:
        """Whether the query is two words or expressions (no phrase), at least one of them a glossary
        expression of several words: "facturación electrónica" and "pagos a proveedores", "pagos en
        línea" and "proveedores", "data protection" and "policy". Two single words ("pymes pagos",
        "colusión plataforma") are two words: one alone says too little of what the reader is
        after to list the pages that have only it."""
        return (
            len(self.groups) == 2 and not self.phrases and any(group.is_expression for group in self.groups)
        )

    def with_optional(self, positions: Collection[int]) -> "AnalyzedQuery":
        """This query with the groups at ``positions`` optional, if any other clause stays required.

        The engines make optional the groups that a large share of the site matches (words like
        "compras públicas" on a procurement site): required, they leave out the page on
        public-private partnerships that never says "public procurement" from "las APP en las
        compras del Estado"; optional, they still rank the entries that have them higher.
        """
        required = tuple(group for position, group in enumerate(self.groups) if position not in positions)
        if len(required) == len(self.groups) or not (required or self.phrases):
            return self
        made_optional = tuple(group for position, group in enumerate(self.groups) if position in positions)
        return replace(self, groups=required, optional=self.optional + made_optional)

    def by_expression(self) -> "AnalyzedQuery":
        """This query asking for each of the glossary's expressions rather than its concept terms,
        so that each weighs as rare as it is: where the index holds the glossary's terms
        (``concepts``), an expression of several terms by its own term, else as a phrase."""
        return replace(
            self,
            groups=tuple(map(_by_expression, self.groups)),
            optional=tuple(map(_by_expression, self.optional)),
        )

    def single_terms(self) -> set[str]:
        """Terms that match wherever they are (for highlighting)."""
        groups = self.groups + self.optional
        alternatives = (other for group in groups for other in group.alternatives if len(other) == 1)
        verbs = (group.verbs for group in groups)
        return set(chain.from_iterable(group.terms for group in groups)).union(*alternatives, *verbs)

    def sequences(self) -> set[tuple[str, ...]]:
        """Term sequences that match only together: quoted phrases and glossary expressions."""
        groups = self.groups + self.optional
        alternatives = {other for group in groups for other in group.alternatives if len(other) > 1}
        return alternatives | set(self.phrases)


@dataclass(frozen=True)
class ParsedQuery:
    """The reader's text split into loose words and quoted phrases (an unclosed quote runs to the end)."""

    text: str
    loose: str
    phrases: tuple[str, ...]
    # The language it was typed in ("" when unknown): the words that language leaves out are no
    # words of the query in another language ("de", "un" are not English words), unless they are
    # part of one of the glossary's expressions there.
    language: str = ""

    def is_empty(self) -> bool:
        return not words(self.loose) and not any(words(phrase) for phrase in self.phrases)

    def words(self) -> list[str]:
        """Every folded word as typed, in order, for "did you mean": a correction changes only the
        misspelt words, and keeps those that frame a question (``framing_words``)."""
        return words(self.text)

    def acronyms(self) -> set[str]:
        """The typed words (folded) written in capitals as an acronym is ("WTO GPA accession"): the
        name of what is asked, spelt as meant. None in a text written all in capitals."""
        if self.text.isupper():
            return set()
        return {
            fold(word) for word in _WORD.findall(self.text) if word.isupper() and len(word) in ACRONYM_LENGTH
        }

    def framing_words(self) -> set[str]:
        """The typed words left out of the search because they only frame the question
        (``without_question_words``): spelt right whether or not an entry has them."""
        return set(words(self.text)) - set(words(" ".join((self.loose, *self.phrases))))

    def group_spans(self, language: str, glossary: Sets = ()) -> list[range]:
        """For each group of ``analyzed``, the positions of its first to its last word in
        ``words(self.loose)``: the typed text of each group, for an engine that analyses it itself."""
        typed = ["" if is_stop_word(word, language) else stem(word, language) for word in words(self.loose)]
        spans = []
        for group in self.analyzed(language, glossary).groups:
            positions = [position for position, term in enumerate(typed) if term and term in group.terms]
            spans.append(range(positions[0], positions[-1] + 1) if positions else range(0))
        return spans

    def analyzed(self, language: str, glossary: Sets = (), concepts: bool = False) -> AnalyzedQuery:
        """The query in ``language``'s terms, its loose words expanded with the ``glossary`` sets
        (``concepts``: their concept terms too, for an index that holds them)."""
        sequence = analyze(self.loose, language)
        terms = _unique(sequence)[:MAX_WORDS]
        phrases = []
        for phrase in self.phrases:
            phrase_terms = tuple(analyze(phrase, language))
            if len(phrase_terms) > 1:
                phrases.append(phrase_terms)
            elif phrase_terms and phrase_terms[0] not in terms:
                terms.append(phrase_terms[0])
        return AnalyzedQuery(
            _groups(
                terms,
                language,
                glossary,
                concepts,
                self._typed_stop_terms(language),
                self._generic_terms(language),
            ),
            tuple(phrases[:MAX_WORDS]),
            tuple(sequence[:MAX_WORDS]),
        )

    def _generic_terms(self, language: str) -> frozenset[str]:
        """The terms in ``language`` that only words of ``GENERIC_WORDS`` give."""
        return self._terms_only_of(GENERIC_WORDS.__contains__, language)

    def _typed_stop_terms(self, language: str) -> frozenset[str]:
        """The terms in ``language`` that only the typed language's stop words give."""
        if not self.language or language == self.language:
            return frozenset()
        return self._terms_only_of(lambda word: is_stop_word(word, self.language), language)

    def _terms_only_of(self, chosen: Callable[[str], bool], language: str) -> frozenset[str]:
        """The terms in ``language`` of the typed words ``chosen`` picks that no other typed word gives."""
        typed = words(self.loose)

        def terms(picked: bool) -> set[str]:
            return {term for word in typed if chosen(word) == picked for term in analyze(word, language)}

        return frozenset(terms(picked=True) - terms(picked=False))


def _groups(
    terms: list[str],
    language: str,
    glossary: Sets,
    concepts: bool,
    left_out: Collection[str],
    generic: Collection[str],
) -> tuple[TermGroup, ...]:
    """Each glossary expression among ``terms`` a group, and each other term but those ``left_out``
    (those ``generic`` marked so)."""
    groups, position = [], 0

    def loose(loose_terms: list[str]) -> list[TermGroup]:
        return [
            replace(_word_group(term, language), generic=term in generic)
            for term in loose_terms
            if term not in left_out
        ]

    for expansion in expand(terms, language, glossary):
        own = tuple(terms[expansion.start : expansion.end])
        if len(own) == 1 and (own[0] in left_out or own[0] in generic):
            # A word left out is no expression on its own: typed in English, "can" is no "Canadá",
            # whose Spanish stem it shares. Within an expression of several words it stays. Nor is
            # a generic word: "públicas" left alone by "órgano rector de compras" is no
            # "publicaciones", whose stem it shares; it stays a generic word.
            continue
        groups += loose(terms[position : expansion.start])
        alternatives = tuple(other for other in expansion.alternatives if other != own)
        held = concepts and len(own) == 1 and own in expansion.alternatives
        # A glossary's agent noun keeps its verb: "compradores" is also "quien compra".
        verbs = _word_group(own[0], language).verbs if len(own) == 1 else ()
        groups.append(TermGroup(own, alternatives, expansion.concepts if concepts else (), held, verbs=verbs))
        position = expansion.end
    groups += loose(terms[position:])
    return tuple(groups)


def _by_expression(group: TermGroup) -> TermGroup:
    if not group.concepts:
        return group
    return TermGroup(
        group.terms,
        tuple(other if len(other) == 1 else (expression_term(other),) for other in group.alternatives),
        verbs=group.verbs,
    )


def _word_group(term: str, language: str) -> TermGroup:
    """A word's group: an agent noun also matches its verb ("compradores": "quienes compran")."""
    base = action_stem(term, language)
    return TermGroup((term,), verbs=(base,) if base and base != term else ())


def parse_query(text: str, language: str = "", glossary: Sets = ()) -> ParsedQuery:
    """Split ``text`` (any string at all) into loose words and quoted phrases; in a question typed
    in ``language``, the loose words that only frame it are left out (``without_question_words``)."""
    cleaned = clean_query(text)
    phrases = tuple(phrase for phrase in _QUOTED.findall(cleaned) if phrase.strip())
    loose = _QUOTED.sub(" ", cleaned)
    return ParsedQuery(cleaned, without_question_words(loose, language, cleaned, glossary), phrases, language)


def without_question_words(loose: str, language: str, text: str, glossary: Sets = ()) -> str:
    """``loose`` without the words that frame the question ``text`` is (``QUESTION_WORDS``), if it
    is one and words of its subject remain; otherwise ``loose`` as it is.

    A framing word within one of the ``glossary``'s expressions of several words is part of what
    is asked, and stays: "how do I *get* in touch?" asks for the contact page, "¿*quiénes
    integran* la red?" for the member countries.
    """
    framing = QUESTION_WORDS.get(language, frozenset())
    if not framing or not ("?" in text or "¿" in text or _begins_a_question(words(text), language)):
        return loose
    framing -= words_of_expressions(words(loose), language, glossary, least_terms=2)
    kept = _WORD.sub(lambda match: "" if fold(match.group()) in framing else match.group(), loose)
    if not any(not is_stop_word(word, language) for word in words(kept)):
        return loose
    return kept


def _begins_a_question(typed: list[str], language: str) -> bool:
    """Whether the first of the ``typed`` words that is not a preposition or such (a stop word) asks
    a question (``QUESTION_STARTS``): "desde cuándo existe la red", "in which countries …"."""
    starts = QUESTION_STARTS[language]
    first = next((word for word in typed if word in starts or not is_stop_word(word, language)), None)
    return first in starts


def clean_query(text: str) -> str:
    """The query without control characters, collapsed and cut to a sane length."""
    printable = "".join(char if char.isprintable() else " " for char in text[: MAX_QUERY_LENGTH * 4])
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
