"""Realistic content at any volume, built fast, for the page benchmarks and the query-count test.

Speed: Wagtail's ``add_child`` saves one page at a time (tree lock, revision,
publish signals, search indexing), so 20,000 pages that way take most of an
hour. Here only the skeleton (home page and section indexes) is created the
normal way; every page below it is inserted in bulk, the way Django saves a
multi-table model but a batch at a time:

1. the ``wagtailcore_page`` rows, with the materialized path computed here
   (treebeard's fixed-width base-36 steps after the parent's last child),
   ``depth``, ``url_path`` in each language from the parent's, and the content
   type, locale and publication fields Wagtail would set when publishing;
2. the specific rows (``network_newspage``…) with ``page_ptr_id`` set from the
   ids the first insert returned;
3. the parent's ``numchild``, raised once by the number inserted.

Child objects (sessions, agreements, laws…) and many-to-many links go through
``bulk_create``. No signal fires, so the search index is filled at the end and
the page cache's content generation is replaced. Pages get no revisions:
nothing a reader sees needs one.

The search index: ``search.indexing.rebuild`` reads each page's relations one
query at a time (about ten queries per page), which takes most of an hour at
full volume. ``fill_search_index`` gives the engine the same entries, made by
the same adapters from the same pages, but with the relations the adapters
read prefetched a model at a time and each practice's country (its parent
page) read from a dictionary; tests/test_query_counts_at_volume.py checks that
both give identical entries. ``build(..., search_index="rebuild")`` uses the real rebuild.

Relations are assigned round-robin from item 0, so every page a benchmark or
test renders (the first country, event, topic…) has at least one of each
related object even at the smallest volume, and a listing never goes empty
from one volume to the next (an empty list skips its prefetch query).
"""

import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.models import Collection, Page

from countries import datasets as country_data
from countries.models import (
    CountryIndexPage,
    CountryKeyFigure,
    CountryLaw,
    CountryPage,
    PracticePage,
    ProcurementModule,
)
from demo import loader as demo_loader
from events.choices import EventKind, SessionKind
from events.models import EventAgreement, EventDocument, EventIndexPage, EventPage, EventSession
from network import datasets as network_data
from network import reference
from network.cache import new_content_generation
from network.models import (
    DocumentKind,
    HomePage,
    NetworkDocument,
    PublicationIndexPage,
    TopicIndexPage,
    TopicPage,
)
from network.skeleton import ensure_child, paragraphs
from news.models import NewsIndexPage, NewsPage
from portals.models import Institution, Portal, PortalDirectoryPage, PortalKind
from search import adapters, indexing
from search.backends import get_search_engine
from search.backends.base import IndexEntry

LANGUAGES = ("es", "en")


def _entries(dataset: reference.Dataset, name: str) -> list[reference.Item]:
    return reference.read(dataset.path).items(name)


# The member states and topics of the reference data, as page field values.
COUNTRIES = [
    country_data.member_state_values(item)
    for item in _entries(country_data.MEMBER_STATE_DATA, "member_states")
]
TOPICS = [
    {**reference.page_values(item, "intro"), "priority": item["priority"]}
    for item in _entries(network_data.TOPIC_DATA, "topics")
]


@dataclass(frozen=True)
class Sections:
    countries: CountryIndexPage
    events: EventIndexPage
    topics: Page
    portals: PortalDirectoryPage
    publications: PublicationIndexPage
    news: NewsIndexPage


def _index(home: HomePage, model: type[Page], item: reference.Item) -> Page:
    fields = reference.page_values(item, "intro")
    page, _created = ensure_child(home, model, fields.pop("slug_es"), show_in_menus=True, **fields)
    return page


def build_skeleton() -> tuple[HomePage, Sections]:
    """The home page and the section indexes, from the reference and demo data files."""
    reference.load([network_data.SITE_DATA, country_data.MODULE_DATA])
    home = HomePage.objects.get()
    demo_sections = reference.read(demo_loader.DATA / "site.yaml").item("sections")
    sections = {
        "countries": _index(
            home, CountryIndexPage, reference.read(country_data.MEMBER_STATE_DATA.path).item("index")
        ),
        "events": _index(home, EventIndexPage, demo_sections.item("events")),
        "topics": _index(home, TopicIndexPage, reference.read(network_data.TOPIC_DATA.path).item("index")),
    }
    for name, model in (
        ("portals", PortalDirectoryPage),
        ("publications", PublicationIndexPage),
        ("news", NewsIndexPage),
    ):
        sections[name] = _index(home, model, demo_sections.item(name))
    return home, Sections(**sections)


SEED = 2005


@dataclass(frozen=True)
class Volume:
    """How much of each kind of content to build; the defaults are the full benchmark volume."""

    countries: int = 35
    topics: int = 18
    events: int = 2_000
    participants: int = 18  # participating countries per event
    sessions: int = 10  # per event
    agreements: int = 2  # per event
    event_documents: int = 2  # documents attached to each event
    news: int = 10_000
    practices: int = 10_000
    documents: int = 5_000

    def scaled(self, factor: float, only: Iterable[str] = ()) -> "Volume":
        """Every count (or those named in ``only``) times ``factor``: at least one, and within
        what the country and topic lists hold."""
        names = set(only) or {item.name for item in fields(self)}
        counts = {name: max(1, round(getattr(self, name) * factor)) for name in names}
        counts = {item.name: getattr(self, item.name) for item in fields(self)} | counts
        counts["countries"] = min(counts["countries"], len(COUNTRIES))
        counts["topics"] = min(counts["topics"], len(TOPICS))
        counts["participants"] = min(counts["participants"], counts["countries"])
        counts["event_documents"] = min(counts["event_documents"], counts["documents"])
        return replace(self, **counts)

    @property
    def pages(self) -> int:
        return self.countries + self.topics + self.events + self.news + self.practices


FULL = Volume()
# The smallest volume at which every listing the page types show has an item.
SMALL = Volume(
    countries=3,
    topics=2,
    events=2,
    participants=2,
    sessions=2,
    agreements=1,
    event_documents=1,
    news=2,
    practices=3,
    documents=2,
)


@dataclass
class Built:
    """The pages worth rendering: the first of each kind, which has every kind of related object."""

    home: Page
    country_index: Page
    country: CountryPage
    event_index: Page
    event: EventPage
    topic: TopicPage
    portal_directory: Page
    news_index: Page
    news: NewsPage
    practice: PracticePage
    publications: Page
    seconds: float = 0.0


def build(volume: Volume, search_index: str = "fill") -> Built:
    """Create ``volume`` in the current database (expected empty but migrated).

    ``search_index`` is "fill" (``fill_search_index``), "rebuild" (``search.indexing.rebuild``)
    or "" to leave the index empty.
    """
    started = time.perf_counter()
    with translation.override("es"), transaction.atomic():
        home, sections = build_skeleton()
        content = Generator(volume)
        countries = content.countries(sections.countries)
        topics = content.topics(sections.topics, countries)
        institutions = content.portals(countries)
        documents = content.documents(countries, topics)
        events = content.events(sections.events, countries, topics, institutions, documents)
        news = content.news(sections.news, countries, topics)
        practices = content.practices(countries, topics)
    if search_index == "rebuild":
        indexing.rebuild()
    elif search_index == "fill":
        fill_search_index()
    cache.clear()
    new_content_generation()
    return Built(
        home=home,
        country_index=sections.countries,
        country=countries[0],
        event_index=sections.events,
        event=events[0],
        topic=topics[0],
        portal_directory=sections.portals,
        news_index=sections.news,
        news=news[0],
        practice=practices[0],
        publications=sections.publications,
        seconds=time.perf_counter() - started,
    )


def built_site() -> Built:
    """The ``Built`` record of a site ``build`` made earlier: the first page of each kind."""

    def first(model: type[Page]) -> Page:
        return model.objects.order_by("path").first()

    return Built(
        home=first(HomePage),
        country_index=first(CountryIndexPage),
        country=first(CountryPage),
        event_index=first(EventIndexPage),
        event=first(EventPage),
        topic=first(TopicPage),
        portal_directory=first(PortalDirectoryPage),
        news_index=first(NewsIndexPage),
        news=first(NewsPage),
        practice=first(PracticePage),
        publications=first(PublicationIndexPage),
    )


# --- Page types -----------------------------------------------------------------------

SEARCH_TERMS = {"es": "compras públicas", "en": "public procurement"}


def page_urls(built: Built, language: str) -> dict[str, str]:
    """One URL per page type, in ``language``; the event index also with every filter in use."""
    with translation.override(language):
        event = built.event
        filters = f"?year={event.start_date.year}&kind={event.kind}&country={event.host_country.iso_alpha2}"
        search = reverse("search") + "?" + "q=" + SEARCH_TERMS[language].replace(" ", "+")
        return {
            "home": url_of(built.home),
            "country index": url_of(built.country_index),
            "country profile": url_of(built.country),
            "event index": url_of(built.event_index),
            "event index, filtered": url_of(built.event_index) + filters,
            "event page": url_of(event),
            "topic page": url_of(built.topic),
            "portal directory": url_of(built.portal_directory),
            "news index": url_of(built.news_index),
            "news item": url_of(built.news),
            "practice": url_of(built.practice),
            "publications": url_of(built.publications),
            "search results": search,
        }


def url_of(page: Page) -> str:
    """The page's URL in the active language, read back from the database as Wagtail routes it."""
    return Page.objects.get(pk=page.pk).specific.get_url()


# --- Search index ----------------------------------------------------------------------

# What each adapter in search.adapters reads of a page, fetched for a whole model at once.
ADAPTER_PREFETCHES = {
    CountryPage: ("laws", "key_figures", "system_modules"),
    PracticePage: ("topics",),
    EventPage: (
        "sessions__topics",
        "agreements__topics",
        "organizing_countries",
        "participating_countries",
        "organizing_institutions",
    ),
    NewsPage: ("countries", "topics"),
    TopicPage: ("lead_countries",),
}


def search_entries() -> Iterator[IndexEntry]:
    """The entries ``search.indexing.rebuild`` would index, with the adapters' reads prefetched."""
    pages = indexing.indexable_pages()
    for page in pages.not_type(*ADAPTER_PREFETCHES).iterator(chunk_size=500):
        yield from adapters.page_entries(page)
    for model, lookups in ADAPTER_PREFETCHES.items():
        specific = model.objects.filter(pk__in=pages.type(model).values("pk")).order_by("path")
        if model is EventPage:
            specific = specific.select_related("host_country")
        for page in specific.prefetch_related(*lookups).iterator(chunk_size=500):
            yield from adapters.page_entries(page)
    documents = NetworkDocument.objects.exclude(collection__view_restrictions__isnull=False)
    yield from indexing.document_versions_entries(documents.prefetch_related("countries", "topics"))


class PracticeAdapterWithCountries(adapters.PracticeAdapter):
    """Reads a practice's country (its parent page) from a dictionary instead of two queries a call."""

    def __init__(self) -> None:
        self.country_by_path = {country.path: country for country in CountryPage.objects.all()}

    def _country(self, page: PracticePage) -> CountryPage | None:
        return self.country_by_path.get(page.path[: -Page.steplen])


@contextmanager
def countries_read_once() -> Iterator[None]:
    """Swap the practice adapter for ``PracticeAdapterWithCountries`` while the block runs."""
    registered = adapters.ADAPTERS[PracticePage]
    adapters.ADAPTERS[PracticePage] = PracticeAdapterWithCountries()
    try:
        yield
    finally:
        adapters.ADAPTERS[PracticePage] = registered


def fill_search_index() -> int:
    """Empty the search index and fill it with ``search_entries``; returns the entry count."""
    engine = get_search_engine()
    engine.clear()
    with countries_read_once():
        return engine.add(search_entries())


# --- Bulk insertion ------------------------------------------------------------------


def insert_rows(model: type[models.Model], objects: Sequence[models.Model], returning: bool = False) -> None:
    """INSERT ``model``'s own columns of ``objects`` in batches, as ``Model.save`` does for one table."""
    meta = model._meta
    columns = [field for field in meta.local_concrete_fields if not (returning and field is meta.auto_field)]
    batch_size = max(1, connection.ops.bulk_batch_size(columns, objects))
    for start in range(0, len(objects), batch_size):
        batch = objects[start : start + batch_size]
        rows = model._base_manager._insert(
            batch, fields=columns, returning_fields=meta.db_returning_fields if returning else None
        )
        if returning:
            for instance, row in zip(batch, rows, strict=True):
                instance.id = row[0]


def next_step(parent: Page) -> int:
    """The step number of the next child of ``parent`` in treebeard's materialized path."""
    last = parent.get_children().order_by("-path").only("path").first()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def insert_pages(parent: Page, pages: Sequence[Page]) -> None:
    """Insert ``pages`` (instances of one specific model) as published children of ``parent``."""
    if not pages:
        return
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    first = next_step(parent)
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, first + offset)
        page.numchild = 0
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title_es
        for language in LANGUAGES:
            parent_path = getattr(parent, f"url_path_{language}") or parent.url_path_es
            slug = getattr(page, f"slug_{language}")
            setattr(page, f"url_path_{language}", f"{parent_path}{slug}/")
    insert_rows(Page, pages, returning=True)
    for page in pages:
        page.page_ptr_id = page.id
        page._state.adding = False
    insert_rows(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def link(model: type[models.Model], field_name: str, pairs: Iterable[tuple[int, int]]) -> None:
    """Bulk-create many-to-many rows (source id, target id) for ``model.field_name``."""
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    rows = [through(**{source: a, target: b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=500)


def cycle_pick(items: Sequence, start: int, count: int) -> list:
    """``count`` consecutive items from position ``start``, wrapping around."""
    return [items[(start + step) % len(items)] for step in range(min(count, len(items)))]


# --- Text ----------------------------------------------------------------------------

WORDS = {
    "es": {
        "subjects": [
            "La agencia de compras públicas",
            "El sistema de compras electrónicas",
            "El convenio marco",
            "La red interamericana",
            "El registro de proveedores",
            "La subasta inversa",
        ],
        "verbs": ["mejora", "simplifica", "publica", "evalúa", "amplía", "fortalece"],
        "objects": [
            "la transparencia de las compras públicas",
            "el acceso de las pymes",
            "los datos abiertos de contratación",
            "la gestión de contratos",
            "la capacitación de compradores",
            "las compras sostenibles",
        ],
    },
    "en": {
        "subjects": [
            "The public procurement agency",
            "The e-procurement system",
            "The framework agreement",
            "The inter-American network",
            "The supplier registry",
            "The reverse auction",
        ],
        "verbs": ["improves", "simplifies", "publishes", "assesses", "widens", "strengthens"],
        "objects": [
            "the transparency of public procurement",
            "small businesses' access",
            "open contracting data",
            "contract management",
            "buyers' training",
            "sustainable public procurement",
        ],
    },
}

TITLES = {
    "news": ("Noticia de compras públicas", "Public procurement news"),
    "practice": ("Buena práctica en compras públicas", "Public procurement good practice"),
    "event": ("Encuentro de compras gubernamentales", "Government procurement meeting"),
    "session": ("Sesión sobre compras públicas", "Session on public procurement"),
    "agreement": ("Acuerdo de cooperación", "Cooperation agreement"),
}


class Generator:
    """Deterministic content for one volume: the same volume always gives the same site."""

    def __init__(self, volume: Volume) -> None:
        self.volume = volume
        self.random = random.Random(SEED)
        self.today = timezone.localdate()

    def sentences(self, language: str, count: int = 3) -> str:
        words = WORDS[language]
        return " ".join(
            f"{self.random.choice(words['subjects'])} {self.random.choice(words['verbs'])} "
            f"{self.random.choice(words['objects'])}."
            for _ in range(count)
        )

    def translated_text(self, field: str, count: int = 3) -> dict:
        return {f"{field}_{language}": self.sentences(language, count) for language in LANGUAGES}

    def translated_body(self, field: str = "body") -> dict:
        return {
            f"{field}_{language}": paragraphs(self.sentences(language, 4), self.sentences(language, 4))
            for language in LANGUAGES
        }

    def titled(self, kind: str, number: int) -> dict:
        """Bilingual title and slugs for the ``number``-th item of a kind."""
        title_es, title_en = (f"{title} {number}" for title in TITLES[kind])
        return {
            "title_es": title_es,
            "title_en": title_en,
            "slug_es": slugify(title_es),
            "slug_en": slugify(title_en),
        }

    # --- Countries and topics -----------------------------------------------------

    def countries(self, index: Page) -> list[CountryPage]:
        modules = list(ProcurementModule.objects.all())
        pages = [self.country(country) for country in COUNTRIES[: self.volume.countries]]
        insert_pages(index, pages)
        CountryLaw.objects.bulk_create(law for page in pages for law in self.laws(page))
        CountryKeyFigure.objects.bulk_create(figure for page in pages for figure in self.figures(page))
        link(CountryPage, "system_modules", ((page.pk, module.pk) for page in pages for module in modules))
        return pages

    def country(self, country: dict) -> CountryPage:
        """A member state's page: the reference data's fields, and generated profile texts."""
        return CountryPage(
            **(
                {"agency_name_es": "", "agency_name_en": "", "agency_acronym": "", "agency_url": ""} | country
            ),
            executive_committee=country["iso_alpha2"] in {"CL", "MX", "BR", "CA", "PE"},
            system_name_es=f"Sistema de compras de {country['title_es']}",
            system_name_en=f"{country['title_en']} e-procurement system",
            system_launch_year=2000 + len(country["title_en"]),
            contact_name="Punto de contacto",
            contact_email=f"contacto@{country['iso_alpha2'].lower()}.example.org",
            **self.translated_text("intro", 2),
            **self.translated_body(),
        )

    def laws(self, page: CountryPage) -> list[CountryLaw]:
        return [
            CountryLaw(
                page_id=page.pk,
                sort_order=order,
                title_es=f"Ley de compras públicas {order + 1}",
                title_en=f"Public procurement law {order + 1}",
                number=f"Ley {19_000 + order}",
                year=1990 + 5 * order,
            )
            for order in range(3)
        ]

    def figures(self, page: CountryPage) -> list[CountryKeyFigure]:
        return [
            CountryKeyFigure(
                page_id=page.pk,
                sort_order=order,
                label_es=f"Indicador {order + 1}",
                label_en=f"Indicator {order + 1}",
                value=Decimal(1000 + order * 250),
                unit_es="millones de USD",
                unit_en="USD million",
                year=2020 + order,
                source_es="Agencia de compras",
                source_en="Procurement agency",
            )
            for order in range(3)
        ]

    def topics(self, index: Page, countries: list[CountryPage]) -> list[TopicPage]:
        chosen = TOPICS[: self.volume.topics]
        pages = [TopicPage(**topic, **self.translated_body()) for topic in chosen]
        insert_pages(index, pages)
        link(
            CountryPage,
            "topics_led",
            (
                (country.pk, page.pk)
                for number, page in enumerate(pages)
                for country in cycle_pick(countries, number, 2)
            ),
        )
        return pages

    # --- Portals and documents ---------------------------------------------------------

    def portals(self, countries: list[CountryPage]) -> list[Institution]:
        """One agency per country running its e-procurement portal, and a regional initiative."""
        institutions = Institution.objects.bulk_create(
            Institution(
                name_es=country.agency_name_es or f"Agencia de compras de {country.title_es}",
                name_en=country.agency_name_en or f"{country.title_en} procurement agency",
                acronym_es=country.agency_acronym or country.iso_alpha3,
                acronym_en=country.agency_acronym or country.iso_alpha3,
                country_id=country.pk,
                url=f"https://compras.{country.iso_alpha2.lower()}.example.org",
            )
            for country in countries
        )
        portals = [
            Portal(
                name_es=f"Portal de compras de {country.title_es}",
                name_en=f"{country.title_en} procurement portal",
                kind=PortalKind.EPROCUREMENT if number % 3 else PortalKind.OPEN_DATA,
                url=institution.url,
                description_es=self.sentences("es", 1),
                description_en=self.sentences("en", 1),
                country_id=country.pk,
                institution_id=institution.pk,
                languages="es, en" if number % 2 else "es",
                publishes_ocds=number % 3 == 0,
            )
            for number, (country, institution) in enumerate(zip(countries, institutions, strict=True))
        ]
        portals.append(
            Portal(
                name_es="Observatorio regional de compras públicas",
                name_en="Regional public procurement observatory",
                kind=PortalKind.INITIATIVE,
                url="https://observatorio.example.org",
                languages="es, en",
            )
        )
        Portal.objects.bulk_create(portals)
        return institutions

    def documents(self, countries: list[CountryPage], topics: list[TopicPage]) -> list[NetworkDocument]:
        collection = Collection.get_first_root_node()
        kinds = DocumentKind.values
        documents = NetworkDocument.objects.bulk_create(
            NetworkDocument(
                title=f"{'Informe' if number % 2 == 0 else 'Report'} {number}: {self.sentences(language, 1)}",
                file=f"documents/volume-{number:05d}.pdf",
                file_size=120_000 + number,
                collection=collection,
                kind=kinds[number % len(kinds)],
                language=language,
                year=2005 + number % 20,
                description=self.sentences(language, 2),
                extracted_text=self.sentences(language, 12),
            )
            for number in range(self.volume.documents)
            for language in [LANGUAGES[number % 2]]
        )
        link(
            CountryPage,
            "documents",
            ((cycle_pick(countries, n, 1)[0].pk, doc.pk) for n, doc in enumerate(documents)),
        )
        link(
            NetworkDocument,
            "topics",
            ((doc.pk, cycle_pick(topics, n, 1)[0].pk) for n, doc in enumerate(documents)),
        )
        return documents

    # --- Events --------------------------------------------------------------------------

    def event_dates(self, number: int) -> tuple[date, date]:
        """One event in four is upcoming, soonest first; the rest go back in time."""
        if number % 4 == 0:
            start = self.today + timedelta(days=20 + number // 4)
        else:
            start = self.today - timedelta(days=10 + 3 * number)
        return start, start + timedelta(days=number % 3)

    def events(
        self,
        index: Page,
        countries: list[CountryPage],
        topics: list[TopicPage],
        institutions: list[Institution],
        documents: list[NetworkDocument],
    ) -> list[EventPage]:
        volume = self.volume
        kinds = EventKind.values
        pages = []
        for number in range(volume.events):
            start, end = self.event_dates(number)
            pages.append(
                EventPage(
                    **self.titled("event", number + 1),
                    kind=kinds[number % len(kinds)],
                    edition=number + 1,
                    start_date=start,
                    end_date=end,
                    city_es="Ciudad sede",
                    city_en="Host city",
                    host_country_id=countries[number % len(countries)].pk,
                    participants_count=40 + number % 200,
                    institutions_count=3 + number % 10,
                    **self.translated_text("intro", 2),
                    **self.translated_body("report"),
                )
            )
        insert_pages(index, pages)
        self.event_relations(pages, countries, institutions, documents)
        self.agenda(pages, topics, countries)
        return pages

    def event_relations(self, pages, countries, institutions, documents) -> None:
        volume = self.volume
        link(
            EventPage,
            "participating_countries",
            (
                (page.pk, country.pk)
                for n, page in enumerate(pages)
                for country in cycle_pick(countries, n, volume.participants)
            ),
        )
        link(
            EventPage,
            "organizing_countries",
            ((page.pk, countries[n % len(countries)].pk) for n, page in enumerate(pages)),
        )
        link(
            EventPage,
            "organizing_institutions",
            ((page.pk, institutions[n % len(institutions)].pk) for n, page in enumerate(pages)),
        )
        EventDocument.objects.bulk_create(
            (
                EventDocument(page_id=page.pk, document_id=document.pk, sort_order=order)
                for n, page in enumerate(pages)
                for order, document in enumerate(cycle_pick(documents, n, volume.event_documents))
            ),
            batch_size=500,
        )

    def agenda(self, pages: list[EventPage], topics: list[TopicPage], countries: list[CountryPage]) -> None:
        """Each event's sessions and agreements, with their topics and responsible countries."""
        volume = self.volume
        session_kinds = SessionKind.values
        sessions = [
            EventSession(
                page_id=page.pk,
                sort_order=order,
                kind=session_kinds[order % len(session_kinds)],
                date=page.start_date,
                **{
                    key: value
                    for key, value in self.titled("session", order + 1).items()
                    if key.startswith("title")
                },
                **self.translated_text("description", 1),
            )
            for page in pages
            for order in range(volume.sessions)
        ]
        EventSession.objects.bulk_create(sessions, batch_size=500)
        session_topics = {
            session: topics[(n + session.sort_order) % len(topics)].pk for n, session in enumerate(sessions)
        }
        link(EventSession, "topics", ((item.pk, topic) for item, topic in session_topics.items()))
        agreements = [
            EventAgreement(
                page_id=page.pk,
                sort_order=order,
                title_es=f"Acuerdo {order + 1}",
                title_en=f"Agreement {order + 1}",
                text_es=f"<p>{self.sentences('es', 2)}</p>",
                text_en=f"<p>{self.sentences('en', 2)}</p>",
            )
            for page in pages
            for order in range(volume.agreements)
        ]
        EventAgreement.objects.bulk_create(agreements, batch_size=500)
        agreement_topics = {agreement: topics[n % len(topics)].pk for n, agreement in enumerate(agreements)}
        link(EventAgreement, "topics", ((item.pk, topic) for item, topic in agreement_topics.items()))
        # What EventPage.save keeps: each event's topics, from its sessions and agreements.
        link(
            EventPage,
            "topics",
            ((item.page_id, topic) for item, topic in [*session_topics.items(), *agreement_topics.items()]),
        )
        link(
            EventAgreement,
            "responsible_countries",
            (
                (agreement.pk, country.pk)
                for n, agreement in enumerate(agreements)
                for country in cycle_pick(countries, n, 2)
            ),
        )

    # --- News and practices ---------------------------------------------------------------

    def news(self, index: Page, countries: list[CountryPage], topics: list[TopicPage]) -> list[NewsPage]:
        pages = [
            NewsPage(
                **self.titled("news", number + 1),
                date=self.today - timedelta(days=number),
                source_url="https://noticias.example.org",
                **self.translated_text("intro", 1),
                **self.translated_body(),
            )
            for number in range(self.volume.news)
        ]
        insert_pages(index, pages)
        link(
            NewsPage,
            "countries",
            (
                (page.pk, country.pk)
                for n, page in enumerate(pages)
                for country in cycle_pick(countries, n, 2)
            ),
        )
        link(NewsPage, "topics", ((page.pk, topics[n % len(topics)].pk) for n, page in enumerate(pages)))
        return pages

    def practices(self, countries: list[CountryPage], topics: list[TopicPage]) -> list[PracticePage]:
        """Good practices spread over the countries (their parent pages), the first country first."""
        pages = [
            PracticePage(
                **self.titled("practice", number + 1),
                date=self.today - timedelta(days=number // 2),
                **self.translated_text("intro", 1),
                **self.translated_body(),
            )
            for number in range(self.volume.practices)
        ]
        for position, country in enumerate(countries):
            insert_pages(country, pages[position :: len(countries)])
        link(PracticePage, "topics", ((page.pk, topics[n % len(topics)].pk) for n, page in enumerate(pages)))
        return pages
