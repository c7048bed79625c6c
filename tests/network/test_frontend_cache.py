"""A CDN in front of the site is told to forget a page in both languages when it changes.

A local HTTP server stands in for the CDN's purge API (Varnish-style PURGE requests, which
Wagtail's HTTP backend sends) and records what it is asked to purge.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.django_db

PAGE_URLS = {"/es/acerca-de-la-red/", "/en/about-the-network/"}
HOME_URLS = {"/es/", "/en/"}


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self) -> None:  # noqa: N802 (the HTTP method's name)
        self.server.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        """Quiet: the test reads what was purged, not the access log."""


@pytest.fixture
def cdn(settings) -> Iterator[list[str]]:
    """The paths the stand-in CDN was asked to purge."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server.purged
    server.shutdown()
    server.server_close()


CHANGES = {
    "publish": lambda page: page.save_revision().publish(),
    "unpublish": lambda page: page.unpublish(),
    "delete": lambda page: page.delete(),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_changed_page_is_purged_in_both_languages_with_the_pages_above_it(
    change, about_page, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        CHANGES[change](about_page)
    assert set(cdn) == PAGE_URLS | HOME_URLS


def test_nothing_is_purged_before_the_change_commits(about_page, cdn, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        about_page.save_revision().publish()
    assert cdn == []
