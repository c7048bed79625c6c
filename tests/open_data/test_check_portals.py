"""`manage.py check_portals` against real local servers: every failure is recorded, none crashes the run."""

import time
from io import StringIO

from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

import pytest

from network.skeleton import ensure_child
from portals.models import BROKEN_LINK, Portal, PortalDirectoryPage, PortalKind
from tests.open_data.servers import (
    HugeBodyHandler,
    LocalServer,
    NotFoundHandler,
    OkHandler,
    RedirectChainHandler,
    RedirectLoopHandler,
    ServerErrorHandler,
    SlowHandler,
    unused_port,
)

FAST = ["--timeout", "1", "--retries", "0", "--max-bytes", "1000000"]


def add_portal(url: str, name: str = "Portal") -> Portal:
    return Portal.objects.create(name_es=name, kind=PortalKind.EPROCUREMENT, url=url)


def check(*args: str) -> str:
    out = StringIO()
    call_command("check_portals", *FAST, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
class TestOneServerPerOutcome:
    def test_a_portal_that_answers(self):
        with LocalServer(OkHandler) as server:
            portal = add_portal(server.url("/"))
            check()
        portal.refresh_from_db()
        assert portal.link_status_code == 200
        assert portal.link_error == ""
        assert portal.link_final_url == server.url("/")
        assert portal.link_checked_at is not None
        assert 0 <= portal.link_response_ms < 1000
        assert not portal.link_is_broken

    @pytest.mark.parametrize(("handler", "status"), [(NotFoundHandler, 404), (ServerErrorHandler, 500)])
    def test_http_errors_are_recorded_as_broken(self, handler, status):
        with LocalServer(handler) as server:
            portal = add_portal(server.url("/gone"))
            check()
        portal.refresh_from_db()
        assert (portal.link_status_code, portal.link_error) == (status, "")
        assert portal.link_is_broken

    def test_redirects_are_followed_to_the_final_address(self):
        with LocalServer(RedirectChainHandler) as server:
            portal = add_portal(server.url("/start"))
            check()
        portal.refresh_from_db()
        assert portal.link_status_code == 200
        assert portal.link_final_url == server.url("/final")
        assert [path for path, _agent in server.requests] == ["/start", "/step-2", "/final"]

    def test_a_redirect_loop_stops(self):
        with LocalServer(RedirectLoopHandler) as server:
            portal = add_portal(server.url("/a"))
            check()
        portal.refresh_from_db()
        assert portal.link_error == "redirect-loop"
        assert portal.link_status_code is None
        assert len(server.requests) == 11  # the first request and ten redirects

    def test_a_slow_server_times_out(self):
        with LocalServer(SlowHandler) as server:
            portal = add_portal(server.url("/"))
            started = time.monotonic()
            check("--timeout", "0.5")
            assert time.monotonic() - started < 5
        portal.refresh_from_db()
        assert portal.link_error == "timeout"

    def test_a_huge_body_is_not_downloaded(self):
        with LocalServer(HugeBodyHandler) as server:
            portal = add_portal(server.url("/"))
            started = time.monotonic()
            check("--max-bytes", "200000")
            assert time.monotonic() - started < 5
        portal.refresh_from_db()
        assert (portal.link_status_code, portal.link_error) == (200, "too-large")

    def test_a_refused_connection(self):
        portal = add_portal(f"http://127.0.0.1:{unused_port()}/")
        check()
        portal.refresh_from_db()
        assert portal.link_error == "refused"

    def test_https_to_a_plain_http_server_is_a_tls_error(self):
        with LocalServer(OkHandler) as server:
            portal = add_portal(server.url("/", scheme="https"))
            check()
        portal.refresh_from_db()
        assert portal.link_error == "tls"

    def test_an_unknown_host_name(self):
        portal = add_portal("http://portal-de-compras.invalid/")
        check()
        portal.refresh_from_db()
        assert portal.link_error == "dns"

    def test_an_address_that_is_not_http(self):
        portal = add_portal("ftp://127.0.0.1/portal")
        check()
        portal.refresh_from_db()
        assert portal.link_error == "invalid-url"


@pytest.mark.django_db
def test_every_outcome_in_one_concurrent_run():
    with (
        LocalServer(OkHandler) as ok,
        LocalServer(NotFoundHandler) as missing,
        LocalServer(RedirectLoopHandler) as loop,
        LocalServer(SlowHandler) as slow,
        LocalServer(HugeBodyHandler) as huge,
    ):
        expected = {
            ok.url("/"): (200, ""),
            missing.url("/"): (404, ""),
            loop.url("/a"): (None, "redirect-loop"),
            slow.url("/"): (None, "timeout"),
            huge.url("/"): (200, "too-large"),
            f"http://127.0.0.1:{unused_port()}/": (None, "refused"),
            ok.url("/", scheme="https"): (None, "tls"),
            "http://otro-portal.invalid/": (None, "dns"),
        }
        for number, url in enumerate(expected):
            add_portal(url, name=f"Portal {number}")
        started = time.monotonic()
        output = check("--timeout", "1", "--concurrency", "8")
        # Concurrent: the slow server alone takes the whole timeout.
        assert time.monotonic() - started < 4
    recorded = {portal.url: (portal.link_status_code, portal.link_error) for portal in Portal.objects.all()}
    assert recorded == expected
    assert "Checked 8 portals: 1 answered, 7 broken." in output
    assert Portal.objects.filter(BROKEN_LINK).count() == 7


@pytest.mark.django_db
def test_the_user_agent_names_the_network_and_a_contact(settings):
    settings.PORTAL_CHECK_CONTACT_URL = "https://red.example.org/contacto/"
    with LocalServer(OkHandler) as server:
        add_portal(server.url("/"))
        check()
    [(_path, agent)] = server.requests
    assert "Red Interamericana de Compras Gubernamentales" in agent
    assert "+https://red.example.org/contacto/" in agent


@pytest.mark.django_db
def test_server_errors_are_retried_a_limited_number_of_times():
    with LocalServer(ServerErrorHandler) as server:
        add_portal(server.url("/"))
        check("--retries", "2", "--retry-delay", "0.01")
    assert len(server.requests) == 3


@pytest.mark.django_db
def test_not_found_is_not_retried():
    with LocalServer(NotFoundHandler) as server:
        add_portal(server.url("/"))
        check("--retries", "2", "--retry-delay", "0.01")
    assert len(server.requests) == 1


@pytest.mark.django_db
def test_portals_sharing_an_address_are_fetched_once():
    with LocalServer(OkHandler) as server:
        add_portal(server.url("/"), name="Sistema")
        add_portal(server.url("/"), name="Datos abiertos")
        check()
    assert len(server.requests) == 1
    assert list(Portal.objects.values_list("link_status_code", flat=True)) == [200, 200]


@pytest.mark.django_db
def test_a_new_check_replaces_the_previous_result():
    with LocalServer(OkHandler) as server:
        portal = add_portal(server.url("/"))
        check()
    check()  # the server is gone now
    portal.refresh_from_db()
    assert portal.link_error == "refused"
    assert portal.link_status_code is None


@pytest.mark.django_db
def test_cached_pages_show_the_new_result(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    with LocalServer(OkHandler) as server:
        add_portal(server.url("/"))
        before = client.get("/en/exports/portals.json").json()["items"][0]
        check()
    after = client.get("/en/exports/portals.json").json()["items"][0]
    assert before["link_status_code"] is None
    assert after["link_status_code"] == 200


@pytest.mark.django_db
def test_the_directory_shows_each_portals_last_check(client, home):
    ensure_child(
        home, PortalDirectoryPage, "portales", slug_en="portals", title_es="Portales", title_en="Portals"
    )
    with LocalServer(OkHandler) as ok, LocalServer(NotFoundHandler) as missing:
        add_portal(ok.url("/"), name="Portal que funciona")
        add_portal(missing.url("/"), name="Portal desaparecido")
        add_portal("http://portal-sin-nombre.invalid/", name="Portal sin nombre")
        check()
    add_portal("https://nuevo.example/", name="Portal nuevo")
    html = " ".join(client.get("/en/portals/").content.decode().split())
    checked_at = timezone.localtime(Portal.objects.get(name_es="Portal que funciona").link_checked_at)
    with translation.override("en"):
        day = date_format(checked_at)
    assert html.count("Link checked on") == 3
    assert f'Link checked on <time datetime="{checked_at.isoformat()}">{day}</time>: working' in html
    assert "<strong>not reachable</strong> (HTTP error 404)" in html
    assert "<strong>not reachable</strong> (Host name not found)" in html
