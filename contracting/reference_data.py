"""The contracting app's reference data: the procurement data page (contracting/data/)."""

from pathlib import Path

from contracting.models import ProcurementDataPage
from countries.models import CountryIndexPage
from network.models import HomePage
from network.reference import Attr, Dataset, Item, Kind, page_values, sync, translated
from network.skeleton import add_section_after

DATA = Path(__file__).resolve().parent / "data"

PROCUREMENT_DATA_PAGE = Kind(
    source="contracting.procurement_data_page",
    model=ProcurementDataPage,
    fields=(*translated("slug", "title", "intro"), Attr("show_in_menus")),
    find=lambda key, values: ProcurementDataPage.objects.first(),
    # In the main menu right after the countries, whose data it is.
    create=add_section_after(HomePage.objects.get, CountryIndexPage),
)


def load_procurement_data_page(data: Item) -> None:
    page = data.item("page")
    sync(PROCUREMENT_DATA_PAGE, "page", {**page_values(page, "intro"), "show_in_menus": True}, page.where)


PROCUREMENT_DATA = Dataset(
    "contracting.procurement_data_page", DATA / "procurement_data.yaml", load_procurement_data_page
)
