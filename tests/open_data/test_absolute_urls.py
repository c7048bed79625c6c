"""Every absolute link the site writes is on its configured address (``SITE_URL``), never on the
host a request came under: pages, the API, the exports, the feeds, the calendars and the sitemap.

The test client asks as ``testserver``, and the suite's ``SITE_URL`` is
``https://compras.example.org``; a link built from the request would name ``testserver``.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings

import pytest

from network import reference
from network.datasets import SITE_DATA

pytestmark = pytest.mark.usefixtures("shared_network")

CONFIGURED = urlsplit(settings.SITE_URL).netloc
# Every name this site answers to, besides its configured one.
SITE_HOSTS = {*settings.ALLOWED_HOSTS, "testserver", "localhost", "127.0.0.1"} - {CONFIGURED}
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>\\),]+")

URLS = {
    "home (es)": "/es/",
    "home (en)": "/en/",
    "country": "/en/countries/chile/",
    "country index, filtered": "/es/paises/?q=chile",
    "event": "/es/eventos/xx-seminario/",
    "news item": "/en/news/new-law/",
    "topic": "/es/temas/compras-sostenibles/",
    "portals": "/en/portals/",
    "search": "/es/buscar/?q=compras",
    "API pages": "/api/v2/pages/?fields=*&locale=en",
    "API countries": "/api/v2/pages/?type=countries.CountryPage&fields=*",
    "API portals": "/api/v2/portals/",
    "export countries (csv)": "/es/exports/countries.csv",
    "export events (json)": "/en/exports/events.json",
    "export countries (json)": "/en/exports/countries.json",
    "feed news (rss)": "/es/feeds/news.rss",
    "feed events (atom)": "/en/feeds/events.atom",
    "feed country (rss)": "/es/feeds/countries/cl/news.rss",
    "calendar of upcoming events": "/es/feeds/events.ics",
    "calendar of one event": "/en/events/20th-seminar/ical/",
    "sitemap": "/sitemap.xml",
    "robots.txt": "/robots.txt",
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS.values(), ids=URLS.keys())
def test_absolute_links_are_on_the_configured_address(client, network, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    links = ABSOLUTE_URL.findall(response.content.decode())
    hosts = {urlsplit(link).hostname for link in links}
    assert not hosts & SITE_HOSTS, [link for link in links if urlsplit(link).hostname in SITE_HOSTS]
    assert any(link.startswith(settings.SITE_URL) for link in links), "no absolute link to check"


@pytest.mark.django_db
def test_loading_the_site_data_moves_the_site_to_the_configured_address(client, network, settings):
    """``load_reference_data`` (each deployment, and the demo) loads the home page's data set, which
    moves the default site to ``SITE_URL`` should it have changed."""
    settings.SITE_URL = "https://ricg.example.net"
    reference.load([SITE_DATA])
    html = client.get("/es/").content.decode()
    assert '<link rel="canonical" href="https://ricg.example.net/es/">' in html
