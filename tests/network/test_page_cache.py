"""Anonymous readers get cached pages; any publication shows at once; editors never see the cache."""

import hashlib
import logging
import os
import socket
import time
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
import redis

from network.cache import content_generation
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


REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_cache(prefix: str, url: str = REDIS_URL) -> dict:
    """Production's Redis cache (its backend and timeouts), on the test database of the local Redis."""
    return {
        "default": {
            "BACKEND": "network.cache_backends.FaultTolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Each test process (pytest-xdist runs two) counts the keys of its own prefix in the shared Redis.
JUNK_PREFIX = f"junk-query-test-{os.getpid()}"
RECOVERY_PREFIX = f"recovery-test-{os.getpid()}"


@pytest.fixture
def junk_redis(settings) -> Iterator[redis.Redis]:
    """The local Redis under a prefix of its own, emptied before and after."""
    settings.CACHES = redis_cache(JUNK_PREFIX)
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(*client.keys(f"{JUNK_PREFIX}:*") or ["none"])
    yield client
    client.delete(*client.keys(f"{JUNK_PREFIX}:*") or ["none"])


def test_an_unreachable_cache_serves_the_site_uncached_logs_it_and_health_says_so(
    client, about_page, caplog, settings
):
    with caplog.at_level(logging.ERROR, logger="network.cache"):
        settings.CACHES = redis_cache("unreachable", f"redis://127.0.0.1:{closed_port()}/0")
        for path in ("/es/acerca-de-la-red/", "/en/about-the-network/", "/api/v2/pages/", "/sitemap.xml"):
            assert client.get(path).status_code == 200, path
    assert "The cache is unreachable" in caplog.text
    assert client.get("/health/").json() == {"database": "ok", "cache": "unreachable"}


def test_health_says_the_cache_answers(client, db):
    assert client.get("/health/").json() == {"database": "ok", "cache": "ok"}


def test_a_publication_while_the_cache_was_down_is_shown_once_it_answers_again(client, about_page, settings):
    settings.CACHES = redis_cache(RECOVERY_PREFIX)
    caches["default"].clear()
    try:
        assert "La red reúne" in client.get("/es/acerca-de-la-red/").content.decode()
        settings.CACHES = redis_cache(RECOVERY_PREFIX, f"redis://127.0.0.1:{closed_port()}/15")
        about_page.intro_es = "Publicado sin caché."
        about_page.save_revision().publish()
        settings.CACHES = redis_cache(RECOVERY_PREFIX)
        assert "Publicado sin caché." in client.get("/es/acerca-de-la-red/").content.decode()
    finally:
        caches["default"].clear()


def test_query_parameters_a_page_does_not_read_make_no_cache_entries(client, about_page, junk_redis):
    for number in range(500):
        assert client.get(f"/es/acerca-de-la-red/?utm_source=junk{number}&x{number}=1").status_code == 200
    generation = content_generation()
    assert len(junk_redis.keys(f"{JUNK_PREFIX}:*:network:page:{generation}:*")) == 1
    count, _html = queries_for(client, "/es/acerca-de-la-red/?fbclid=another")
    assert count == 0


def test_a_cached_page_never_hands_the_first_readers_query_string_to_the_next(client, about_page, junk_redis):
    """The language switch carries only the parameters the page read: a page cached under none of
    them keeps no tag of the reader who filled the cache."""
    for url in ("/es/acerca-de-la-red/?utm_source=boletin-de-ana", "/es/acerca-de-la-red/?fbclid=otro"):
        html = client.get(url).content.decode()
        assert 'href="/en/about-the-network/" hreflang="en"' in html, url
        assert "boletin-de-ana" not in html, url
    search = client.get("/es/buscar/?q=compras").content.decode()
    assert 'href="/en/search/?q=compras" hreflang="en"' in search


def test_the_cached_variants_of_one_page_are_bounded(client, home, junk_redis, settings):
    settings.PAGE_CACHE_VARIANTS = 3
    for number in range(8):
        assert client.get(f"/es/buscar/?q=palabra{number}").status_code == 200
    # The bound holds per content generation (each starts with no variant).
    generation = content_generation()
    assert len(junk_redis.keys(f"{JUNK_PREFIX}:*:network:page:{generation}:*")) == 3


def test_a_variant_counted_in_the_counters_last_second_is_served(client, home, settings):
    """The database cache keeps expiry times to the second: in a counter's last second, adding it
    finds it alive and reading it back finds it expired, and Django's ``incr`` raised ValueError,
    a 500 (met under gunicorn ten minutes, the page cache's lifetime, into a run of fuzzing)."""
    backend = "network.cache_backends.FaultTolerantDatabaseCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "variants_cache"}}
    call_command("createcachetable")
    path_hash = hashlib.sha256(b"testserver/es/buscar/").hexdigest()
    counter = f"network:variants:{content_generation()}:{path_hash}"
    while time.time() % 1 > 0.2:  # the counter ends within this second, and the page renders before
        time.sleep(0.02)
    cache.set(counter, 1, timeout=0.001)
    assert client.get("/es/buscar/?q=palabra").status_code == 200
    assert cache.get(counter) == 1


def test_public_pages_may_be_kept_by_a_cdn_and_briefly_by_browsers(client, about_page, settings):
    cache_control = client.get("/es/acerca-de-la-red/")["Cache-Control"]
    assert set(cache_control.split(", ")) == {
        "public",
        f"max-age={settings.BROWSER_CACHE_SECONDS}",
        f"s-maxage={settings.CDN_CACHE_SECONDS}",
    }


def test_editors_get_private_answers_that_no_cache_keeps(client, about_page):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))
    for path in ("/es/acerca-de-la-red/", f"/admin/pages/{about_page.pk}/edit/"):
        cache_control = client.get(path)["Cache-Control"]
        assert "private" in cache_control
        assert "no-store" in cache_control


def test_a_private_page_is_never_public(client, about_page):
    PageViewRestriction.objects.create(page=about_page, restriction_type="password", password="secret")
    password_form = client.get("/es/acerca-de-la-red/")
    assert "no-store" in password_form["Cache-Control"]
    assert "public" not in password_form["Cache-Control"]


def test_answers_that_are_not_pages_are_not_kept(client, home):
    assert client.get("/es/no-existe/")["Cache-Control"] == "no-cache"


def test_page_caching_in_a_cache_of_each_process_is_refused(settings):
    settings.PAGE_CACHE_SECONDS = 600
    with pytest.raises(SystemCheckError, match="network.E001"):
        call_command("check", tags=["caches"])
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    with pytest.raises(SystemCheckError, match="network.E001"):
        call_command("check", tags=["caches"])
    settings.FRAGMENT_CACHE_SECONDS = 0
    call_command("check", tags=["caches"])


def test_a_missing_cache_table_costs_speed_not_publications(client, about_page, settings):
    """On PostgreSQL a failed statement would abort the publication's transaction without its savepoint."""
    backend = "network.cache_backends.FaultTolerantDatabaseCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "no_cache_table"}}
    about_page.intro_es = "Publicado sin tabla."
    about_page.save_revision().publish()
    assert "Publicado sin tabla." in client.get("/es/acerca-de-la-red/").content.decode()
    assert client.get("/health/").json() == {"database": "ok", "cache": "unreachable"}
