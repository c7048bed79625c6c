"""Anonymous readers get cached pages; any publication shows at once; editors never see the cache."""

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

import pytest

from portals.models import Portal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def queries_for(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    return len(queries), html


def test_a_repeated_request_is_served_without_touching_the_database(client, about_page):
    first_count, first_html = queries_for(client, "/en/about-the-network/")
    second_count, second_html = queries_for(client, "/en/about-the-network/")
    assert first_count > 0
    assert second_count == 0
    assert second_html == first_html


def test_each_language_is_cached_separately(client, about_page):
    client.get("/es/acerca-de-la-red/")
    english = client.get("/en/about-the-network/").content.decode()
    assert '<html lang="en">' in english


def test_a_published_edit_is_visible_at_once_in_both_languages(client, about_page):
    client.get("/es/acerca-de-la-red/")
    client.get("/en/about-the-network/")
    about_page.intro_es = "Texto nuevo de la red."
    about_page.intro_en = "The network's new text."
    about_page.save_revision().publish()
    assert "Texto nuevo de la red." in client.get("/es/acerca-de-la-red/").content.decode()
    assert "The network&#x27;s new text." in client.get("/en/about-the-network/").content.decode()


def test_a_draft_is_not_shown_and_does_not_invalidate(client, about_page):
    cached = client.get("/es/acerca-de-la-red/").content.decode()
    about_page.intro_es = "Borrador sin publicar."
    about_page.save_revision()
    count, html = queries_for(client, "/es/acerca-de-la-red/")
    assert count == 0
    assert html == cached


def test_unpublishing_removes_the_page_at_once(client, about_page):
    assert client.get("/es/acerca-de-la-red/").status_code == 200
    about_page.unpublish()
    assert client.get("/es/acerca-de-la-red/").status_code == 404


def test_a_snippet_change_invalidates_pages(client, about_page):
    portal = Portal.objects.create(name_es="Portal", url="https://example.org/", kind="initiative")
    client.get("/es/acerca-de-la-red/")
    portal.name_es = "Portal renombrado"
    portal.save()
    count, _html = queries_for(client, "/es/acerca-de-la-red/")
    assert count > 0


def test_logged_in_editors_are_never_served_from_the_cache(client, about_page):
    client.get("/es/acerca-de-la-red/")
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    count, html = queries_for(client, "/es/acerca-de-la-red/")
    assert count > 0
    assert "wagtail-userbar" in html


def test_not_found_pages_are_not_cached(client, home):
    client.get("/es/no-existe/")
    count, _html = queries_for(client, "/es/no-existe/")
    assert count > 0


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "page-cache-test",
        }
    }
)
def test_pages_cached_in_redis_are_shared_between_clients_and_invalidated_by_publishing(client, about_page):
    redis = caches["default"]
    redis.clear()
    try:
        client.get("/es/acerca-de-la-red/")
        other_client = type(client)()
        count, _html = queries_for(other_client, "/es/acerca-de-la-red/")
        assert count == 0
        about_page.intro_es = "Publicado con Redis."
        about_page.save_revision().publish()
        assert "Publicado con Redis." in other_client.get("/es/acerca-de-la-red/").content.decode()
    finally:
        redis.clear()
