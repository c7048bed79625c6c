"""Every page type makes the same number of queries at a small volume and at ten times it.

The content comes from the benchmark's generator (``bench/_volume.py``), so the
pages counted here are the ones ``bench/pages.py`` times. Each volume is built
inside a savepoint that is rolled back afterwards, so both start from the same
empty, migrated database.
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from bench import _volume
from countries.models import PracticePage
from events.models import EventPage, EventSession
from network.models import NetworkDocument
from news.models import NewsPage
from search import indexing

pytestmark = pytest.mark.django_db

LARGER = _volume.SMALL.scaled(10)


def query_counts(volume: _volume.Volume) -> dict[str, int]:
    """Queries per "page type (language)" for a site of ``volume``, served to an anonymous reader."""
    client = Client()
    counts = {}
    with transaction.atomic():
        built = _volume.build(volume)
        for language in _volume.LANGUAGES:
            for page_type, url in _volume.page_urls(built, language).items():
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                assert response.status_code == 200, url
                counts[f"{page_type} ({language})"] = len(queries)
        transaction.set_rollback(True)
    cache.clear()
    return counts


def test_the_larger_volume_is_ten_times_the_small_one():
    assert LARGER.events == 10 * _volume.SMALL.events
    assert LARGER.sessions == 10 * _volume.SMALL.sessions
    assert LARGER.news == 10 * _volume.SMALL.news


def test_every_page_type_makes_the_same_number_of_queries_at_ten_times_the_volume():
    small = query_counts(_volume.SMALL)
    larger = query_counts(LARGER)
    assert larger == small


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
