"""The 35 OAS member states, with the procurement agency where it is well known.

Guyana and Suriname are on the South American mainland, so they are listed in
South America even though they belong to the Caribbean Community. ``member_since``
is 2005 for the 18 countries whose officials attended the III Inter-American
Seminar in Santiago, where the single network was agreed; it stays empty for the
others because the record does not say when, or whether, they joined.
"""

from typing import NamedTuple

from django.utils.text import slugify

from countries.models import CountryIndexPage, CountryPage, Subregion
from network.demo import profiles
from network.skeleton import ensure_child

NORTH = Subregion.NORTH_AMERICA
CENTRAL = Subregion.CENTRAL_AMERICA
CARIBBEAN = Subregion.CARIBBEAN
SOUTH = Subregion.SOUTH_AMERICA


class Agency(NamedTuple):
    name_es: str
    name_en: str
    acronym: str = ""
    url: str = ""


class Country(NamedTuple):
    iso2: str
    iso3: str
    name_es: str
    name_en: str
    subregion: str
    agency: Agency | None = None


# The countries represented at the III Inter-American Seminar (Santiago de Chile, June 2005).
FOUNDING_MEMBERS = frozenset(
    {
        "AR",
        "BO",
        "BR",
        "CO",
        "CL",
        "CR",
        "EC",
        "SV",
        "GT",
        "HN",
        "JM",
        "MX",
        "NI",
        "PA",
        "PY",
        "PE",
        "US",
        "UY",
    }
)
FOUNDING_YEAR = 2005

COUNTRIES = (
    # --- North America -------------------------------------------------------
    Country(
        "CA",
        "CAN",
        "Canadá",
        "Canada",
        NORTH,
        Agency(
            "Servicios Públicos y Adquisiciones de Canadá",
            "Public Services and Procurement Canada",
            "PSPC",
            "https://www.canada.ca/en/public-services-procurement.html",
        ),
    ),
    Country("US", "USA", "Estados Unidos", "United States", NORTH),
    Country("MX", "MEX", "México", "Mexico", NORTH),
    # --- Central America ------------------------------------------------------
    Country("BZ", "BLZ", "Belice", "Belize", CENTRAL),
    Country("CR", "CRI", "Costa Rica", "Costa Rica", CENTRAL),
    Country("SV", "SLV", "El Salvador", "El Salvador", CENTRAL),
    Country(
        "GT",
        "GTM",
        "Guatemala",
        "Guatemala",
        CENTRAL,
        Agency(
            "Dirección General de Adquisiciones del Estado",
            "Directorate-General of State Procurement",
            "DGAE",
        ),
    ),
    Country(
        "HN",
        "HND",
        "Honduras",
        "Honduras",
        CENTRAL,
        Agency(
            "Oficina Normativa de Contratación y Adquisiciones del Estado",
            "State Procurement and Contracting Regulatory Office",
            "ONCAE",
        ),
    ),
    Country(
        "NI",
        "NIC",
        "Nicaragua",
        "Nicaragua",
        CENTRAL,
        Agency(
            "Dirección General de Contrataciones del Estado",
            "Directorate-General of State Procurement",
            "DGCE",
        ),
    ),
    Country(
        "PA",
        "PAN",
        "Panamá",
        "Panama",
        CENTRAL,
        Agency(
            "Dirección General de Contrataciones Públicas",
            "Directorate-General of Public Procurement",
            "DGCP",
            "https://www.panamacompra.gob.pa",
        ),
    ),
    # --- Caribbean ------------------------------------------------------------
    Country("AG", "ATG", "Antigua y Barbuda", "Antigua and Barbuda", CARIBBEAN),
    Country("BS", "BHS", "Bahamas", "The Bahamas", CARIBBEAN),
    Country("BB", "BRB", "Barbados", "Barbados", CARIBBEAN),
    Country("CU", "CUB", "Cuba", "Cuba", CARIBBEAN),
    Country("DM", "DMA", "Dominica", "Dominica", CARIBBEAN),
    Country(
        "DO",
        "DOM",
        "República Dominicana",
        "Dominican Republic",
        CARIBBEAN,
        Agency(
            "Dirección General de Contrataciones Públicas",
            "Directorate-General of Public Procurement",
            "DGCP",
            "https://www.dgcp.gob.do",
        ),
    ),
    Country("GD", "GRD", "Granada", "Grenada", CARIBBEAN),
    Country(
        "HT",
        "HTI",
        "Haití",
        "Haiti",
        CARIBBEAN,
        Agency(
            "Comisión Nacional de Contrataciones Públicas", "National Public Procurement Commission", "CNMP"
        ),
    ),
    Country("JM", "JAM", "Jamaica", "Jamaica", CARIBBEAN),
    Country("KN", "KNA", "San Cristóbal y Nieves", "Saint Kitts and Nevis", CARIBBEAN),
    Country("LC", "LCA", "Santa Lucía", "Saint Lucia", CARIBBEAN),
    Country("VC", "VCT", "San Vicente y las Granadinas", "Saint Vincent and the Grenadines", CARIBBEAN),
    Country(
        "TT",
        "TTO",
        "Trinidad y Tobago",
        "Trinidad and Tobago",
        CARIBBEAN,
        Agency("Oficina de Regulación de las Adquisiciones", "Office of Procurement Regulation", "OPR"),
    ),
    # --- South America --------------------------------------------------------
    Country(
        "AR",
        "ARG",
        "Argentina",
        "Argentina",
        SOUTH,
        Agency("Oficina Nacional de Contrataciones", "National Procurement Office", "ONC"),
    ),
    Country("BO", "BOL", "Bolivia", "Bolivia", SOUTH),
    Country("BR", "BRA", "Brasil", "Brazil", SOUTH),
    Country("CL", "CHL", "Chile", "Chile", SOUTH),
    Country(
        "CO",
        "COL",
        "Colombia",
        "Colombia",
        SOUTH,
        Agency(
            "Agencia Nacional de Contratación Pública – Colombia Compra Eficiente",
            "National Public Procurement Agency – Colombia Compra Eficiente",
            "ANCP-CCE",
            "https://www.colombiacompra.gov.co",
        ),
    ),
    Country("EC", "ECU", "Ecuador", "Ecuador", SOUTH),
    Country(
        "GY",
        "GUY",
        "Guyana",
        "Guyana",
        SOUTH,
        Agency(
            "Junta Nacional de Administración de Adquisiciones y Licitaciones",
            "National Procurement and Tender Administration Board",
            "NPTAB",
        ),
    ),
    Country(
        "PY",
        "PRY",
        "Paraguay",
        "Paraguay",
        SOUTH,
        Agency(
            "Dirección Nacional de Contrataciones Públicas",
            "National Directorate of Public Procurement",
            "DNCP",
            "https://www.contrataciones.gov.py",
        ),
    ),
    Country("PE", "PER", "Perú", "Peru", SOUTH),
    Country("SR", "SUR", "Surinam", "Suriname", SOUTH),
    Country(
        "UY",
        "URY",
        "Uruguay",
        "Uruguay",
        SOUTH,
        Agency("Agencia Reguladora de Compras Estatales", "State Procurement Regulatory Agency", "ARCE"),
    ),
    Country(
        "VE",
        "VEN",
        "Venezuela",
        "Venezuela",
        SOUTH,
        Agency("Servicio Nacional de Contrataciones", "National Procurement Service", "SNC"),
    ),
)


def _agency_fields(agency: Agency | None) -> dict:
    if agency is None:
        return {}
    return {
        "agency_name_es": agency.name_es,
        "agency_name_en": agency.name_en,
        "agency_acronym": agency.acronym,
        "agency_url": agency.url,
    }


def _country_fields(country: Country) -> dict:
    return {
        "slug_en": slugify(country.name_en),
        "title_es": country.name_es,
        "title_en": country.name_en,
        "iso_alpha2": country.iso2,
        "iso_alpha3": country.iso3,
        "subregion": country.subregion,
        "member_since": FOUNDING_YEAR if country.iso2 in FOUNDING_MEMBERS else None,
        **_agency_fields(country.agency),
    }


def load(index: CountryIndexPage) -> dict[str, CountryPage]:
    """Every member state, keyed by ISO alpha-2 code; full profiles where the network has one.

    A country is found by its ISO code anywhere in the tree, so an editor may rename or move it.
    """
    modules = profiles.load_modules()
    existing = {page.iso_alpha2: page for page in CountryPage.objects.all()}
    pages = {}
    for country in COUNTRIES:
        page = existing.get(country.iso2)
        if page is None:
            fields = {**_country_fields(country), **profiles.profile_fields(country.iso2, modules)}
            page, _created = ensure_child(index, CountryPage, slugify(country.name_es), **fields)
        pages[country.iso2] = page
    return pages
