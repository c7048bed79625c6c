"""Fixtures for the events app: a small bilingual site with countries, topics and an event index.

Root
└── HomePage                       /es/               /en/
    ├── CountryIndexPage           /es/paises/        /en/countries/
    │   ├── CountryPage  Brasil / Brazil              (BR)
    │   ├── CountryPage  Chile / Chile                (CL)
    │   ├── CountryPage  Estados Unidos / United States (US)
    │   ├── CountryPage  México / Mexico              (MX)
    │   └── CountryPage  Perú / Peru                  (PE)
    ├── TopicIndexPage             /es/temas/         /en/topics/
    │   ├── TopicPage  Compras sostenibles / Sustainable procurement
    │   └── TopicPage  Datos abiertos / Open data
    └── EventIndexPage             /es/eventos/       /en/events/
        └── EventPage …            (made by ``make_event``)

The Spanish and English alphabetical orders of the countries differ
("Estados Unidos" is third in Spanish, "United States" last in English).
"""

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from countries.models import CountryIndexPage, CountryPage, Subregion
from events.models import EventIndexPage, EventPage
from network.models import NetworkDocument, TopicIndexPage, TopicPage
from network.skeleton import ensure_child
from tests.conftest import ensure_test_home, shared_content

COUNTRIES = [
    # iso2, iso3, Spanish slug and name, English slug and name
    ("BR", "BRA", "brasil", "Brasil", "brazil", "Brazil", Subregion.SOUTH_AMERICA),
    ("CL", "CHL", "chile", "Chile", "chile", "Chile", Subregion.SOUTH_AMERICA),
    (
        "US",
        "USA",
        "estados-unidos",
        "Estados Unidos",
        "united-states",
        "United States",
        Subregion.NORTH_AMERICA,
    ),
    ("MX", "MEX", "mexico", "México", "mexico", "Mexico", Subregion.NORTH_AMERICA),
    ("PE", "PER", "peru", "Perú", "peru", "Peru", Subregion.SOUTH_AMERICA),
]


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def country_index(home) -> CountryIndexPage:
    return build_country_index(home)


def build_country_index(home) -> CountryIndexPage:
    page, _created = ensure_child(
        home, CountryIndexPage, "paises", slug_en="countries", title_es="Países", title_en="Countries"
    )
    return page


@pytest.fixture
def countries(country_index) -> SimpleNamespace:
    """The five countries, by their ISO alpha-2 code: ``countries.CL``."""
    return build_countries(country_index)


def build_countries(country_index) -> SimpleNamespace:
    pages = {}
    for iso2, iso3, slug_es, name_es, slug_en, name_en, subregion in COUNTRIES:
        pages[iso2], _created = ensure_child(
            country_index,
            CountryPage,
            slug_es,
            slug_en=slug_en,
            title_es=name_es,
            title_en=name_en,
            iso_alpha2=iso2,
            iso_alpha3=iso3,
            subregion=subregion,
        )
    return SimpleNamespace(**pages)


@pytest.fixture
def topic_index(home) -> TopicIndexPage:
    return build_topic_index(home)


def build_topic_index(home) -> TopicIndexPage:
    page, _created = ensure_child(
        home, TopicIndexPage, "temas", slug_en="topics", title_es="Temas", title_en="Topics"
    )
    return page


@pytest.fixture
def topics(topic_index) -> SimpleNamespace:
    return build_topics(topic_index)


def build_topics(topic_index) -> SimpleNamespace:
    sustainable, _created = ensure_child(
        topic_index,
        TopicPage,
        "compras-sostenibles",
        slug_en="sustainable-procurement",
        title_es="Compras sostenibles",
        title_en="Sustainable procurement",
    )
    open_data, _created = ensure_child(
        topic_index,
        TopicPage,
        "datos-abiertos",
        slug_en="open-data",
        title_es="Datos abiertos",
        title_en="Open data",
    )
    return SimpleNamespace(sustainable=sustainable, open_data=open_data)


@pytest.fixture
def event_index(home) -> EventIndexPage:
    return build_event_index(home)


def build_event_index(home) -> EventIndexPage:
    page, _created = ensure_child(
        home,
        EventIndexPage,
        "eventos",
        slug_en="events",
        title_es="Eventos",
        title_en="Events",
        intro_es="Seminarios, conferencias y talleres de la red.",
        intro_en="The network's seminars, conferences and workshops.",
    )
    return page


@pytest.fixture
def make_event(event_index) -> Callable[..., EventPage]:
    return event_maker(event_index)


def event_maker(event_index) -> Callable[..., EventPage]:
    """Creates and publishes an event; dates default to a one-day event in 2021.

    Child objects (``sessions=[EventSession(...)]``) and parental many-to-many
    values (``participating_countries=[...]``) can be passed like any field.
    """
    numbers = itertools.count(1)

    def make(title_es: str | None = None, title_en: str | None = None, **fields) -> EventPage:
        # Numbers a module's shared content already took are skipped: each call makes a new event.
        number = next(numbers)
        while EventPage.objects.filter(slug_es=f"evento-{number}").exists():
            number = next(numbers)
        title_es = title_es or f"Evento {number}"
        fields.setdefault("start_date", date(2021, 5, 10))
        fields.setdefault("end_date", fields["start_date"])
        page, _created = ensure_child(
            event_index,
            EventPage,
            fields.pop("slug_es", f"evento-{number}"),
            slug_en=fields.pop("slug_en", f"event-{number}"),
            title_es=title_es,
            title_en=title_en or f"Event {number}",
            **fields,
        )
        return page

    return make


def event_site() -> SimpleNamespace:
    """What the fixtures above make, for content a module or class shares (``shared_content``)."""
    home = ensure_test_home()
    return SimpleNamespace(
        make_event=event_maker(build_event_index(home)),
        countries=build_countries(build_country_index(home)),
        topics=build_topics(build_topic_index(home)),
    )


@pytest.fixture(scope="module")
def shared_event_site(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The event index, countries and topics built once for a module whose tests all start from
    them (see ``shared_content``); the fixtures above find them."""
    yield from shared_content(django_db_blocker, event_site)


@pytest.fixture
def make_document() -> Callable[..., NetworkDocument]:
    return create_document


def create_document(title: str, **fields) -> NetworkDocument:
    content = fields.pop("content", b"Presentation notes.")
    return NetworkDocument.objects.create(title=title, file=ContentFile(content, name="file.txt"), **fields)
