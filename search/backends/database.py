"""The embedded engines: SQLite FTS5 and PostgreSQL full text, over the SearchEntry table.

Terms are analysed in Python (``search.analysis``) before they reach the database,
so both engines match the same entries. The database's full-text index gives
each term's entries, kept per process and index version (``search.backends.postings``);
matching, filtering by language and facet, counting facets and ordering happen
in memory, over numpy arrays of those postings and of every entry's facets
(``EntryFacts``), because joining tens of thousands of matches back to their rows
(or intersecting them with a language term) is what made large result sets slow.

Ranking: when a query matches at most RANK_LIMIT entries, all are ranked by
bm25 (SQLite's, worked out from the postings) or by PostgreSQL's ts_rank of each clause weighed
by bm25's idf, doubled for entries
whose title has every word (among partial matches, one of them); the best
RESCORE_WINDOW are then doubled again when they have the words in the typed
order (a name, a sentence quoted from a document), as Elasticsearch's phrase
boost does, and among them an entry whose title is exactly what was typed
comes first. Scoring is the expensive part, so above RANK_LIMIT only entries
whose title matches are scored (the newest RANK_LIMIT of them); the others
follow, newest first. Partial matches always follow the entries with every word.
"""

import difflib
import hashlib
import threading
import uuid
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import islice

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Greatest

import numpy as np

from network.memo import kept
from search.analysis import analyze, is_stop_word, respelt, word_spans, words
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
    asks_for_a_countrys_figure,
    common_least,
    empty_facets,
    named_years,
    partial_matches_of,
    significant_words,
    unknown_among,
)
from search.backends.postings import (
    KEPT,
    NO_IDS,
    EntryIds,
    EntryLengths,
    Postings,
    bm25,
    intersection,
    members,
    rarity,
    union,
    varint_sums,
)
from search.glossary import (
    FINGERPRINT_COLUMNS,
    Glossary,
    current_glossary,
    glossary_for,
    glossary_terms,
    is_glossary_term,
)
from search.highlight import highlight, section_snippet, snippet
from search.models import GlossaryEntry, SearchEntry, SearchIndexVersion, SearchTerm
from search.query import AnalyzedQuery, ParsedQuery, TermGroup, parse_query

# Entries in the reader's language rank a little higher when every language is searched.
READER_LANGUAGE_BOOST = 1.25
RANK_LIMIT = 2000
# A page found only through its version in another language (a query in the other language) is shown
# in the reader's language, its score weighed by this, below pages the reader's words find directly.
TRANSLATED_MATCH_WEIGHT = 0.7
TITLE_MATCH_BOOST = 2.0
IN_ORDER_BOOST = 2.0
# How many of the best-scored candidates are checked for the words in the typed order.
RESCORE_WINDOW = 30
ANALYSED_COLUMNS = ("title_terms", "text_terms", "keyword_terms", "title_words")
# The columns of the SQLite full-text index, in order, and their weights in bm25.
BM25_WEIGHTS = {"title_terms": 10.0, "text_terms": 1.0, "keyword_terms": 3.0}
# The analysed columns that end with the glossary's terms (``_with_concepts``).
GLOSSARY_COLUMNS = ("title_terms", "text_terms", "keyword_terms")
# Autocomplete looks at this many of the newest matching titles.
COMPLETION_CANDIDATES = 2000
BATCH_SIZE = 500
SUGGESTION_WORD_LENGTH = (3, 25)
# Misspelt words of up to this many letters are corrected only into words one letter away; longer
# ones into words at most MAX_EDITS away ("military" is not "ministry").
ONE_EDIT_UP_TO = 5
MAX_EDITS = 2
# Words difflib finds alike, reordered by their edits (``DatabaseEngine._closest``).
CLOSE_CANDIDATES = 10
COMPLETION_KINDS_FIRST = ("country", "topic", "event")
# Whole queries suggested after the pages; typed words this long or longer may be corrected.
COMPLETION_QUERIES = 3
CORRECTED_PREFIX_LENGTH = 4
CORRECTION_CANDIDATES = 3000
# Words are [a-z0-9]: every word starting with "lic" sorts between "lic" and "lic" + PREFIX_END.
PREFIX_END = "z" * 41
MAX_QUERY_WORDS = 6


class EntryFacts:
    """What filtering, ordering and facet counting need of every entry, as boolean arrays.

    Each entry has a position, and a set of entries is a numpy boolean array over
    the positions, so filtering is ``&`` and counting a facet value is a
    ``count_nonzero``: a few milliseconds for every facet of 100,000 entries,
    where counting in a Python loop took a hundred. The entries with each facet value
    are kept as bits, one row per value, and counted together (``bitwise_count``); a
    value asked for as a filter is unpacked. The two language versions of
    a page sit side by side (position = 2 × page + slot), so "one entry per page"
    is a shift. Built once per index version, by every process that searches.
    """

    def __init__(self, rows: Iterable[tuple], languages: Sequence[str]) -> None:
        """Read ``rows`` (id, source, language, kind, year, date, countries, topics) ordered by
        source, so that the language versions of a page come one after the other.

        What is read of each row goes into C arrays of numbers, never into a Python object per
        entry or per facet value: at 49,118 entries, lists of tuples and ints peaked at 22 MiB
        for 6 MiB of arrays, and a worker kept most of that peak as resident memory after its
        first search.
        """
        self.slots = {language: slot for slot, language in enumerate(languages[:2])}
        keys: dict[tuple[str, str], int] = {}
        numbers, positions, days = array("q"), array("q"), array("q")
        member_keys, member_positions = array("q"), array("q")
        page, previous_source = -1, None
        for number, source, language, kind, year, day, countries, topics in rows:
            if source != previous_source:
                page, previous_source = page + 1, source
            position = 2 * page + self.slots.get(language, 0)
            numbers.append(number)
            positions.append(position)
            days.append(day.toordinal() if day else 0)
            entry_keys = [("kind", kind), ("language", language)]
            entry_keys += [("year", str(year))] if year else []
            entry_keys += [("country", code) for code in countries.split()]
            entry_keys += [("topic", topic) for topic in topics.split()]
            for key in entry_keys:
                member_keys.append(keys.setdefault(key, len(keys)))
                member_positions.append(position)
        self.count = len(numbers)
        # The last position is a sink for ids the cache does not know (written after it was built).
        self.size = 2 * (page + 1) + 1
        self.sink = self.size - 1
        number_of, position_at = (
            np.frombuffer(numbers, dtype=np.int64),
            np.frombuffer(positions, dtype=np.int64),
        )
        self.entry_id = np.full(self.size, -1, dtype=np.int64)
        self.entry_id[position_at] = number_of
        self.position_of = np.full(int(number_of.max(initial=0)) + 1, self.sink, dtype=np.int64)
        self.position_of[number_of] = position_at
        # Age 0 is the newest entry; undated entries are the oldest, the newest of them first.
        newest_first = np.lexsort((number_of, np.frombuffer(days, dtype=np.int64)))[::-1]
        self.age = np.full(self.size, self.size, dtype=np.int64)
        self.age[position_at[newest_first]] = np.arange(len(newest_first))
        # One row of bits per facet value (a byte per entry would be 5 MiB at 50,000 entries).
        members = np.zeros((len(keys), self.size), dtype=bool)
        members[
            np.frombuffer(member_keys, dtype=np.int64), np.frombuffer(member_positions, dtype=np.int64)
        ] = True
        self.rows = keys
        self.members = np.packbits(members, axis=1)

    def mask_of_positions(self, positions: Sequence[int] | np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[positions] = True
        return mask

    def positions(self, ids: EntryIds) -> np.ndarray:
        """Each id's position; ids written after the facts were read go to the sink."""
        known = ids < len(self.position_of)
        return np.where(known, self.position_of[np.where(known, ids, 0)], self.sink)

    def mask(self, ids: EntryIds) -> np.ndarray:
        return self.mask_of_positions(self.positions(ids))

    def everything(self) -> np.ndarray:
        """Every entry the facts know (a page without one of the languages leaves a position empty)."""
        return self.entry_id >= 0

    def knows_all(self, mask: np.ndarray) -> bool:
        return not mask[self.sink]

    def mask_for(self, name: str, value: str) -> np.ndarray:
        """The entries whose facet ``name`` has ``value``."""
        row = self.rows.get((name, value))
        if row is None:
            return np.zeros(self.size, dtype=bool)
        return np.unpackbits(self.members[row], count=self.size).view(bool)

    def values(self, name: str) -> set[str]:
        """The values facet ``name`` has among the entries."""
        return {value for key, value in self.rows if key == name}

    def without_siblings_of(
        self, mask: np.ndarray, reader_mask: np.ndarray, language: str, reader_language: str
    ) -> np.ndarray:
        """``mask`` minus the entries whose other-language version is in ``reader_mask``."""
        shift = self.slots.get(language, 0) - self.slots.get(reader_language, 0)
        if not shift:
            return mask
        shadow = np.zeros_like(reader_mask)
        if shift > 0:
            shadow[shift:] = reader_mask[:-shift]
        else:
            shadow[:shift] = reader_mask[-shift:]
        return mask & ~shadow

    def translated(self, mask: np.ndarray, language: str, reader_language: str) -> np.ndarray:
        """The reader's-language versions of the pages of ``mask``'s entries in ``language``
        (only those pages that have one); the reverse move when the languages are swapped."""
        moved = np.zeros_like(mask)
        if language not in self.slots or reader_language not in self.slots or language == reader_language:
            return moved
        shift = self.slots[reader_language] - self.slots[language]
        source = mask.copy()
        source[self.sink] = False
        if shift > 0:
            moved[shift:] = source[:-shift]
        else:
            moved[:shift] = source[-shift:]
        moved[self.sink] = False
        return moved & self.mask_for("language", reader_language)

    def counts(self, mask: np.ndarray) -> dict[tuple[str, str], int]:
        """How many entries of ``mask`` have each facet value (those that have any)."""
        counts = np.bitwise_count(self.members & np.packbits(mask)).sum(axis=1, dtype=np.int64)
        return {key: int(counts[row]) for key, row in self.rows.items() if counts[row]}

    def ids(self, mask: np.ndarray) -> EntryIds:
        return self.entry_id[np.flatnonzero(mask)]

    def newest(self, mask: np.ndarray, count: int) -> EntryIds:
        """The ids of the ``count`` most recent entries of ``mask``, newest first, undated last."""
        if count <= 0:
            return NO_IDS
        positions = np.flatnonzero(mask)
        if len(positions) > count:
            positions = positions[np.argpartition(self.age[positions], count - 1)[:count]]
        return self.entry_id[positions[np.argsort(self.age[positions])]]


class FactsCache:
    """Every entry's facts, reloaded when SearchIndexVersion changes (any process's write changes it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._facts = EntryFacts([], [])

    def get(self, force: bool = False, version: str | None = None) -> EntryFacts:
        """The facts of index ``version`` (by default, the one in force now)."""
        key = (connection.settings_dict["NAME"], current_version() if version is None else version)
        with self._lock:
            if force or key != self._key:
                self._facts = EntryFacts(_fact_rows(), [code for code, _name in settings.LANGUAGES])
                self._key = key
            return self._facts


def current_version() -> str:
    return SearchIndexVersion.objects.values_list("token", flat=True).first() or ""


class Snapshot:
    """What one search reads before it asks anything: the index version and the glossary.

    Read in one query and kept for the whole search (the words as typed, the
    suggestions and the corrected query), where each part read them again before:
    five small queries more per corrected search, each a round trip to PostgreSQL.
    """

    def __init__(self) -> None:
        version_table = SearchIndexVersion._meta.db_table
        glossary_table = GlossaryEntry._meta.db_table
        sql = (
            f"SELECT (SELECT token FROM {version_table} ORDER BY id LIMIT 1), "  # noqa: S608 (table names)
            f"(SELECT glossary FROM {version_table} ORDER BY id LIMIT 1), "
            f"{FINGERPRINT_COLUMNS} FROM {glossary_table}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            token, indexed_glossary, *fingerprint = cursor.fetchone()
        self.version: str = token or ""
        self.glossary: Glossary = glossary_for(tuple(fingerprint))
        # Whether every entry holds this glossary's concept terms (``search.glossary``).
        self.concepts: bool = indexed_glossary == self.glossary.digest

    def analyzed(self, parsed: ParsedQuery, language: str) -> AnalyzedQuery:
        """``parsed`` in ``language``'s terms, expanded with the glossary, by concept where the
        index holds the concept terms of ``language`` (a document's other language has none)."""
        concepts = self.concepts and language in _site_languages()
        return parsed.analyzed(language, self.glossary.sets, concepts=concepts)


def _fact_rows() -> Iterable[tuple]:
    columns = ("pk", "source", "language", "kind", "year", "date", "countries", "topics")
    # In the order of the unique index on (source, language): a page's versions come together.
    # A thousand rows at a time: 5,000 left the process 4 MiB larger, and took as long.
    return SearchEntry.objects.order_by("source", "language").values_list(*columns).iterator(chunk_size=1000)


FACTS = FactsCache()


class DatabaseEngine(SearchEngine):
    """What both database engines share: storage, facets, ordering, paging, suggestions."""

    # --- Writing ----------------------------------------------------------------
    def replace(self, source: str, entries: Sequence[IndexEntry]) -> None:
        with transaction.atomic():
            old = list(SearchEntry.objects.filter(source=source))
            if old:
                self._count_words(old, -1)
                SearchEntry.objects.filter(source=source).delete()
            _bump_version(self._insert(entries))

    def add(self, entries: Iterable[IndexEntry]) -> int:
        added, iterator = 0, iter(entries)
        while batch := list(islice(iterator, BATCH_SIZE)):
            with transaction.atomic():
                _bump_version(self._insert(batch))
            added += len(batch)
        return added

    def clear(self) -> None:
        with transaction.atomic():
            SearchEntry.objects.all()._raw_delete(connection.alias)
            SearchTerm.objects.all()._raw_delete(connection.alias)
            _bump_version(current_glossary().digest, emptied=True)

    def count(self) -> int:
        return SearchEntry.objects.count()

    def versions(self, source: str) -> dict[str, IndexedVersion]:
        rows = SearchEntry.objects.filter(source=source).values_list("language", "url", "title")
        return {language: IndexedVersion(url, title) for language, url, title in rows}

    def holds_glossary(self) -> bool:
        return Snapshot().concepts

    def rewrite_glossary_terms(self) -> bool:
        """Each entry's analysed columns with the concept terms of the glossary in force, in place.

        An entry's terms are the text's own and its glossary's, which alone start with
        ``TERM_PREFIX``: the glossary's are computed again from the text's, as ``_insert`` does,
        without reading a page or a document. The rows whose terms change are written back.
        """
        glossary = current_glossary()
        with transaction.atomic():
            ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
            for chunk in _chunks(ids, BATCH_SIZE):
                changed = []
                for row in SearchEntry.objects.filter(pk__in=chunk).only("language", *GLOSSARY_COLUMNS):
                    written = [getattr(row, column) for column in GLOSSARY_COLUMNS]
                    for column, terms in zip(GLOSSARY_COLUMNS, written, strict=True):
                        own = [term for term in terms.split() if not is_glossary_term(term)]
                        setattr(row, column, _with_concepts(own, row.language, glossary))
                    if [getattr(row, column) for column in GLOSSARY_COLUMNS] != written:
                        changed.append(row)
                SearchEntry.objects.bulk_update(changed, GLOSSARY_COLUMNS)
            _bump_version(glossary.digest, emptied=True)
        return True

    def _insert(self, entries: Sequence[IndexEntry]) -> str | None:
        """Write ``entries`` with the concept terms of the glossary in force; returns its digest."""
        if not entries:
            return None
        glossary = current_glossary()
        rows = SearchEntry.objects.bulk_create([_entry_row(entry, glossary) for entry in entries])
        self._count_words(rows, +1)
        return glossary.digest

    def _count_words(self, rows: Sequence[SearchEntry], step: int) -> None:
        """Keep the "did you mean" vocabulary's document frequencies in step with the index."""
        counts = Counter()
        for row in rows:
            counts.update((row.language, word) for word in _vocabulary(row))
        if not counts:
            return
        if step > 0:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO search_searchterm (language, word, frequency) VALUES (%s, %s, %s) "
                    "ON CONFLICT (language, word) DO UPDATE "
                    "SET frequency = search_searchterm.frequency + excluded.frequency",
                    [(language, word, count) for (language, word), count in counts.items()],
                )
            return
        for (language, count), group in _grouped(counts).items():
            for chunk in _chunks(group, 500):
                SearchTerm.objects.filter(language=language, word__in=chunk).update(
                    frequency=Greatest(F("frequency") - count, 0)
                )
        SearchTerm.objects.filter(frequency=0).delete()

    # --- Searching --------------------------------------------------------------
    _snapshot: Snapshot | None = None

    def search(self, query: SearchQuery) -> SearchResults:
        """As every engine searches, reading the index version and glossary once for all its steps."""
        self._snapshot = Snapshot()
        try:
            return super().search(query)
        finally:
            self._snapshot = None

    def _current(self) -> Snapshot:
        return self._snapshot or Snapshot()

    def glossary(self) -> Glossary:
        return self._current().glossary

    def search_as_typed(self, query: SearchQuery) -> SearchResults:
        snapshot = self._current()
        analyzed = {
            language: terms
            for language in self._languages(query, snapshot)
            if not (terms := snapshot.analyzed(query.parsed, language)).is_empty()
        }
        if not analyzed:
            return SearchResults(query, [], 0, empty_facets())
        matcher = Matcher(self, snapshot.version)
        selection, required = self._select(query, analyzed, matcher, relaxed=False), analyzed
        if selection.total < COMMON_OPTIONAL_BELOW:
            # Common groups are then optional in the complete matches; partial matches, when those
            # are still too few, need most of every group, as if none were common.
            required = {
                language: self._with_common_optional(terms, language, matcher)
                for language, terms in analyzed.items()
            }
            if required != analyzed:
                selection = self._select(query, required, matcher, relaxed=False)
        if selection.total < FEW_RESULTS and self._has_partial_matches(query, analyzed):
            partial = self._select(query, analyzed, matcher, relaxed=True)
            if partial.total > partial.complete_count:
                return self._page(query, analyzed, matcher, partial)
        return self._page(query, required, matcher, selection)

    def unknown_words(self, query: SearchQuery) -> list[str]:
        """See ``unknown_among``: whether an entry in some language has a word or expression is
        asked as a partial search asks it, and its matches are kept."""
        snapshot = self._current()
        matcher = Matcher(self, snapshot.version)
        languages = self._languages(query, snapshot)

        @cache
        def found(text: str) -> bool:
            return any(
                all(
                    len(matcher.clause_ids(AnalyzedQuery((group,), ())))
                    for group in snapshot.analyzed(parse_query(text), language).groups
                )
                for language in languages
            )

        return unknown_among(query, snapshot.glossary.sets, found)

    def country_words(self, query: SearchQuery) -> set[str]:
        """The words of the query's clauses that name a country (``_country_codes``), as the
        selection reads them: every word of a name of several ("costa", "rica"), and the glossary's
        equivalents ("Brasil" on the English site)."""
        snapshot = self._current()
        names = COUNTRY_NAMES.get(Matcher(self, snapshot.version)._generation)
        analyzed = {
            language: snapshot.analyzed(query.parsed, language)
            for language in self._languages(query, snapshot)
        }
        return {
            word
            for word in significant_words(query)
            if any(
                (group := _group_of(word, language, terms)) and _country_codes(names, language, group)
                for language, terms in analyzed.items()
            )
        }

    def _has_partial_matches(self, query: SearchQuery, analyzed: dict[str, AnalyzedQuery]) -> bool:
        """Whether partial matches are looked for, in some language (``partial_matches_of``); never
        for a question that asks for a country's figure (``asks_for_a_countrys_figure``)."""
        names_a_country = cache(lambda: bool(self.country_words(query)))
        if asks_for_a_countrys_figure(query, names_a_country):
            return False
        return any(partial_matches_of(terms, names_a_country) for terms in analyzed.values())

    def _with_common_optional(self, terms: AnalyzedQuery, language: str, matcher: "Matcher") -> AnalyzedQuery:
        """``terms`` with the groups that a large share of the entries in ``language`` match optional
        (``COMMON_SHARE``); each group's matches are what a partial search asks anyway, and are kept."""
        if terms.clause_count() < 2:
            return terms
        return terms.with_optional(self._common_groups(terms, language, matcher))

    def _common_groups(self, terms: AnalyzedQuery, language: str, matcher: "Matcher") -> list[int]:
        """The positions of the groups of ``terms`` that are generic words (``GENERIC_WORDS``) or
        that a large share of the entries in ``language`` match (``COMMON_SHARE``)."""
        facts = FACTS.get(version=matcher.version)
        in_language = facts.mask_for("language", language)
        least = common_least(np.count_nonzero(in_language))
        return [
            position
            for position, group in enumerate(terms.groups)
            if group.generic
            or np.count_nonzero(facts.mask(matcher.clause_ids(AnalyzedQuery((group,), ()))) & in_language)
            >= least
        ]

    def _telling(self, terms: AnalyzedQuery, language: str, matcher: "Matcher") -> EntryIds:
        """The entries with a clause of ``terms`` that says what the query is about: neither one of
        the words a large share of the entries in ``language`` have (``COMMON_SHARE``) nor a
        country's name. A partial match needs one: a page with "compras" and "México" alone is
        no answer to "presupuesto de compras de México"."""
        common = set(self._common_groups(terms, language, matcher))
        names = COUNTRY_NAMES.get(matcher._generation)
        clauses = [
            AnalyzedQuery((group,), ())
            for position, group in enumerate(terms.groups)
            if position not in common and not _country_codes(names, language, group)
        ]
        clauses += [AnalyzedQuery((), (phrase,)) for phrase in terms.phrases]
        return union([*map(matcher.clause_ids, clauses)])

    def common_words(self, query: SearchQuery) -> set[str]:
        snapshot = self._current()
        terms = snapshot.analyzed(query.parsed, query.language)
        if terms.is_empty():
            return set()
        matcher = Matcher(self, snapshot.version)
        common = {terms.groups[position] for position in self._common_groups(terms, query.language, matcher)}
        return {word for word in significant_words(query) if _group_of(word, query.language, terms) in common}

    def _languages(self, query: SearchQuery, snapshot: Snapshot) -> list[str]:
        """Every indexed language, the reader's first (see ``SearchQuery`` for what each scope shows)."""
        indexed = FACTS.get(version=snapshot.version).values("language")
        return [query.language, *sorted(indexed - {query.language})]

    def _select(
        self, query: SearchQuery, analyzed: dict[str, AnalyzedQuery], matcher: "Matcher", relaxed: bool
    ) -> "Selection":
        """The results in scope; ``relaxed``, those with most of the clauses (``complete``: with all)."""
        facts = FACTS.get(version=matcher.version)
        found = {language: matcher.ids(terms, relaxed) for language, terms in analyzed.items()}
        every = (
            {language: matcher.ids(terms, False) for language, terms in analyzed.items()} if relaxed else {}
        )
        if relaxed:
            found = {
                language: np.union1d(
                    every[language], np.intersect1d(ids, self._telling(analyzed[language], language, matcher))
                )
                for language, ids in found.items()
            }
        if not all(facts.knows_all(facts.mask(ids)) for ids in [*found.values(), *every.values()]):
            facts = FACTS.get(force=True)
        required = facts.everything()
        for name, values in query.filters.items():
            for value in values:
                required &= facts.mask_for(name, value)

        def scoped(ids_by_language: dict[str, EntryIds]) -> dict[str, np.ndarray]:
            return {
                language: _in_scope(query, language, facts.mask(ids) & required, facts)
                for language, ids in ids_by_language.items()
            }

        named = self._named_countries(analyzed, matcher, facts)
        matches = scoped(found)
        translated = _translated_matches(query, found, matches, required, facts)
        results = _one_per_source(matches, query.language, facts)
        for mask in translated.values():
            results = results | mask
        complete = results
        if relaxed:
            every_matches = scoped(every)
            complete = _one_per_source(every_matches, query.language, facts)
            for mask in _translated_matches(query, every, every_matches, required, facts).values():
                complete = complete | mask
            complete &= results
        if relaxed and named is not None:
            # A partial match must still be about the country the query names; the pages about it
            # that name it (its profile first) answer a question whose other words are generic,
            # words the site uses: not one with a word no page has ("elections in Chile"), left
            # out or not ("presupuesto anual de compras de México", searched without "anual"), nor
            # one that asks for a figure ("how many contracts did Chile award?").
            about = named[0] & named[2] & required & facts.mask_for("language", query.language)
            if query.left_out or query.asks_for_a_figure() or self.unknown_words(query):
                about = facts.mask_of_positions([])
            results, complete = (results | about) & named[1], complete & named[1]
            matches[query.language] = matches.get(query.language, about) | about
            # Those are found in the reader's language now: not again through another's.
            translated = {language: reached & ~about for language, reached in translated.items()}
        selection = Selection(facts, relaxed, matches, results, complete, translated)
        years = [facts.mask_for("year", year) for year in named_years(query)]
        if years:
            selection.year = np.logical_or.reduce(years)
        if named is not None and relaxed:
            # A complete match has the country's name already; among partial matches, those about
            # it rank higher, and its own profile most: what a question naming it and generic
            # words is about.
            selection.country = named[0].astype(float) + (named[0] & facts.mask_for("kind", "country"))
        return selection

    def _page(
        self,
        query: SearchQuery,
        analyzed: dict[str, AnalyzedQuery],
        matcher: "Matcher",
        selection: "Selection",
    ) -> SearchResults:
        """The requested page of the selected results, the complete matches first."""
        if not selection.total:
            return SearchResults(query, [], 0, empty_facets())
        ids, scores = self._ordered(query, analyzed, matcher, selection)
        page = slice(query.offset, query.offset + query.page_size)
        facets = _facet_counts(selection.facts.counts(selection.results))
        return SearchResults(
            query,
            self._hits(ids[page], scores[page], analyzed),
            selection.total,
            facets,
            relaxed=selection.relaxed,
            complete=selection.complete_count,
        )

    def _ordered(self, query, analyzed, matcher, selection: "Selection") -> tuple[EntryIds, np.ndarray]:
        """Ids and scores of the results up to the requested page, best first, the complete matches
        (every clause) before the others."""
        facts, relaxed, matches = selection.facts, selection.relaxed, selection.matches
        results, complete = selection.results, selection.complete
        wanted = query.offset + query.page_size
        if query.sort == SORT_DATE:
            newest = facts.newest(complete, wanted)
            newest = np.concatenate([newest, facts.newest(results & ~complete, wanted - len(newest))])
            return newest, np.zeros(len(newest))
        direct: dict[str, EntryIds] = {}
        for language, terms in analyzed.items():
            language_results = results & matches[language]
            if not language_results.any():
                continue
            # Entries whose title has every word of the query rank higher; among partial matches, those
            # whose title has one of them (the page is about it). Above RANK_LIMIT, only they are scored.
            if np.count_nonzero(language_results) <= RANK_LIMIT:
                direct[language] = facts.ids(language_results)
            else:
                titled = facts.mask(matcher.title_ids(terms, relaxed)) & language_results
                direct[language] = facts.newest(titled, RANK_LIMIT)
        through = {
            language: facts.newest(facts.translated(reached & results, query.language, language), RANK_LIMIT)
            for language, reached in selection.translated.items()
        }
        # A language's query scores its own entries and the versions through which the reader's were
        # found in one call: the database's scoring costs as much again for each call (bm25 counts
        # every glossary phrase across the whole index first).
        scored = {}
        for language in direct.keys() | through.keys():
            candidates = np.union1d(direct.get(language, NO_IDS), through.get(language, NO_IDS))
            if len(candidates):
                scored[language] = matcher.scores(analyzed[language], relaxed, candidates)
        scored_ids, scores = [NO_IDS], [np.zeros(0)]
        for language, candidates in direct.items():
            if not len(candidates):
                continue
            ids, language_scores, in_title = _among(scored[language], candidates)
            terms = analyzed[language]
            boost = READER_LANGUAGE_BOOST if language == query.language else 1.0
            title_boost = np.where(in_title, TITLE_MATCH_BOOST, 1.0)
            language_scores = language_scores * boost * title_boost * _named_boost(selection, ids)
            scored_ids.append(ids)
            scores.append(_in_order_boosted(matcher, terms, ids, language_scores, wanted))
        for language, candidates in through.items():
            ids, language_scores = self._translated_scores(
                query,
                language,
                _among(scored.get(language), candidates),
                selection,
                matcher,
                analyzed[language],
            )
            scored_ids.append(ids)
            scores.append(language_scores)
        ids, scores = np.concatenate(scored_ids), np.concatenate(scores)
        # Complete matches first, the entries titled as typed first among them; then best score first;
        # among equal scores, the newest.
        positions = facts.positions(ids)
        titled = _titled_as_typed(query, ids, scores, max(RESCORE_WINDOW, 2 * wanted))
        order = np.lexsort((facts.age[positions], -scores, ~titled, ~complete[positions]))
        ids, scores = ids[order], scores[order]
        if len(ids) < wanted:
            unscored = results.copy()
            unscored[facts.positions(ids)] = False
            newest = facts.newest(unscored & complete, wanted - len(ids))
            newest = np.concatenate(
                [newest, facts.newest(unscored & ~complete, wanted - len(ids) - len(newest))]
            )
            ids, scores = np.concatenate([ids, newest]), np.concatenate([scores, np.zeros(len(newest))])
        return ids, scores

    def _named_countries(
        self, analyzed: dict[str, AnalyzedQuery], matcher: "Matcher", facts: EntryFacts
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The entries about the countries the query names, those about or naming them, and those
        naming them.

        A country's name is a clause of the query equal to a country profile's title
        (or its glossary equivalent, "Brazil" for "Brasil"). In a natural question
        ("where does Chile publish its tenders?") the name is what the reader is
        after and the other words are generic: the entries about it rank higher,
        and a partial match must be about it or mention it.
        """
        names = COUNTRY_NAMES.get(matcher._generation)
        about, found = facts.mask_of_positions([]), False
        naming = facts.mask_of_positions([])
        for language, terms in analyzed.items():
            for group in terms.groups:
                codes = _country_codes(names, language, group)
                if not codes:
                    continue
                found = True
                for code in codes:
                    about |= facts.mask_for("country", code)
                naming |= facts.mask(matcher.clause_ids(AnalyzedQuery((group,), ())))
        return (about, about | naming, naming) if found else None

    def _translated_scores(
        self,
        query: SearchQuery,
        language: str,
        scored: tuple[EntryIds, np.ndarray, np.ndarray],
        selection: "Selection",
        matcher: "Matcher",
        terms: AnalyzedQuery,
    ) -> tuple[EntryIds, np.ndarray]:
        """Scores of the reader's-language entries found only through their version in ``language``,
        from that version's ``scored`` ids, scores and title matches (and the words in the typed order,
        as for direct matches): its score times TRANSLATED_MATCH_WEIGHT, so a page the reader's words
        find directly ranks above one found as well only through its translation."""
        facts = selection.facts
        ids, language_scores, in_title = scored
        if not len(ids):
            return NO_IDS, np.zeros(0)
        language_scores = language_scores * np.where(in_title, TITLE_MATCH_BOOST, 1.0)
        language_scores = language_scores * _named_boost(selection, ids)
        wanted = query.offset + query.page_size
        language_scores = _in_order_boosted(matcher, terms, ids, language_scores, wanted)
        shown = facts.translated(facts.mask(ids), language, query.language)
        # The versions sit side by side, so the order of positions is kept by the move.
        return facts.ids(shown), language_scores[np.argsort(facts.positions(ids), kind="stable")] * (
            TRANSLATED_MATCH_WEIGHT
        )

    def _hits(self, ids: EntryIds, scores: np.ndarray, analyzed: dict[str, AnalyzedQuery]) -> list[Hit]:
        ids = ids.tolist()
        entries = SearchEntry.objects.defer(*ANALYSED_COLUMNS).in_bulk(ids)
        return [
            _hit(entries[pk], score, analyzed)
            for pk, score in zip(ids, scores.tolist(), strict=True)
            if pk in entries
        ]

    # --- Did you mean ---------------------------------------------------------------
    def suggestions(self, query: SearchQuery) -> list[str]:
        """Whole queries with each unknown word swapped for the closest indexed words; the words
        ``spelt_right`` are left as typed."""
        languages = self._languages(query, self._current())
        typed = query.parsed.words()
        known = set(
            SearchTerm.objects.filter(language__in=languages, word__in=typed).values_list("word", flat=True)
        )
        spelt_right = known | self.spelt_right(query)
        unknown = [word for word in typed if word not in spelt_right and not _stop_word(word, languages)]
        replacements = {
            word: [*self._split(word, languages), *self._closest(word, languages)]
            for word in dict.fromkeys(unknown)
        }
        replacements = {word: close for word, close in replacements.items() if close}
        if not replacements:
            return []
        first = next(iter(replacements))
        suggestions = []
        for alternative in replacements[first]:
            chosen = {word: close[0] for word, close in replacements.items()} | {first: alternative}
            suggestions.append(respelt(query.parsed.text, chosen))
        return suggestions

    def _split(self, word: str, languages: list[str]) -> list[str]:
        """``word`` as two indexed words run together ("costarica" → "costa rica"), or nothing.

        Of the ways to cut it, the one whose rarer half is the most frequent: "datosabiertos"
        is "datos abiertos", not "dato sabiertos".
        """
        low, high = SUGGESTION_WORD_LENGTH
        if not 2 * low <= len(word) <= 2 * high or not word.isalpha():
            return []
        cuts = [(word[:cut], word[cut:]) for cut in range(low, len(word) - low + 1)]
        halves = {half for cut in cuts for half in cut}
        frequency: dict[str, int] = {}
        for term, count in SearchTerm.objects.filter(
            language__in=languages, word__in=halves, frequency__gt=0
        ).values_list("word", "frequency"):
            frequency[term] = max(count, frequency.get(term, 0))
        known = [
            (min(frequency[first], frequency[second]), first, second)
            for first, second in cuts
            if first in frequency and second in frequency
        ]
        if not known:
            return []
        _count, first, second = max(known)
        return [f"{first} {second}"]

    def _closest(self, word: str, languages: list[str]) -> list[str]:
        """The indexed words most like ``word``: one letter away for a word of up to
        ONE_EDIT_UP_TO letters, at most two for a longer one, as Elasticsearch's "AUTO"
        fuzziness allows (a short word two letters away is another word: "gana", "guyana").

        The fewest edits first, a swap of neighbours counting as one ("institcuional" is
        "institucional" before "institutional"), then the words of the reader's language
        (``languages[0]``), then the most similar and frequent. The first letter is as typed, or
        swapped with the second ("rpivate" is "private").
        """
        low, high = SUGGESTION_WORD_LENGTH
        if not low <= len(word) <= high + 2:
            return []
        beginnings = Q(word__startswith=word[0]) | Q(word__startswith=word[1] + word[0])
        candidates = (
            SearchTerm.objects.filter(beginnings, language__in=languages, frequency__gt=0)
            .order_by("-frequency")
            .values_list("word", "language")[:5000]
        )
        readers = {candidate for candidate, language in candidates if language == languages[0]}
        indexed = list(dict.fromkeys(candidate for candidate, _language in candidates))
        if len(word) <= ONE_EDIT_UP_TO:
            nearby = [candidate for candidate in indexed if within_one_edit(word, candidate)]
        else:
            nearby = [candidate for candidate in indexed if abs(len(candidate) - len(word)) <= 2]
        close = difflib.get_close_matches(word, nearby, n=CLOSE_CANDIDATES, cutoff=0.75)
        distance = {candidate: edits(word, candidate) for candidate in close}
        close = [candidate for candidate in close if distance[candidate] <= MAX_EDITS]
        return sorted(close, key=lambda candidate: (distance[candidate], candidate not in readers))[:3]

    # --- Autocomplete -----------------------------------------------------------------
    def complete(self, text: str, language: str, limit: int = 8) -> list[Completion]:
        """Pages whose title has a word starting with each typed word, then whole queries.

        The vocabulary ("did you mean"'s words, by frequency) says first which typed
        words some indexed word begins: one that none begins is read as the most
        frequent word it nearly begins ("guatam" → guatemala), and a word left
        unknown asks the titles nothing, as they cannot match it. The queries are
        the titles' words the typed ones begin, then the vocabulary's most frequent
        words completing the last one.
        """
        typed = words(text)[:8]
        if not typed or len(" ".join(typed)) < 2:
            return []
        prefixes, whole_words = self._vocabulary_checks(typed, language)
        unknown = [word for word in typed if _in_vocabulary(word, language) and word not in prefixes]
        corrections = {word: self._nearly_begun(word, language) for word in dict.fromkeys(unknown)}
        typed = [corrections.get(word, word) for word in typed]
        whole_words |= set(corrections.values())
        pages = []
        if all(word not in corrections for word in typed):
            pages = self._completion_pages(typed, language, limit, typed[-1] in whole_words)
        queries = completion_queries(typed, [page.title for page in pages])
        queries += self._frequent_completions(typed, language)
        # One of each query whatever its accents, as the titles write it when they have it.
        unique: dict[str, str] = {}
        for query in queries:
            unique.setdefault(" ".join(words(query)), query)
        queries = list(unique.values())[:COMPLETION_QUERIES]
        pages = pages[: limit - len(queries)]
        return pages + [Completion(query, "", QUERY_KIND) for query in queries]

    def _completion_pages(
        self, typed: list[str], language: str, limit: int, whole_last: bool
    ) -> list[Completion]:
        """Titles where the last typed word is a whole word first ("electronico" finds "electrónico"
        before "electrónicas"), then countries, topics and events, each group newest first."""
        facts = FACTS.get()
        candidates, whole = self._completion_ids(typed, language, whole_last)
        positions = facts.positions(candidates)
        in_language = facts.mask_for("language", language)[positions]
        candidates, positions, whole = candidates[in_language], positions[in_language], whole[in_language]
        if not len(candidates):
            return []
        rank = np.full(len(positions), len(COMPLETION_KINDS_FIRST), dtype=np.int64)
        for order, kind in enumerate(COMPLETION_KINDS_FIRST):
            rank[facts.mask_for("kind", kind)[positions]] = order
        order = np.lexsort((facts.age[positions], rank, ~whole))
        chosen = candidates[order][:limit].tolist()
        entries = SearchEntry.objects.only("title", "url", "kind").in_bulk(chosen)
        return [
            Completion(entries[pk].title, entries[pk].url, entries[pk].kind) for pk in chosen if pk in entries
        ]

    def _vocabulary_checks(self, typed: list[str], language: str) -> tuple[set[str], set[str]]:
        """The typed words some indexed word begins, and those that are indexed words, in one query."""
        unique = [word for word in dict.fromkeys(typed) if _in_vocabulary(word, language)]
        if not unique:
            return set(), set()
        begun = "EXISTS (SELECT 1 FROM search_searchterm WHERE language = %s AND word >= %s AND word < %s)"
        whole = "EXISTS (SELECT 1 FROM search_searchterm WHERE language = %s AND word = %s)"
        checks = ", ".join(f"{begun}, {whole}" for _word in unique)
        params = [value for word in unique for value in (language, word, word + PREFIX_END, language, word)]
        found = self._fetch(f"SELECT {checks}", params)[0]  # noqa: S608 (placeholders only)
        prefixes = {word for word, begun in zip(unique, found[::2], strict=True) if begun}
        whole_words = {word for word, whole in zip(unique, found[1::2], strict=True) if whole}
        return prefixes, whole_words

    def _nearly_begun(self, word: str, language: str) -> str:
        """The most frequent indexed word ``word`` nearly begins (one letter off), or ``word``."""
        if len(word) < CORRECTED_PREFIX_LENGTH:
            return word
        candidates = (
            SearchTerm.objects.filter(language=language, frequency__gt=0, **_starting_with(word[0]))
            .order_by("-frequency")
            .values_list("word", flat=True)[:CORRECTION_CANDIDATES]
        )
        return next((term for term in candidates if nearly_begins(word, term)), word)

    def _frequent_completions(self, typed: list[str], language: str) -> list[str]:
        """The typed words with the last one completed by the index's most frequent words."""
        *earlier, last = typed
        completions = (
            SearchTerm.objects.filter(language=language, frequency__gt=0, **_starting_with(last))
            .order_by("-frequency", "word")
            .values_list("word", flat=True)[:COMPLETION_QUERIES]
        )
        return [" ".join([*earlier, word]) for word in completions]

    # --- What each database does differently ----------------------------------------
    def _postings(self, sequence: tuple[str, ...]) -> Postings:
        """The entries (in any language) with the term, or the phrase of several terms, ``sequence``,
        and those with it in their title."""
        raise NotImplementedError

    def _scores(self, matcher: "Matcher", terms: AnalyzedQuery, relaxed: bool, ids: EntryIds) -> np.ndarray:
        """The scores (higher is better) of the entries ``ids``, which all match ``terms``, each of
        the glossary's expressions weighing as rare as it is (``AnalyzedQuery.by_expression``)."""
        raise NotImplementedError

    def _completion_ids(
        self, typed: list[str], language: str, whole_last: bool
    ) -> tuple[EntryIds, np.ndarray]:
        """Ids of up to COMPLETION_CANDIDATES entries (the newest, where the database can tell at no
        cost; those in ``language``, where it can tell in the same query) whose title has a word
        starting with each typed word, and which of them have the last typed word as a whole word
        (``whole_last``; none otherwise)."""
        raise NotImplementedError

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class Selection:
    """The results of one search before they are ordered: masks over the entries (``EntryFacts``)."""

    def __init__(
        self,
        facts: EntryFacts,
        relaxed: bool,
        matches: dict[str, np.ndarray],
        results: np.ndarray,
        complete: np.ndarray,
        translated: dict[str, np.ndarray] | None = None,
    ) -> None:
        self.facts, self.relaxed, self.matches = facts, relaxed, matches
        # By the language whose terms found them: reader's-language entries of pages found only in
        # their other version (``_translated_matches``).
        self.translated = translated or {}
        # For a partial search naming a country: 1 for the entries about it (by their facet), 2 for
        # its profile, 0 for the others; None otherwise.
        self.country: np.ndarray | None = None
        # The entries of a year the query names; None when it names none.
        self.year: np.ndarray | None = None
        # One entry per page; ``complete``: those with every clause (all of them unless relaxed).
        self.results, self.complete = results, complete
        self.total = int(np.count_nonzero(results))
        self.complete_count = int(np.count_nonzero(complete)) if relaxed else self.total


class Matcher:
    """The entries of one search's clauses, from the postings of their terms (``search.backends.postings``).

    A clause is a group (a significant word, or its glossary expression) or a
    phrase. A group's entries are those with all of its own terms or one of its
    alternatives; its title matches, those with them in the title. Every
    language's version of a query is searched, and the versions often share
    groups (or are equal), so each group is worked out once per search.
    """

    def __init__(self, engine: DatabaseEngine, version: str) -> None:
        self.engine = engine
        self.version = version
        self._generation = f"search:{connection.settings_dict['NAME']}:{self.version}"
        self._groups: dict[TermGroup, tuple[EntryIds, EntryIds]] = {}

    def ids(self, terms: AnalyzedQuery, relaxed: bool) -> EntryIds:
        """Entries with every clause or, ``relaxed``, with at least ``partial_minimum`` of those that
        count (``partial_clauses``; every clause for a query too short for partial matches: those come
        from the country it names) and those ``partial_required``."""
        found = [ids for ids, _titled in self._clauses(terms)]
        if not relaxed:
            return intersection(found)
        counted = [found[position] for position in terms.partial_clauses()]
        # How many clauses each entry has, counted by id (each clause's ids are distinct).
        counts = np.bincount(np.concatenate([NO_IDS, *counted]))
        enough = np.flatnonzero(counts >= (terms.partial_minimum() or len(found)))
        return intersection([enough, *(found[position] for position in terms.partial_required())])

    def title_ids(self, terms: AnalyzedQuery, relaxed: bool) -> EntryIds:
        """Entries whose title has every clause of ``terms`` (``relaxed``: one of them)."""
        titled = [titled for _ids, titled in self._clauses(terms)]
        return union(titled) if relaxed else intersection(titled)

    def clause_ids(self, clause: AnalyzedQuery) -> EntryIds:
        """Entries with the one clause (group or phrase) of ``clause``."""
        ((ids, _titled),) = self._clauses(clause)
        return ids

    def group(self, group: TermGroup) -> tuple[EntryIds, EntryIds]:
        """The entries with ``group``, and those with it in their title."""
        if group not in self._groups:
            own = [] if group.concepts_hold_terms else [self.postings((term,)) for term in group.terms]
            others = [self.postings((concept,)) for concept in group.concepts] or [
                self.postings(alternative) for alternative in group.alternatives
            ]
            others += [self.postings((verb,)) for verb in group.verbs]
            found = [(postings.ids, postings.titled) for postings in others]
            if own:
                found.append((intersection([p.ids for p in own]), intersection([p.titled for p in own])))
            self._groups[group] = union([ids for ids, _ in found]), union([titled for _, titled in found])
        return self._groups[group]

    def postings(self, sequence: tuple[str, ...]) -> Postings:
        """The postings of a term, or of a phrase of several, kept for this index version."""
        return KEPT.get(self._generation, sequence, lambda: self.engine._postings(sequence))

    def in_order(self, terms: AnalyzedQuery, ids: EntryIds) -> np.ndarray:
        """Which of ``ids`` have the query's words in the typed order.

        Only for a query of several words or expressions: the words of one glossary
        expression are already required together, and its equivalents are as good.
        """
        if terms.clause_count() < 2 or len(terms.sequence) < 2 or not len(ids):
            return np.zeros(len(ids), dtype=bool)
        phrase = " ".join(terms.sequence)
        digest = hashlib.sha256(ids.tobytes()).hexdigest()
        found = kept(self._generation, f"in order\n{phrase}\n{digest}", lambda: _having_in_order(phrase, ids))
        return np.isin(ids, found)

    def scores(
        self, terms: AnalyzedQuery, relaxed: bool, candidates: EntryIds
    ) -> tuple[EntryIds, np.ndarray, np.ndarray]:
        """The ids of ``candidates`` that match ``terms`` (``relaxed``: one of its clauses), their
        scores, and whether their title does.

        Scored by the glossary's expressions, not its concept terms: the same entries match
        either way, but each expression weighs as rare as it is (an entry with "marco legal"
        for "normativa" ranks as it should), where a concept term weighs as common as all of
        its expressions together. An expression of several words is asked for by its own term
        where the index holds it: the same occurrences as its phrase, which ts_rank no longer
        checks word by word (a third of its time), and a term SQLite scores from its postings.
        Each optional group adds its own score to the entries that have it.
        """
        found = [ids for ids, _titled in self._clauses(terms)]
        # Relaxed, any clause: a named country's profile is a result without most of them.
        ids = candidates[members(candidates, union(found) if relaxed else intersection(found))]
        in_title = members(ids, self.title_ids(terms, relaxed))
        return ids, self.engine._scores(self, terms, relaxed, ids), in_title

    def _clauses(self, terms: AnalyzedQuery) -> list[tuple[EntryIds, EntryIds]]:
        phrases = [self.postings(phrase) for phrase in terms.phrases]
        return [*map(self.group, terms.groups), *((postings.ids, postings.titled) for postings in phrases)]


class SQLiteEngine(DatabaseEngine):
    """FTS5: one index over the analysed text, one over titles (for completions); bm25 weighs title 10,
    keywords 3, text 1."""

    name = "sqlite"

    def _postings(self, sequence: tuple[str, ...]) -> Postings:
        if len(sequence) > 1:
            # A phrase needs its terms' positions, which only a full-text query reads.
            phrase = _fts_string(" ".join(sequence))
            return Postings(self._matching(phrase), self._matching(f"title_terms : {phrase}"))
        # Each occurrence of the term is a row of the index's vocabulary (migration search/0013):
        # summed per entry, by the weight of its column, as bm25 does. One string per column
        # instead of a row per entry: tens of thousands of rows cost more than the sums.
        weight = " ".join(f"WHEN '{column}' THEN {value}" for column, value in BM25_WEIGHTS.items())
        sql = (
            "SELECT group_concat(doc), group_concat(weight), "  # noqa: S608 (the columns' weights)
            "group_concat(doc) FILTER (WHERE titled) "
            f"FROM (SELECT doc, sum(CASE col {weight} END) AS weight, max(col = 'title_terms') AS titled "
            "FROM search_searchentry_fts_instances WHERE term = %s GROUP BY doc)"
        )
        ids, weights, titled = self._fetch(sql, [sequence[0]])[0]
        ids, weights = _id_array(ids), np.fromstring(weights or "", dtype=float, sep=",")
        order = np.argsort(ids, kind="stable")
        return Postings(ids[order], np.sort(_id_array(titled)), weights[order])

    def _scores(self, matcher: "Matcher", terms: AnalyzedQuery, relaxed: bool, ids: EntryIds) -> np.ndarray:
        # bm25 is a sum over the query's phrases: that of each term is worked out from its postings,
        # those of a phrase of several terms are asked of FTS5. As in FTS5, a group's own terms count
        # only where they are all found together.
        lengths = KEPT.get(matcher._generation, "lengths", self._entry_lengths)
        if len(ids) and ids[-1] >= len(lengths.by_id):
            # Written by another process since the lengths were read, and found by a term read after.
            lengths = self._entry_lengths()
        terms = terms.by_expression()
        scores = np.zeros(len(ids))
        sequences = list(terms.phrases)
        for group in (*terms.groups, *terms.optional):
            own = [] if group.concepts_hold_terms else [matcher.postings((term,)) for term in group.terms]
            if own:
                having = members(ids, intersection([postings.ids for postings in own]))
                scores[having] += bm25(ids[having], own, lengths)
            singles = [matcher.postings(other) for other in group.alternatives if len(other) == 1]
            singles += [matcher.postings((verb,)) for verb in group.verbs]
            scores += bm25(ids, singles, lengths)
            sequences += [other for other in group.alternatives if len(other) > 1]
        if sequences and len(ids):
            scores += self._phrase_scores(sequences, ids)
        return scores

    def _phrase_scores(self, sequences: list[tuple[str, ...]], ids: EntryIds) -> np.ndarray:
        # "+rowid" keeps SQLite from probing the full-text index once per id (a whole match per probe):
        # it filters the matches instead, and bm25 is only computed for the rows that pass. The range of
        # the ids, which FTS5 does use, skips the matches before the first and after the last.
        weights = ", ".join(map(str, BM25_WEIGHTS.values()))
        sql = (
            f"SELECT rowid, -bm25(search_searchentry_fts, {weights}) FROM search_searchentry_fts "  # noqa: S608
            "WHERE search_searchentry_fts MATCH %s AND rowid BETWEEN %s AND %s "
            "AND +rowid IN (SELECT value FROM json_each(%s))"
        )
        expression = " OR ".join(_fts_string(" ".join(sequence)) for sequence in sequences)
        bounds = [int(ids[0]), int(ids[-1])]
        rows = self._fetch(sql, [expression, *bounds, "[" + ",".join(map(str, ids.tolist())) + "]"])
        scores = np.zeros(len(ids))
        if rows:
            found, found_scores = _scored(rows)
            scores[np.searchsorted(ids, found)] = found_scores
        return scores

    def _matching(self, expression: str) -> EntryIds:
        sql = "SELECT group_concat(rowid) FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s"
        return np.sort(_id_array(self._fetch(sql, [expression])[0][0]))

    def _entry_lengths(self) -> EntryLengths:
        """Each entry's number of terms, from FTS5's record of its columns' sizes."""
        rows = self._fetch("SELECT id, sz FROM search_searchentry_fts_docsize", [])
        ids = np.array([pk for pk, _size in rows], dtype=np.int64)
        lengths = varint_sums([size for _pk, size in rows], len(BM25_WEIGHTS))
        by_id = np.zeros(int(ids.max()) + 1 if len(ids) else 0)
        by_id[ids] = lengths
        return EntryLengths(by_id, float(lengths.mean()) if len(rows) else 1.0, len(rows))

    def _completion_ids(
        self, typed: list[str], language: str, whole_last: bool
    ) -> tuple[EntryIds, np.ndarray]:
        ids = self._title_word_ids([_fts_string(word) + "*" for word in typed])
        if not whole_last or not len(ids):
            return ids, np.zeros(len(ids), dtype=bool)
        # The newest whole-word matches hold every whole-word match among the newest candidates.
        return ids, np.isin(
            ids, self._title_word_ids([*map(_fts_string, typed[:-1]), _fts_string(typed[-1])])
        )

    def _title_word_ids(self, prefixes: list[str]) -> EntryIds:
        expression = "title_words : (" + " AND ".join(prefixes) + ")"
        sql = (
            "SELECT rowid FROM search_searchentry_titles WHERE search_searchentry_titles MATCH %s "
            "ORDER BY rowid DESC LIMIT %s"
        )
        return np.array(
            [pk for (pk,) in self._fetch(sql, [expression, COMPLETION_CANDIDATES])], dtype=np.int64
        )


class PostgresEngine(DatabaseEngine):
    """GIN-indexed tsvectors in a narrow table; ts_rank weighs title 1, keywords 0.4, text 0.1, and
    each clause of a query weighs by its rarity, as in bm25."""

    name = "postgresql"

    def _postings(self, sequence: tuple[str, ...]) -> Postings:
        # Through the GIN index whatever the statistics say (migration search/0011). A title matching
        # is a search vector matching (the title's terms come first in it, so a phrase keeps its
        # positions): checking the title of each row the match reads anyway costs 1 ms at 40,000
        # matches, where a title query of its own visited the pages again (20-50 ms).
        sql = "SELECT matches, titles FROM search_searchentry_matches(%s)"
        matches, titles = self._fetch(sql, [" <-> ".join(map(_ts_lexeme, sequence))])[0]
        return Postings(np.sort(_id_array(matches)), np.sort(_id_array(titles)))

    def _scores(self, matcher: "Matcher", terms: AnalyzedQuery, relaxed: bool, ids: EntryIds) -> np.ndarray:
        # ts_rank has no rarity: as in bm25, each clause weighs by how few entries match it, and
        # its rank in each entry by that. One rank per clause, in one reading of each vector.
        groups = (*terms.groups, *terms.optional)
        found = [len(matcher.group(group)[0]) for group in groups]
        found += [len(matcher.postings(phrase).ids) for phrase in terms.phrases]
        if not len(ids) or not found:
            return np.zeros(len(ids))
        entries = int(np.count_nonzero(FACTS.get(version=matcher.version).everything()))
        by_expression = terms.by_expression()
        expressed = (*by_expression.groups, *by_expression.optional)
        clauses = [*map(_ts_group, expressed)]
        clauses += ["(" + " <-> ".join(map(_ts_lexeme, phrase)) + ")" for phrase in terms.phrases]
        # ts_rank divides a query's rank by its number of distinct lexemes: a word with a glossary
        # entry's sixty expressions weighed a sixtieth of a plain word, and "tienda virtual del
        # Estado" put "Estados Unidos" above the online store. Multiplied back, a clause's rank is
        # the sum of its lexemes', as bm25 sums a group's alternatives.
        lexemes = [*map(_ts_lexeme_count, expressed), *(len(set(phrase)) for phrase in terms.phrases)]
        weights = [rarity(entries, count) * size for count, size in zip(found, lexemes, strict=True)]
        return self._ranks(matcher, clauses, ids) @ np.array(weights)

    def _ranks(self, matcher: "Matcher", expressions: list[str], ids: EntryIds) -> np.ndarray:
        """ts_rank of the entries ``ids`` (ascending) for each of ``expressions``, a column each,
        kept while the index stays."""

        def ranked() -> np.ndarray:
            # With several columns, each vector is decompressed once (the concatenation's copy) rather
            # than once per column: 45 ms instead of 93 for 34 columns over 2,000 entries.
            vector = "search_vector || ''::tsvector" if len(expressions) > 1 else "search_vector"
            columns = ", ".join(["ts_rank(vector, to_tsquery('simple', %s), 1)"] * len(expressions))
            sql = (
                f"SELECT id, {columns} FROM (SELECT id, {vector} AS vector "  # noqa: S608
                "FROM search_searchentry_match WHERE id = ANY(%s) OFFSET 0) AS candidates"
            )
            rows = np.array(self._fetch(sql, [*expressions, ids.tolist()]), dtype=float)
            ranks = np.zeros((len(ids), len(expressions)))
            if len(rows):
                ranks[np.searchsorted(ids, rows[:, 0].astype(np.int64))] = rows[:, 1:]
            return ranks

        digest = hashlib.sha256(ids.tobytes()).hexdigest()
        return kept(matcher._generation, "clause ranks\n" + "\n".join(expressions) + f"\n{digest}", ranked)

    def _completion_ids(
        self, typed: list[str], language: str, whole_last: bool
    ) -> tuple[EntryIds, np.ndarray]:
        prefixes = [_ts_lexeme(word) + ":*" for word in typed]
        # Unordered: asked for the newest, the planner walks the primary key backwards and, for a
        # word no title has, reads the whole table (190 ms at 100,000 entries); the GIN index stops
        # at the limit. The newest of the candidates still come first (``_completion_pages``).
        # Whether the last word is whole is read from each candidate's row: a query of its own read
        # as many rows again (6-8 ms at 100,000 entries). The title words and the language have a
        # narrow table of their own, read through its index (migration search/0012).
        whole = " & ".join([*prefixes[:-1], _ts_lexeme(typed[-1])]) if whole_last else None
        rows = self._fetch(
            "SELECT id, whole FROM search_searchentry_title_words(%s, %s, %s, %s)",
            [language, " & ".join(prefixes), whole, COMPLETION_CANDIDATES],
        )
        return (
            np.array([pk for pk, _whole in rows], dtype=np.int64),
            np.array([is_whole for _pk, is_whole in rows], dtype=bool),
        )


# --- Query expressions: terms are [a-z0-9] already; quoting keeps words like "or" from being operators.
# A group matches its own terms (anywhere) or one of its glossary alternatives: the concept term of
# the glossary entries where the index holds them, else each alternative as a phrase.


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _ts_lexeme(term: str) -> str:
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'"


def _ts_group(group: TermGroup) -> str:
    own = [] if group.concepts_hold_terms else ["(" + " & ".join(map(_ts_lexeme, group.terms)) + ")"]
    others = [_ts_lexeme(concept) for concept in group.concepts] or [
        "(" + " <-> ".join(map(_ts_lexeme, other)) + ")" for other in group.alternatives
    ]
    others += [_ts_lexeme(verb) for verb in group.verbs]
    return "(" + " | ".join([*own, *others]) + ")"


def _ts_lexeme_count(group: TermGroup) -> int:
    """How many distinct lexemes ``_ts_group`` asks for, by which ts_rank divides its rank."""
    own = () if group.concepts_hold_terms else group.terms
    others = group.concepts or tuple(term for other in group.alternatives for term in other)
    return len({*own, *others, *group.verbs})


# --- Autocomplete --------------------------------------------------------------------------


def _in_vocabulary(word: str, language: str) -> bool:
    """Whether the vocabulary could hold ``word`` (it keeps words of three letters or more, no stop words)."""
    low, high = SUGGESTION_WORD_LENGTH
    return low <= len(word) <= high and word.isalpha() and not is_stop_word(word, language)


def _starting_with(prefix: str) -> dict[str, str]:
    """A range on the vocabulary's (language, word) index instead of LIKE, which SQLite cannot index."""
    return {"word__gte": prefix, "word__lt": prefix + PREFIX_END}


def nearly_begins(typed: str, word: str) -> bool:
    """Whether ``word`` begins with ``typed`` give or take one letter missed, added, swapped or mistyped."""
    return any(
        within_one_edit(typed, word[: len(typed) + change])
        for change in (0, -1, 1)
        if len(typed) + change > 0
    )


def within_one_edit(first: str, second: str) -> bool:
    """Levenshtein distance at most one, an exchange of two neighbouring letters counting as one."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    start = 0
    while start < min(len(first), len(second)) and first[start] == second[start]:
        start += 1
    a, b = first[start:], second[start:]
    return a[1:] == b[1:] or a[1:] == b or a == b[1:] or (a[:2] == b[1::-1] and a[2:] == b[2:])


def edits(first: str, second: str) -> int:
    """How many letters to add, remove or change, or pairs of neighbours to swap, to make ``second``
    of ``first`` (the optimal string alignment distance)."""
    previous, current = None, list(range(len(second) + 1))
    for row, letter in enumerate(first, 1):
        before, previous, current = previous, current, [row]
        for column, other in enumerate(second, 1):
            changed = previous[column - 1] + (letter != other)
            cost = min(previous[column] + 1, current[column - 1] + 1, changed)
            if row > 1 and column > 1 and letter == second[column - 2] and first[row - 2] == other:
                cost = min(cost, before[column - 2] + 1)
            current.append(cost)
    return current[-1]


def completion_queries(typed: list[str], titles: Sequence[str]) -> list[str]:
    """Whole queries from the suggested titles: the title's words from the one the first typed word begins
    to the one the last begins, lower-cased with their accents ("compras pub" → "compras públicas")."""
    queries = []
    for title in titles:
        spans = word_spans(title)
        folded = ["".join(pieces) for _start, _end, pieces in spans]
        first = next((index for index, word in enumerate(folded) if word.startswith(typed[0])), None)
        if first is None:
            continue
        last = next(
            (index for index in range(first, len(folded)) if folded[index].startswith(typed[-1])), None
        )
        if last is not None and last - first < MAX_QUERY_WORDS:
            queries.append(title[spans[first][0] : spans[last][1]].lower())
    return queries


# --- Results ---------------------------------------------------------------------------


def _id_array(joined: str | None) -> EntryIds:
    """The ids of a comma-joined list, parsed in C."""
    return np.fromstring(joined, dtype=np.int64, sep=",") if joined else NO_IDS


def _scored(rows: list[tuple]) -> tuple[EntryIds, np.ndarray]:
    """Ids and scores of rows (id, score, …)."""
    return np.array([row[0] for row in rows], dtype=np.int64), np.array([row[1] for row in rows], float)


def _in_scope(query: SearchQuery, language: str, mask: np.ndarray, facts: EntryFacts) -> np.ndarray:
    """``mask``'s entries in ``language``; by default, other languages only where the reader's is missing."""
    mask = mask & facts.mask_for("language", language)
    if query.all_languages or language == query.language:
        return mask
    reader = facts.mask_for("language", query.language)
    return facts.without_siblings_of(mask, reader, language, query.language)


def _one_per_source(matches: dict[str, np.ndarray], reader_language: str, facts: EntryFacts) -> np.ndarray:
    """The matching entries, one per page: its reader's-language entry when that matches."""
    reader = matches.get(reader_language, facts.mask_of_positions([]))
    combined = reader
    for language, mask in matches.items():
        if language != reader_language:
            combined = combined | facts.without_siblings_of(mask, reader, language, reader_language)
    return combined


def _country_codes(
    names: dict[tuple[str, tuple[str, ...]], str], language: str, group: TermGroup
) -> set[str]:
    """The codes of the countries whose name (in ``language``'s terms) ``group`` is, or one of its
    glossary equivalents is (``CountryNames``)."""
    return {names[key] for other in (group.terms, *group.alternatives) if (key := (language, other)) in names}


class CountryNames:
    """Each country profile's title, as terms of its language, mapped to the country's code.

    Read once per index version by each process (one pass over the profiles'
    titles), like ``EntryFacts``: a search asks it for every clause.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = ""
        self._names: dict[tuple[str, tuple[str, ...]], str] = {}

    def get(self, generation: str) -> dict[tuple[str, tuple[str, ...]], str]:
        with self._lock:
            if generation != self._generation:
                rows = SearchEntry.objects.filter(kind="country").values_list(
                    "language", "title_terms", "countries"
                )
                self._names = {
                    (language, tuple(term for term in terms.split() if not is_glossary_term(term))): (
                        countries.split()[0]
                    )
                    for language, terms, countries in rows.iterator(chunk_size=1000)
                    if countries and terms
                }
                self._generation = generation
            return self._names


COUNTRY_NAMES = CountryNames()


def _among(
    scored: tuple[EntryIds, np.ndarray, np.ndarray] | None, candidates: EntryIds
) -> tuple[EntryIds, np.ndarray, np.ndarray]:
    """The part of one scoring's ids, scores and title matches that is about ``candidates``."""
    if scored is None:
        return NO_IDS, np.zeros(0), np.zeros(0, dtype=bool)
    ids, scores, in_title = scored
    keep = np.isin(ids, candidates)
    return ids[keep], scores[keep], in_title[keep]


def _named_boost(selection: "Selection", ids: EntryIds) -> np.ndarray:
    """For the entries ``ids``: NAMED_COUNTRY_BOOST when about a country the query names (squared
    for its profile), times NAMED_YEAR_BOOST when of a year it names; else 1."""
    boost = np.ones(len(ids))
    if selection.country is None and selection.year is None:
        return boost
    positions = selection.facts.positions(ids)
    if selection.country is not None:
        boost *= NAMED_COUNTRY_BOOST ** selection.country[positions]
    if selection.year is not None:
        boost *= np.where(selection.year[positions], NAMED_YEAR_BOOST, 1.0)
    return boost


def _translated_matches(
    query: SearchQuery,
    found: dict[str, EntryIds],
    matches: dict[str, np.ndarray],
    required: np.ndarray,
    facts: EntryFacts,
) -> dict[str, np.ndarray]:
    """By the default scope, the pages another language's terms found in their version in that
    language, while their reader's-language version did not match: as that version (the reader
    reads the page in the interface's language), by the language that found them.

    A query typed in the other language (English words on the Spanish site) thus finds the
    translated pages, not only those that exist in one language.
    """
    if query.all_languages:
        return {}
    reader = matches.get(query.language, facts.mask_of_positions([]))
    translated = {}
    for language, ids in found.items():
        if language == query.language:
            continue
        in_language = facts.mask(ids) & facts.mask_for("language", language)
        reached = facts.translated(in_language, language, query.language) & required & ~reader
        if reached.any():
            translated[language] = reached
    return translated


def _facet_counts(counts: dict[tuple[str, str], int]) -> dict[str, list[FacetCount]]:
    facets = empty_facets()
    for (name, value), count in counts.items():
        facets[name].append(FacetCount(value, count))
    for name in FACET_NAMES:
        facets[name].sort(key=lambda facet: (-facet.count, facet.value))
    return facets


def _grouped(counts: Counter) -> dict[tuple[str, int], list[str]]:
    """Words by (language, count), so each group is one UPDATE."""
    groups: dict[tuple[str, int], list[str]] = {}
    for (language, word), count in counts.items():
        groups.setdefault((language, count), []).append(word)
    return groups


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bump_version(written_with: str | None = None, emptied: bool = False) -> None:
    """A new token for every write: caches compare tokens, and rolled-back writes leave the old one.

    ``written_with``: the digest of the glossary whose concept terms the written entries hold. The
    index keeps it as long as every entry was written with that glossary (``emptied``: the index
    has no entry left), and forgets it otherwise: searches then look for the glossary's phrases.
    """
    token = uuid.uuid4().hex
    changes: dict = {"token": token}
    if written_with is not None:
        changes["glossary"] = (
            Value(written_with)
            if emptied
            else Case(When(glossary=written_with, then=Value(written_with)), default=Value(""))
        )
    if not SearchIndexVersion.objects.update(**changes):
        SearchIndexVersion.objects.create(token=token, glossary=written_with or "")


def _entry_row(entry: IndexEntry, glossary: Glossary) -> SearchEntry:
    """The row of ``entry``: its analysed columns end with the concept terms of the ``glossary``
    expressions they hold."""
    title, text, keywords = (
        analyze(value, entry.language) for value in (entry.title, entry.text, entry.keywords)
    )
    return SearchEntry(
        source=entry.source,
        language=entry.language,
        kind=entry.kind,
        title=entry.title,
        text=entry.text,
        url=entry.url,
        date=entry.date,
        year=entry.year,
        countries=" ".join(entry.countries),
        topics=" ".join(entry.topics),
        sections=[list(section) for section in entry.sections] or None,
        title_terms=_with_concepts(title, entry.language, glossary),
        text_terms=_with_concepts(text, entry.language, glossary),
        keyword_terms=_with_concepts(keywords, entry.language, glossary),
        title_words=" ".join(words(entry.title)),
    )


def _with_concepts(terms: list[str], language: str, glossary: Glossary) -> str:
    """``terms`` of a text in ``language``, and the glossary's terms for a query in that language.

    Only that language's: another language's query is only ever asked for the entries in its
    own (``_in_scope``), so its concept terms here would only lengthen what it reads.
    """
    languages = [language] if language in _site_languages() else []
    return " ".join([*terms, *glossary_terms(terms, glossary.sets, languages)])


def _site_languages() -> list[str]:
    """The languages whose concept terms entries hold: those of the site, which readers search in."""
    return [code for code, _name in settings.LANGUAGES]


def _vocabulary(row: SearchEntry) -> set[str]:
    low, high = SUGGESTION_WORD_LENGTH
    return {
        word
        for word in words(f"{row.title} {row.text[:20_000]}")
        if low <= len(word) <= high and word.isalpha() and not is_stop_word(word, row.language)
    }


def _in_order_boosted(
    matcher: "Matcher", terms: AnalyzedQuery, ids: EntryIds, scores: np.ndarray, wanted: int
) -> np.ndarray:
    """``scores`` with the best of them looked at again for the words in the typed order (a name,
    a sentence quoted from a document): those entries' scores times IN_ORDER_BOOST. So too for the
    version through which a page was found in the other language ("agencia reguladora de compras
    estatales" typed on the English site is Uruguay's Spanish profile word for word)."""
    if not len(ids):
        return scores
    window = np.argsort(-scores)[: max(RESCORE_WINDOW, 2 * wanted)]
    scores[window] *= np.where(matcher.in_order(terms, ids[window]), IN_ORDER_BOOST, 1.0)
    return scores


def _titled_as_typed(query: SearchQuery, ids: EntryIds, scores: np.ndarray, window: int) -> np.ndarray:
    """Which of ``ids``, among the ``window`` best scored, are of a page one of whose versions has for
    title the words the reader typed (accents, case and punctuation aside): a page's own name
    ("Ecuador", "About the network", or "Acerca de la red" on the English site) asks for that page,
    which long pages that repeat the words could outscore."""
    typed = words(query.parsed.loose)
    found = np.zeros(len(ids), dtype=bool)
    if not typed or query.parsed.phrases or not len(ids):
        return found
    best = np.argsort(-scores, kind="stable")[:window]
    window_sources = SearchEntry.objects.filter(pk__in=ids[best].tolist()).values("source")
    versions = SearchEntry.objects.filter(source__in=window_sources).values_list("pk", "source", "title")
    source_of, titled = {}, set()
    for pk, source, title in versions:
        source_of[pk] = source
        if words(title) == typed:
            titled.add(source)
    found[best] = [source_of.get(pk) in titled for pk in ids[best].tolist()]
    return found


def _having_in_order(phrase: str, ids: EntryIds) -> EntryIds:
    """The entries of ``ids`` whose title, keywords or text has ``phrase``'s terms next to each other.

    A substring of the analysed columns (terms joined by single spaces, stop words
    dropped; [a-z0-9] only, so nothing in them is a LIKE wildcard), looked for in a
    few rows: a full-text phrase query evaluates the phrase over every entry with
    its words, 4 ms for two frequent words at 20,000 entries, whatever the rows wanted.
    """
    columns = ("title_terms", "keyword_terms", "text_terms")
    sql = (
        f"SELECT id FROM search_searchentry WHERE id IN ({', '.join(['%s'] * len(ids))}) AND ("  # noqa: S608
        + " OR ".join(f"(' ' || {column} || ' ') LIKE %s" for column in columns)
        + ")"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids.tolist(), *[f"% {phrase} %"] * len(columns)])
        return np.array([pk for (pk,) in cursor.fetchall()], dtype=np.int64)


def _group_of(word: str, language: str, terms: AnalyzedQuery) -> TermGroup | None:
    """The group of ``terms`` (in ``language``) that the typed ``word`` belongs to, if any."""
    stems = analyze(word, language)
    return next((group for group in terms.groups if stems and stems[0] in group.terms), None)


def _stop_word(word: str, languages: list[str]) -> bool:
    return any(is_stop_word(word, language) for language in languages)


def _hit(entry: SearchEntry, score: float, analyzed: dict[str, AnalyzedQuery]) -> Hit:
    terms = analyzed.get(entry.language)
    single, sequences = (terms.single_terms(), terms.sequences()) if terms else (set(), set())
    label, snippet_html = "", ""
    if entry.sections:
        label, snippet_html = section_snippet(entry.text, entry.sections, single, entry.language, sequences)
    else:
        snippet_html = snippet(entry.text, single, entry.language, sequences=sequences)
    return Hit(
        source=entry.source,
        language=entry.language,
        kind=entry.kind,
        title=entry.title,
        url=entry.url,
        title_html=highlight(entry.title, single, entry.language, sequences),
        snippet_html=snippet_html,
        snippet_label=label,
        score=float(score),
        date=entry.date,
        year=entry.year,
        countries=tuple(entry.countries.split()),
        topics=tuple(entry.topics.split()),
    )
