"""A small bilingual set of member states::

    Root
    └── HomePage                          /es/                      /en/
        ├── CountryIndexPage              /es/paises/               /en/countries/
        │   ├── CountryPage Chile         /es/paises/chile/         /en/countries/chile/   (CL, committee)
        │   ├── CountryPage Perú          /es/paises/peru/          /en/countries/peru/    (PE, since 2006)
        │   ├── CountryPage México        /es/paises/mexico/        /en/countries/mexico/  (MX)
        │   ├── CountryPage Santa Lucía   /es/paises/santa-lucia/   /en/countries/saint-lucia/  (LC)
        │   └── CountryPage Canadá        draft, never published
        ├── TopicIndexPage                /es/temas/                /en/topics/
        ├── EventIndexPage                /es/eventos/              /en/events/
        └── NewsIndexPage                 /es/noticias/             /en/news/

``related_content`` fills a profile with N of everything it lists, for the query-count tests.
"""

import datetime
import itertools
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.core.files.base import ContentFile

from wagtail.models import Page

import pytest

from countries.models import (
    CountryIndexPage,
    CountryKeyFigure,
    CountryLaw,
    CountryPage,
    PracticePage,
    ProcurementModule,
    Subregion,
)
from events.models import EventAgreement, EventIndexPage, EventPage
from network.models import NetworkDocument, TopicIndexPage, TopicPage
from network.skeleton import ensure_child
from news.models import NewsIndexPage, NewsPage
from portals.models import Portal, PortalKind
from tests.conftest import ensure_test_home, shared_content

_serial = itertools.count()

# The published members, by Spanish slug.
PROFILES = {
    "chile": {
        "title_es": "Chile",
        "title_en": "Chile",
        "iso_alpha2": "CL",
        "iso_alpha3": "CHL",
        "subregion": Subregion.SOUTH_AMERICA,
        "member_since": 2005,
        "executive_committee": True,
        "agency_name_es": "Dirección de Compras y Contratación Pública",
        "agency_name_en": "Public Procurement Directorate",
        "agency_acronym": "ChileCompra",
        "agency_url": "https://www.chilecompra.cl/",
        "system_name_es": "Mercado Público",
        "system_name_en": "Public Market",
        "system_launch_year": 2003,
        "contact_name": "Ana Pérez",
        "contact_role_es": "Jefa de asuntos internacionales",
        "contact_role_en": "Head of international affairs",
        "contact_email": "internacional@example.org",
    },
    "peru": {
        "title_es": "Perú",
        "title_en": "Peru",
        "iso_alpha2": "PE",
        "iso_alpha3": "PER",
        "subregion": Subregion.SOUTH_AMERICA,
        "member_since": 2006,
        "agency_name_es": "Organismo Supervisor de las Contrataciones del Estado",
        "agency_name_en": "Supervisory Body for State Procurement",
        "agency_acronym": "OSCE",
    },
    "mexico": {
        "title_es": "México",
        "title_en": "Mexico",
        "iso_alpha2": "MX",
        "iso_alpha3": "MEX",
        "subregion": Subregion.NORTH_AMERICA,
        "member_since": 2005,
        "agency_name_es": "Secretaría Anticorrupción y Buen Gobierno",
        "agency_name_en": "Anti-Corruption and Good Governance Ministry",
    },
    "santa-lucia": {
        "slug_en": "saint-lucia",
        "title_es": "Santa Lucía",
        "title_en": "Saint Lucia",
        "iso_alpha2": "LC",
        "iso_alpha3": "LCA",
        "subregion": Subregion.CARIBBEAN,
    },
}


@pytest.fixture
def country_index(home) -> CountryIndexPage:
    return build_country_index(home)


def build_country_index(home) -> CountryIndexPage:
    page, _created = ensure_child(
        home,
        CountryIndexPage,
        "paises",
        slug_en="countries",
        title_es="Países miembros",
        title_en="Member states",
        intro_es="Las agencias de compras públicas de la red.",
        intro_en="The network's public procurement agencies.",
    )
    return page


def make_country(index: CountryIndexPage, slug_es: str, **fields) -> CountryPage:
    page, _created = ensure_child(index, CountryPage, slug_es, **fields)
    return page


@pytest.fixture
def chile(country_index) -> CountryPage:
    return make_country(country_index, "chile", **PROFILES["chile"])


@pytest.fixture
def peru(country_index) -> CountryPage:
    return make_country(country_index, "peru", **PROFILES["peru"])


@pytest.fixture
def mexico(country_index) -> CountryPage:
    return make_country(country_index, "mexico", **PROFILES["mexico"])


@pytest.fixture
def saint_lucia(country_index) -> CountryPage:
    return make_country(country_index, "santa-lucia", **PROFILES["santa-lucia"])


@pytest.fixture
def canada_draft(country_index) -> CountryPage:
    return build_canada_draft(country_index)


def build_canada_draft(country_index) -> CountryPage:
    existing = CountryPage.objects.child_of(country_index).filter(slug_es="canada").first()
    if existing is not None:
        return existing
    page = CountryPage(
        title_es="Canadá",
        title_en="Canada",
        slug="canada",
        slug_es="canada",
        slug_en="canada",
        iso_alpha2="CA",
        iso_alpha3="CAN",
        subregion=Subregion.NORTH_AMERICA,
        live=False,
    )
    country_index.add_child(instance=page)
    return page


@pytest.fixture
def countries(chile, peru, mexico, saint_lucia, canada_draft) -> dict[str, CountryPage]:
    return {page.iso_alpha2: page for page in (chile, peru, mexico, saint_lucia, canada_draft)}


@pytest.fixture(scope="module")
def shared_countries(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The site above, built once for a module whose tests all use it (see ``shared_content``).

    The fixtures above find what it built (they create only what is missing).
    """

    def build() -> None:
        home = ensure_test_home()
        index = build_country_index(home)
        for slug_es, fields in PROFILES.items():
            make_country(index, slug_es, **fields)
        build_canada_draft(index)
        build_section_pages(home)

    yield from shared_content(django_db_blocker, build)


@pytest.fixture
def section_pages(home) -> dict:
    """The index pages the related content lives under."""
    return build_section_pages(home)


def build_section_pages(home) -> dict:
    pages = {}
    for key, model, slug_es, slug_en, title_es, title_en in (
        ("topics", TopicIndexPage, "temas", "topics", "Temas", "Topics"),
        ("events", EventIndexPage, "eventos", "events", "Eventos", "Events"),
        ("news", NewsIndexPage, "noticias", "news", "Noticias", "News"),
    ):
        pages[key], _created = ensure_child(
            home, model, slug_es, slug_en=slug_en, title_es=title_es, title_en=title_en
        )
    return pages


@pytest.fixture
def related_content(section_pages) -> Callable[[CountryPage, int], None]:
    """Give ``country`` ``count`` laws, figures, modules, portals, practices, events, topics,
    agreements, news items and documents, each in both languages."""

    def fill(country: CountryPage, count: int) -> None:
        for number in range(1, count + 1):
            add_one_of_each(country, section_pages, number)
        country.save_revision().publish()

    return fill


def add_live_page(parent: Page, page: Page, slug_es: str, slug_en: str) -> Page:
    """A live child page saved once, without revisions: enough for pages that are only listed."""
    page.slug = page.slug_es = slug_es
    page.slug_en = slug_en
    parent.add_child(instance=page)
    return page


def add_one_of_each(country: CountryPage, sections: dict, number: int) -> None:
    serial = next(_serial)
    country.laws.add(
        CountryLaw(title_es=f"Ley {number}", title_en=f"Act {number}", number=f"{19000 + number}", year=2003)
    )
    country.key_figures.add(
        CountryKeyFigure(
            label_es=f"Compras del año {number}",
            label_en=f"Purchases in year {number}",
            value=Decimal("12345.5"),
            unit_es="millones de USD",
            unit_en="USD million",
            year=2020,
            source_es="Informe anual",
            source_en="Annual report",
            source_url="https://example.org/report",
        )
    )
    module = ProcurementModule.objects.create(
        code=f"module-{serial}", name_es=f"Módulo {number}", name_en=f"Module {number}"
    )
    country.system_modules.add(module)
    Portal.objects.create(
        name_es=f"Portal {number}",
        name_en=f"Portal {number}",
        kind=PortalKind.OPEN_DATA,
        url=f"https://portal{number}.example.org/",
        country=country,
        publishes_ocds=True,
    )
    topic = add_live_page(
        sections["topics"],
        TopicPage(title_es=f"Tema {number}", title_en=f"Topic {number}"),
        f"tema-{serial}",
        f"topic-{serial}",
    )
    topic.lead_countries.add(country)
    add_live_page(
        country,
        PracticePage(title_es=f"Práctica {number}", title_en=f"Practice {number}", topics=[topic]),
        f"practica-{serial}",
        f"practice-{serial}",
    )
    event = add_live_page(
        sections["events"],
        EventPage(
            title_es=f"Seminario {number}",
            title_en=f"Seminar {number}",
            start_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
            end_date=datetime.date(2010, 1, 3) + datetime.timedelta(days=number),
            city="Santiago",
            host_country=country,
            participating_countries=[country],
        ),
        f"evento-{serial}",
        f"event-{serial}",
    )
    EventAgreement(
        page=event,
        sort_order=0,
        title_es=f"Acuerdo {number}",
        title_en=f"Agreement {number}",
        text="<p>.</p>",
        responsible_countries=[country],
    ).save()
    add_live_page(
        sections["news"],
        NewsPage(title_es=f"Noticia {number}", title_en=f"News item {number}", countries=[country]),
        f"noticia-{serial}",
        f"news-{serial}",
    )
    document = NetworkDocument.objects.create(
        title=f"Informe {number}", file=ContentFile(b"%PDF-1.4\n", name=f"informe-{serial}.pdf"), year=2020
    )
    document.countries.add(country)
