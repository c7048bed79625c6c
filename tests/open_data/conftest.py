"""Fixtures for the open-data tests: a small bilingual network and an editor in the admin::

Root
└── HomePage                   /es/                 /en/
    ├── CountryIndexPage       /es/paises/          /en/countries/
    │   ├── CountryPage        /es/paises/chile/    /en/countries/chile/
    │   ├── CountryPage        /es/paises/peru/     /en/countries/peru/     ("Perú" / "Peru")
    │   └── CountryPage        /es/paises/mexico/   /en/countries/mexico/   (Spanish only)
    ├── TopicIndexPage         /es/temas/           /en/topics/
    │   └── TopicPage          /es/temas/compras-sostenibles/  /en/topics/sustainable-procurement/
    ├── EventIndexPage         /es/eventos/         /en/events/
    │   └── EventPage          /es/eventos/xx-seminario/  /en/events/20th-seminar/
    │                          (hosted by Chile, attended by Chile and Perú, one agreement)
    ├── NewsIndexPage          /es/noticias/        /en/news/
    │   └── NewsPage           /es/noticias/nueva-ley/  /en/news/new-law/  (about Chile and the topic)
    └── PortalDirectoryPage    /es/portales/        /en/portals/
Portals: Mercado Público (Chile), SEACE (Perú)
"""

import datetime
from collections.abc import Callable, Iterator

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest

from countries.models import CountryIndexPage, CountryPage, ProcurementModule
from events.models import EventAgreement, EventIndexPage, EventPage
from network.models import TopicIndexPage, TopicPage
from network.skeleton import ensure_child
from news.models import NewsIndexPage, NewsPage
from portals.models import Institution, Portal, PortalDirectoryPage, PortalKind
from tests.conftest import ensure_test_home, read_again, shared_content


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("datos", "datos@example.org", "pw")
    UserProfile.objects.create(user=user, preferred_language="en")
    client.force_login(user)
    return client


def publish(page):
    """Publish what was set in memory (ParentalManyToMany fields) as a new revision."""
    page.save_revision().publish()
    return page


def build_country_index(home) -> CountryIndexPage:
    page, _created = ensure_child(
        home,
        CountryIndexPage,
        "paises",
        slug_en="countries",
        title_es="Países",
        title_en="Countries",
        intro_es="Los estados miembros.",
        intro_en="The member states.",
    )
    return page


def build_modules() -> list[ProcurementModule]:
    return [
        ProcurementModule.objects.create(
            code="tenders", name_es="Licitaciones", name_en="Tenders", sort_order=1
        ),
        ProcurementModule.objects.create(
            code="catalogue", name_es="Convenio marco", name_en="Framework agreements", sort_order=2
        ),
    ]


def build_chile(country_index, modules) -> CountryPage:
    page, _created = ensure_child(
        country_index,
        CountryPage,
        "chile",
        title_es="Chile",
        title_en="Chile",
        intro_es="Compras públicas en Chile.",
        intro_en="Public procurement in Chile.",
        iso_alpha2="CL",
        iso_alpha3="CHL",
        subregion="south-america",
        member_since=2004,
        executive_committee=True,
        agency_name_es="Dirección de Compras y Contratación Pública",
        agency_name_en="Public Procurement Directorate",
        agency_acronym="ChileCompra",
        agency_url="https://www.chilecompra.cl/",
        system_name_es="Mercado Público",
        system_name_en="Public Market",
        system_launch_year=2003,
    )
    page.system_modules = modules
    return publish(page)


def build_peru(country_index) -> CountryPage:
    page, _created = ensure_child(
        country_index,
        CountryPage,
        "peru",
        title_es="Perú",
        title_en="Peru",
        intro_es="Compras públicas en el Perú.",
        intro_en="Public procurement in Peru.",
        iso_alpha2="PE",
        iso_alpha3="PER",
        subregion="south-america",
        agency_name_es="Organismo Supervisor de las Contrataciones del Estado",
        agency_name_en="Government Procurement Supervisory Agency",
        agency_acronym="OSCE",
    )
    return page


def build_mexico(country_index) -> CountryPage:
    """Only in Spanish: the English version falls back to it."""
    page, _created = ensure_child(
        country_index,
        CountryPage,
        "mexico",
        title_es="México",
        intro_es="Compras públicas en México.",
        iso_alpha2="MX",
        iso_alpha3="MEX",
        subregion="north-america",
    )
    return page


def build_topic(home, chile) -> TopicPage:
    index, _created = ensure_child(
        home, TopicIndexPage, "temas", slug_en="topics", title_es="Temas", title_en="Topics"
    )
    page, _created = ensure_child(
        index,
        TopicPage,
        "compras-sostenibles",
        slug_en="sustainable-procurement",
        title_es="Compras sostenibles",
        title_en="Sustainable procurement",
        intro_es="Criterios ambientales y sociales.",
        intro_en="Environmental and social criteria.",
    )
    page = publish(page)
    page.lead_countries.set([chile])
    return page


def build_event_index(home) -> EventIndexPage:
    page, _created = ensure_child(
        home, EventIndexPage, "eventos", slug_en="events", title_es="Eventos", title_en="Events"
    )
    return page


def build_seminar(event_index, chile, peru, topic) -> EventPage:
    page, _created = ensure_child(
        event_index,
        EventPage,
        "xx-seminario",
        slug_en="20th-seminar",
        title_es="XX Seminario Interamericano",
        title_en="20th Inter-American Seminar",
        intro_es="Reunión anual de la red.",
        intro_en="The network's annual meeting.",
        kind="seminar",
        edition=20,
        start_date=datetime.date(2099, 10, 14),
        end_date=datetime.date(2099, 10, 16),
        city_es="Santiago de Chile",
        city_en="Santiago, Chile",
        host_country=chile,
        participants_count=180,
        institutions_count=12,
    )
    page.participating_countries = [chile, peru]
    page.organizing_countries = [chile]
    publish(page)
    agreement = EventAgreement(
        page=page,
        sort_order=0,
        title_es="Medir la sostenibilidad",
        title_en="Measure sustainability",
        text_es="<p>Los países acuerdan medir, comparar y publicar.</p>",
        text_en="<p>The countries agree to measure, compare and publish.</p>",
    )
    agreement.save()
    agreement.topics.set([topic])
    agreement.responsible_countries.set([peru])
    agreement.save()
    return page


def build_news_item(home, chile, topic) -> NewsPage:
    index, _created = ensure_child(
        home, NewsIndexPage, "noticias", slug_en="news", title_es="Noticias", title_en="News"
    )
    page, _created = ensure_child(
        index,
        NewsPage,
        "nueva-ley",
        slug_en="new-law",
        title_es="Chile aprueba una nueva ley de compras",
        title_en="Chile passes a new procurement law",
        intro_es="La ley moderniza las compras públicas.",
        intro_en="The law modernises public procurement.",
        date=datetime.date(2099, 1, 15),
    )
    page.countries = [chile]
    page.topics = [topic]
    return publish(page)


def build_portals(home, chile, peru) -> list[Portal]:
    ensure_child(
        home, PortalDirectoryPage, "portales", slug_en="portals", title_es="Portales", title_en="Portals"
    )
    agency = Institution.objects.create(
        name_es="Dirección ChileCompra", acronym_es="ChileCompra", country=chile
    )
    return [
        Portal.objects.create(
            name_es="Mercado Público",
            name_en="Public Market",
            kind=PortalKind.EPROCUREMENT,
            url="https://www.mercadopublico.cl/",
            description_es="El sistema de compras del Estado de Chile.",
            description_en="Chile's government procurement system.",
            country=chile,
            institution=agency,
            languages="es",
            publishes_ocds=True,
            ocds_url="https://api.mercadopublico.cl/",
        ),
        Portal.objects.create(
            name_es="SEACE",
            kind=PortalKind.EPROCUREMENT,
            url="https://prod2.seace.gob.pe/",
            description_es="=Sistema Electrónico de Contrataciones del Estado",
            country=peru,
            languages="es, en",
        ),
    ]


@pytest.fixture
def network(chile, peru, mexico, topic, seminar, news_item, portals) -> dict:
    return {
        "chile": chile,
        "peru": peru,
        "mexico": mexico,
        "topic": topic,
        "seminar": seminar,
        "news_item": news_item,
        "portals": portals,
    }


def build_network() -> dict:
    home = ensure_test_home()
    parts = {"country_index": build_country_index(home), "modules": build_modules()}
    parts["chile"] = build_chile(parts["country_index"], parts["modules"])
    parts["peru"] = build_peru(parts["country_index"])
    parts["mexico"] = build_mexico(parts["country_index"])
    parts["topic"] = build_topic(home, parts["chile"])
    parts["event_index"] = build_event_index(home)
    parts["seminar"] = build_seminar(parts["event_index"], parts["chile"], parts["peru"], parts["topic"])
    parts["news_item"] = build_news_item(home, parts["chile"], parts["topic"])
    parts["portals"] = build_portals(home, parts["chile"], parts["peru"])
    return parts


@pytest.fixture(scope="module")
def shared_network(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The network built once for a module whose tests all use it (see ``shared_content``)."""
    yield from shared_content(django_db_blocker, build_network)


def shared_or_built(request, name: str, build: Callable, *parts):
    """The module's shared part ``name`` when the module opted in, else ``build(*parts)`` for this test."""
    if "shared_network" in request.fixturenames:
        return read_again(request.getfixturevalue("shared_network")[name])
    return build(*parts)


@pytest.fixture
def country_index(request, db, home) -> CountryIndexPage:
    return shared_or_built(request, "country_index", build_country_index, home)


@pytest.fixture
def modules(request, db) -> list[ProcurementModule]:
    return shared_or_built(request, "modules", build_modules)


@pytest.fixture
def chile(request, db, country_index, modules) -> CountryPage:
    return shared_or_built(request, "chile", build_chile, country_index, modules)


@pytest.fixture
def peru(request, db, country_index) -> CountryPage:
    return shared_or_built(request, "peru", build_peru, country_index)


@pytest.fixture
def mexico(request, db, country_index) -> CountryPage:
    return shared_or_built(request, "mexico", build_mexico, country_index)


@pytest.fixture
def topic(request, db, home, chile) -> TopicPage:
    return shared_or_built(request, "topic", build_topic, home, chile)


@pytest.fixture
def event_index(request, db, home) -> EventIndexPage:
    return shared_or_built(request, "event_index", build_event_index, home)


@pytest.fixture
def seminar(request, db, event_index, chile, peru, topic) -> EventPage:
    return shared_or_built(request, "seminar", build_seminar, event_index, chile, peru, topic)


@pytest.fixture
def news_item(request, db, home, chile, topic) -> NewsPage:
    return shared_or_built(request, "news_item", build_news_item, home, chile, topic)


@pytest.fixture
def portals(request, db, home, chile, peru) -> list[Portal]:
    return shared_or_built(request, "portals", build_portals, home, chile, peru)
