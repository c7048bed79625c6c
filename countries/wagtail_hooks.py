from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from countries import datasets, exports, structured_data
from countries.dashboard import CountryEditorPanel, edited_countries
from countries.editors import choosable_documents, choosable_pages, sees_only_its_country
from countries.models import (
    CountryIndexPage,
    CountryPage,
    PracticePage,
    ProcurementModule,
    by_country,
    of_live_countries,
)
from network import reference
from network.exports import Dataset
from network.feeds import FeedSubject
from network.listing import filtered_url, index_urls, shortlist
from network.menu import MenuLink
from network.models import TopicPage
from network.models.documents import Facet
from network.ordering import alphabetical
from network.params import parse_country_code
from network.sections import CardDetail, Section
from network.structured_data import PageSchema
from network.tree import LINK_FIELDS, linked, visible, visible_among


class ProcurementModuleViewSet(SnippetViewSet):
    model = ProcurementModule
    icon = "cogs"
    list_display = ["name", "code", "sort_order"]


register_snippet(ProcurementModuleViewSet)


# --- What the network's pages show of the countries (see network.sections) -------------


@hooks.register("main_menu_links")
def practices_menu_link(sections: list[Page], request: HttpRequest) -> MenuLink | None:
    """The good practices, right after the countries that shared them; a practice belongs there."""
    index = next((section for section in sections if section.specific_class is CountryIndexPage), None)
    if index is None:
        return None
    url = index.get_url(request) + CountryIndexPage.practices_route()
    return MenuLink(gettext("Good practices"), url, index, (PracticePage,))


@hooks.register("home_page_features", order=100)
def home_map(page: Page, request: HttpRequest) -> Section:
    return Section("countries/sections/home_map.html")


@hooks.register("topic_page_facts", order=100)
def topic_lead_countries(topic: TopicPage, request: HttpRequest) -> Section:
    return Section(
        "countries/sections/topic_lead_countries.html",
        {"lead_countries": alphabetical(visible_among(topic.lead_countries.all()))},
    )


@hooks.register("topic_card_details", order=100)
def topic_card_lead_countries() -> CardDetail:
    countries = visible(CountryPage.objects.defer_streamfields()).order_by("title")
    return CardDetail(
        (Prefetch("lead_countries", queryset=countries),), "countries/sections/topic_card_lead_countries.html"
    )


@hooks.register("document_card_details", order=100)
def document_card_countries() -> CardDetail:
    countries = Prefetch("countries", queryset=linked(CountryPage).order_by("title"))
    return CardDetail((countries,), "countries/sections/document_card_countries.html")


def country_labels(counts: dict) -> list[tuple]:
    countries = (
        visible(CountryPage.objects.filter(iso_alpha2__in=counts))
        .only("title", "iso_alpha2")
        .order_by("title")
    )
    return [(country.iso_alpha2, country.title) for country in countries]


@hooks.register("library_facets", order=400)
def country_facet() -> Facet:
    return Facet("country", _("Country"), "countries__iso_alpha2", parse_country_code, country_labels)


@hooks.register("topic_page_sections", order=200)
def topic_practices(topic: TopicPage, request: HttpRequest) -> Section:
    """The practices on the topic, grouped under their countries."""
    urls = index_urls(request, CountryIndexPage)
    practices_url = urls[CountryIndexPage] + CountryIndexPage.practices_route() if urls else ""
    live_practices = of_live_countries(visible(topic.practices.only(*LINK_FIELDS, "date")))
    all_url = filtered_url(practices_url, topic=topic.pk)
    practices = shortlist(live_practices.order_by("-date", "-pk"), all_url)
    return Section(
        "countries/sections/topic_practices.html",
        {"practices": practices, "practices_by_country": by_country(practices.items)},
    )


# After the home page (order 0) and before the network's topics (order 20), so that the country
# index is the first section of the main menu; the modules come before the profiles that list them.
@hooks.register(reference.HOOK, order=10)
def register_country_data() -> list[reference.Dataset]:
    return [datasets.MODULE_DATA, datasets.MEMBER_STATE_DATA]


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, Dataset]:
    return exports.DATASETS


@hooks.register("register_feed_subjects")
def feed_subjects() -> dict[str, FeedSubject]:
    """Feeds narrowed to one country, found by its ISO code: ``feeds/countries/cl/news.rss``."""
    return {
        "country": FeedSubject(
            "countries/<country_code:country>/",
            lambda code: CountryPage.objects.filter(iso_alpha2=code),
            lambda country: country.iso_alpha2.lower(),
        )
    }


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA


# --- What a country's editors see of others' work in the admin ---------------------------


def _country_index() -> Page | None:
    return CountryIndexPage.objects.first()


@hooks.register("construct_page_chooser_queryset")
def country_editors_choose_visible_pages(pages: QuerySet, request: HttpRequest) -> QuerySet:
    if sees_only_its_country(request.user, _country_index()):
        return choosable_pages(pages, request.user)
    return pages


@hooks.register("construct_document_chooser_queryset")
def country_editors_choose_public_documents(documents: QuerySet, request: HttpRequest) -> QuerySet:
    if sees_only_its_country(request.user, _country_index()):
        return choosable_documents(documents, request.user)
    return documents


# --- The admin's dashboard ---------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def country_editor_panel(request: HttpRequest, panels: list) -> None:
    """A country's editors find their profile first on the dashboard."""
    countries = list(edited_countries(request.user))
    if countries:
        panels.append(CountryEditorPanel(countries))
