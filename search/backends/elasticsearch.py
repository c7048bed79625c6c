"""The Elasticsearch engine: one index per language behind an alias, queried with elasticsearch-dsl.

Each language's entries live in ``<prefix>-<language>``, an alias of a timestamped
index whose analyzer folds accents and applies that language's stop words and
stemmer (Spanish and English share their stop words with ``search.analysis``).
Rebuilds fill new indexes and swap the aliases atomically, so readers never
see an empty or half-built index.

Readers' text is only ever passed to match queries (``match``, ``multi_match``,
``match_phrase``), never to a query-string parser, so no input is syntax.
Highlights come from Elasticsearch (encoder "html"); ``_escaped_marks`` then
re-escapes them exactly as ``search.highlight`` does.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache, wraps
from html import unescape
from itertools import groupby
from typing import TypeVar

from django.conf import settings
from django.utils.html import escape

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import (
    SF,
    A,
    FacetedSearch,
    Index,
    Keyword,
    Mapping,
    MultiSearch,
    Q,
    Search,
    TermsFacet,
    analyzer,
    char_filter,
    normalizer,
    token_filter,
)
from elasticsearch.dsl.query import Query
from elasticsearch.dsl.utils import AttrDict

from search.adapters import index_languages
from search.analysis import (
    ABBREVIATIONS,
    BRITISH_SPELLING,
    ENGLISH_STOP_WORDS,
    NUMBER_WORDS,
    SPANISH_STOP_WORDS,
    STEMMER_NAMES,
    TENS,
    UNITED_STATES,
    UNITED_STATES_WRITTEN_OUT,
    UNITS,
    analyze,
    is_stop_word,
    respelt,
    word_spans,
    words,
)
from search.backends.base import (
    COMMON_OPTIONAL_BELOW,
    FACET_NAMES,
    FEW_RESULTS,
    NAMED_COUNTRY_BOOST,
    NAMED_YEAR_BOOST,
    QUERY_KIND,
    SORT_DATE,
    Completion,
    FacetCount,
    Hit,
    IndexedVersion,
    IndexEntry,
    SearchEngine,
    SearchQuery,
    SearchResults,
    SearchUnavailable,
    asks_for_a_countrys_figure,
    common_least,
    empty_facets,
    expression_words,
    named_years,
    partial_matches_of,
    significant_words,
    unknown_among,
)
from search.glossary import Glossary, Sets, current_glossary, synonym_rules
from search.highlight import section_snippet
from search.query import AnalyzedQuery

DEFAULT_INDEX_PREFIX = "compraspublicas-search"
REQUEST_TIMEOUT = 10
BULK_TIMEOUT = 120
BULK_CHUNK = 200
# Elasticsearch refuses to page past its result window (index.max_result_window).
MAX_RESULT_WINDOW = 10_000
# Added to the score of a partial search's entries that have every word: more than any score reaches.
COMPLETE_FIRST = 10_000
# Added to the score of the entries whose title is what was typed: first among those with every word.
TYPED_TITLE_FIRST = 1_000

# --- Analysis ---------------------------------------------------------------------
# "US" and "U.S." written out, as ``search.analysis.written_out`` does (Java reads the same pattern).
WRITTEN_OUT = char_filter(
    "written_out", "pattern_replace", pattern=UNITED_STATES.pattern, replacement=UNITED_STATES_WRITTEN_OUT
)
FOLDED = analyzer(
    "folded", tokenizer="standard", char_filter=[WRITTEN_OUT], filter=["lowercase", "asciifolding"]
)
# The most words of a country's name ("saint vincent and the grenadines").
MAX_NAME_WORDS = 5
# A whole title folded, for the titles that are one of a query's words (countries named).
WHOLE_FOLDED = normalizer("folded_keyword", filter=["lowercase", "asciifolding"])
# Autocomplete: each folded title word is indexed with its beginnings ("pub", "publ", ...).
PREFIX_LENGTHS = (2, 20)
PREFIXES = analyzer(
    "prefixes",
    tokenizer="standard",
    char_filter=[WRITTEN_OUT],
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("word_beginnings", "edge_ngram", min_gram=PREFIX_LENGTHS[0], max_gram=PREFIX_LENGTHS[1]),
    ],
)
_STOP_FILTERS = {
    "es": token_filter("spanish_stop", "stop", stopwords=sorted(SPANISH_STOP_WORDS)),
    "en": token_filter("english_stop", "stop", stopwords=sorted(ENGLISH_STOP_WORDS)),
}
_FILTERS = {
    "es": [_STOP_FILTERS["es"], token_filter("spanish_stemmer", "stemmer", language="light_spanish")],
    "en": [
        _STOP_FILTERS["en"],
        # British -ise spellings as American -ize, as ``search.analysis.stem`` reads them.
        token_filter("american_spelling", "pattern_replace", pattern=BRITISH_SPELLING, replacement="$1z$2"),
        token_filter("english_stemmer", "stemmer", language="english"),
    ],
    "pt": [token_filter("portuguese_stemmer", "stemmer", language="light_portuguese")],
    "fr": [token_filter("french_stemmer", "stemmer", language="light_french")],
}


def number_rules(language: str) -> list[str]:
    """Synonym rules reading numbers written out as digits, as ``search.analysis`` does: each number
    word, and each tens word with a unit after it ("treinta y ocho", "thirty eight" once the
    hyphen has split it; the Spanish "y" is no term of the database engines either)."""
    joints = ("", " y") if language == "es" else ("",)
    joined = [
        f"{tens}{joint} {unit} => {tens_value + unit_value}"
        for tens, tens_value in TENS[language].items()
        for unit, unit_value in UNITS[language].items()
        for joint in joints
    ]
    return joined + [f"{word} => {value}" for word, value in NUMBER_WORDS[language].items()]


# Abbreviations read as their words ("govt"), as ``search.analysis.stem`` reads them.
_ABBREVIATIONS = token_filter(
    "abbreviations", "synonym", synonyms=[f"{short} => {word}" for short, word in ABBREVIATIONS.items()]
)
# Numbers written out as digits, before the glossary and the stop words read them.
_NUMBER_FILTERS = {
    language: token_filter(f"{name}_numbers", "synonym", synonyms=number_rules(language))
    for language, name in (("es", "spanish"), ("en", "english"))
}
# Removed before lower-casing, as Elasticsearch's own language analyzers do.
_PREFILTERS = {
    "en": [token_filter("english_possessive", "stemmer", language="possessive_english")],
    "fr": [
        token_filter("french_elision", "elision", articles_case=True, articles=["l", "d", "qu", "j", "n"])
    ],
}


def language_analyzer(language: str, synonyms: Sequence[str] = (), typed: str | None = None):
    """The "language" analyzer of a language's index: folded, stop words dropped, stemmed.

    Stop words are removed after folding, so the lists are the folded ones of
    ``search.analysis``; so are numbers read as digits (``number_rules``). Languages without a
    stemmer here are only folded. Given
    ``synonyms`` (the glossary's rules), it is the search-time analyzer
    "language_search": a synonym graph filter after folding makes a query's
    glossary expression also match its equivalents, in both languages.

    Given ``typed``, it is the analyzer of queries typed in that language ("typed_es"), which
    every index has: it also drops the typed language's stop words, after the glossary has read
    its expressions, as the database engines analyse a query for the other language's entries
    (``ParsedQuery``): typed in English, "the tender" needs no "the" in a Spanish entry.
    """
    glossary = [token_filter("glossary", "synonym_graph", synonyms=list(synonyms), lenient=True)]
    typed_stop = [_STOP_FILTERS[typed]] if typed in _STOP_FILTERS and typed != language else []
    chain = [
        *_PREFILTERS.get(language, []),
        "lowercase",
        "asciifolding",
        *([_ABBREVIATIONS] if language in STEMMER_NAMES else []),
        *([_NUMBER_FILTERS[language]] if language in _NUMBER_FILTERS else []),
        *(glossary if synonyms else []),
        *typed_stop,
        *_FILTERS.get(language, []),
    ]
    name = "language_search" if synonyms else "language"
    return analyzer(
        typed_analyzer(typed) if typed else name,
        tokenizer="standard",
        char_filter=[WRITTEN_OUT],
        filter=chain,
    )


def typed_analyzer(language: str) -> str:
    """The name of the analyzer, in every index, of the queries typed in ``language``."""
    return f"typed_{language}"


def entry_mapping(search_analyzer: str = "language") -> Mapping:
    """An entry's fields. Text fields have a folded, unstemmed ``exact`` subfield for exact-word boosts;
    titles a ``prefix`` one for autocomplete and a ``whole`` one (the folded title, for the countries a
    query names), and ``suggest`` holds the title's phrases as whole queries.

    ``versions`` lists the languages its source has entries in, so the default
    scope can keep an other-language entry only when there is no reader's one.
    """
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    for name in ("source", "language", "kind", "year", "countries", "topics", "versions"):
        mapping.field(name, "keyword")
    mapping.field("kind_rank", "byte")
    mapping.field("url", "keyword", index=False)
    # Labelled fields of entries shown field by field, kept for their snippets only.
    mapping.field("sections", "object", enabled=False)
    mapping.field("date", "date")
    exact = {"exact": {"type": "text", "analyzer": FOLDED}}
    title_fields = {
        **exact,
        "prefix": {"type": "text", "analyzer": PREFIXES, "search_analyzer": FOLDED},
        "whole": Keyword(normalizer=WHOLE_FOLDED),
    }
    analyzed = {"analyzer": "language", "search_analyzer": search_analyzer}
    mapping.field("title", "text", **analyzed, fields=title_fields)
    mapping.field("suggest", "completion", analyzer=FOLDED)
    mapping.field("keywords", "text", **analyzed, fields=exact)
    # Offsets let the highlighter find snippets in long documents without analysing them again.
    mapping.field("text", "text", **analyzed, index_options="offsets", fields=exact)
    return mapping


def index_definition(name: str, language: str, synonyms: Sequence[str] = ()) -> Index:
    """A language's index; ``synonyms`` (the glossary's rules) apply to queries, not to the indexed text.

    The glossary is read when an index is created: after editing it, rebuild the
    index (``manage.py rebuild_search_index``).
    """
    index = Index(name)
    # One shard suits a few thousand pages; replicas appear when the cluster has a second node.
    index.settings(number_of_shards=1, auto_expand_replicas="0-1")
    index.analyzer(language_analyzer(language))
    if synonyms:
        index.analyzer(language_analyzer(language, synonyms))
    for typed, _name in settings.LANGUAGES:
        index.analyzer(language_analyzer(language, synonyms, typed))
    index.mapping(entry_mapping("language_search" if synonyms else "language"))
    return index


# --- Queries ---------------------------------------------------------------------------
FIELDS = ["title^10", "keywords^3", "text"]


EXACT_FIELDS = ["title.exact^10", "keywords.exact^3", "text.exact"]
# Typos forgiven as in the database engines: none in two letters, one in three to five, two beyond.
COMPLETION_FUZZINESS = {"fuzziness": "AUTO", "prefix_length": 1}
COMPLETION_QUERIES = 3
# The whole queries an entry offers: its title's runs of one to three words.
SUGGESTED_PHRASE_WORDS = 3
# Suggester names and the unstemmed fields they read.
SPELLING_FIELDS = {"title": "title.exact", "text": "text.exact"}
# Words no entry contains, corrected within two edits (one-edit typos are the common ones), the first
# letter included: "rpivate" is "private" (the database engines allow a swap of the first two
# letters). A similarity of at least 0.65 (Lucene's: 1 − edits ÷ the shorter word's length) allows
# two edits from six letters on, one below, as the database engines do (a short word two letters
# away is another word: "gana", "guyana").
SUGGESTER_OPTIONS = {
    "suggest_mode": "missing",
    "size": 3,
    "max_edits": 2,
    "accuracy": 0.65,
    "prefix_length": 0,
    "min_word_length": 4,
    "sort": "score",
}
# Countries, topics and events first in autocomplete, as in the database engines.
COMPLETION_RANK = {"country": 0, "topic": 1, "event": 2}
FACET_FIELDS = {
    "kind": "kind",
    "country": "countries",
    "topic": "topics",
    "year": "year",
    "language": "language",
}
FACET_SIZE = 200
# Entries in the reader's language rank a little higher when every language is searched.
READER_LANGUAGE_BOOST = 1.25
UNSHOWN_FIELDS = ["text", "keywords"]
SNIPPET_CHARACTERS = 220
HIGHLIGHT_OPTIONS = {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
HIGHLIGHT_FIELDS = {
    "title": {"number_of_fragments": 0},
    "text": {
        "fragment_size": SNIPPET_CHARACTERS,
        "number_of_fragments": 1,
        "no_match_size": SNIPPET_CHARACTERS,
    },
}
SHOWN_VERSION = "shown"


def matching(text: str, language: str, **options) -> Query:
    """``text`` looked for in the analysed fields (FIELDS), read as typed in ``language``
    (``typed_analyzer``), whichever language's index it is asked of."""
    return Q("multi_match", query=text, fields=FIELDS, analyzer=typed_analyzer(language), **options)


def text_query(
    query: SearchQuery,
    relaxed: bool = False,
    countries: dict[str, str] | None = None,
    common: Sequence[range] = (),
    concepts: tuple[str, ...] | None = None,
    about_answers: bool = False,
    ordinals: tuple[str, ...] = (),
) -> Query:
    """Every loose word in some field and every phrase in one field; ``relaxed``: most of them.

    A clause left without terms by the language's stop words requires nothing
    (or, relaxed, matches nothing), as in the database engines. A partial match
    needs more than half of the significant words and phrases
    (``AnalyzedQuery.partial_minimum``); the entries with all of them come first
    (COMPLETE_FIRST), whatever the order, and among them an entry whose title is
    what was typed, case and accents aside (TYPED_TITLE_FIRST). Words that also
    match unstemmed, or in the typed order, and entries of a year the query names,
    score higher.

    ``countries`` (name → code) are the countries a relaxed query names (``named_countries``):
    as in the database engines, a partial match must then be about one of them (its facet) or
    name it, and the entries about it score NAMED_COUNTRY_BOOST times higher, its profile twice.
    With ``about_answers`` (the query has no word no entry has, left out or not, and asks for no
    figure: ``SearchQuery.asks_for_a_figure``), the entries
    about one of them that name it are partial matches whatever other words they have: they
    answer a question whose other words are generic ("where does Colombia publish its tenders?").

    ``common`` are the spans of the loose words (positions in ``words``) of the groups a large
    share of the entries match (``common_spans``): they only add to the score, as in the database
    engines (``AnalyzedQuery.with_optional``); relaxed, a partial match needs a word outside them
    that names no country, or a phrase (``DatabaseEngine._telling``).

    ``concepts`` are the typed texts of a query that is two glossary expressions, those a partial
    match may have (``two_concepts``): a relaxed query then needs one of them, whole.

    ``ordinals`` are the typed texts of the query's ordinals (``typed_ordinals``): a partial match
    must have each, as in the database engines (``AnalyzedQuery.partial_required``).
    """
    loose = " ".join(query.parsed.loose.split()) if words(query.parsed.loose) else ""
    phrases = list(query.parsed.phrases)
    optional = []
    if common and not relaxed:
        typed = words(loose)
        left_out = {position for span in common for position in span}
        loose = " ".join(word for position, word in enumerate(typed) if position not in left_out)
        optional = [
            matching(
                " ".join(typed[span.start : span.stop]), query.language, type="cross_fields", operator="and"
            )
            for span in common
        ]

    def phrase_clauses(when_empty: dict) -> list[Query]:
        return [matching(phrase, query.language, type="phrase", **when_empty) for phrase in phrases]

    every = phrase_clauses({"zero_terms_query": "all"})
    if loose:
        every.insert(
            0,
            matching(loose, query.language, type="cross_fields", operator="and", zero_terms_query="all"),
        )
    required = every
    about = Q("terms", countries=sorted(set(countries.values()))) if countries else None
    named_words = {word for name in countries or {} for word in name.split()}
    if relaxed:
        if concepts is not None:
            # Either expression, each as a whole (its synonyms through the glossary's filter).
            wanted = [
                matching(text, query.language, type="cross_fields", operator="and") for text in concepts
            ]
            minimum = 1
        else:
            # A word the typed language leaves out is no clause in the other language's index either
            # (``ParsedQuery.language``).
            wanted = phrase_clauses({"zero_terms_query": "none"}) + [
                matching(word, query.language, type="cross_fields", zero_terms_query="none")
                for word in dict.fromkeys(words(loose))
                if not is_stop_word(word, query.language)
            ]
            minimum = query.parsed.analyzed(query.language).partial_minimum() or 1
        # As in the database engines, a partial match needs a clause that says what the query is
        # about: a phrase, or a word neither common (``common``) nor a country's name.
        left_common = {position for span in common for position in span}
        telling = phrase_clauses({"zero_terms_query": "none"}) + [
            matching(word, query.language, type="cross_fields", zero_terms_query="none")
            for position, word in enumerate(words(loose))
            if position not in left_common
            and word not in named_words
            and not is_stop_word(word, query.language)
        ]
        required = [
            Q("bool", should=wanted, minimum_should_match=minimum),
            Q("bool", should=[Q("bool", must=every), *telling], minimum_should_match=1),
            *(matching(text, query.language, type="cross_fields", operator="and") for text in ordinals),
        ]
        if countries:
            naming = Q(
                "bool",
                should=[
                    matching(name, query.language, type="cross_fields", operator="and") for name in countries
                ],
                minimum_should_match=1,
            )
            if about_answers:
                answering = Q("bool", filter=[about, naming])
                required = [Q("bool", should=[Q("bool", must=required), answering], minimum_should_match=1)]
            required.append(Q("bool", should=[about, naming], minimum_should_match=1))
    everything = " ".join([" ".join(query.parsed.loose.split()), *phrases]).strip()
    boosts = [
        *optional,
        Q("multi_match", query=everything, fields=EXACT_FIELDS),
        Q("multi_match", query=everything, fields=EXACT_FIELDS, type="phrase", boost=2),
    ]
    if (typed := " ".join(words(query.parsed.loose))) and not phrases:
        titled = Q("match", **{"title.whole": typed})
        boosts.append(Q("constant_score", filter=titled, boost=TYPED_TITLE_FIRST))
    if relaxed:
        complete = Q("constant_score", filter=Q("bool", must=every), boost=COMPLETE_FIRST)
        if query.sort == SORT_DATE:
            # Scored only by completeness, so that "_score, date" puts the complete matches first.
            return Q("bool", filter=required, should=[complete])
        boosts.append(complete)
    scored = Q("bool", must=required, should=boosts)
    # Entries of a year, or about a country, the query names weigh more, as in the database engines.
    weights = []
    if years := named_years(query):
        weights.append(SF({"filter": Q("terms", year=years), "weight": NAMED_YEAR_BOOST}))
    if relaxed and countries:
        profile = Q("bool", filter=[Q("term", kind="country"), about])
        weights += [
            SF({"filter": about, "weight": NAMED_COUNTRY_BOOST}),
            SF({"filter": profile, "weight": NAMED_COUNTRY_BOOST}),
        ]
    if not weights:
        return scored
    return Q("function_score", query=scored, functions=weights, score_mode="multiply", boost_mode="multiply")


def name_runs(query: SearchQuery) -> list[str]:
    """The runs of two to MAX_NAME_WORDS typed words that end with a significant word: the
    candidates for a country's name of several words ("costa rica", "el salvador", "trinidad and
    tobago")."""
    typed = words(query.parsed.loose)
    significant = set(significant_words(query))
    return list(
        dict.fromkeys(
            " ".join(typed[start:end])
            for start in range(len(typed))
            for end in range(start + 2, min(len(typed), start + MAX_NAME_WORDS) + 1)
            if typed[end - 1] in significant
        )
    )


def two_concepts(query: SearchQuery, glossary: Sets) -> tuple[str, ...] | None:
    """When the query is just two glossary expressions (``AnalyzedQuery.names_two_concepts``), the
    typed text of each that a partial match may have (``AnalyzedQuery.partial_clauses``)."""
    analyzed = query.parsed.analyzed(query.language, glossary)
    if not analyzed.names_two_concepts():
        return None
    return _typed_groups(query, glossary, analyzed.partial_clauses())


def typed_ordinals(query: SearchQuery, glossary: Sets) -> tuple[str, ...]:
    """The typed text of each of the query's ordinals, which a partial match must have
    (``AnalyzedQuery.partial_required``)."""
    return _typed_groups(query, glossary, query.parsed.analyzed(query.language, glossary).partial_required())


def _typed_groups(query: SearchQuery, glossary: Sets, positions: list[int]) -> tuple[str, ...]:
    typed = words(query.parsed.loose)
    spans = query.parsed.group_spans(query.language, glossary)
    return tuple(" ".join(typed[spans[position].start : spans[position].stop]) for position in positions)


def scope_filter(query: SearchQuery) -> Query | None:
    """None: every language's entries may match, in either scope.

    By default a page found through its version in another language (a query typed
    in that language) is shown in the reader's language (``ElasticsearchEngine.in_reader_language``),
    so the other languages' entries are searched too, one per page (``EntrySearch.collapsed``).
    """
    return None


class AllOfFacet(TermsFacet):
    """A facet whose selected values must all be present (the contract's AND), not any of them."""

    def add_filter(self, filter_values: list) -> Query | None:
        if not filter_values:
            return None
        field = self._params["field"]
        return Q("bool", filter=[Q("term", **{field: value}) for value in filter_values])


class EntrySearch(FacetedSearch):
    """One results page: the query, facet filters and counts, highlights, order and paging.

    Filters narrow the query itself rather than a post_filter, so facet counts
    describe the results shown, as ``SearchResults`` promises. When several
    languages are searched, entries are collapsed to one per source (the
    reader's language first) and counts are of distinct sources.
    """

    # Set for FacetedSearch, which only calls ``highlight`` when there are fields.
    fields = FIELDS

    def __init__(
        self,
        client: Elasticsearch,
        indexes: dict[str, str],
        query: SearchQuery,
        relaxed: bool,
        countries: dict[str, str] | None = None,
        common: Sequence[range] = (),
        concepts: tuple[str, ...] | None = None,
        about_answers: bool = False,
        ordinals: tuple[str, ...] = (),
    ):
        """``indexes`` maps each searched language to its alias; ``countries``, ``common``,
        ``concepts``, ``about_answers`` and ``ordinals``, see ``text_query``."""
        self.using = client
        self.index = list(indexes.values())
        self.reader_index = indexes.get(query.language)
        self.reader_language = query.language
        # Every language is searched in either scope (``scope_filter``): one entry per page.
        self.collapsed = len(indexes) > 1
        metric = A("cardinality", field="source", precision_threshold=40_000) if self.collapsed else None
        self.facets = {
            name: AllOfFacet(field=FACET_FIELDS[name], size=FACET_SIZE, metric=metric) for name in FACET_NAMES
        }
        order = ["_score", "source"]
        if query.sort == SORT_DATE:
            newest = {"date": {"order": "desc", "missing": "_last"}}
            # Relaxed, the score only says whether an entry has every word (``text_query``).
            order = ["_score", newest, "source"] if relaxed else [newest, *order]
        filters = {name: list(values) for name, values in query.filters.items() if name in FACET_FIELDS}
        self.scope = scope_filter(query)
        text = text_query(query, relaxed, countries, common, concepts, about_answers, ordinals)
        super().__init__(query=text, filters=filters, sort=order)
        start, size = query.offset, query.page_size
        if start + size > MAX_RESULT_WINDOW:
            start, size = 0, 0  # past the last page anyway: only the total and the facets
        self._s = self._s[start : start + size]

    def to_dict(self) -> dict:
        return self._s.to_dict()

    def search(self) -> Search:
        search = (
            super().search().source(excludes=UNSHOWN_FIELDS).extra(track_total_hits=True, track_scores=True)
        )
        if self.reader_index and len(self.index) > 1:
            search = search.extra(indices_boost=[{self.reader_index: READER_LANGUAGE_BOOST}])
        if not self.collapsed:
            return search
        return search.collapse("source", inner_hits=self._shown_version())

    def _shown_version(self) -> dict:
        """The version of each page to show: the reader's language when it matches, else the best."""
        reader_first = {
            "type": "number",
            "order": "asc",
            "script": {
                "source": "doc['language'].value == params.language ? 0 : 1",
                "params": {"language": self.reader_language},
            },
        }
        return {
            "name": SHOWN_VERSION,
            "size": 1,
            "sort": [{"_script": reader_first}, "_score"],
            "_source": {"excludes": UNSHOWN_FIELDS},
            "highlight": {**HIGHLIGHT_OPTIONS, "fields": HIGHLIGHT_FIELDS},
        }

    def query(self, search: Search, query: Query) -> Search:
        return search.query(query)

    def filter(self, search: Search) -> Search:
        for facet_filter in self._filters.values():
            search = search.filter(facet_filter)
        return search.filter(self.scope) if self.scope else search

    def aggregate(self, search: Search) -> None:
        """Plain counts: the filters are in the query already, so they need no filter aggregation each."""
        for name, facet in self.facets.items():
            search.aggs.bucket(name, facet.get_aggregation())
        if self.collapsed:
            search.aggs.metric("pages", "cardinality", field="source", precision_threshold=40_000)

    def facet_counts(self, aggregations: dict) -> dict[str, list[FacetCount]]:
        facets = empty_facets()
        for name, facet in self.facets.items():
            values = facet.get_values(AttrDict(aggregations[name]), [])
            counts = [FacetCount(str(value), int(count)) for value, count, _selected in values]
            facets[name] = sorted(counts, key=lambda count: (-count.count, count.value))
        return facets

    def highlight(self, search: Search) -> Search:
        if self.collapsed:
            return search  # the shown version of each page brings its own highlights
        search = search.highlight_options(**HIGHLIGHT_OPTIONS)
        for field, options in HIGHLIGHT_FIELDS.items():
            search = search.highlight(field, **options)
        return search


# --- The engine ------------------------------------------------------------------------
T = TypeVar("T")


def asked_once(method: Callable[..., T]) -> Callable[..., T]:
    """``method``, answered once per search for the same query text and language.

    A search asks the same thing at several of its steps (as typed, for partial
    matches, for the words to leave out); each answer is a request to the cluster,
    or a database query for the glossary. Outside a search every call asks.
    """

    @wraps(method)
    def answered(engine: "ElasticsearchEngine", *queries: SearchQuery) -> T:
        if engine._answers is None:
            return method(engine, *queries)
        key = (method.__name__, *((query.text, query.language) for query in queries))
        if key not in engine._answers:
            engine._answers[key] = method(engine, *queries)
        return engine._answers[key]

    return answered


@lru_cache(maxsize=4)
def client_for(url: str) -> Elasticsearch:
    """One client (and connection pool) per cluster for the whole process."""
    return Elasticsearch(url, request_timeout=REQUEST_TIMEOUT, max_retries=1, retry_on_timeout=True)


@contextmanager
def reachable() -> Iterator[None]:
    """Report a cluster that cannot answer as ``SearchUnavailable``, which the view explains to readers."""
    try:
        yield
    except TransportError as error:
        raise SearchUnavailable(str(error)) from error
    except ApiError as error:
        if error.meta.status >= 500 or error.meta.status == 429:
            raise SearchUnavailable(str(error)) from error
        raise


class ElasticsearchEngine(SearchEngine):
    """Entries in one alias per language (``<prefix>-es``, ``<prefix>-en``, ...), written at once."""

    name = "elasticsearch"

    def __init__(self, url: str | None = None, prefix: str | None = None):
        self.client = client_for(url or settings.ELASTICSEARCH_URL)
        self.prefix = prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", DEFAULT_INDEX_PREFIX)
        self.languages = index_languages()

    def alias(self, language: str) -> str:
        return f"{self.prefix}-{language}"

    # The answers of one search's questions (``asked_once``); outside a search, None.
    _answers: dict[tuple, object] | None = None

    def search(self, query: SearchQuery) -> SearchResults:
        """As every engine searches, asking each question of its steps (the glossary, the query's
        common groups, unknown words and countries) once."""
        self._answers = {}
        try:
            return super().search(query)
        finally:
            self._answers = None

    @asked_once
    def glossary(self) -> Glossary:
        return current_glossary()

    @property
    def aliases(self) -> list[str]:
        return [self.alias(language) for language in self.languages]

    # --- Writing ----------------------------------------------------------------
    def replace(self, source: str, entries: Sequence[IndexEntry]) -> None:
        kept = {entry.language for entry in entries}
        actions = [_index_action(self.alias(entry.language), entry, kept) for entry in entries]
        actions += [
            {"_op_type": "delete", "_index": self.alias(language), "_id": source}
            for language in self.languages
            if language not in kept
        ]
        with reachable():
            self._ensure_indexes()
            helpers.bulk(self.client, actions, refresh=True, ignore_status=404)

    def add(self, entries: Iterable[IndexEntry]) -> int:
        with reachable():
            self._ensure_indexes()
            added = self._bulk_index(entries, {language: self.alias(language) for language in self.languages})
            self.client.indices.refresh(index=self.aliases)
        return added

    def clear(self) -> None:
        """Point every alias at a new empty index (and drop the old ones) in one atomic step."""
        with reachable():
            self._swap(self._create_indexes(self.languages))

    def rebuild(self, entries: Iterable[IndexEntry]) -> int:
        """Index ``entries`` into new indexes, then swap the aliases: the old index serves until then."""
        with reachable():
            new = self._create_indexes(self.languages)
            try:
                added = self._bulk_index(entries, new)
                self.client.indices.refresh(index=list(new.values()))
            except BaseException:
                self.client.indices.delete(index=list(new.values()), ignore_unavailable=True)
                raise
            self._swap(new)
        return added

    def _bulk_index(self, entries: Iterable[IndexEntry], indexes: dict[str, str]) -> int:
        actions = (
            _index_action(indexes[entry.language], entry, versions)
            for entry, versions in with_versions(entries)
        )
        client = self.client.options(request_timeout=BULK_TIMEOUT)
        added, _errors = helpers.bulk(client, actions, chunk_size=BULK_CHUNK, max_chunk_bytes=20_000_000)
        return added

    def _create_indexes(self, languages: Iterable[str]) -> dict[str, str]:
        """A new, empty, timestamped index per language, not yet behind its alias."""
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        synonyms = synonym_rules(current_glossary().sets)
        created = {}
        for language in languages:
            name = f"{self.alias(language)}-{stamp}"
            index_definition(name, language, synonyms).create(using=self.client)
            created[language] = name
        return created

    def _aliased_indexes(self) -> dict[str, list[str]]:
        """The indexes currently behind each existing alias."""
        found = self.client.options(ignore_status=404).indices.get_alias(name=self.aliases).body
        aliased: dict[str, list[str]] = {}
        for index, details in found.items():
            for alias in details.get("aliases", {}) if isinstance(details, dict) else ():
                aliased.setdefault(alias, []).append(index)
        return aliased

    def _ensure_indexes(self) -> None:
        """Create the index and alias of languages that have none (first use of a cluster).

        Writing to a missing alias would make Elasticsearch create a plain index
        without our analyzers, so every write checks first.
        """
        aliased = self._aliased_indexes()
        missing = [language for language in self.languages if self.alias(language) not in aliased]
        if missing:
            self._swap(self._create_indexes(missing))

    def _swap(self, new: dict[str, str]) -> None:
        current = self._aliased_indexes()
        self.client.indices.update_aliases(
            actions=swap_actions({self.alias(lang): new[lang] for lang in new}, current)
        )

    def count(self) -> int:
        with reachable():
            try:
                return self.client.count(index=self.aliases)["count"]
            except NotFoundError:
                return 0

    def versions(self, source: str) -> dict[str, IndexedVersion]:
        search = Search(using=self.client, index=self.aliases).filter("term", source=source)
        search = search.source(["language", "url", "title"])[: len(self.languages)]
        with reachable():
            try:
                return {hit.language: IndexedVersion(hit.url, hit.title) for hit in search.execute()}
            except NotFoundError:
                return {}

    # --- Searching --------------------------------------------------------------
    def search_as_typed(self, query: SearchQuery) -> SearchResults:
        analyzed = self._analyzed(query)
        if not analyzed:
            return SearchResults(query, [], 0, empty_facets())
        with reachable():
            results = self._run(query, relaxed=False)
            if results.total < COMMON_OPTIONAL_BELOW and (common := self.common_spans(query)):
                results = self._run(query, relaxed=False, common=common)
            if results.total < FEW_RESULTS:
                results = self._with_partial_matches(query, analyzed, results)
        return results

    def _with_partial_matches(
        self, query: SearchQuery, analyzed: dict[str, AnalyzedQuery], results: SearchResults
    ) -> SearchResults:
        """``results``, or the partial matches after them when the query has some (``partial_matches_of``,
        or two glossary expressions: ``two_concepts``)."""
        longest = max(analyzed.values(), key=AnalyzedQuery.clause_count)
        concepts = two_concepts(query, self.glossary().sets)
        names_a_country = cache(lambda: self._names_a_country(query))
        if asks_for_a_countrys_figure(query, lambda: bool(self.named_countries(query))) or (
            not partial_matches_of(longest, names_a_country) and concepts is None
        ):
            return results
        countries = self.named_countries(query)
        partial = self._run(
            query,
            relaxed=True,
            complete=results.total,
            countries=countries,
            concepts=concepts,
            common=self.common_spans(query),
            about_answers=bool(countries) and names_a_country() and not query.asks_for_a_figure(),
            ordinals=typed_ordinals(query, self.glossary().sets),
        )
        return partial if partial.total > results.total else results

    def _names_a_country(self, query: SearchQuery) -> bool:
        """Whether ``query`` names a country and has no word no entry has, left out or not: a partial
        match of two words would then be the country's name alone ("elecciones en México"), which
        the database engines refuse too."""
        return bool(self.named_countries(query)) and not query.left_out and not self.unknown_words(query)

    def _analyzed(self, query: SearchQuery) -> dict[str, AnalyzedQuery]:
        """The query's terms in each language that has any left (reader's language first).

        Every language is searched (see ``scope_filter`` for the default scope).
        """
        languages = [query.language, *(language for language in self.languages if language != query.language)]
        analyzed = {language: query.parsed.analyzed(language) for language in languages}
        return {language: terms for language, terms in analyzed.items() if not terms.is_empty()}

    def _indexes(self, query: SearchQuery) -> dict[str, str]:
        return {language: self.alias(language) for language in self._analyzed(query)}

    def entry_search(
        self,
        query: SearchQuery,
        relaxed: bool = False,
        countries: dict[str, str] | None = None,
        common: Sequence[range] = (),
        concepts: tuple[str, ...] | None = None,
        about_answers: bool = False,
        ordinals: tuple[str, ...] = (),
    ) -> EntrySearch:
        return EntrySearch(
            self.client,
            self._indexes(query),
            query,
            relaxed,
            countries,
            common,
            concepts,
            about_answers,
            ordinals,
        )

    def _run(
        self,
        query: SearchQuery,
        relaxed: bool,
        complete: int = 0,
        countries: dict[str, str] | None = None,
        common: Sequence[range] = (),
        concepts: tuple[str, ...] | None = None,
        about_answers: bool = False,
        ordinals: tuple[str, ...] = (),
    ) -> SearchResults:
        """The requested page; ``relaxed``, the ``complete`` matches (every word) first, then partial ones."""
        entry_search = self.entry_search(query, relaxed, countries, common, concepts, about_answers, ordinals)
        try:
            response = entry_search.execute()
        except NotFoundError:
            return SearchResults(query, [], 0, empty_facets())
        raw = response.to_dict()
        total = (
            raw["aggregations"]["pages"]["value"] if entry_search.collapsed else raw["hits"]["total"]["value"]
        )
        if total == 0:
            return SearchResults(query, [], 0, empty_facets())
        hits = [_hit(found) for found in raw["hits"]["hits"]]
        if not query.all_languages:
            hits = self.in_reader_language(hits, raw["hits"]["hits"], query.language)
        facets = entry_search.facet_counts(raw["aggregations"])
        return SearchResults(
            query, hits, total, facets, relaxed=relaxed, complete=complete if relaxed else total
        )

    def in_reader_language(self, hits: list[Hit], found: list[dict], language: str) -> list[Hit]:
        """``hits`` with each one in another language whose page has a version in ``language``
        replaced by that version (one request for them all), keeping its place and score."""
        documents = [
            item["inner_hits"][SHOWN_VERSION]["hits"]["hits"][0] if "inner_hits" in item else item
            for item in found
        ]
        wanted = [
            hit.source
            for hit, document in zip(hits, documents, strict=True)
            if hit.language != language and language in document["_source"].get("versions", ())
        ]
        if not wanted:
            return hits
        response = self.client.mget(index=self.alias(language), ids=wanted, source_excludes=["keywords"])
        versions = {item["_id"]: item["_source"] for item in response["docs"] if item.get("found")}
        return [
            _hit({"_source": versions[hit.source], "_score": hit.score})
            if hit.source in versions and hit.language != language
            else hit
            for hit in hits
        ]

    def unknown_word_searches(self, query: SearchQuery) -> list[tuple[str, Search]]:
        """For each significant word, and each of the glossary's expressions of several words among
        them (as typed), a search of every language's entries for any with it (its glossary
        equivalents included, by the search analyzer), counting at most one."""
        expressions = expression_words(query, self.glossary().sets).values()
        return [
            (
                text,
                Search(index=self.aliases)
                .query(matching(text, query.language, type="cross_fields", operator="and"))
                .extra(size=0, track_total_hits=1, terminate_after=1),
            )
            for text in dict.fromkeys([*significant_words(query), *expressions])
        ]

    def common_group_search(self, query: SearchQuery) -> tuple[list[range], Search] | None:
        """The spans of the query's groups (``ParsedQuery.group_spans``) and one search counting
        every entry and those that match each group; None for a query of fewer than two clauses."""
        if query.parsed.analyzed(query.language).clause_count() < 2:
            return None  # one word or phrase (the glossary only joins words into fewer groups)
        spans = query.parsed.group_spans(query.language, self.glossary().sets)
        if len(spans) + len(query.parsed.phrases) < 2:
            return None
        typed = words(query.parsed.loose)
        groups = {
            str(number): matching(
                " ".join(typed[span.start : span.stop]), query.language, type="cross_fields", operator="and"
            )
            for number, span in enumerate(spans)
        }
        search = Search(index=self.aliases).extra(size=0, track_total_hits=True)
        search.aggs.bucket("groups", "filters", filters=groups)
        return spans, search

    def common_spans(self, query: SearchQuery) -> list[range]:
        """The spans of the query's common groups, if words of others remain."""
        spans, common = self._common_groups(query)
        if len(common) == len(spans) and not query.parsed.phrases:
            return []
        return common

    def common_words(self, query: SearchQuery) -> set[str]:
        typed = words(query.parsed.loose)
        return {typed[position] for span in self._common_groups(query)[1] for position in span}

    @asked_once
    def _common_groups(self, query: SearchQuery) -> tuple[list[range], list[range]]:
        """The spans of the query's groups, and those of its common ones (generic words, or words of
        ``COMMON_SHARE`` of the entries)."""
        found = self.common_group_search(query)
        if found is None:
            return [], []
        spans, search = found
        try:
            response = search.using(self.client).execute()
        except NotFoundError:
            return spans, []
        least = common_least(response.hits.total.value)
        buckets = response.aggregations.groups.buckets
        generic = self.generic_spans(query)
        return spans, [
            span
            for number, span in enumerate(spans)
            if span in generic or buckets[str(number)].doc_count >= least
        ]

    def generic_spans(self, query: SearchQuery) -> list[range]:
        """The spans of the query's groups that are generic words (``GENERIC_WORDS``): common
        whatever share of the entries has them."""
        sets = self.glossary().sets
        groups = query.parsed.analyzed(query.language, sets).groups
        spans = query.parsed.group_spans(query.language, sets)
        return [span for span, group in zip(spans, groups, strict=True) if group.generic]

    def country_word_search(self, query: SearchQuery) -> Search | None:
        """The country profiles whose whole title (folded) is one of the query's significant words or
        runs of typed words ("costa rica", "trinidad and tobago"), by title, with their country code;
        None for a query without such words."""
        candidates = [*significant_words(query), *name_runs(query)]
        if not candidates:
            return None
        search = (
            Search(index=self.aliases)
            .filter("term", kind="country")
            .filter("terms", **{"title.whole": candidates})
            .extra(size=0)
        )
        search.aggs.bucket("names", "terms", field="title.whole", size=len(candidates)).bucket(
            "codes", "terms", field="countries", size=1
        )
        return search

    @asked_once
    def named_countries(self, query: SearchQuery) -> dict[str, str]:
        """The query's words that are a country profile's whole title (folded), with its code."""
        search = self.country_word_search(query)
        if search is None:
            return {}
        try:
            with reachable():
                response = search.using(self.client).execute()
        except NotFoundError:
            return {}
        return {
            bucket.key: bucket.codes.buckets[0].key
            for bucket in response.aggregations.names.buckets
            if bucket.codes.buckets
        }

    def country_words(self, query: SearchQuery) -> set[str]:
        significant = set(significant_words(query))
        return {word for name in self.named_countries(query) for word in name.split() if word in significant}

    @asked_once
    def unknown_words(self, query: SearchQuery) -> list[str]:
        searches = self.unknown_word_searches(query)
        if not searches:
            return []
        multi = MultiSearch(using=self.client, index=self.aliases)
        for _word, search in searches:
            multi = multi.add(search)
        try:
            with reachable():
                responses = multi.execute()
        except NotFoundError:
            return []
        texts = [text for text, _search in searches]
        found = {
            text: bool(response.hits.total.value) for text, response in zip(texts, responses, strict=True)
        }
        return unknown_among(query, self.glossary().sets, found.__getitem__)

    # --- Did you mean ---------------------------------------------------------------
    def suggestion_search(self, query: SearchQuery) -> Search:
        """The term suggester on the unstemmed words, for words no entry contains."""
        search = Search(using=self.client, index=list(self._indexes(query).values()))
        text = " ".join(query.parsed.words())
        for name, field in SPELLING_FIELDS.items():
            search = search.suggest(name, text, term={"field": field, **SUGGESTER_OPTIONS})
        return search.extra(size=0)

    def suggestions(self, query: SearchQuery) -> list[str]:
        try:
            with reachable():
                response = self.suggestion_search(query).execute().to_dict()
        except NotFoundError:
            return []
        corrections: dict[str, list[str]] = {}
        for name in SPELLING_FIELDS:
            for entry in response.get("suggest", {}).get(name, []):
                options = [option["text"] for option in entry["options"]]
                corrections.setdefault(entry["text"], []).extend(options)
        return corrected_queries(query.parsed.text, corrections, spelt_right=self.spelt_right(query))

    # --- Autocomplete -----------------------------------------------------------------
    def completion_search(self, text: str, language: str, limit: int = 8) -> Search | None:
        """Titles with a word beginning with each typed word (typos forgiven), and the titles' phrases
        beginning with the typed text as whole queries; None when too little was typed."""
        typed = " ".join(words(text)[:8])
        if len(typed) < 2:
            return None
        matching = Q("match", **{"title.prefix": {"query": typed, "operator": "and", **COMPLETION_FUZZINESS}})
        search = Search(using=self.client, index=self.alias(language)).query(matching)
        search = search.sort("kind_rank", "_score", "source").source(["title", "url", "kind"])[:limit]
        completion = {
            "field": "suggest",
            "size": COMPLETION_QUERIES,
            "skip_duplicates": True,
            "fuzzy": COMPLETION_FUZZINESS,
        }
        return search.extra(suggest={QUERY_KIND: {"prefix": typed, "completion": completion}})

    def complete(self, text: str, language: str, limit: int = 8) -> list[Completion]:
        search = self.completion_search(text, language, limit)
        if search is None:
            return []
        with reachable():
            try:
                response = search.execute().to_dict()
            except NotFoundError:
                return []
        pages = [
            Completion(hit["_source"]["title"], hit["_source"]["url"], hit["_source"]["kind"])
            for hit in response["hits"]["hits"]
        ]
        suggested = response.get("suggest", {}).get(QUERY_KIND, [])
        queries = [option["text"] for entry in suggested for option in entry["options"]]
        return pages[: limit - len(queries)] + [Completion(query, "", QUERY_KIND) for query in queries]


def swap_actions(new: dict[str, str], current: dict[str, list[str]]) -> list[dict]:
    """One atomic alias update: each alias onto its new index, the indexes it leaves deleted."""
    actions: list[dict] = [{"add": {"index": index, "alias": alias}} for alias, index in new.items()]
    old = sorted({index for alias in new for index in current.get(alias, [])})
    return actions + [{"remove_index": {"index": index}} for index in old]


def corrected_queries(
    text: str, corrections: dict[str, list[str]], spelt_right: set[str] = frozenset()
) -> list[str]:
    """Whole queries: ``text`` with each alternative for the first misspelt word, every other one at
    its best (``respelt``); the words ``spelt_right`` (places' names, the words that frame a
    question) are left as typed."""
    corrections = {
        word: list(dict.fromkeys(options))
        for word, options in corrections.items()
        if options and word not in spelt_right
    }
    first = next((word for word in words(text) if word in corrections), None)
    if first is None:
        return []
    best = {word: options[0] for word, options in corrections.items()}
    return [respelt(text, best | {first: alternative}) for alternative in corrections[first][:3]]


def with_versions(entries: Iterable[IndexEntry]) -> Iterator[tuple[IndexEntry, set[str]]]:
    """Each entry with the languages of its source's entries (a source's entries come one after another)."""
    for _source, group in groupby(entries, key=lambda entry: entry.source):
        siblings = list(group)
        languages = {entry.language for entry in siblings}
        for entry in siblings:
            yield entry, languages


def _index_action(index: str, entry: IndexEntry, versions: Iterable[str] = ()) -> dict:
    return {"_index": index, "_id": entry.source, "_source": entry_document(entry, versions)}


def entry_document(entry: IndexEntry, versions: Iterable[str] = ()) -> dict:
    return {
        "versions": sorted(set(versions) | {entry.language}),
        "source": entry.source,
        "language": entry.language,
        "kind": entry.kind,
        "kind_rank": COMPLETION_RANK.get(entry.kind, len(COMPLETION_RANK)),
        "title": entry.title,
        "suggest": title_phrases(entry.title),
        "text": entry.text,
        "keywords": entry.keywords,
        "url": entry.url,
        "date": entry.date.isoformat() if entry.date else None,
        "year": str(entry.year) if entry.year else None,
        "countries": list(entry.countries),
        "topics": list(entry.topics),
        "sections": [{"label": label, "text": entry.text[start:end]} for label, start, end in entry.sections],
    }


def title_phrases(title: str) -> list[str]:
    """The runs of one to three words of a title, lower-cased with their accents: the queries it offers."""
    spans = [(start, end) for start, end, _pieces in word_spans(title)]
    return list(
        dict.fromkeys(
            title[spans[first][0] : spans[last][1]].lower()
            for first in range(len(spans))
            for last in range(first, min(first + SUGGESTED_PHRASE_WORDS, len(spans)))
        )
    )


_MARK = re.compile(r"(</?mark>)")


def escaped_marks(fragment: str) -> str:
    """Highlighter output escaped as Django escapes, keeping only the <mark> tags.

    The "html" encoder already escaped the text (so a literal "<mark>" in it
    cannot reach here as a tag); escaping again the Django way makes the HTML
    identical to the database engines' (Lucene also escapes "/").
    """
    return "".join(
        part if part in ("<mark>", "</mark>") else escape(unescape(part)) for part in _MARK.split(fragment)
    )


def _hit(found: dict) -> Hit:
    score = found.get("_score") or 0.0
    if SHOWN_VERSION in found.get("inner_hits", {}):
        found = found["inner_hits"][SHOWN_VERSION]["hits"]["hits"][0]
    document, highlights = found["_source"], found.get("highlight", {})
    title_html = escaped_marks(highlights["title"][0]) if "title" in highlights else escape(document["title"])
    snippet_html = escaped_marks(highlights["text"][0]) if "text" in highlights else ""
    label = ""
    if document.get("sections"):
        label, snippet_html = _section_snippet(document, [title_html, snippet_html])
    return Hit(
        source=document["source"],
        language=document["language"],
        kind=document["kind"],
        title=document["title"],
        url=document["url"],
        title_html=title_html,
        snippet_html=snippet_html,
        snippet_label=label,
        score=float(score),
        date=datetime.date.fromisoformat(document["date"][:10]) if document.get("date") else None,
        year=int(document["year"]) if document.get("year") else None,
        countries=tuple(document.get("countries", ())),
        topics=tuple(document.get("topics", ())),
    )


_MARKED = re.compile(r"<mark>(.*?)</mark>")


def _section_snippet(document: dict, marked: list[str]) -> tuple[str, str]:
    """The labelled field that matches, its words marked as Elasticsearch marked them elsewhere."""
    language = document["language"]
    terms = {
        term
        for html in marked
        for word in _MARKED.findall(html)
        for term in analyze(unescape(word), language)
    }
    sections = document["sections"]
    text = "\n".join(section["text"] for section in sections)
    spans, position = [], 0
    for section in sections:
        spans.append((section["label"], position, position + len(section["text"])))
        position += len(section["text"]) + 1
    return section_snippet(text, spans, terms, language)
