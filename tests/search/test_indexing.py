"""The index follows the site: publish, unpublish, move, delete, privacy, rebuild."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from events.models import EventPage, EventSession
from network.models import StandardPage
from network.skeleton import ensure_child
from search import indexing
from search.analysis import analyze
from search.backends import get_search_engine
from search.backends.base import SearchQuery
from search.models import SearchEntry
from tests.search.conftest import result_titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site")]


def found(client, language: str, query: str) -> list[str]:
    with translation.override(language):
        response = client.get(reverse("search"), {"q": query, "scope": "all"})
    assert response.status_code == 200
    return result_titles(response.content.decode())


def entries(page) -> dict[str, str]:
    return dict(SearchEntry.objects.filter(source=f"page:{page.pk}").values_list("language", "url"))


def test_one_entry_per_language_the_page_exists_in(site):
    assert entries(site["practice"]) == {
        "es": "/es/paises/chile/compras-pymes/",
        "en": "/en/countries/chile/procurement-smes/",
    }
    assert entries(site["spanish_only"]) == {"es": "/es/solo-en-espanol/"}


def test_entries_carry_the_pages_facets(site):
    practice = SearchEntry.objects.get(source=f"page:{site['practice'].pk}", language="en")
    assert (practice.kind, practice.countries, practice.topics, practice.year) == (
        "practice",
        "CL",
        str(site["open_data"].pk),
        2022,
    )
    event = SearchEntry.objects.get(source=f"page:{site['seminar'].pk}", language="es")
    assert event.kind == "event" and event.countries == "MX" and event.year == 2023


def test_editing_and_publishing_updates_the_entry(client, site):
    news = site["news"]
    news.title_en = "Mexico opens a marketplace"
    news.save_revision().publish()
    assert "Mexico opens a marketplace" in found(client, "en", "marketplace")
    assert "Mexico launches its procurement platform" not in found(client, "en", "launches")


def test_a_draft_is_not_indexed_until_published(client, site):
    news = site["news"]
    news.title_en = "Draft headline about catalogues"
    news.save_revision()
    assert found(client, "en", "headline") == []


def test_unpublishing_removes_the_page(client, site):
    site["news"].unpublish()
    assert entries(site["news"]) == {}
    assert found(client, "en", "platform") == []


def test_deleting_removes_the_page_and_its_children(client, site):
    chile = site["chile"]
    practice_pk = site["practice"].pk
    chile.delete()
    assert not SearchEntry.objects.filter(source__in=[f"page:{chile.pk}", f"page:{practice_pk}"]).exists()
    assert found(client, "es", "pymes") == []


def test_moving_a_page_updates_its_url_and_its_childrens(site):
    site["chile"].move(site["home"], pos="last-child")
    assert entries(site["practice"])["en"] == "/en/chile/procurement-smes/"
    assert entries(site["chile"])["es"] == "/es/chile/"


def test_changing_a_slug_updates_the_children(site):
    chile = site["chile"]
    chile.slug_en = "republic-of-chile"
    chile.save_revision().publish()
    assert entries(site["practice"])["en"] == "/en/countries/republic-of-chile/procurement-smes/"


def test_private_pages_are_not_indexed(client, site):
    PageViewRestriction.objects.create(page=site["chile"], restriction_type="password", password="secret")
    assert entries(site["chile"]) == {}
    assert entries(site["practice"]) == {}
    assert found(client, "es", "pymes") == []


def test_pages_without_english_have_no_english_entry_until_translated(client, site):
    page = site["spanish_only"]
    assert found(client, "en", "sustainable") == []
    page.title_en = "Sustainable procurement guide"
    page.save_revision().publish()
    assert entries(page)["en"] == "/en/solo-en-espanol/"
    assert "Sustainable procurement guide" in found(client, "en", "sustainable")


def test_rebuild_command_restores_everything_and_shows_progress(client, site):
    expected = set(SearchEntry.objects.values_list("source", "language", "url", "title_terms"))
    SearchEntry.objects.all().delete()
    output, progress = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=output, stderr=progress)
    assert set(SearchEntry.objects.values_list("source", "language", "url", "title_terms")) == expected
    assert f"{len(expected)} entries" in output.getvalue()
    assert "Indexing" in progress.getvalue() and "100%" in progress.getvalue()
    assert "Compras públicas para pymes" in found(client, "es", "pymes")


def test_rebuild_twice_gives_the_same_index_and_vocabulary(site):
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    from search.models import SearchTerm

    first = set(SearchTerm.objects.values_list("language", "word", "frequency"))
    call_command("rebuild_search_index", no_progress=True, stdout=io.StringIO())
    assert set(SearchTerm.objects.values_list("language", "word", "frequency")) == first


def test_vocabulary_forgets_words_of_removed_pages(site):
    from search.models import SearchTerm

    assert SearchTerm.objects.filter(language="es", word="colusion").exists()
    site["seminar"].unpublish()
    assert not SearchTerm.objects.filter(language="es", word="colusion").exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_search_query_count_does_not_grow_with_results(client, home, language):
    def count_queries() -> int:
        with translation.override(language):
            url = reverse("search")
        client.get(url, {"q": "licitacion tender", "scope": "all"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": "licitacion tender", "scope": "all"})
        assert response.status_code == 200
        return len(queries)

    ensure_child(home, StandardPage, "licitacion-0", title_es="Licitación 0", title_en="Tender 0")
    one = count_queries()
    for number in range(1, 6):
        ensure_child(
            home,
            StandardPage,
            f"licitacion-{number}",
            title_es=f"Licitación {number}",
            title_en=f"Tender {number}",
        )
    assert count_queries() == one


def test_indexing_an_event_reads_its_relations_once_whatever_their_number(site):
    seminar = site["seminar"]

    def queries_to_index() -> int:
        with CaptureQueriesContext(connection) as queries:
            indexing.index_page(EventPage.objects.get(pk=seminar.pk))
        return len(queries)

    queries_to_index()  # Site root paths and locales are cached after the first page.
    one_session = queries_to_index()
    for number in range(9):
        session = EventSession.objects.create(
            page=seminar, title_es=f"Sesión {number}", sort_order=number + 1
        )
        session.topics.set([site["open_data"]])
    seminar.participating_countries = [site["chile"], site["mexico"]]
    seminar.save()
    assert queries_to_index() == one_session
    entry = SearchEntry.objects.get(source=f"page:{seminar.pk}", language="es")
    assert "Sesión 8" in entry.text and entry.countries.split() == ["MX", "CL"]


def test_an_entry_written_after_the_cached_facts_were_read_is_found(site):
    """Another process can add an entry between this one reading the index version and matching."""
    engine = get_search_engine()
    engine.search(SearchQuery(text="chile", language="es"))  # every entry's facts are now cached
    SearchEntry.objects.create(
        source="page:0",
        language="es",
        kind="page",
        title="Zanahorias",
        url="/es/zanahorias/",
        title_terms=" ".join(analyze("Zanahorias", "es")),
        title_words="zanahorias",
    )
    results = engine.search(SearchQuery(text="zanahorias", language="es"))
    assert [hit.title for hit in results.hits] == ["Zanahorias"]
    assert results.facets["kind"][0].count == 1


def full_text_queries(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries if "search_searchentry_" in query["sql"]]


def test_a_search_asked_again_reads_its_matches_and_scores_from_the_cache(site, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    engine = get_search_engine()
    query = SearchQuery(text="compras publicas", language="es", all_languages=True)
    first = engine.search(query)
    with CaptureQueriesContext(connection) as queries:
        again = engine.search(query)
    assert full_text_queries(queries) == []
    assert [(hit.source, hit.language, hit.score) for hit in again.hits] == [
        (hit.source, hit.language, hit.score) for hit in first.hits
    ]
    assert (again.total, again.facets) == (first.total, first.facets)
    settings.FRAGMENT_CACHE_SECONDS = 0
    computed = engine.search(query)
    assert [hit.source for hit in computed.hits] == [hit.source for hit in first.hits]


def test_kept_matches_follow_every_write_to_the_index(client, site, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    assert found(client, "en", "platform") == ["Mexico launches its procurement platform"]
    site["news"].unpublish()
    assert found(client, "en", "platform") == []
    news = site["news"]
    news.title_en = "Mexico launches its buying platform"
    news.save_revision().publish()
    assert found(client, "en", "platform") == ["Mexico launches its buying platform"]
