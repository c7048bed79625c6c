"""A small bilingual network for the network-wide pages::

    Root
    └── HomePage                      /es/                /en/
        ├── CountryIndexPage          /es/paises/         /en/countries/
        │   ├── CountryPage           /es/paises/chile/   /en/countries/chile/
        │   │   └── PracticePage      (about the topic)
        │   └── CountryPage           /es/paises/mexico/  /en/countries/mexico/
        ├── TopicIndexPage            /es/temas/          /en/topics/
        │   └── TopicPage             /es/temas/datos-abiertos/  /en/topics/open-data/  (led by Chile)
        ├── EventIndexPage            /es/eventos/        /en/events/
        │   └── EventPage             a seminar with a session and an agreement on the topic
        ├── PortalDirectoryPage       /es/portales/       /en/portals/
        ├── PublicationIndexPage      /es/publicaciones/  /en/publications/
        └── NewsIndexPage             /es/noticias/       /en/news/

Factories (``make_country``, ``make_event``, ``make_news``, ``make_document`` …) add more.
"""

import datetime
import itertools
import string
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Collection

import pytest

from countries.models import CountryIndexPage, CountryPage, PracticePage
from events.models import EventAgreement, EventDocument, EventIndexPage, EventPage, EventSession
from network.models import NetworkDocument, PublicationIndexPage, TopicIndexPage, TopicPage
from network.skeleton import ensure_child
from news.models import NewsIndexPage, NewsPage
from portals.models import PortalDirectoryPage
from tests.conftest import ensure_test_home, shared_content


@pytest.fixture
def count_queries(client):
    """The number of SQL queries a second GET of ``url`` makes (the first warms per-process caches)."""

    def count(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    return count


def unused_iso_codes():
    """Codes from ISO 3166's user-assigned ranges (Q…, X…), which no real country has; 52 pairs."""
    letters = string.ascii_uppercase
    for first, second in itertools.product("QX", letters):
        yield f"{first}{second}", f"{first}{second}Z"


@pytest.fixture
def country_index(home) -> CountryIndexPage:
    return build_country_index(home)


def build_country_index(home) -> CountryIndexPage:
    page, _created = ensure_child(
        home, CountryIndexPage, "paises", slug_en="countries", title_es="Países", title_en="Countries"
    )
    return page


@pytest.fixture
def make_country(country_index):
    return country_maker(country_index)


def country_maker(country_index):
    codes = unused_iso_codes()

    def make(slug: str, title_es: str, title_en: str = "", **fields) -> CountryPage:
        alpha2, alpha3 = next(codes)
        fields.setdefault("iso_alpha2", alpha2)
        fields.setdefault("iso_alpha3", alpha3)
        fields.setdefault("subregion", "south-america")
        page, _created = ensure_child(
            country_index, CountryPage, slug, title_es=title_es, title_en=title_en or title_es, **fields
        )
        return page

    return make


@pytest.fixture
def chile(make_country) -> CountryPage:
    return build_chile(make_country)


def build_chile(make_country) -> CountryPage:
    return make_country("chile", "Chile", iso_alpha2="CL", iso_alpha3="CHL")


@pytest.fixture
def mexico(make_country) -> CountryPage:
    return build_mexico(make_country)


def build_mexico(make_country) -> CountryPage:
    return make_country(
        "mexico", "México", "Mexico", iso_alpha2="MX", iso_alpha3="MEX", subregion="north-america"
    )


@pytest.fixture
def topic_index(home) -> TopicIndexPage:
    return build_topic_index(home)


def build_topic_index(home) -> TopicIndexPage:
    page, _created = ensure_child(
        home,
        TopicIndexPage,
        "temas",
        slug_en="topics",
        title_es="Temas",
        title_en="Topics",
        intro_es="Los temas prioritarios de la red.",
        intro_en="The network's priority topics.",
    )
    return page


@pytest.fixture
def make_topic(topic_index):
    return topic_maker(topic_index)


def topic_maker(topic_index):
    def make(slug_es: str, title_es: str, title_en: str, lead_countries=(), **fields) -> TopicPage:
        page, _created = ensure_child(
            topic_index,
            TopicPage,
            slug_es,
            title_es=title_es,
            title_en=title_en,
            **fields,
        )
        page.lead_countries.set(lead_countries)
        return page

    return make


@pytest.fixture
def topic(make_topic, chile) -> TopicPage:
    return build_topic(make_topic, chile)


def build_topic(make_topic, chile) -> TopicPage:
    return make_topic(
        "datos-abiertos",
        "Datos abiertos",
        "Open data",
        slug_en="open-data",
        priority="highest",
        lead_countries=[chile],
        intro_es="Publicar los datos de las compras.",
        intro_en="Publishing procurement data.",
    )


@pytest.fixture
def event_index(home) -> EventIndexPage:
    return build_event_index(home)


def build_event_index(home) -> EventIndexPage:
    page, _created = ensure_child(
        home, EventIndexPage, "eventos", slug_en="events", title_es="Eventos", title_en="Events"
    )
    return page


@pytest.fixture
def make_event(event_index):
    """An event; ``sessions``/``agreements`` are lists of (title, topics) pairs."""
    return event_maker(event_index)


def event_maker(event_index):

    def make(slug: str, title_es: str, title_en: str = "", sessions=(), agreements=(), **fields) -> EventPage:
        fields.setdefault("start_date", datetime.date(2005, 6, 1))
        fields.setdefault("end_date", fields["start_date"])
        page, _created = ensure_child(
            event_index,
            EventPage,
            slug,
            title_es=title_es,
            title_en=title_en or title_es,
            sessions=[
                EventSession(title=title, topics=list(topics), sort_order=order)
                for order, (title, topics) in enumerate(sessions)
            ],
            agreements=[
                EventAgreement(title=title, text="<p>Acuerdo.</p>", topics=list(topics), sort_order=order)
                for order, (title, topics) in enumerate(agreements)
            ],
            **fields,
        )
        return page

    return make


@pytest.fixture
def seminar(make_event, topic, chile) -> EventPage:
    return build_seminar(make_event, topic, chile)


def build_seminar(make_event, topic, chile) -> EventPage:
    return make_event(
        "iii-seminario",
        "III Seminario Interamericano",
        "III Inter-American Seminar",
        slug_en="iii-seminar",
        start_date=datetime.date(2005, 6, 6),
        end_date=datetime.date(2005, 6, 8),
        city_es="Santiago",
        host_country=chile,
        sessions=[("Taller de datos abiertos", [topic]), ("Apertura", [])],
        agreements=[("Crear un comité", []), ("Publicar datos en OCDS", [topic])],
    )


@pytest.fixture
def make_practice():
    return practice_maker()


def practice_maker():
    def make(country: CountryPage, slug: str, title_es: str, topics=(), **fields) -> PracticePage:
        page, _created = ensure_child(
            country, PracticePage, slug, title_es=title_es, topics=list(topics), **fields
        )
        return page

    return make


@pytest.fixture
def news_index(home) -> NewsIndexPage:
    return build_news_index(home)


def build_news_index(home) -> NewsIndexPage:
    page, _created = ensure_child(
        home, NewsIndexPage, "noticias", slug_en="news", title_es="Noticias", title_en="News"
    )
    return page


@pytest.fixture
def make_news(news_index):
    return news_maker(news_index)


def news_maker(news_index):
    def make(slug: str, title_es: str, title_en: str = "", countries=(), topics=(), **fields) -> NewsPage:
        page, _created = ensure_child(
            news_index,
            NewsPage,
            slug,
            title_es=title_es,
            title_en=title_en or title_es,
            countries=list(countries),
            topics=list(topics),
            **fields,
        )
        return page

    return make


@pytest.fixture
def publication_index(home) -> PublicationIndexPage:
    return build_publication_index(home)


def build_publication_index(home) -> PublicationIndexPage:
    page, _created = ensure_child(
        home,
        PublicationIndexPage,
        "publicaciones",
        slug_en="publications",
        title_es="Publicaciones",
        title_en="Publications",
    )
    return page


@pytest.fixture
def portal_directory(home) -> PortalDirectoryPage:
    return build_portal_directory(home)


def build_portal_directory(home) -> PortalDirectoryPage:
    page, _created = ensure_child(
        home, PortalDirectoryPage, "portales", slug_en="portals", title_es="Portales", title_en="Portals"
    )
    return page


@pytest.fixture(scope="module")
def shared_network(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The pages above, built once for a module whose tests all use them (see ``shared_content``).

    The fixtures above find what it built (they create only what is missing).
    """

    def build() -> None:
        home = ensure_test_home()
        make_country = country_maker(build_country_index(home))
        chile = build_chile(make_country)
        build_mexico(make_country)
        topic = build_topic(topic_maker(build_topic_index(home)), chile)
        build_seminar(event_maker(build_event_index(home)), topic, chile)
        build_news_index(home)
        build_publication_index(home)
        build_portal_directory(home)

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def make_document(db):
    def make(title: str, countries=(), topics=(), events=(), **fields) -> NetworkDocument:
        document = NetworkDocument.objects.create(
            title=title,
            file=ContentFile(b"%PDF-1.4 test", name="documento.pdf"),
            collection=Collection.get_first_root_node(),
            **fields,
        )
        document.countries.set(countries)
        document.topics.set(topics)
        for event in events:
            EventDocument.objects.create(page=event, document=document)
        return document

    return make
