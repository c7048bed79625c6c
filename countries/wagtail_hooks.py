"""The countries app in the admin, and what it contributes to network's downloads, feeds and JSON-LD."""

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from countries import exports, structured_data
from countries.models import CountryPage, ProcurementModule
from network.exports import Dataset
from network.feeds import FeedSubject
from network.structured_data import PageSchema


class ProcurementModuleViewSet(SnippetViewSet):
    model = ProcurementModule
    icon = "cogs"
    list_display = ["name", "code", "sort_order"]


register_snippet(ProcurementModuleViewSet)


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, Dataset]:
    return exports.DATASETS


@hooks.register("register_feed_subjects")
def feed_subjects() -> dict[str, FeedSubject]:
    """Feeds narrowed to one country, found by its ISO code: ``feeds/countries/cl/news.rss``."""
    return {
        "country": FeedSubject(
            "countries/<str:country>/",
            lambda code: CountryPage.objects.filter(iso_alpha2=code.upper()),
            lambda country: country.iso_alpha2.lower(),
        )
    }


@hooks.register("register_structured_data")
def structured_data_of_pages() -> dict[type[Page], PageSchema]:
    return structured_data.STRUCTURED_DATA
