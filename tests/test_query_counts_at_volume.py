"""Every page type makes the same number of queries at a small volume and at four times it.

A query made per listed object shows at any multiple; four times keeps the build short.

The content comes from the benchmark's generator (``bench/_volume.py``), so the
pages counted here are the ones ``bench/pages.py`` times. Each volume is built
inside a savepoint that is rolled back afterwards, so both start from the same
empty, migrated database.
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from wagtail.models import Page

import pytest

from bench import _volume
from countries.models import PracticePage
from events.models import EventPage, EventSession
from network.models import NetworkDocument
from news.models import NewsPage
from search import indexing

pytestmark = [pytest.mark.django_db, pytest.mark.start_early]

LARGER = _volume.SMALL.scaled(4)


def query_counts(volume: _volume.Volume) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Queries per "page type (language)" for a site of ``volume``, served to an anonymous reader,
    and, on SQLite, where each page type's queries read the whole page tree (``page_tree_scans``)
    once the figures a publication leaves in the fragment cache (``network.memo``) are kept."""
    client = Client()
    counts, scans = {}, {}
    with transaction.atomic():
        built = _volume.build(volume)
        for language in _volume.LANGUAGES:
            for page_type, url in _volume.page_urls(built, language).items():
                # The process's first request of a page type fills a few caches (the search's glossary).
                client.get(url)
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                assert response.status_code == 200, url
                counts[f"{page_type} ({language})"] = len(queries)
                if connection.vendor == "sqlite":
                    with override_settings(FRAGMENT_CACHE_SECONDS=600):
                        client.get(url)
                        with CaptureQueriesContext(connection) as queries:
                            client.get(url)
                    scans[f"{page_type} ({language})"] = page_tree_scans(queries)
        transaction.set_rollback(True)
    cache.clear()
    return counts, scans


def page_tree_scans(queries: CaptureQueriesContext) -> list[str]:
    """The lines of the queries' SQLite plans that read the page tree from end to end.

    SQLite keeps no table statistics, so a query that orders by a column of the page
    tree can walk the whole tree in that order to find a few rows of a small table
    (the footer's identity pages did, on every page: 10-25 ms at 22,000 pages). Counts
    that read every page of a kind are kept per content generation, so they are not
    asked here.
    """
    found = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            found += [
                detail
                for *_ids, detail in cursor.fetchall()
                if detail.split()[:2] == ["SCAN", "wagtailcore_page"]
            ]
    return found


def test_the_larger_volume_is_four_times_the_small_one():
    assert LARGER.events == 4 * _volume.SMALL.events
    assert LARGER.sessions == 4 * _volume.SMALL.sessions
    assert LARGER.news == 4 * _volume.SMALL.news


def test_every_page_type_makes_the_same_number_of_queries_at_four_times_the_volume():
    small, _scans = query_counts(_volume.SMALL)
    larger, scans = query_counts(LARGER)
    assert larger == small
    assert {page: found for page, found in scans.items() if found} == {}


def test_the_generator_builds_the_volume_asked_for_as_a_valid_page_tree():
    _volume.build(LARGER, search_index="")
    assert EventPage.objects.live().count() == LARGER.events
    assert EventSession.objects.count() == LARGER.events * LARGER.sessions
    assert NewsPage.objects.live().count() == LARGER.news
    assert PracticePage.objects.live().count() == LARGER.practices
    assert NetworkDocument.objects.count() == LARGER.documents
    assert all(not problems for problems in Page.find_problems())


def test_the_fast_search_index_fill_gives_the_entries_a_rebuild_would():
    _volume.build(_volume.SMALL, search_index="")

    def by_source(entries):
        return sorted(entries, key=lambda entry: (entry.source, entry.language))

    expected = by_source(indexing.all_entries())
    assert {entry.kind for entry in expected} >= {"country", "practice", "event", "news", "topic", "document"}
    with _volume.countries_read_once():
        assert by_source(_volume.search_entries()) == expected
