"""Matching and scoring from each term's postings, kept per index version (search.backends.postings)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import numpy as np
import pytest

from search.backends import get_search_engine
from search.backends.base import IndexEntry, SearchQuery
from search.backends.database import Matcher, Snapshot
from search.backends.postings import NO_IDS, KeptArrays, Postings, intersection, members, union
from search.models import GlossaryEntry, SearchEntry

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="bm25 from postings is SQLite's")


def entry(source: str, title: str, text: str, keywords: str = "") -> IndexEntry:
    return IndexEntry(
        source=source,
        language="en",
        kind="page",
        title=title,
        text=text,
        keywords=keywords,
        url=f"/{source}/",
    )


@pytest.fixture
def indexed() -> None:
    get_search_engine().add(
        [
            entry("page:1", "Quokkas", "Quokkas negotiate framework agreements with wombats."),
            entry("page:2", "Wombats and e-procurement", "Wombats run e-procurement. " * 3, "quokkas"),
            # Column sizes past one byte (128 terms) and two (16,384) in FTS5's record of them.
            entry("page:3", "Procurement law", "Procurement reform for quokkas. " + "reform " * 300),
            entry("page:4", "Long report", "Quokkas and procurement. " + "annex " * 17_000),
            entry("page:5", "Catalogues", "Electronic catalogues without the animals."),
        ]
    )


def found(text: str) -> list[str]:
    return [hit.source for hit in get_search_engine().search(SearchQuery(text=text, language="en")).hits]


def fts5_bm25(expression: str) -> dict[int, float]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, -bm25(search_searchentry_fts, 10.0, 1.0, 3.0) FROM search_searchentry_fts "
            "WHERE search_searchentry_fts MATCH %s",
            [expression],
        )
        return dict(cursor.fetchall())


def scored(text: str, relaxed: bool) -> dict[int, float]:
    """The engine's scores of the entries that match ``text`` (``relaxed``: any of its words)."""
    engine = get_search_engine()
    snapshot = Snapshot()
    terms = snapshot.analyzed(SearchQuery(text=text, language="en").parsed, "en")
    every_entry = np.array(sorted(SearchEntry.objects.values_list("pk", flat=True)))
    ids, scores, _in_title = Matcher(engine, snapshot.version).scores(terms, relaxed, every_entry)
    return dict(zip(ids.tolist(), scores.tolist(), strict=True))


@on_sqlite
@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("text", "relaxed", "expression"),
    [
        ("quokkas", False, '"quokka"'),
        ("quokkas wombats", False, '"quokka" AND "wombat"'),
        ("quokkas reform", True, '"quokka" OR "reform"'),
        ("e-procurement", False, '"e" AND "procur"'),
        # A phrase of several terms is scored by FTS5 itself.
        ('"framework agreements" quokkas', False, '"framework agreement" AND "quokka"'),
    ],
)
def test_scores_from_postings_are_the_scores_fts5_gives(text: str, relaxed: bool, expression: str):
    expected = fts5_bm25(expression)
    assert expected
    assert scored(text, relaxed) == pytest.approx(expected, rel=1e-12)


@on_sqlite
@pytest.mark.usefixtures("indexed")
def test_the_terms_of_a_glossary_expression_count_only_where_they_are_all_found():
    """A page with "procurement" but not "procurement reform" scores by the query's other words."""
    GlossaryEntry.objects.create(spanish="reforma de las compras", english="procurement reform")
    assert get_search_engine().holds_glossary()
    source = dict(SearchEntry.objects.values_list("pk", "source"))
    scores = {source[pk]: score for pk, score in scored("procurement reform annex", True).items()}
    annex = {source[pk]: score for pk, score in fts5_bm25('"annex"').items()}
    assert {"page:3", "page:4"} <= scores.keys()
    assert scores["page:4"] == pytest.approx(annex["page:4"], rel=1e-12)


@pytest.mark.usefixtures("indexed")
def test_a_term_s_kept_entries_follow_every_write_to_the_index():
    assert found("catalogues") == ["page:5"]
    get_search_engine().add([entry("page:6", "More catalogues", "Catalogues again.")])
    assert sorted(found("catalogues")) == ["page:5", "page:6"]
    get_search_engine().replace("page:5", [])
    assert found("catalogues") == ["page:6"]


@pytest.mark.usefixtures("indexed")
def test_the_same_words_searched_again_read_no_term_from_the_database():
    engine = get_search_engine()
    first = engine.search(SearchQuery(text="quokkas wombats", language="en", all_languages=True))
    with CaptureQueriesContext(connection) as queries:
        again = engine.search(SearchQuery(text="wombats quokkas", language="en", all_languages=True))
    asked = [
        query["sql"] for query in queries if "fts_instances" in query["sql"] or "_matches(" in query["sql"]
    ]
    assert asked == []
    assert {hit.source for hit in again.hits} == {hit.source for hit in first.hits} == {"page:1", "page:2"}


def test_the_least_recently_used_arrays_go_beyond_the_budget(settings):
    kept, reads = KeptArrays(), []
    thousand = Postings(np.arange(1000), np.arange(0, 1000, 2))
    settings.SEARCH_POSTINGS_BYTES = 2 * thousand.nbytes()

    def read(term: str) -> Postings:
        reads.append(term)
        return thousand

    for term in ("first", "second", "first", "third", "first", "second"):
        assert kept.get("version", term, lambda term=term: read(term)) is thousand
    # "first", asked again, stays; "second" went when "third" came, and is read again.
    assert reads == ["first", "second", "third", "second"]
    empty = Postings(NO_IDS, NO_IDS)
    assert kept.get("next version", "first", lambda: empty) is empty


def test_set_arithmetic_over_ascending_ids():
    evens, threes = np.arange(0, 30, 2), np.arange(0, 30, 3)
    assert intersection([evens, threes]).tolist() == [0, 6, 12, 18, 24]
    assert union([evens, threes, np.zeros(0, dtype=np.int64)]).tolist() == sorted({*evens, *threes})
    assert members(np.array([1, 6, 40]), threes).tolist() == [False, True, False]
