"""The countries app's reference data: the country index, the 35 member states and the
e-procurement modules (countries/data/*.yaml)."""

from pathlib import Path

from countries.models import CountryIndexPage, CountryPage, ProcurementModule
from network.models import HomePage
from network.reference import Attr, Dataset, Item, Kind, page_values, sync, translated

DATA = Path(__file__).resolve().parent / "data"
PAGE_TEXTS = (*translated("slug", "title"),)
AGENCY = (
    *translated("agency_name"),
    Attr("agency_acronym"),
    Attr("agency_url"),
    Attr("agency_source"),
    Attr("agency_as_of"),
)

COUNTRY_INDEX = Kind(
    source="countries.country_index",
    model=CountryIndexPage,
    fields=(*PAGE_TEXTS, *translated("intro"), Attr("show_in_menus")),
    find=lambda key, values: CountryIndexPage.objects.first(),
    parent=lambda: HomePage.objects.first(),
)
MEMBER_STATES = Kind(
    source="countries.member_states",
    model=CountryPage,
    fields=(
        *PAGE_TEXTS,
        Attr("iso_alpha2"),
        Attr("iso_alpha3"),
        Attr("subregion"),
        Attr("member_since"),
        *AGENCY,
    ),
    find=lambda key, values: CountryPage.objects.filter(iso_alpha2=key).first(),
    parent=lambda: CountryIndexPage.objects.first(),
)
MODULES = Kind(
    source="countries.procurement_modules",
    model=ProcurementModule,
    fields=(Attr("code"), *translated("name", "description"), Attr("sort_order")),
    find=lambda key, values: ProcurementModule.objects.filter(code=key).first(),
)


def _agency(country: Item) -> dict:
    """The agency, reported only with the official site it is known from and the date it was true."""
    if country.get("agency") is None:
        return {}
    agency = country.item("agency")
    return {
        **agency.translated("name", "agency_name"),
        "agency_acronym": agency.get("acronym", ""),
        "agency_url": agency.get("url", ""),
        "agency_source": agency.get("source") or agency["url"],
        "agency_as_of": agency["as_of"],
    }


def member_state_values(country: Item) -> dict:
    """A member state's page fields from its entry in member_states.yaml."""
    return {
        "slug_es": country.item("slug")["es"],
        "slug_en": country.item("slug")["en"],
        **country.translated("name", "title"),
        "iso_alpha2": country["iso2"],
        "iso_alpha3": country["iso3"],
        "subregion": country["subregion"],
        "member_since": country.get("member_since"),
        **_agency(country),
    }


def load_member_states(data: Item) -> None:
    index = data.item("index")
    sync(COUNTRY_INDEX, "index", {**page_values(index, "intro"), "show_in_menus": True}, index.where)
    for country in data.items("member_states"):
        sync(MEMBER_STATES, country["iso2"], member_state_values(country), country.where)


def load_procurement_modules(data: Item) -> None:
    for order, module in enumerate(data.items("modules")):
        values = {"code": module["code"], **module.translated("name"), **module.translated("description")}
        sync(MODULES, module["code"], {**values, "sort_order": order}, module.where)


MEMBER_STATE_DATA = Dataset("countries.member_states", DATA / "member_states.yaml", load_member_states)
MODULE_DATA = Dataset(
    "countries.procurement_modules", DATA / "procurement_modules.yaml", load_procurement_modules
)
