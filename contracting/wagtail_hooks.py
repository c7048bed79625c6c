from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contracting import api, exports, reference_data, sections
from contracting.models import Dataset
from countries.models import CountryIndexPage, CountryPage
from network import reference
from network.exports import Dataset as ExportDataset
from network.sections import Section


def fetch_report(dataset: Dataset) -> str:
    """The first line of the last fetch's report: the import's counts, or the error."""
    return dataset.last_fetch_message.partition("\n")[0]


class DatasetViewSet(SnippetViewSet):
    """The datasets in the admin: where each comes from, and how its last fetch went."""

    model = Dataset
    icon = "table"
    menu_label = _("Open contracting data")
    add_to_admin_menu = True
    menu_order = 290
    list_display = [
        "name",
        "country",
        Column("process_count", label=_("Processes")),
        Column("release_count", label=_("Releases")),
        DateColumn("last_import_at", label=_("Last import")),
        DateColumn("last_fetch_at", label=_("Last fetch")),
        Column("last_fetch_result", label=_("Result"), accessor="get_last_fetch_result_display"),
        Column("last_fetch_message", label=_("Report"), accessor=fetch_report),
    ]
    list_filter = ["country", "source", "last_fetch_result", "is_sample"]
    search_fields = ["name", "publisher"]


register_snippet(DatasetViewSet)


# Before the events (200) and the news (300): what the country buys comes before what it hosts.
@hooks.register("country_profile_sections", order=100)
def country_procurement_data(country: CountryPage, request: HttpRequest) -> Section | None:
    return sections.country_data(country, request)


@hooks.register("country_index_sections")
def country_comparison(page: CountryIndexPage, request: HttpRequest) -> Section | None:
    return sections.comparison_link(page, request)


# After the countries (order 10): the page's datasets belong to country profiles.
@hooks.register(reference.HOOK, order=30)
def register_procurement_data() -> list[reference.Dataset]:
    return [reference_data.PROCUREMENT_DATA]


@hooks.register("register_export_datasets")
def export_datasets() -> dict[str, ExportDataset]:
    return exports.DATASETS


@hooks.register("register_api_endpoints")
def api_endpoints() -> dict:
    return api.API_ENDPOINTS
