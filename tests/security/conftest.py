"""A small public site for the exposure tests, built with the network tests' factories::

Root
└── HomePage                          /es/                       /en/
    ├── CountryIndexPage              /es/paises/                /en/countries/
    │   └── CountryPage Quetzalandia  /es/paises/quetzalandia/   (GT, on the map)
    ├── TopicIndexPage                /es/temas/                 /en/topics/
    │   └── TopicPage                 /es/temas/quetzal-datos/   (led by Quetzalandia)
    ├── EventIndexPage                /es/eventos/               /en/events/
    │   └── EventPage                 /es/eventos/foro-quetzal/  upcoming, hosted by Quetzalandia
    ├── NewsIndexPage                 /es/noticias/              /en/news/
    │   └── NewsPage                  /es/noticias/quetzal-licitaciones/  about the country and topic
    └── PublicationIndexPage          /es/publicaciones/         /en/publications/

Everything public says "quetzal" in its titles and slugs, so a test can tell that a listing,
feed or export was really read; what readers must not see says "zorglub".
"""

import datetime
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from tests.conftest import ensure_test_home, shared_content
from tests.network import conftest as network

# The network tests' fixtures and factories, reused as they are.
country_index = network.country_index
make_country = network.make_country
topic_index = network.topic_index
make_topic = network.make_topic
event_index = network.event_index
make_event = network.make_event
news_index = network.news_index
make_news = network.make_news
publication_index = network.publication_index
make_document = network.make_document
make_practice = network.make_practice

CONTROL = "quetzal"
HIDDEN = "zorglub"


@pytest.fixture(scope="module")
def shared_public_site(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The site above, built once for a module whose tests all use it (see ``shared_content``).

    ``public_site`` then finds what it built (the factories create only what is missing).
    """

    def build() -> None:
        home = ensure_test_home()
        build_public_site(
            home,
            network.country_maker(network.build_country_index(home)),
            network.topic_maker(network.build_topic_index(home)),
            network.news_maker(network.build_news_index(home)),
            network.event_maker(network.build_event_index(home)),
            network.build_publication_index(home),
        )

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def public_site(home, make_country, make_topic, make_news, make_event, publication_index) -> dict:
    return build_public_site(home, make_country, make_topic, make_news, make_event, publication_index)


def build_public_site(home, make_country, make_topic, make_news, make_event, publication_index) -> dict:
    today = timezone.localdate()
    country = make_country(
        "quetzalandia",
        "Quetzalandia",
        "Quetzaland",
        slug_en="quetzaland",
        iso_alpha2="GT",
        iso_alpha3="GTM",
        subregion="central-america",
        intro_es="Las compras de Quetzalandia.",
        intro_en="Quetzaland's procurement.",
    )
    topic = make_topic(
        "quetzal-datos",
        "Datos quetzal",
        "Quetzal data",
        slug_en="quetzal-data",
        lead_countries=[country],
    )
    news = make_news(
        "quetzal-licitaciones",
        "Licitaciones quetzal",
        "Quetzal tenders",
        slug_en="quetzal-tenders",
        countries=[country],
        topics=[topic],
        intro_es="Noticia quetzal publicada.",
        intro_en="Published quetzal news.",
        date=today - datetime.timedelta(days=10),
    )
    event = make_event(
        "foro-quetzal",
        "Foro quetzal",
        "Quetzal forum",
        slug_en="quetzal-forum",
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=21),
        city_es="Ciudad quetzal",
        host_country=country,
        sessions=[("Sesión quetzal", [topic])],
        agreements=[("Acuerdo quetzal", [topic])],
    )
    return {
        "home": home,
        "country_index": country.get_parent().specific,
        "country": country,
        "topic": topic,
        "topic_index": topic.get_parent().specific,
        "news": news,
        "news_index": news.get_parent().specific,
        "event": event,
        "event_index": event.get_parent().specific,
        "publications": publication_index,
    }


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("jefa", "jefa@example.org", "pw")
