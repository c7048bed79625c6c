"""The contracting app's reference data: the procurement data page (contracting/data/)."""

from pathlib import Path

from contracting.models import ProcurementDataPage
from network.models import HomePage
from network.reference import Attr, Dataset, Item, Kind, page_values, sync, translated

DATA = Path(__file__).resolve().parent / "data"

PROCUREMENT_DATA_PAGE = Kind(
    source="contracting.procurement_data_page",
    model=ProcurementDataPage,
    fields=(*translated("slug", "title", "intro"), Attr("show_in_menus")),
    find=lambda key, values: ProcurementDataPage.objects.first(),
    parent=lambda: HomePage.objects.first(),
)


def load_procurement_data_page(data: Item) -> None:
    page = data.item("page")
    sync(PROCUREMENT_DATA_PAGE, "page", {**page_values(page, "intro"), "show_in_menus": True}, page.where)


PROCUREMENT_DATA = Dataset(
    "contracting.procurement_data_page", DATA / "procurement_data.yaml", load_procurement_data_page
)
