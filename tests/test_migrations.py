"""A database built by the previous version migrates forward without losing a row.

The previous version kept news, portals and institutions in the network app, and
topic lead countries and document countries on the network's models. This version
moves the models to the apps news/ and portals/ and the two relations to the
countries app, keeping every table and content type and renaming them in place
(``network/moves.py``). A mistake there loses content silently on the production
database, which the rest of the suite never sees: it always starts from the latest
migrations. So this test migrates its database back to the previous version's
migrations, builds a little content with the models as they were then, migrates
forward and reads everything back through today's models, then checks that the
way back keeps the relations too, rolled back the way an operator would: two runs
of ``migrate``, each ending by creating the content types of the state it reached.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F, Model
from django.test.utils import setup_databases, teardown_databases

from wagtail.models import Page

import pytest

from countries.models import CountryPage
from events.models import EventPage
from network.models import NetworkDocument, TopicPage
from news.models import NewsIndexPage, NewsPage
from portals.models import Institution, Portal, PortalDirectoryPage

Target = tuple[str, str | None]

pytestmark = pytest.mark.start_early

# The last migration of each app the previous version had; news, portals and contracting did
# not exist.
PREVIOUS_LEAVES: dict[str, str] = {
    "network": "0006_document_facets_index",
    "countries": "0003_date_indexes",
    "events": "0007_event_topics",
    "search": "0005_postgres_match_table",
}
NEW_APPS = ("news", "portals", "contracting")

# Tables the move renames: the previous version's name and this version's.
RENAMED_TABLES: dict[str, str] = {
    "network_newsindexpage": "news_newsindexpage",
    "network_newspage": "news_newspage",
    "network_newspage_countries": "news_newspage_countries",
    "network_newspage_topics": "news_newspage_topics",
    "network_portaldirectorypage": "portals_portaldirectorypage",
    "network_institution": "portals_institution",
    "network_portal": "portals_portal",
    "network_topicpage_lead_countries": "countries_countrypage_topics_led",
    "network_networkdocument_countries": "countries_countrypage_documents",
}

# Foreign keys of the renamed tables, and of a table that stays, that must follow the renames.
FOREIGN_KEYS: dict[str, dict[str, str]] = {
    "news_newspage_countries": {"newspage_id": "news_newspage", "countrypage_id": "countries_countrypage"},
    "news_newspage_topics": {"newspage_id": "news_newspage", "topicpage_id": "network_topicpage"},
    "portals_portal": {"country_id": "countries_countrypage", "institution_id": "portals_institution"},
    "countries_countrypage_topics_led": {
        "countrypage_id": "countries_countrypage",
        "topicpage_id": "network_topicpage",
    },
    "countries_countrypage_documents": {
        "countrypage_id": "countries_countrypage",
        "networkdocument_id": "network_networkdocument",
    },
    "events_eventpage_organizing_institutions": {"institution_id": "portals_institution"},
}


@dataclass
class Content:
    """The ids of what the previous version's models created; ids survive the move."""

    country: int
    topic: int
    news_index: int
    news: int
    directory: int
    institution: int
    portal: int
    event: int
    document: int
    news_content_type: int


def migrate(targets: Iterable[Target]) -> MigrationExecutor:
    """Migrate the test database to ``targets``; the returned executor knows what is applied now."""
    MigrationExecutor(connection).migrate(list(targets))
    # The migrations relabel content types behind the process-wide cache's back.
    ContentType.objects.clear_cache()
    return MigrationExecutor(connection)


def latest() -> list[Target]:
    """Where this version's migrations end: where every other test expects the database."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def previous_version() -> list[Target]:
    """The previous version's leaves, with the other apps (Wagtail, Django) where they are today."""
    return [
        *PREVIOUS_LEAVES.items(),
        *((app, name) for app, name in latest() if app not in PREVIOUS_LEAVES and app not in NEW_APPS),
    ]


def back_to_previous_version() -> list[Target]:
    """The previous version's leaves, with this version's new apps unapplied."""
    return [*previous_version(), *((app, None) for app in NEW_APPS)]


def link(instance: Model, field_name: str, *targets: Model) -> None:
    """Rows in a many-to-many join table, written directly: the historical page models are not
    clusterable, so a ``ParentalManyToManyField`` would keep them in memory until a save that
    never writes them."""
    field = type(instance)._meta.get_field(field_name)
    through = field.remote_field.through
    through.objects.bulk_create(
        through(**{field.m2m_field_name(): instance, field.m2m_reverse_field_name(): target})
        for target in targets
    )


def linked(model: type[Model], field_name: str, pk: int) -> set[int]:
    """The ids a many-to-many field of ``model`` relates row ``pk`` to, read from its join table."""
    field = model._meta.get_field(field_name)
    return set(
        field.remote_field.through.objects.filter(**{field.m2m_field_name(): pk}).values_list(
            field.m2m_reverse_field_name(), flat=True
        )
    )


def build_previous_content(executor: MigrationExecutor) -> Content:
    """A small bilingual site written with the previous version's models, as its database held it."""
    apps = executor.loader.project_state(previous_version()).apps
    content_types = apps.get_model("contenttypes", "ContentType").objects
    historical_page = apps.get_model("wagtailcore", "Page")
    collection = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    locale = apps.get_model("wagtailcore", "Locale").objects.get(language_code="es")

    def content_type(model: type[Model]) -> Model:
        return content_types.get_or_create(app_label=model._meta.app_label, model=model._meta.model_name)[0]

    def add_child(parent: Model, app: str, name: str, slug_es: str, slug_en: str, **fields) -> Model:
        """A live page under ``parent``, with the tree columns treebeard would have written;
        the titles and slugs in each language are Page columns added outside migrations
        (wagtail-modeltranslation's ``migrate``), which the historical Page does not know."""
        model = apps.get_model(app, name)
        siblings = historical_page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        last = siblings.order_by("-path").values_list("path", flat=True).first()
        step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        title_es, title_en = fields.pop("title_es"), fields.pop("title_en")
        page = model.objects.create(
            path=parent.path + Page._int2str(step).rjust(Page.steplen, Page.alphabet[0]),
            depth=parent.depth + 1,
            numchild=0,
            title=title_es,
            draft_title=title_es,
            slug=slug_es,
            url_path=f"{parent.url_path}{slug_es}/",
            live=True,
            content_type=content_type(model),
            locale=locale,
            **fields,
        )
        historical_page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE wagtailcore_page SET title_es = %s, title_en = %s, slug_es = %s, slug_en = %s,"
                " url_path_es = %s, url_path_en = %s WHERE id = %s",
                [
                    title_es,
                    title_en,
                    slug_es,
                    slug_en,
                    page.url_path,
                    f"{parent.url_path}{slug_en}/",
                    page.pk,
                ],
            )
        return page

    root = historical_page.objects.get(depth=1)
    home = add_child(
        root, "network", "HomePage", "red", "network", title_es="Red", title_en="Network", intro_en="Home"
    )
    country = add_child(
        home,
        "countries",
        "CountryPage",
        "chile",
        "chile",
        title_es="Chile",
        title_en="Chile (en)",
        intro_es="País miembro.",
        intro_en="Member country.",
        iso_alpha2="CL",
        iso_alpha3="CHL",
        subregion="south-america",
    )
    topic = add_child(
        home,
        "network",
        "TopicPage",
        "datos-abiertos",
        "open-data",
        title_es="Datos abiertos",
        title_en="Open data",
        intro_en="Publishing procurement data.",
    )
    link(topic, "lead_countries", country)
    news_index = add_child(
        home,
        "network",
        "NewsIndexPage",
        "noticias",
        "news",
        title_es="Noticias",
        title_en="News",
        intro_en="What the network does.",
    )
    news = add_child(
        news_index,
        "network",
        "NewsPage",
        "nuevo-portal",
        "new-portal",
        title_es="Nuevo portal",
        title_en="New portal",
        intro_es="Chile abre su portal.",
        intro_en="Chile opens its portal.",
    )
    link(news, "countries", country)
    link(news, "topics", topic)
    directory = add_child(
        home,
        "network",
        "PortalDirectoryPage",
        "portales",
        "portals",
        title_es="Portales",
        title_en="Portals",
        intro_en="Every member's portals.",
    )
    institution = apps.get_model("network", "Institution").objects.create(
        name="Dirección ChileCompra", name_es="Dirección ChileCompra", name_en="ChileCompra", country=country
    )
    portal = apps.get_model("network", "Portal").objects.create(
        name="Mercado Público",
        name_es="Mercado Público",
        name_en="Public Market",
        kind="e-procurement",
        url="https://www.mercadopublico.cl/",
        country=country,
        institution=institution,
    )
    event = add_child(
        home,
        "events",
        "EventPage",
        "conferencia",
        "conference",
        title_es="Conferencia",
        title_en="Conference",
        intro_en="The yearly conference.",
        start_date="2024-10-01",
        end_date="2024-10-03",
        host_country=country,
    )
    link(event, "organizing_institutions", institution)
    document = apps.get_model("network", "NetworkDocument").objects.create(
        title="Informe anual", file="documents/informe.pdf", collection=collection
    )
    link(document, "countries", country)
    link(document, "topics", topic)
    return Content(
        country=country.pk,
        topic=topic.pk,
        news_index=news_index.pk,
        news=news.pk,
        directory=directory.pk,
        institution=institution.pk,
        portal=portal.pk,
        event=event.pk,
        document=document.pk,
        news_content_type=news.content_type_id,
    )


def assert_current_content(content: Content) -> None:
    """Every row, relation and translation, read through today's models."""
    country = CountryPage.objects.get(pk=content.country)
    assert (country.iso_alpha2, country.title_es, country.title_en, country.intro_en) == (
        "CL",
        "Chile",
        "Chile (en)",
        "Member country.",
    )
    topic = TopicPage.objects.get(pk=content.topic)
    document = NetworkDocument.objects.get(pk=content.document)
    assert list(topic.lead_countries.all()) == [country]
    assert list(country.topics_led.all()) == [topic]
    assert list(document.countries.all()) == [country]
    assert list(country.documents.all()) == [document]
    assert list(document.topics.all()) == [topic]

    news = NewsPage.objects.get(pk=content.news)
    assert (news.title_en, news.intro_en, news.slug_en) == (
        "New portal",
        "Chile opens its portal.",
        "new-portal",
    )
    assert list(news.countries.all()) == [country]
    assert list(news.topics.all()) == [topic]
    assert news.get_parent().specific == NewsIndexPage.objects.get(pk=content.news_index)
    assert PortalDirectoryPage.objects.get(pk=content.directory).title_en == "Portals"

    institution = Institution.objects.get(pk=content.institution)
    portal = Portal.objects.get(pk=content.portal)
    assert (institution.name_en, institution.country) == ("ChileCompra", country)
    assert (portal.name_en, portal.country, portal.institution) == ("Public Market", country, institution)
    event = EventPage.objects.get(pk=content.event)
    assert (event.title_en, event.host_country) == ("Conference", country)
    assert list(event.organizing_institutions.all()) == [institution]

    # Pages, revisions and permissions point at the content type by id: it must be the same row.
    assert ContentType.objects.get_for_model(NewsPage).pk == content.news_content_type
    pages = {
        content.news: NewsPage,
        content.news_index: NewsIndexPage,
        content.directory: PortalDirectoryPage,
    }
    assert {pk: type(Page.objects.get(pk=pk).specific) for pk in pages} == pages
    assert Page.find_problems() == ([], [], [], [], [])


def assert_tables_renamed() -> None:
    """The new apps' table names, with the foreign keys following them (SQLite rewrites references
    on rename only with ``legacy_alter_table`` off; PostgreSQL by table, not by name)."""
    tables = set(connection.introspection.table_names())
    assert not tables & set(RENAMED_TABLES)
    assert set(RENAMED_TABLES.values()) <= tables
    with connection.cursor() as cursor:
        for table, expected in FOREIGN_KEYS.items():
            relations = connection.introspection.get_relations(cursor, table)
            assert {column: relations[column][1] for column in expected} == expected, table


def assert_previous_content(executor: MigrationExecutor, content: Content) -> None:
    """After migrating back: the relations and rows as the previous version's models read them."""
    apps = executor.loader.project_state(previous_version()).apps
    assert set(RENAMED_TABLES) <= set(connection.introspection.table_names())
    assert linked(apps.get_model("network", "TopicPage"), "lead_countries", content.topic) == {
        content.country
    }
    assert linked(apps.get_model("network", "NetworkDocument"), "countries", content.document) == {
        content.country
    }
    news_page = apps.get_model("network", "NewsPage")
    news = news_page.objects.get(pk=content.news)
    assert (news.intro_en, news.content_type_id) == ("Chile opens its portal.", content.news_content_type)
    assert linked(news_page, "countries", content.news) == {content.country}
    assert linked(apps.get_model("events", "EventPage"), "organizing_institutions", content.event) == {
        content.institution
    }
    assert apps.get_model("network", "Portal").objects.get(pk=content.portal).institution_id == (
        content.institution
    )
    page_types = apps.get_model("wagtailcore", "Page").objects.filter(
        pk__in=[content.news, content.news_index, content.directory]
    )
    assert set(page_types.values_list("pk", "content_type__app_label", "content_type__model")) == {
        (content.news, "network", "newspage"),
        (content.news_index, "network", "newsindexpage"),
        (content.directory, "network", "portaldirectorypage"),
    }


@pytest.fixture
def outside_transactions(django_db_setup, django_db_blocker):
    """The test database outside any transaction, put back as it was afterwards, schema and rows.

    Migrations cannot run inside a test's transaction (SQLite's schema editor refuses to, and
    PostgreSQL would hold every table's lock until the end). pytest-django's transactional tests
    empty every table afterwards, Wagtail's root page and default site included, which the tests
    that run after this one on the same worker need; so the rows are saved first and written back.
    """
    with django_db_blocker.unblock():
        own_databases = None
        if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
            # Run on its own, no test asked pytest-django for a database: never migrate the
            # developer's own, make the test database here.
            own_databases = setup_databases(verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS})
        rows = connection.creation.serialize_db_to_string()
        try:
            yield
        finally:
            migrate(latest())
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(rows)
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(statement)
            ContentType.objects.clear_cache()
            if own_databases is not None:
                teardown_databases(own_databases, verbosity=0)


@pytest.mark.usefixtures("outside_transactions")
def test_previous_version_database_migrates_forward_and_back() -> None:
    executor = migrate(back_to_previous_version())
    content = build_previous_content(executor)

    migrate(latest())
    assert_current_content(content)
    assert_tables_renamed()

    # The rollback as an operator makes it, app by app, each run creating the content types
    # of the models in the state it reached.
    call_command("migrate", "contracting", "zero", verbosity=0)
    call_command("migrate", "news", "zero", verbosity=0)
    call_command("migrate", "portals", "zero", verbosity=0)
    call_command("migrate", "search", "0005_postgres_match_table", verbosity=0)
    ContentType.objects.clear_cache()
    executor = MigrationExecutor(connection)
    assert not executor.migration_plan(back_to_previous_version())
    assert_previous_content(executor, content)

    migrate(latest())
    assert_current_content(content)
    assert_tables_renamed()
