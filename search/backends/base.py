"""The contract between the public search and its engines.

Views, signals and the rebuild command speak only to ``SearchEngine``; each engine
(SQLite FTS5, PostgreSQL full text, Elasticsearch) stores ``IndexEntry`` objects its
own way and answers a ``SearchQuery`` with ``SearchResults``. Text analysis
(folding, stop words, per-language stemming) lives in ``search.analysis`` and query
parsing in ``search.query``, shared by every engine, so "contratacion" finds
"contrataciones" whichever engine runs. Snippets and title highlights come from
``search.highlight`` so every engine marks the same words.
"""

import datetime
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.conf import settings

from search.analysis import FIGURE_QUESTIONS, GENERIC_WORDS, STOP_WORDS, in_common_use, is_stop_word, respelt
from search.analysis import words as words_of
from search.glossary import Glossary, Sets, current_glossary, words_of_expressions
from search.query import AnalyzedQuery, ParsedQuery, parse_query

# Facets every engine counts, in the order the results page shows them.
# "language" is only shown when more than one language is searched.
FACET_NAMES = ("kind", "country", "topic", "year", "language")
SORT_RELEVANCE = "relevance"
SORT_DATE = "date"


@dataclass(frozen=True)
class IndexEntry:
    """One thing a reader can find, in one language: a page's Spanish or English version, or a file.

    ``source`` names the thing ("page:12", "document:7"); a page has one entry per
    language it exists in, and ``SearchEngine.replace`` swaps all of them at once.
    """

    source: str
    language: str
    kind: str
    title: str
    text: str
    url: str
    # Words that should find the entry but are never shown: its countries' and topics' names.
    keywords: str = ""
    date: datetime.date | None = None
    year: int | None = None
    # ISO 3166 alpha-2 codes ("CL") and topic page ids ("42"), the facet values.
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    # Labelled parts of ``text`` (label, start, end), for entries whose snippet is one field
    # ("Procurement agency: …") rather than running text.
    sections: tuple[tuple[str, int, int], ...] = ()

    def facet_values(self) -> dict[str, tuple[str, ...]]:
        """Every facet value of the entry, keyed by facet name (all strings, as in URLs)."""
        return {
            "kind": (self.kind,),
            "country": self.countries,
            "topic": self.topics,
            "year": (str(self.year),) if self.year else (),
            "language": (self.language,),
        }


@dataclass(frozen=True)
class IndexedVersion:
    """What the index holds of one language version of a source, to notice moves and renames."""

    url: str
    title: str


@dataclass(frozen=True)
class SearchQuery:
    """What the reader asked: words, scope, facet filters, order and page.

    ``filters`` maps a facet name to the values the results must all have
    (facets combine with AND). By default the reader's ``language`` is searched,
    and the other languages only for entries that have no version in it (a page
    written only in English is found from the Spanish site, marked as English).
    With ``all_languages`` every version is searched; each page then appears
    once, in the reader's language when that version matches. ``exact`` turns
    off the correction of misspelt words (the reader asked for what they typed).
    ``left_out`` are the significant words no entry has that were taken out of
    the reader's text (``without_unknown_words``). ``glossary`` is the engine's,
    for the words that frame a question (``without_question_words``).
    """

    text: str
    language: str
    all_languages: bool = False
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    page_size: int = 10
    exact: bool = False
    left_out: tuple[str, ...] = ()
    glossary: Sets = field(default=(), compare=False, repr=False)

    @cached_property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.text, self.language, self.glossary)

    def asks_for_a_figure(self) -> bool:
        """Whether the text asks for a figure (``FIGURE_QUESTIONS``): the pages about a country the
        query names are then no answer merely by naming it."""
        typed = f" {' '.join(words_of(self.text))} "
        return any(f" {question} " in typed for question in FIGURE_QUESTIONS.get(self.language, ()))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    """One result, ready to show: ``title_html`` and ``snippet_html`` are escaped except for <mark>."""

    source: str
    language: str
    kind: str
    title: str
    url: str
    title_html: str
    snippet_html: str
    score: float
    # The field the snippet comes from, for entries made of labelled fields.
    snippet_label: str = ""
    date: datetime.date | None = None
    year: int | None = None
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResults:
    """A page of hits plus what the whole result set looks like.

    ``facets`` has an entry for every name in FACET_NAMES (possibly empty), values
    by count then value. ``correction`` is the corrected query these results are
    for, when the query as typed found (almost) nothing and a correction found
    more; ``suggestions`` are other whole corrected queries ("did you mean").
    ``relaxed`` says fewer than FEW_RESULTS entries had every significant word,
    so partial matches, each with most of them, follow the ``complete`` ones
    (the first results, which have every word; none at all when
    ``complete`` is 0).
    """

    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]]
    suggestions: list[str] = field(default_factory=list)
    relaxed: bool = False
    correction: str = ""
    # How many results have every significant word: all of them unless ``relaxed``.
    complete: int = 0
    # Typed words no entry contains, left out of the search that gave these results.
    dropped: list[str] = field(default_factory=list)

    def quality(self) -> tuple[bool, int, int]:
        """Orders alternative answers to one question: some hits, then more with every word, then more."""
        return (self.total > 0, self.complete, self.total)


# The kind of a suggested whole query, which has no URL of its own: it leads to its results.
QUERY_KIND = "query"


@dataclass(frozen=True)
class Completion:
    """An autocomplete suggestion for the header search box: a page, or a whole query (``QUERY_KIND``)."""

    title: str
    url: str
    kind: str


# A query that finds fewer entries with every word than this is tried again corrected, when a
# correction exists, and its partial matches follow. Three are still few: the two seminars and the
# report that name every subject the network discussed have every word of many a query whose answer
# is a topic's page, with all but one of them.
FEW_RESULTS = 4
# A group of a query's words (a word or glossary expression) that at least this share of the
# entries match, and at least COMMON_MINIMUM of them, is common: when fewer than
# COMMON_OPTIONAL_BELOW entries have every group, the common ones rank without being required
# (``AnalyzedQuery.with_optional``), if the query has other words. A share, so that it holds at
# any size of the index; a minimum, so that a small site's few entries decide nothing. Only
# below a page of results: with more, the other words' entries cost more to rank (a search for
# "open data chile" at 100,000 entries took 57 ms instead of 13) for little.
COMMON_SHARE = 0.25
COMMON_MINIMUM = 30
COMMON_OPTIONAL_BELOW = 10


def common_least(entries: int) -> float:
    """How many of ``entries`` a group must match to be common."""
    return max(COMMON_MINIMUM, COMMON_SHARE * entries)


# Entries about a country the query names (by its facet) rank higher among partial matches: the name
# outweighs generic words; its profile, twice.
NAMED_COUNTRY_BOOST = 2.0
# A year a query names (1800-2099) says when: the entries of that year (their year facet) score this
# many times higher, so "the 2005 seminar" puts 2005's seminar above the others that mention 2005.
NAMED_YEAR_BOOST = 1.5
YEAR = re.compile(r"(18|19|20)\d\d")


class SearchUnavailable(Exception):
    """The engine's store cannot be reached; the view tells the reader to try again later."""


class SearchEngine(ABC):
    """An index of ``IndexEntry`` objects that answers searches; see the module docstring."""

    name: str = ""

    @abstractmethod
    def replace(self, source: str, entries: Sequence[IndexEntry]) -> None:
        """Make ``entries`` the only entries of ``source`` (an empty list removes it)."""

    def delete(self, source: str) -> None:
        self.replace(source, [])

    @abstractmethod
    def add(self, entries: Iterable[IndexEntry]) -> int:
        """Add many new entries at once (for rebuilds, after ``clear``); returns how many."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every entry."""

    def rebuild(self, entries: Iterable[IndexEntry]) -> int:
        """Replace the whole index with ``entries``; engines that can swap indexes override this."""
        self.clear()
        return self.add(entries)

    @abstractmethod
    def count(self) -> int:
        """How many entries the index holds."""

    @abstractmethod
    def versions(self, source: str) -> dict[str, IndexedVersion]:
        """The indexed URL and title of each language version of ``source``, by language."""

    def holds_glossary(self) -> bool:
        """Whether the entries were written with the glossary in force, where an engine writes it
        into them (the database engines' concept terms); engines that do not say yes."""
        return True

    def rewrite_glossary_terms(self) -> bool:
        """Bring the entries' glossary terms to the glossary in force without reading the pages
        again; False when the engine cannot, and the index must be rebuilt."""
        return False

    def search(self, query: SearchQuery) -> SearchResults:
        """Answer any query without raising (``SearchUnavailable`` aside): an unusable query gives no hits.

        A word the whole index lacks is left out rather than empty the list
        (``without_unknown_words``).
        """
        query = replace(query, glossary=self.glossary().sets)
        return self.without_unknown_words(query, self.search_or_correct(query))

    def search_or_correct(self, query: SearchQuery) -> SearchResults:
        """The results of ``query`` as typed or, when better, of its correction.

        When the words as typed find (almost) nothing and a correction of the
        misspelt ones exists, the corrected query is searched too, and its
        results are shown, saying so, when they are better.
        """
        results = self.search_as_typed(query)
        if query.exact or results.complete >= FEW_RESULTS:
            return results
        suggestions = self.corrections(query)
        if not suggestions:
            return results
        corrected = self.search_as_typed(replace(query, text=suggestions[0], exact=True))
        if corrected.quality() <= results.quality():
            results.suggestions = suggestions
            return results
        corrected.correction = suggestions[0]
        corrected.suggestions = suggestions[1:]
        return corrected

    def without_unknown_words(self, query: SearchQuery, results: SearchResults) -> SearchResults:
        """``results``, or, when no entry has every word because some word is in no entry at all,
        the results of the other words, saying which were left out.

        A word no entry contains cannot be required (one word the site never uses
        would empty the list), but a query most of whose words the site never uses
        is about something else: it keeps its empty list, as do queries of one
        word. Known words are counted as the things they name (``concept_count``):
        "salario de los funcionarios de compras" names two, one of them unknown.
        Numbers are weak evidence ("covid 19") and do not count as known, nor do
        places' names, countries' or the glossary's places (``place_names``): they
        say where, not what (the results of an election in Chile are not the site's
        pages on Chile). Such a query gets no partial matches either: pages that
        match only its places and generic words are not an answer. Nor do the words
        a large share of the pages have (``common_words``): "procurement" says
        nothing of which page "blockchain procurement pilot" asks for. Together,
        though, a country and such words, with one word no page has, ask about that
        country's procurement ("when did the Bahamas roll out its e-procurement
        platform?"): the query is searched without that word, as "elecciones en
        Chile", with no common word, and "government elections in Chile", with only
        a generic one, are not. A word the glossary knows (part of one of its
        expressions) is never left out: it names a subject of the domain, and when
        no page has it, the site has nothing on what was asked ("debarred
        contractors list" is not "contractors list"). Nor is a word typed as an acronym: it names
        what is asked ("CITT bid protest decisions", "WTO GPA accession"), and is never corrected.
        Corrections come first: a misspelt word is corrected, not dropped.
        """
        if query.exact or results.complete:
            return results
        searched = replace(query, text=results.correction or query.text)
        unknown = self.unknown_words(searched)
        if not unknown:
            return results
        significant = significant_words(searched)
        countries, common = self.country_words(searched), self.common_words(searched)
        vague = countries | self.place_names(searched) | common
        known = [
            word for word in significant if word not in unknown and word not in vague and not word.isdigit()
        ]
        # Generic words ("gobierno", "public") are common on any subject: "government elections in
        # Chile" is not about Chile's procurement.
        about_a_country = bool(countries) and bool(common - countries - GENERIC_WORDS) and len(unknown) == 1
        sets, language = self.glossary().sets, searched.language
        too_little_known = concept_count(known, language, sets) <= len(unknown) and not about_a_country
        names_a_subject_no_page_has = bool(
            set(unknown) & (words_of_expressions(significant, language, sets) | searched.parsed.acronyms())
        )
        if too_little_known or names_a_subject_no_page_has:
            return replace(results, hits=[], total=0, facets=empty_facets(), relaxed=False)
        # The words that frame a question stay, so the text left is still the question it was
        # ("how many …", which asks for a figure).
        asked = {*words_of(searched.parsed.loose), *searched.parsed.framing_words()} - set(unknown)
        kept_words = [word for word in words_of(searched.parsed.text) if word in asked]
        text = " ".join([*kept_words, *(f'"{phrase}"' for phrase in searched.parsed.phrases)])
        reduced = self.search_as_typed(replace(searched, text=text, exact=True, left_out=tuple(unknown)))
        if not reduced.total:
            return results
        reduced.query = query
        reduced.correction = results.correction
        reduced.dropped = unknown
        return reduced

    def glossary(self) -> Glossary:
        """The glossary this search reads (engines that read it with other figures say so)."""
        return current_glossary()

    def place_names(self, query: SearchQuery) -> set[str]:
        """The significant words of ``query`` (folded) that name a place of the glossary's: spelt as
        the reader meant them, so never "corrected" into another word ("Spain" is not "saint")."""
        return words_of_expressions(significant_words(query), query.language, self.glossary().places)

    def spelt_right(self, query: SearchQuery) -> set[str]:
        """The typed words (folded) that an engine's ``suggestions`` leave as typed: places' names
        (``place_names``), acronyms and the words that frame a question."""
        return self.place_names(query) | query.parsed.acronyms() | query.parsed.framing_words()

    def corrections(self, query: SearchQuery) -> list[str]:
        """The engine's ``suggestions``, each without the replacements of words in common use
        (``in_common_use``) that the reader meant: "cost of e-procurement" is not "costa of
        e-procurement", though no page says "cost". Such a word is replaced only where its
        replacement makes an expression of the glossary with the words around it, as "electronic
        baking" makes "electronic banking" (``expression_words``)."""
        typed = query.parsed.words()
        site_languages = tuple(code for code, _name in settings.LANGUAGES)
        sets = self.glossary().sets
        kept = []
        for suggestion in self.suggestions(query):
            corrected = words_of(suggestion)
            if len(corrected) == len(typed):
                # Replacement → the word in common use it replaced.
                in_use = {
                    replacement: word
                    for word, replacement in zip(typed, corrected, strict=True)
                    if word != replacement and in_common_use(word, site_languages)
                }
                if in_use:
                    in_expressions = expression_words(replace(query, text=suggestion), sets)
                    meant = {
                        replacement: word
                        for replacement, word in in_use.items()
                        if replacement not in in_expressions
                    }
                    suggestion = respelt(suggestion, meant)
            if words_of(suggestion) != typed and suggestion not in kept:
                kept.append(suggestion)
        return kept

    def unknown_words(self, query: SearchQuery) -> list[str]:
        """The significant loose words of ``query`` (folded) that no entry contains in any language,
        glossary equivalents included, by the rule of ``unknown_among``; engines that cannot tell
        return none."""
        return []

    def country_words(self, query: SearchQuery) -> set[str]:
        """The significant loose words of ``query`` (folded) that are a country profile's title in
        some language; engines that cannot tell return none."""
        return set()

    def common_words(self, query: SearchQuery) -> set[str]:
        """The significant loose words of ``query`` (folded) whose group is common in its language:
        a generic word, or one a large share of the entries have (``COMMON_SHARE``); engines that
        cannot tell return none."""
        return set()

    @abstractmethod
    def search_as_typed(self, query: SearchQuery) -> SearchResults:
        """Entries with every significant word; if fewer than FEW_RESULTS, partial matches with most
        of them follow."""

    @abstractmethod
    def suggestions(self, query: SearchQuery) -> list[str]:
        """Whole queries with the words no entry contains replaced by close indexed words."""

    @abstractmethod
    def complete(self, text: str, language: str, limit: int = 8) -> list[Completion]:
        """Up to ``limit`` pages in ``language`` whose title has a word starting with each word of
        ``text`` (typos forgiven), then whole queries; nothing for less than two characters."""


def significant_words(query: SearchQuery) -> list[str]:
    """The query's loose words (folded, once each) that no indexed language treats as a stop word."""
    return [
        word
        for word in dict.fromkeys(words_of(query.parsed.loose))
        if not any(is_stop_word(word, language) for language in STOP_WORDS)
    ]


def expression_words(query: SearchQuery, glossary: Sets) -> dict[str, str]:
    """Each significant word of ``query`` that is part of one of the glossary's expressions of
    several words, with the expression as typed ("World Bank")."""
    typed = words_of(query.parsed.loose)
    significant = set(significant_words(query))
    groups = query.parsed.analyzed(query.language, glossary).groups
    spans = query.parsed.group_spans(query.language, glossary)
    return {
        typed[position]: " ".join(typed[span.start : span.stop])
        for span, group in zip(spans, groups, strict=True)
        if len(group.terms) > 1
        for position in span
        if typed[position] in significant
    }


def unknown_among(query: SearchQuery, glossary: Sets, found: Callable[[str], bool]) -> list[str]:
    """The significant words of ``query`` that no entry has, ``found`` telling whether some entry
    has a word, or an expression as typed (glossary equivalents included).

    A word of one of the glossary's expressions is known when some entry has the expression or,
    failing that, each of its words: the site uses "pagos" and "proveedores" though no page has
    "pagos a proveedores". One word in no entry makes the whole expression unknown: "World Bank"
    names one thing, which "bank" alone (banking) is not.
    """
    expressions = expression_words(query, glossary)

    def known(word: str) -> bool:
        if word not in expressions:
            return found(word)
        expression = expressions[word]
        return found(expression) or all(
            found(other) for other, its in expressions.items() if its == expression
        )

    return [word for word in significant_words(query) if not known(word)]


def partial_matches_of(terms: AnalyzedQuery, names_a_country: Callable[[], bool]) -> bool:
    """Whether a query whose terms are ``terms`` has partial matches.

    Queries of three clauses or more have, and two glossary expressions (``partial_minimum``); two
    other clauses, only when one names a country (``names_a_country``, asked only then): no page
    has "licitación" and "Colombia" together, but the pages about Colombia that name it, its
    profile first, are what the reader is after. The engines then list them as partial matches.
    """
    return terms.partial_minimum() is not None or (terms.clause_count() == 2 and names_a_country())


def asks_for_a_countrys_figure(query: SearchQuery, names_a_country: Callable[[], bool]) -> bool:
    """Whether ``query`` asks for a figure about a country it names ("¿cuánto gasta Chile en
    compras públicas al año?"): it has no partial matches. A page with some of its words is no
    answer, as a profile says how a country buys, not what it spends; only a page with every word
    may give the figure. A figure of the network's own ("how many countries belong to the
    network?") is on its pages, and its partial matches stay."""
    return query.asks_for_a_figure() and names_a_country()


def concept_count(significant: list[str], language: str, glossary: Sets) -> int:
    """How many things ``significant`` words name: an expression of the glossary is one
    ("funcionarios de compras", "convenio marco"), any other word one each."""
    return len(parse_query(" ".join(significant)).analyzed(language, glossary).groups)


def named_years(query: SearchQuery) -> list[str]:
    """The years ``query`` names: its four-digit words from 1800 to 2099."""
    return [word for word in significant_words(query) if YEAR.fullmatch(word)]


def empty_facets() -> dict[str, list[FacetCount]]:
    return {name: [] for name in FACET_NAMES}
