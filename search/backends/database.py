"""The embedded engines: SQLite FTS5 and PostgreSQL full text, over the SearchEntry table.

Terms are analysed in Python (``search.analysis``) before they reach the database,
so both engines match the same entries. The database finds the ids of the
entries that match the words and scores them; filtering by language and facet,
counting facets and ordering happen in Python over a per-process cache of every
entry's facets, because joining tens of thousands of matches back to their rows
(or intersecting them with a language term) is what made large result sets slow.

Ranking: when a query matches at most RANK_LIMIT entries, all are ranked by the
database's score (bm25 on SQLite, ts_rank on PostgreSQL), doubled for entries
whose title has every word. Scoring is the expensive part, so above that only
entries whose title matches are scored (the newest RANK_LIMIT of them); the
others follow, newest first.
"""

import difflib
import heapq
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import islice, repeat

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest

from search.analysis import analyze, is_stop_word, words
from search.backends.base import (
    FACET_NAMES,
    SORT_DATE,
    Completion,
    FacetCount,
    Hit,
    IndexEntry,
    SearchEngine,
    SearchQuery,
    SearchResults,
    empty_facets,
)
from search.highlight import highlight, snippet
from search.models import SearchEntry, SearchFacet, SearchIndexVersion, SearchTerm
from search.query import AnalyzedQuery

# Entries in the reader's language rank a little higher when every language is searched.
READER_LANGUAGE_BOOST = 1.25
RANK_LIMIT = 2000
TITLE_MATCH_BOOST = 2.0
MULTI_VALUED_FACETS = ("country", "topic")
ANALYSED_COLUMNS = ("title_terms", "text_terms", "keyword_terms", "title_words")
# Autocomplete looks at this many of the newest matching titles.
COMPLETION_CANDIDATES = 2000
BATCH_SIZE = 500
SUGGESTION_WORD_LENGTH = (3, 25)
COMPLETION_KINDS_FIRST = ("country", "topic")


# Entry ids are handled as strings: the database hands tens of thousands of them over as one
# comma-joined string, and only bitmaps (EntryFacts.mask) need them all as ints.
EntryId = str


class EntryFacts:
    """What filtering, ordering and facet counting need of every entry, as bitmaps.

    Each entry has a position, and a set of entries is a Python int with one byte
    per position (0 or 1), so filtering is ``&`` and counting a facet value is
    ``(matches & value).bit_count()``: a few milliseconds for 100,000 entries,
    where counting in a Python loop took a hundred. The two language versions of
    a page sit side by side (position = 2 × page + slot), so "one entry per page"
    is a shift. Built once per index version.
    """

    def __init__(self, rows: Iterable[tuple], languages: Sequence[str]) -> None:
        self.slots = {language: slot for slot, language in enumerate(languages[:2])}
        self.position: dict[EntryId, int] = {}
        self.kind: dict[EntryId, str] = {}
        entries, sources = [], {}
        for number, source, language, kind, year, day, countries, topics in rows:
            pk = str(number)
            page = sources.setdefault(source, len(sources))
            self.position[pk] = 2 * page + self.slots.get(language, 0)
            self.kind[pk] = kind
            keys = [("kind", kind), ("language", language)]
            keys += [("year", str(year))] if year else []
            keys += [("country", code) for code in countries.split()] + [
                ("topic", topic) for topic in topics.split()
            ]
            entries.append((self.position[pk], pk, (day.toordinal() if day else 0, number), keys))
        # The last position is a sink for ids the cache does not know (written after it was built).
        self.size = 2 * len(sources) + 1
        self.sink = self.size - 1
        self.rowid: list[EntryId | None] = [None] * self.size
        self.recency: list[tuple[int, int]] = [(0, 0)] * self.size
        # Position by entry id, as a list: indexing it with ints is cheaper than hashing id strings.
        self.position_by_number = [self.sink] * (max(map(int, self.position), default=0) + 1)
        members: dict[tuple[str, str], bytearray] = {}
        for position, pk, recency, keys in entries:
            self.rowid[position], self.recency[position] = pk, recency
            self.position_by_number[int(pk)] = position
            for key in keys:
                members.setdefault(key, bytearray(self.size))[position] = 1
        self.masks = {key: int.from_bytes(bits, "little") for key, bits in members.items()}
        self.newest_first = sorted(
            (position for position, _pk, _recency, _keys in entries),
            key=self.recency.__getitem__,
            reverse=True,
        )

    def __contains__(self, pk: EntryId) -> bool:
        return pk in self.position

    def mask(self, ids: Iterable[EntryId]) -> int:
        bits = bytearray(self.size)
        numbers = list(map(int, ids))
        if numbers and max(numbers) >= len(self.position_by_number):
            # Ids written after the cache was built: the sink marks the mask as incomplete.
            bits[self.sink] = 1
            numbers = [number for number in numbers if number < len(self.position_by_number)]
        # map() and any() keep the per-id work in C; __setitem__ returns None, so any() runs to the end.
        any(map(bits.__setitem__, map(self.position_by_number.__getitem__, numbers), repeat(1)))
        return int.from_bytes(bits, "little")

    def knows_all(self, mask: int) -> bool:
        return not (mask >> (8 * self.sink)) & 1

    def language_mask(self, language: str) -> int:
        return self.masks.get(("language", language), 0)

    def without_siblings_of(self, mask: int, reader_mask: int, language: str, reader_language: str) -> int:
        """``mask`` minus the entries whose other-language version is in ``reader_mask``."""
        reader_slot, slot = self.slots.get(reader_language, 0), self.slots.get(language, 0)
        if reader_slot == slot:
            return mask
        shift = 8 * (slot - reader_slot)
        shadow = reader_mask << shift if shift > 0 else reader_mask >> -shift
        return mask & ~shadow

    def count(self, mask: int) -> int:
        return mask.bit_count()

    def counts(self, mask: int) -> dict[tuple[str, str], int]:
        return {key: count for key, value in self.masks.items() if (count := (mask & value).bit_count())}

    def ids(self, mask: int) -> list[EntryId]:
        """The ids in ``mask`` (finding each set byte is a C-level search)."""
        data, found = mask.to_bytes(self.size, "little"), []
        position = data.find(1)
        while position != -1:
            found.append(self.rowid[position])
            position = data.find(1, position + 1)
        return found

    def contains(self, mask: int) -> Callable[[EntryId], bool]:
        data = mask.to_bytes(self.size, "little")
        return lambda pk: pk in self.position and data[self.position[pk]] == 1

    def newest(self, mask: int, count: int, total: int) -> list[EntryId]:
        """The ``count`` most recent entries of ``mask`` (which holds ``total``), undated last."""
        if total * 20 < self.size:
            return heapq.nlargest(count, self.ids(mask), key=lambda pk: self.recency[self.position[pk]])
        data = mask.to_bytes(self.size, "little")
        chosen = (position for position in self.newest_first if data[position])
        return [self.rowid[position] for position in islice(chosen, count)]


class FactsCache:
    """Every entry's facts, reloaded when SearchIndexVersion changes (any process's write changes it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._facts = EntryFacts([], [])

    def get(self, force: bool = False) -> EntryFacts:
        key = (connection.settings_dict["NAME"], current_version())
        with self._lock:
            if force or key != self._key:
                self._facts = EntryFacts(_fact_rows(), [code for code, _name in settings.LANGUAGES])
                self._key = key
            return self._facts


def current_version() -> str:
    return SearchIndexVersion.objects.values_list("token", flat=True).first() or ""


def _fact_rows() -> Iterable[tuple]:
    columns = ("pk", "source", "language", "kind", "year", "date", "countries", "topics")
    return SearchEntry.objects.values_list(*columns).iterator(chunk_size=5000)


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
            self._insert(entries)
            _bump_version()

    def add(self, entries: Iterable[IndexEntry]) -> int:
        added, iterator = 0, iter(entries)
        while batch := list(islice(iterator, BATCH_SIZE)):
            with transaction.atomic():
                self._insert(batch)
                _bump_version()
            added += len(batch)
        return added

    def clear(self) -> None:
        with transaction.atomic():
            SearchFacet.objects.all()._raw_delete(connection.alias)
            SearchEntry.objects.all()._raw_delete(connection.alias)
            SearchTerm.objects.all()._raw_delete(connection.alias)
            _bump_version()

    def count(self) -> int:
        return SearchEntry.objects.count()

    def urls(self, source: str) -> dict[str, str]:
        return dict(SearchEntry.objects.filter(source=source).values_list("language", "url"))

    def _insert(self, entries: Sequence[IndexEntry]) -> None:
        if not entries:
            return
        rows = SearchEntry.objects.bulk_create([_entry_row(entry) for entry in entries])
        if not all(row.pk for row in rows):
            rows = _with_ids(rows)
        facets = [
            SearchFacet(entry_id=row.pk, name=name, value=value)
            for row, entry in zip(rows, entries, strict=True)
            for name in MULTI_VALUED_FACETS
            for value in entry.facet_values()[name]
        ]
        SearchFacet.objects.bulk_create(facets)
        self._count_words(rows, +1)

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
    def search(self, query: SearchQuery) -> SearchResults:
        languages = self._languages(query)
        analyzed = {language: query.parsed.analyzed(language) for language in languages}
        analyzed = {language: terms for language, terms in analyzed.items() if not terms.is_empty()}
        if not analyzed:
            return SearchResults(query, [], 0, empty_facets())
        results = self._run(query, analyzed, relaxed=False)
        if results.total == 0 and any(_word_count(terms) > 1 for terms in analyzed.values()):
            results = self._run(query, analyzed, relaxed=True)
        if results.total == 0:
            results.suggestions = self._suggestions(query, list(analyzed))
        return results

    def _languages(self, query: SearchQuery) -> list[str]:
        if not query.all_languages:
            return [query.language]
        indexed = {value for name, value in FACTS.get().masks if name == "language"}
        return [query.language, *sorted(indexed - {query.language})]

    def _run(self, query: SearchQuery, analyzed: dict[str, AnalyzedQuery], relaxed: bool) -> SearchResults:
        facts = FACTS.get()
        found = {language: self._match_ids(terms, relaxed) for language, terms in analyzed.items()}
        masks = {language: facts.mask(ids) for language, ids in found.items()}
        if not all(facts.knows_all(mask) for mask in masks.values()):
            facts = FACTS.get(force=True)
            masks = {language: facts.mask(ids) for language, ids in found.items()}
        required = facts.size and (1 << (8 * facts.sink)) - 1
        for name, values in query.filters.items():
            for value in values:
                required &= facts.masks.get((name, value), 0)
        matches = {
            language: mask & required & facts.language_mask(language) for language, mask in masks.items()
        }
        results = _one_per_source(matches, query.language, facts)
        total = facts.count(results)
        if not total:
            return SearchResults(query, [], 0, empty_facets(), relaxed=False)
        ordered = self._ordered(query, analyzed, relaxed, matches, results, total, facts)
        page = ordered[query.offset : query.offset + query.page_size]
        facets = _facet_counts(facts.counts(results))
        return SearchResults(query, self._hits(page, analyzed), total, facets, relaxed=relaxed)

    def _ordered(
        self, query, analyzed, relaxed, matches, results, total, facts
    ) -> list[tuple[EntryId, float]]:
        """(id, score) of the results up to the requested page, best first."""
        wanted = query.offset + query.page_size
        if query.sort == SORT_DATE:
            return [(pk, 0.0) for pk in facts.newest(results, wanted, total)]
        scores = {}
        for language, terms in analyzed.items():
            language_results = results & matches[language]
            # Entries whose title has every word of the query rank higher.
            titled_mask = facts.mask(self._title_ids(terms, relaxed=False)) & language_results
            if facts.count(language_results) <= RANK_LIMIT:
                candidates = facts.ids(language_results)
            else:
                loose = (
                    titled_mask
                    if not relaxed
                    else facts.mask(self._title_ids(terms, relaxed)) & language_results
                )
                candidates = facts.newest(loose, RANK_LIMIT, facts.count(loose))
            titled = facts.contains(titled_mask)
            boost = READER_LANGUAGE_BOOST if len(analyzed) > 1 and language == query.language else 1.0
            for pk, score in self._scores(terms, relaxed, candidates) if candidates else ():
                scores[pk] = float(score) * boost * (TITLE_MATCH_BOOST if titled(pk) else 1.0)
        ranked = sorted(
            scores.items(), key=lambda item: (-item[1], *(-part for part in _recency(facts, item[0])))
        )
        if len(ranked) < wanted:
            newest = facts.newest(results, wanted + len(scores), total)
            ranked += [(pk, 0.0) for pk in newest if pk not in scores][: wanted - len(ranked)]
        return ranked

    def _hits(self, page: list[tuple[EntryId, float]], analyzed: dict[str, AnalyzedQuery]) -> list[Hit]:
        entries = SearchEntry.objects.defer(*ANALYSED_COLUMNS).in_bulk([int(pk) for pk, _score in page])
        return [_hit(entries[int(pk)], score, analyzed) for pk, score in page if int(pk) in entries]

    # --- Did you mean ---------------------------------------------------------------
    def _suggestions(self, query: SearchQuery, languages: list[str]) -> list[str]:
        """Whole queries with each unknown word swapped for the closest indexed words."""
        typed = query.parsed.words()
        known = set(
            SearchTerm.objects.filter(language__in=languages, word__in=typed).values_list("word", flat=True)
        )
        unknown = [word for word in typed if word not in known and not _stop_word(word, languages)]
        replacements = {word: self._closest(word, languages) for word in dict.fromkeys(unknown)}
        replacements = {word: close for word, close in replacements.items() if close}
        if not replacements:
            return []
        first = next(iter(replacements))
        suggestions = []
        for alternative in replacements[first]:
            chosen = {word: close[0] for word, close in replacements.items()} | {first: alternative}
            suggestions.append(" ".join(chosen.get(word, word) for word in typed))
        return suggestions

    def _closest(self, word: str, languages: list[str]) -> list[str]:
        low, high = SUGGESTION_WORD_LENGTH
        if not low <= len(word) <= high + 2:
            return []
        candidates = (
            SearchTerm.objects.filter(language__in=languages, word__startswith=word[0], frequency__gt=0)
            .order_by("-frequency")
            .values_list("word", flat=True)[:5000]
        )
        nearby = [candidate for candidate in candidates if abs(len(candidate) - len(word)) <= 2]
        return list(dict.fromkeys(difflib.get_close_matches(word, nearby, n=3, cutoff=0.75)))

    # --- Autocomplete -----------------------------------------------------------------
    def complete(self, text: str, language: str, limit: int = 8) -> list[Completion]:
        typed = words(text)[:8]
        if not typed or len(" ".join(typed)) < 2:
            return []
        facts = FACTS.get()
        in_language = facts.contains(facts.language_mask(language))
        candidates = [pk for pk in self._completion_ids(typed, language) if in_language(pk)]
        # Countries and topics first: they are what readers most often look for.
        candidates.sort(key=lambda pk: facts.kind[pk] not in COMPLETION_KINDS_FIRST)
        chosen = [int(pk) for pk in candidates[:limit]]
        entries = SearchEntry.objects.only("title", "url", "kind").in_bulk(chosen)
        return [
            Completion(entries[pk].title, entries[pk].url, entries[pk].kind) for pk in chosen if pk in entries
        ]

    # --- What each database does differently ----------------------------------------
    def _match_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        """Ids of the entries whose analysed text matches ``terms``, in any language."""
        raise NotImplementedError

    def _title_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        """Ids of the entries whose title matches."""
        raise NotImplementedError

    def _scores(self, terms: AnalyzedQuery, relaxed: bool, ids: list[EntryId]) -> list[tuple[EntryId, float]]:
        """(id, score) of the entries ``ids`` for ``terms``; higher is better."""
        raise NotImplementedError

    def _completion_ids(self, typed: list[str], language: str) -> list[EntryId]:
        """Ids of the newest entries whose title has every typed word (the last as a prefix)."""
        raise NotImplementedError

    def _fetch(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SQLiteEngine(DatabaseEngine):
    """FTS5: one index over the analysed text (bm25 weighs title 10, keywords 3, text 1), one over titles."""

    name = "sqlite"

    def _match_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        # One string instead of a row per match: tens of thousands of rows cost more than the search.
        sql = "SELECT group_concat(rowid) FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s"
        return _id_list(self._fetch(sql, [_fts_expression(terms, relaxed)])[0][0])

    def _title_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        sql = (
            "SELECT group_concat(rowid) FROM search_searchentry_titles "
            "WHERE search_searchentry_titles MATCH %s"
        )
        return _id_list(self._fetch(sql, ["title_terms : " + _fts_expression(terms, relaxed)])[0][0])

    def _scores(self, terms: AnalyzedQuery, relaxed: bool, ids: list[EntryId]) -> list[tuple[EntryId, float]]:
        # "+rowid" keeps SQLite from probing the full-text index once per id: it filters the matches
        # instead, and bm25 is only computed for the rows that pass.
        sql = (
            "SELECT rowid, -bm25(search_searchentry_fts, 10.0, 1.0, 3.0) FROM search_searchentry_fts "
            "WHERE search_searchentry_fts MATCH %s AND +rowid IN (SELECT value FROM json_each(%s))"
        )
        rows = self._fetch(sql, [_fts_expression(terms, relaxed), "[" + ",".join(ids) + "]"])
        return [(str(pk), score) for pk, score in rows]

    def _completion_ids(self, typed: list[str], language: str) -> list[EntryId]:
        complete = [_fts_string(word) for word in typed[:-1]]
        expression = "title_words : (" + " AND ".join([*complete, _fts_string(typed[-1]) + "*"]) + ")"
        sql = (
            "SELECT rowid FROM search_searchentry_titles WHERE search_searchentry_titles MATCH %s "
            "ORDER BY rowid DESC LIMIT %s"
        )
        return [str(pk) for (pk,) in self._fetch(sql, [expression, COMPLETION_CANDIDATES])]


class PostgresEngine(DatabaseEngine):
    """GIN-indexed tsvectors; ts_rank weighs title 1, keywords 0.4, text 0.1; titles are the A weight."""

    name = "postgresql"

    def _match_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        sql = (
            "SELECT string_agg(id::text, ',') FROM search_searchentry "
            "WHERE search_vector @@ to_tsquery('simple', %s)"
        )
        return _id_list(self._fetch(sql, [_ts_expression(terms, relaxed)])[0][0])

    def _title_ids(self, terms: AnalyzedQuery, relaxed: bool) -> list[EntryId]:
        sql = (
            "SELECT string_agg(id::text, ',') FROM search_searchentry "
            "WHERE search_vector @@ to_tsquery('simple', %s)"
        )
        return _id_list(self._fetch(sql, [_ts_expression(terms, relaxed, weight="A")])[0][0])

    def _scores(self, terms: AnalyzedQuery, relaxed: bool, ids: list[EntryId]) -> list[tuple[EntryId, float]]:
        sql = (
            "SELECT e.id, ts_rank(e.search_vector, q.query, 1) "
            "FROM search_searchentry e, to_tsquery('simple', %s) AS q(query) WHERE e.id = ANY(%s)"
        )
        rows = self._fetch(sql, [_ts_expression(terms, relaxed), sorted(map(int, ids))])
        return [(str(pk), score) for pk, score in rows]

    def _completion_ids(self, typed: list[str], language: str) -> list[EntryId]:
        expression = " & ".join([_ts_lexeme(word) for word in typed[:-1]] + [_ts_lexeme(typed[-1]) + ":*"])
        sql = (
            "SELECT id FROM search_searchentry "
            "WHERE title_vector @@ to_tsquery('simple', %s) AND language = %s ORDER BY id DESC LIMIT %s"
        )
        return [str(pk) for (pk,) in self._fetch(sql, [expression, language, COMPLETION_CANDIDATES])]


# --- Query expressions: terms are [a-z0-9] already; quoting keeps words like "or" from being operators.


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _fts_expression(terms: AnalyzedQuery, relaxed: bool) -> str:
    parts = ["(" + " OR ".join(map(_fts_string, group)) + ")" for group in terms.term_groups()]
    parts += [_fts_string(" ".join(phrase)) for phrase in terms.phrases]
    return "(" + (" OR " if relaxed else " AND ").join(parts) + ")"


def _ts_lexeme(term: str, weight: str = "") -> str:
    return "'" + term.replace("'", "''").replace("\\", "\\\\") + "'" + (f":{weight}" if weight else "")


def _ts_expression(terms: AnalyzedQuery, relaxed: bool, weight: str = "") -> str:
    parts = [
        "(" + " | ".join(_ts_lexeme(term, weight) for term in group) + ")" for group in terms.term_groups()
    ]
    parts += [
        "(" + " <-> ".join(_ts_lexeme(term, weight) for term in phrase) + ")" for phrase in terms.phrases
    ]
    return (" | " if relaxed else " & ").join(parts)


# --- Results ---------------------------------------------------------------------------


def _id_list(joined: str | None) -> list[EntryId]:
    return joined.split(",") if joined else []


def _recency(facts: EntryFacts, pk: EntryId) -> tuple[int, int]:
    return facts.recency[facts.position[pk]]


def _one_per_source(matches: dict[str, int], reader_language: str, facts: EntryFacts) -> int:
    """The matching entries, one per page: its reader's-language entry when that matches."""
    reader = matches.get(reader_language, 0)
    combined = reader
    for language, mask in matches.items():
        if language != reader_language:
            combined |= facts.without_siblings_of(mask, reader, language, reader_language)
    return combined


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


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _word_count(terms: AnalyzedQuery) -> int:
    return len(terms.terms) + len(terms.phrases)


def _bump_version() -> None:
    """A new token for every write: caches compare tokens, and rolled-back writes leave the old one."""
    token = uuid.uuid4().hex
    if not SearchIndexVersion.objects.update(token=token):
        SearchIndexVersion.objects.create(token=token)


def _entry_row(entry: IndexEntry) -> SearchEntry:
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
        title_terms=" ".join(analyze(entry.title, entry.language)),
        text_terms=" ".join(analyze(entry.text, entry.language)),
        keyword_terms=" ".join(analyze(entry.keywords, entry.language)),
        title_words=" ".join(words(entry.title)),
    )


def _with_ids(rows: list[SearchEntry]) -> list[SearchEntry]:
    """The rows' database ids, for databases whose bulk insert does not return them."""
    saved = SearchEntry.objects.filter(source__in={row.source for row in rows}).values_list(
        "source", "language", "pk"
    )
    ids = {(source, language): pk for source, language, pk in saved}
    for row in rows:
        row.pk = ids[(row.source, row.language)]
    return rows


def _vocabulary(row: SearchEntry) -> set[str]:
    low, high = SUGGESTION_WORD_LENGTH
    return {
        word
        for word in words(f"{row.title} {row.text[:20_000]}")
        if low <= len(word) <= high and word.isalpha() and not is_stop_word(word, row.language)
    }


def _stop_word(word: str, languages: list[str]) -> bool:
    return any(is_stop_word(word, language) for language in languages)


def _hit(entry: SearchEntry, score: float, analyzed: dict[str, AnalyzedQuery]) -> Hit:
    terms = analyzed.get(entry.language)
    matched = terms.all_terms() if terms else set()
    return Hit(
        source=entry.source,
        language=entry.language,
        kind=entry.kind,
        title=entry.title,
        url=entry.url,
        title_html=highlight(entry.title, matched, entry.language),
        snippet_html=snippet(entry.text, matched, entry.language),
        score=float(score),
        date=entry.date,
        year=entry.year,
        countries=tuple(entry.countries.split()),
        topics=tuple(entry.topics.split()),
    )
